import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorOrganizationId: uuid("actor_organization_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    projectId: uuid("project_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * What identifies a person or was typed by one (addresses, names, search words, reasons),
     * with a random salt. The chain hashes only its digest, so it can be erased (set to null with
     * ip and user_agent) without breaking the chain (ADR 26). Null on rows written before that.
     */
    personal: jsonb("personal").$type<Record<string, unknown>>(),
    /** SHA-256 of [personal, ip, user_agent]; null marks a row of the older, fully hashed kind. */
    personalDigest: text("personal_digest"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  // Each filter of the compliance console's audit explorer walks one of these newest first; a
  // time range becomes a range of seq through the occurred_at index.
  (t) => [
    index("audit_events_actor_idx").on(t.actorUserId, t.seq),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId, t.seq),
    index("audit_events_project_idx").on(t.projectId, t.seq),
    index("audit_events_organization_idx").on(t.actorOrganizationId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
    index("audit_events_ip_idx").on(t.ip, t.seq),
    index("audit_events_occurred_idx").on(t.occurredAt),
  ],
);

// One row: the chain's head. Updating it serialises writers, which keeps seq gapless.
export const auditChainHead = pgTable("audit_chain_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

/**
 * The chain's head as it stood at a moment, signed with the installation's Ed25519 key (ADR 23):
 * a rewrite of the chain after this row no longer matches a signed hash, however consistently
 * the rewriter recomputed the hashes. Written by a job every N events or every hour.
 */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  hash: text("hash").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true, precision: 3 }).notNull(),
  /** The first 16 hex characters of the SHA-256 of the raw public key. */
  keyId: text("key_id").notNull(),
  /** Base64 Ed25519 signature over `checkpointMessage`. */
  signature: text("signature").notNull(),
});

/** A verification of the whole chain started from the compliance console, and how far it got. */
export const auditVerifications = pgTable("audit_verifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  startedById: uuid("started_by_id"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  /** The head when it started: what it sets out to check. */
  total: bigint("total", { mode: "number" }).notNull(),
  checked: bigint("checked", { mode: "number" }).notNull().default(0),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  ok: boolean("ok"),
  firstBadSeq: bigint("first_bad_seq", { mode: "number" }),
  reason: text("reason"),
  checkpoints: integer("checkpoints"),
});

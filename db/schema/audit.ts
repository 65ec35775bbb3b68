import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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

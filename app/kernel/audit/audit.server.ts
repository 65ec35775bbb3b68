import type { KeyObject } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64, encodeHexLowerCase } from "@oslojs/encoding";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import stringify from "safe-stable-stringify";
import { db, queryRows, type Database } from "#db/client.server";
import { auditChainHead, auditCheckpoints, auditEvents } from "#db/schema";
import type { AuditAction } from "./actions";
import { checkpointSignatureValid, keyIdOf } from "./checkpoint-signature";
import { auditSigningKey } from "./checkpoints.server";

export type AuditActor = {
  userId?: string | null;
  organizationId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

export type AuditEventInput = {
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  projectId?: string | null;
  /** Ids, codes, counts: what the chain hashes as it is, and no erasure will take away. */
  details?: Record<string, unknown>;
  /**
   * What identifies a person or was typed by one: addresses, names, search words, filter values,
   * free-text reasons. Stored beside the event and hashed only through a salted digest, so it can
   * be erased later without breaking the chain (ADR 26).
   */
  personal?: Record<string, unknown>;
};

type ChainedFields = {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganizationId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  projectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  /** Null on rows written before ADR 26, whose hash covers ip and user agent directly. */
  personal?: Record<string, unknown> | null;
  personalDigest?: string | null;
  prevHash: string;
};

const sha256Hex = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** Marks the second item of a row's canonical array: where older rows have their time. */
const DIGEST_FORMAT = "personal-digest:v1";

/**
 * The canonical array a row's hash covers. Older rows (no digest) cover every column; newer
 * ones cover the digest of their personal part instead of it, ip and user agent, so those can be
 * erased. The marker in second place (a timestamp there in the older form) keeps the two apart.
 */
function canonicalItems(event: Omit<ChainedFields, "seq" | "prevHash">): unknown[] {
  const common = [
    event.actorUserId,
    event.actorOrganizationId,
    event.action,
    event.subjectType,
    event.subjectId,
    event.projectId,
  ];
  if (event.personalDigest == null) {
    return [event.occurredAt.toISOString(), ...common, event.ip, event.userAgent, event.details];
  }
  return [
    DIGEST_FORMAT,
    event.occurredAt.toISOString(),
    ...common,
    event.details,
    event.personalDigest,
  ];
}

/** The hash covers every chained column but itself, in a fixed order, with JSON keys sorted. */
export function hashAuditEvent(event: ChainedFields): string {
  return sha256Hex(stringify([event.seq, ...canonicalItems(event), event.prevHash]));
}

/**
 * The digest of a row's personal part (salt included), ip and user agent. The random salt makes
 * the digest useless for confirming a guessed address once the personal part is erased.
 */
export function personalDigest(
  personal: Record<string, unknown>,
  ip: string | null,
  userAgent: string | null,
): string {
  return sha256Hex(stringify([personal, ip, userAgent]));
}

/**
 * Whether a row's personal part, ip and user agent are what its digest says: present and
 * matching, or erased together. Older rows (no digest) have no separate personal part.
 */
export function personalPartProblem(row: ChainedFields): string | null {
  if (row.personalDigest == null) {
    return row.personal == null ? null : "it has a personal part but no digest of it";
  }
  if (row.personal == null) {
    return row.ip === null && row.userAgent === null
      ? null
      : "its personal part is erased but its address or browser is not";
  }
  return personalDigest(row.personal, row.ip, row.userAgent) === row.personalDigest
    ? null
    : "its personal part, address or browser does not match its digest";
}

type Pending = {
  actor: AuditActor;
  event: AuditEventInput;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
};

/** Events waiting for the writer, and whether it is running. */
const queue: Pending[] = [];
let writing = false;
const BATCH = 200;

/**
 * Appends one event. Pass the transaction of the change it records so both commit or neither.
 * Without one (a read: a view, a download) the event joins the next batch of the process's one
 * writer and this resolves once that batch has committed: many readers share one lock of the
 * chain head instead of queueing for it one by one (see ADR 0005).
 */
export async function recordAudit(
  actor: AuditActor,
  event: AuditEventInput,
  executor?: Database,
): Promise<number> {
  if (executor) {
    const [seq] = await appendEvents(executor, [{ actor, event }]);
    return seq!;
  }
  return new Promise<number>((resolve, reject) => {
    queue.push({ actor, event, resolve, reject });
    void writeQueued();
  });
}

async function writeQueued() {
  if (writing) return;
  writing = true;
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, BATCH);
      try {
        const seqs = await appendEvents(db(), batch);
        batch.forEach((item, index) => item.resolve(seqs[index]!));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  } finally {
    writing = false;
  }
}

/**
 * The canonical JSON `hashAuditEvent` hashes, without its first and last items (the sequence
 * number and the previous hash): the database splices those in under the head's lock. Cutting
 * the brackets off is exact because a stringified array has no whitespace and encodes each item
 * alike wherever it stands.
 */
function canonicalWithoutChain(fields: Omit<ChainedFields, "seq" | "prevHash">): string {
  return stringify(canonicalItems(fields)).slice(1, -1);
}

/**
 * Chains events after the head, in order, in one statement: `audit_append` (migration 0015)
 * locks the head until commit, numbers and hashes each event as `hashAuditEvent` does, and
 * moves the head on.
 */
async function appendEvents(
  executor: Database,
  items: { actor: AuditActor; event: AuditEventInput }[],
): Promise<number[]> {
  const events = items.map(({ actor, event }) => {
    const fields = {
      occurredAt: new Date(),
      actorUserId: actor.userId ?? null,
      actorOrganizationId: actor.organizationId ?? null,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      projectId: event.projectId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      details: event.details ?? {},
      // The salt last, so no caller's key can replace it.
      personal: {
        ...event.personal,
        salt: encodeBase64(crypto.getRandomValues(new Uint8Array(16))),
      },
    };
    const digest = personalDigest(fields.personal, fields.ip, fields.userAgent);
    return {
      occurred_at: fields.occurredAt.toISOString(),
      actor_user_id: fields.actorUserId,
      actor_organization_id: fields.actorOrganizationId,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      project_id: fields.projectId,
      ip: fields.ip,
      user_agent: fields.userAgent,
      details: fields.details,
      personal: fields.personal,
      personal_digest: digest,
      canonical: canonicalWithoutChain({ ...fields, personalDigest: digest }),
    };
  });
  const [row] = await queryRows<{ first: number | string }>(
    executor,
    sql`select audit_append(${JSON.stringify(events)}::jsonb) as first`,
  );
  const first = Number(row!.first);
  return events.map((_, index) => first + index);
}

export type ChainVerdict =
  | { ok: true; checked: number; checkpoints: number }
  | { ok: false; checked: number; checkpoints: number; firstBadSeq: number; reason: string };

const GENESIS = "0".repeat(64);

export type Checkpoint = {
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
};

export type ChainedRow = ChainedFields & { hash: string };

/**
 * Walks a chain, batch by batch in order, and names the first row whose sequence, link or hash
 * is wrong; then holds it against the signed checkpoints (ADR 23): a chain rewritten
 * consistently from some row on has a valid chain of hashes but no longer the hash that was
 * signed, and a chain cut short no longer reaches the last signed row. Only checkpoints signed
 * with `publicKey` count. The database's chain and an exported copy are walked alike.
 */
export async function walkAuditChain(
  batches: AsyncIterable<ChainedRow[]>,
  options: {
    checkpoints: Checkpoint[];
    publicKey: KeyObject;
    onProgress?: (checked: number) => Promise<void> | void;
  },
): Promise<ChainVerdict & { lastSeq: number; lastHash: string }> {
  const keyId = keyIdOf(options.publicKey);
  const signed = options.checkpoints
    .filter((checkpoint) => checkpoint.keyId === keyId)
    .sort((a, b) => a.seq - b.seq);
  let lastGood = 0;
  let matched = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let checked = 0;
  const end = (verdict: ChainVerdict) => ({
    ...verdict,
    lastSeq: expectedSeq - 1,
    lastHash: prevHash,
  });
  for (const checkpoint of signed) {
    if (!checkpointSignatureValid(options.publicKey, checkpoint)) {
      return end(
        bad(0, 0, checkpoint.seq, `the checkpoint at ${checkpoint.seq} has no valid signature`),
      );
    }
  }
  const expectedAt = new Map(signed.map((checkpoint) => [checkpoint.seq, checkpoint]));
  for await (const batch of batches) {
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        return end(bad(checked, matched, expectedSeq, `sequence ${expectedSeq} is missing`));
      }
      if (row.prevHash !== prevHash) {
        return end(
          bad(checked, matched, row.seq, "its previous-hash link does not match the row before it"),
        );
      }
      if (hashAuditEvent(row) !== row.hash) {
        return end(bad(checked, matched, row.seq, "its content does not match its hash"));
      }
      const personal = personalPartProblem(row);
      if (personal) return end(bad(checked, matched, row.seq, personal));
      const checkpoint = expectedAt.get(row.seq);
      if (checkpoint) {
        if (checkpoint.hash !== row.hash) {
          return end(
            bad(
              checked,
              matched,
              lastGood + 1,
              `events ${lastGood + 1} to ${row.seq} were rewritten after they were signed on ${checkpoint.signedAt}`,
            ),
          );
        }
        lastGood = row.seq;
        matched += 1;
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    await options.onProgress?.(checked);
  }
  const lastSigned = signed.at(-1);
  if (lastSigned && lastSigned.seq >= expectedSeq) {
    return end(
      bad(
        checked,
        matched,
        expectedSeq,
        `the chain ends at ${expectedSeq - 1}, but ${lastSigned.seq} events were signed on ${lastSigned.signedAt}`,
      ),
    );
  }
  return end({ ok: true, checked, checkpoints: matched });
}

/** The database's chain, in batches of 2,000 in order. */
export async function* storedChain(
  database: Database,
  untilSeq = Number.MAX_SAFE_INTEGER,
): AsyncIterable<ChainedRow[]> {
  let after = 0;
  for (;;) {
    const batch = await database
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.seq, after), lte(auditEvents.seq, untilSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(2000);
    if (batch.length === 0) return;
    yield batch;
    after = batch.at(-1)!.seq;
  }
}

/**
 * Verifies the database's chain against its own checkpoints (or `checkpoints`, an auditor's
 * copy) and the installation's key, and that the chain head points at its last row.
 */
export async function verifyAuditChain(
  database: Database = db(),
  options: {
    onProgress?: (checked: number) => Promise<void> | void;
    checkpoints?: Checkpoint[];
  } = {},
): Promise<ChainVerdict> {
  const checkpoints =
    options.checkpoints ??
    (await database.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq))).map(
      (row) => ({ ...row, signedAt: row.signedAt.toISOString() }),
    );
  // The head as it stands now: events appended while the walk runs are the next walk's.
  const [head] = await database.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  const { lastSeq, lastHash, ...verdict } = await walkAuditChain(storedChain(database, head?.seq), {
    checkpoints,
    publicKey: auditSigningKey().publicKey,
    onProgress: options.onProgress,
  });
  if (!verdict.ok) return verdict;
  // Rows cut off the end of the chain leave the head pointing past the last row.
  if (head && (head.seq !== lastSeq || head.hash !== lastHash)) {
    return bad(
      verdict.checked,
      verdict.checkpoints,
      lastSeq + 1,
      `the chain head expects ${head.seq} rows`,
    );
  }
  return verdict;
}

function bad(
  checked: number,
  checkpoints: number,
  firstBadSeq: number,
  reason: string,
): ChainVerdict {
  return { ok: false, checked, checkpoints, firstBadSeq, reason };
}

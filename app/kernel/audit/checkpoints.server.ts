import { hkdfSync } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { auditChainHead, auditCheckpoints } from "#db/schema";
import { env } from "~/kernel/env.server";
import type { JobWorker } from "~/kernel/jobs/jobs.server";
import { keyIdOf, publicKeyHex, signCheckpoint, signingKeyOfSeed } from "./checkpoint-signature";

/** The installation's signing key: AUDIT_SIGNING_KEY, else one derived from ENCRYPTION_KEY. */
export function auditSigningKey() {
  const { AUDIT_SIGNING_KEY, ENCRYPTION_KEY } = env();
  const seed = AUDIT_SIGNING_KEY
    ? Buffer.from(AUDIT_SIGNING_KEY, "hex")
    : // A key of its own: a signature never reveals anything about the encryption key.
      Buffer.from(
        hkdfSync("sha256", Buffer.from(ENCRYPTION_KEY, "hex"), "", "ambit audit checkpoints", 32),
      );
  const pair = signingKeyOfSeed(seed);
  return { ...pair, keyId: keyIdOf(pair.publicKey), publicKeyHex: publicKeyHex(pair.publicKey) };
}

const HOUR_MS = 3600_000;

/**
 * Signs the chain's head when AUDIT_CHECKPOINT_EVERY events were appended since the last
 * checkpoint, or an hour has passed and the head has moved at all. Returns the new checkpoint's
 * seq, or null when none was due.
 */
export async function writeCheckpointIfDue(now = new Date(), database: Database = db()) {
  const [[head], [last]] = await Promise.all([
    database.select().from(auditChainHead).where(eq(auditChainHead.id, 1)),
    database.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1),
  ]);
  if (!head || head.seq === 0 || head.seq === last?.seq) return null;
  const due =
    !last ||
    head.seq - last.seq >= env().AUDIT_CHECKPOINT_EVERY ||
    now.getTime() - last.signedAt.getTime() >= HOUR_MS;
  if (!due) return null;
  const key = auditSigningKey();
  const signedAt = new Date(Math.floor(now.getTime()));
  const checkpoint = { seq: head.seq, hash: head.hash, signedAt: signedAt.toISOString() };
  await database
    .insert(auditCheckpoints)
    .values({
      seq: head.seq,
      hash: head.hash,
      signedAt,
      keyId: key.keyId,
      signature: signCheckpoint(key.privateKey, checkpoint),
    })
    .onConflictDoNothing();
  return head.seq;
}

export const AUDIT_CHECKPOINT = "audit-checkpoint";

/** Every five minutes, in whichever process pg-boss picks: at most one checkpoint each time. */
export const auditCheckpointWorker: JobWorker = {
  name: AUDIT_CHECKPOINT,
  handler: async () => {
    await writeCheckpointIfDue();
  },
  schedule: "*/5 * * * *",
};

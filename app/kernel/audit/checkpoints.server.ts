import { hkdfSync } from "node:crypto";
import { and, desc, eq, lte } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { auditChainHead, auditCheckpoints } from "#db/schema";
import { env } from "~/kernel/env.server";
import type { JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { keyIdOf, publicKeyHex, signCheckpoint, signingKeyOfSeed } from "./checkpoint-signature";
import type { CertificateSignature } from "./signed-certificate";

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

/**
 * A stored certificate's signature as it is handed out: with the public key when this
 * installation's key signed it, else (a key since replaced) with its key id alone.
 */
export function storedSignature(keyId: string, value: string): CertificateSignature {
  const key = auditSigningKey();
  return {
    algorithm: "Ed25519",
    keyId,
    publicKey: keyId === key.keyId ? key.publicKeyHex : "",
    value,
  };
}

const HOUR_MS = 3600_000;

/**
 * Signs the chain's head when AUDIT_CHECKPOINT_EVERY events were appended since the last
 * checkpoint, or an hour has passed and the head has moved at all. Returns the new checkpoint's
 * seq, or null when none was due.
 */
export async function writeCheckpointIfDue(now = new Date(), database: Database = db()) {
  const key = auditSigningKey();
  const [head] = await database.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head) return null;
  // The last checkpoint this key signed within the chain: a row someone inserted with another
  // key or past the head cannot make checkpoints stop being due.
  const [last] = await database
    .select()
    .from(auditCheckpoints)
    .where(and(eq(auditCheckpoints.keyId, key.keyId), lte(auditCheckpoints.seq, head.seq)))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(1);
  if (head.seq === 0 || head.seq === last?.seq) return null;
  const due =
    !last ||
    head.seq - last.seq >= env().AUDIT_CHECKPOINT_EVERY ||
    now.getTime() - last.signedAt.getTime() >= HOUR_MS;
  if (!due) return null;
  const signedAt = new Date(Math.floor(now.getTime()));
  const checkpoint = { seq: head.seq, hash: head.hash, signedAt: signedAt.toISOString() };
  const written = await database
    .insert(auditCheckpoints)
    .values({
      seq: head.seq,
      hash: head.hash,
      signedAt,
      keyId: key.keyId,
      signature: signCheckpoint(key.privateKey, checkpoint),
    })
    .onConflictDoNothing()
    .returning({ seq: auditCheckpoints.seq });
  // Another process signed the same head a moment ago; anything else there is not ours.
  if (written.length === 0) {
    const [there] = await database
      .select()
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.seq, head.seq));
    if (there?.keyId !== key.keyId || there.hash !== head.hash) {
      logger.error(
        { seq: head.seq },
        "audit checkpoint: a row not signed by this key is in the way",
      );
    }
    return null;
  }
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

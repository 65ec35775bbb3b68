import { createReadStream } from "node:fs";
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { asc, lte } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { auditCheckpoints } from "#db/schema";
import {
  storedChain,
  walkAuditChain,
  type ChainedRow,
  type ChainVerdict,
  type Checkpoint,
} from "./audit.server";
import { keyIdOf, publicKeyOfHex } from "./checkpoint-signature";
import { auditSigningKey } from "./checkpoints.server";

export const COPY_LOG = "audit-log.jsonl";
export const COPY_CHECKPOINTS = "audit-checkpoints.json";

/** The signed checkpoints as exported: with the key that signed them, to hold against one's own. */
type CheckpointFile = { keyId: string; publicKey: string; checkpoints: Checkpoint[] };

/**
 * Writes a copy of the whole log (one JSON line per event, every hashed field) and its signed
 * checkpoints into `directory`, for an auditor to verify away from the installation.
 */
export async function exportAuditCopy(directory: string, database: Database = db()) {
  await mkdir(directory, { recursive: true });
  const log = await open(path.join(directory, COPY_LOG), "w");
  let events = 0;
  let lastSeq = 0;
  try {
    for await (const batch of storedChain(database)) {
      const lines = batch.map((row) =>
        JSON.stringify({ ...row, occurredAt: row.occurredAt.toISOString() }),
      );
      await log.write(`${lines.join("\n")}\n`);
      events += batch.length;
      lastSeq = batch.at(-1)!.seq;
    }
  } finally {
    await log.close();
  }
  const key = auditSigningKey();
  // Those within the copy: one signed while it was written would seem to say it was cut short.
  const checkpoints = await database
    .select()
    .from(auditCheckpoints)
    .where(lte(auditCheckpoints.seq, lastSeq))
    .orderBy(asc(auditCheckpoints.seq));
  const file: CheckpointFile = {
    keyId: key.keyId,
    publicKey: key.publicKeyHex,
    checkpoints: checkpoints.map((row) => ({ ...row, signedAt: row.signedAt.toISOString() })),
  };
  await writeFile(path.join(directory, COPY_CHECKPOINTS), `${JSON.stringify(file, null, 2)}\n`);
  return { events, checkpoints: checkpoints.length, keyId: key.keyId, publicKey: key.publicKeyHex };
}

class UnreadableCopy extends Error {}

/** An exported log, read back in batches of 2,000 rows. */
async function* copiedChain(logPath: string): AsyncIterable<ChainedRow[]> {
  const lines = createInterface({ input: createReadStream(logPath, "utf8"), crlfDelay: Infinity });
  let batch: ChainedRow[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (!line.trim()) continue;
    let row: ChainedRow & { occurredAt: string };
    try {
      row = JSON.parse(line) as ChainedRow & { occurredAt: string };
    } catch {
      throw new UnreadableCopy(`line ${number} of the log is not a JSON event`);
    }
    batch.push({ ...row, occurredAt: new Date(row.occurredAt) });
    if (batch.length === 2000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Verifies an exported copy without the installation: its chain, and its checkpoints against
 * the public key the auditor holds (not the one the file names, which a forger would replace).
 */
export async function verifyAuditCopy(input: {
  logPath: string;
  checkpointsPath: string;
  publicKeyHex: string;
}): Promise<ChainVerdict> {
  const publicKey = publicKeyOfHex(input.publicKeyHex);
  const file = JSON.parse(await readFile(input.checkpointsPath, "utf8")) as CheckpointFile;
  if (!file.checkpoints.some((checkpoint) => checkpoint.keyId === keyIdOf(publicKey))) {
    return {
      ok: false,
      checked: 0,
      checkpoints: 0,
      firstBadSeq: 0,
      reason: "no checkpoint in the file is signed with this public key",
    };
  }
  try {
    const {
      lastSeq: _seq,
      lastHash: _hash,
      ...verdict
    } = await walkAuditChain(copiedChain(input.logPath), {
      checkpoints: file.checkpoints,
      publicKey,
    });
    return verdict;
  } catch (error) {
    if (!(error instanceof UnreadableCopy)) throw error;
    return { ok: false, checked: 0, checkpoints: 0, firstBadSeq: 0, reason: error.message };
  }
}

import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { and, gt, inArray } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { documentVersions, subjectExports } from "#db/schema";
import { assertStorageKey, type FileStorage } from "./file-storage";
import { uploadTempDir } from "./storage.server";
import { logger } from "~/kernel/logger.server";

export type SweepResult = {
  /** Stored objects looked at. */
  checked: number;
  /** Files no version refers to, removed. */
  orphans: number;
  /** Half-copied `.partial` files, removed. */
  partials: number;
  /** Abandoned upload temp files, removed. */
  tempFiles: number;
  /** Stored names that are not our keys: left alone, only logged. */
  foreign: number;
};

const BATCH = 500;

const isStorageKey = (key: string) => {
  try {
    assertStorageKey(key);
    return true;
  } catch {
    return false;
  }
};

/**
 * The keys of `keys` that some document version refers to, as file or thumbnail, or that hold
 * a data-subject export which may still be downloaded (a lapsed one's file goes with the sweep).
 */
async function referenced(database: Database, keys: string[], now: Date) {
  const found = new Set<string>();
  if (!keys.length) return found;
  const rows = await database
    .select({ file: documentVersions.storageKey, thumbnail: documentVersions.thumbnailKey })
    .from(documentVersions)
    .where(inArray(documentVersions.storageKey, keys));
  const thumbnails = await database
    .select({ file: documentVersions.storageKey, thumbnail: documentVersions.thumbnailKey })
    .from(documentVersions)
    .where(inArray(documentVersions.thumbnailKey, keys));
  const exports = await database
    .select({ key: subjectExports.fileKey })
    .from(subjectExports)
    .where(and(inArray(subjectExports.fileKey, keys), gt(subjectExports.expiresAt, now)));
  for (const row of exports) found.add(row.key!);
  for (const row of [...rows, ...thumbnails]) {
    found.add(row.file);
    if (row.thumbnail) found.add(row.thumbnail);
  }
  return found;
}

/**
 * Removes what a crash left behind, and lapsed data-subject exports: stored files nothing
 * refers to, `.partial` copies, and upload temp files. Only things older than the grace period go, so an upload
 * between storing its file and committing its row is never touched. Running it twice is harmless.
 */
export async function sweepStorage({
  storage,
  olderThanMinutes = 60,
  now = new Date(),
  database = db(),
  tempDir,
}: {
  storage: FileStorage;
  olderThanMinutes?: number;
  now?: Date;
  database?: Database;
  /** Where upload temp files live; the configured one by default. */
  tempDir?: string;
}): Promise<SweepResult> {
  const cutoff = now.getTime() - olderThanMinutes * 60_000;
  const result: SweepResult = { checked: 0, orphans: 0, partials: 0, tempFiles: 0, foreign: 0 };
  const partials: string[] = [];
  const orphans: string[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const keep = await referenced(database, batch, now);
    orphans.push(...batch.filter((key) => !keep.has(key)));
    batch = [];
  };

  // Everything is listed before anything is removed: removing while paging would skip files.
  for await (const object of storage.list()) {
    result.checked += 1;
    if (object.modifiedAt.getTime() > cutoff) continue;
    if (object.key.endsWith(".partial") && isStorageKey(object.key.slice(0, -8))) {
      partials.push(object.key);
    } else if (isStorageKey(object.key)) {
      batch.push(object.key);
      if (batch.length >= BATCH) await flush();
    } else {
      result.foreign += 1;
      logger.warn(
        { key: object.key },
        "storage sweep: a stored name that is not a key, left alone",
      );
    }
  }
  await flush();

  for (let start = 0; start < orphans.length; start += BATCH) {
    await storage.remove(orphans.slice(start, start + BATCH));
  }
  if (partials.length) await storage.remove(partials);
  result.orphans = orphans.length;
  result.partials = partials.length;
  result.tempFiles = await sweepTempDir(tempDir ?? (await uploadTempDir()), cutoff);

  if (result.orphans || result.partials || result.tempFiles) {
    logger.info({ ...result, storage: storage.kind }, "storage sweep removed leftovers");
  }
  return result;
}

/** Upload temp files older than the cutoff: their request is long gone. */
async function sweepTempDir(dir: string, cutoff: number) {
  let removed = 0;
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs > cutoff) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

import { createHash } from "node:crypto";
import { and, asc, gt, inArray } from "drizzle-orm";
import { db } from "#db/client.server";
import { openRequestStatuses, requests } from "#db/schema";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { logger } from "~/kernel/logger.server";
import { isUuid } from "~/kernel/query-input";
import { refreshDueDates } from "./request-clock.server";
import { requestSettings, type RequestSettings } from "./request-settings.server";

/** The queue that derives the due dates of the open requests again after the settings changed. */
export const REQUEST_DUE_REFRESH = "request-due-refresh";

/** Open requests whose due dates are refreshed in one transaction. */
const REFRESH_BATCH = 500;

/** Batches one job runs before the rest of its pass becomes a job of its own (seconds of work). */
const BATCHES_PER_JOB = 10;

/*
 * Every pass shares one key on a `singleton` queue: one of its jobs runs at a time across all
 * processes, while any number may wait. A save is thus never refused (a refusal would read as "no
 * queue here"), and two passes never lock the same requests side by side. A pass carries the
 * version of the settings it derives under; a batch that finds other settings stored ends it,
 * because the save that stored them queued a pass of its own from the first request. Saving twice
 * quickly costs at most a batch of the older pass, and the newest settings always get a whole one.
 */
const PASS_KEY = "open-requests";

/** A pass over the open requests, in id order: its settings' version and the last id done. */
export type DueRefreshJob = { version: string; after?: string };

/** A fingerprint of what the due dates depend on: the business calendar and the targets. */
export function dueDatesVersion(settings: RequestSettings) {
  return createHash("sha256")
    .update(JSON.stringify([settings.calendar, settings.targets]))
    .digest("base64url");
}

function parseJob(data: unknown): DueRefreshJob | undefined {
  const { version, after } = (data ?? {}) as Record<string, unknown>;
  if (typeof version !== "string") return undefined;
  if (after === undefined) return { version };
  return typeof after === "string" && isUuid(after) ? { version, after } : undefined;
}

/**
 * Derives the due dates of the pass's next batch again, in one transaction. The pass that
 * follows, or null once it is done or newer settings have superseded it.
 */
async function refreshBatch(job: DueRefreshJob, batchSize: number, now: Date) {
  return db().transaction(async (tx) => {
    if (dueDatesVersion(await requestSettings(tx)) !== job.version) {
      return { refreshed: 0, next: null };
    }
    const rows = await tx
      .select({ id: requests.id })
      .from(requests)
      .where(
        and(
          inArray(requests.status, [...openRequestStatuses]),
          job.after === undefined ? undefined : gt(requests.id, job.after),
        ),
      )
      .orderBy(asc(requests.id))
      .limit(batchSize)
      // A request changed meanwhile waits for its batch (or the batch for it), so the newer
      // history is never overwritten with due dates derived from the older one.
      .for("update");
    // Due dates follow the new settings: the history is unchanged, so they are the same as if the settings had always been these.
    for (const { id } of rows) await refreshDueDates(tx, id, now);
    const next = rows.length < batchSize ? null : { version: job.version, after: rows.at(-1)!.id };
    return { refreshed: rows.length, next };
  });
}

/**
 * A whole pass at once, a batch per transaction so that many requests never hold one long
 * transaction, under the stored settings unless a version is given. Returns how many open
 * requests got their due dates derived anew.
 */
export async function refreshOpenDueDates({
  now = new Date(),
  batchSize = REFRESH_BATCH,
  version,
}: { now?: Date; batchSize?: number; version?: string } = {}) {
  let job: DueRefreshJob | null = { version: version ?? dueDatesVersion(await requestSettings()) };
  let refreshed = 0;
  while (job) {
    const batch = await refreshBatch(job, batchSize, now);
    refreshed += batch.refreshed;
    job = batch.next;
  }
  return refreshed;
}

/**
 * After settings of the given version were saved: queues a pass under them; true when queued.
 * Where no queue runs (a script, a test) or it cannot take the job, the pass runs here and now,
 * so that saved settings never leave due dates stale.
 */
export async function queueDueRefresh(
  version: string,
  options: { now?: Date; batchSize?: number } = {},
) {
  try {
    const queued = await enqueueJob(REQUEST_DUE_REFRESH, { version }, { singletonKey: PASS_KEY });
    if (queued) return true;
  } catch (error) {
    logger.error({ err: error }, "due date refresh not queued: it runs in the request");
  }
  await refreshOpenDueDates({ ...options, version });
  return false;
}

/** The worker of the pass's jobs; smaller batches and jobs than the defaults are for tests. */
export function dueRefreshWorker({
  batchSize = REFRESH_BATCH,
  batchesPerJob = BATCHES_PER_JOB,
} = {}): JobWorker {
  return {
    name: REQUEST_DUE_REFRESH,
    handler: async (data) => {
      let job = parseJob(data) ?? null;
      if (!job) {
        logger.warn({ data }, "due date refresh: not a job this worker knows");
        return;
      }
      for (let batch = 0; job && batch < batchesPerJob; batch++) {
        job = (await refreshBatch(job, batchSize, new Date())).next;
      }
      if (!job) return;
      // The rest of the pass waits as a job of its own, so a restart or a deploy continues from
      // here. A queue that is stopping refuses it: then this job fails and runs again later.
      const queued = await enqueueJob(REQUEST_DUE_REFRESH, job, { singletonKey: PASS_KEY });
      if (!queued) throw new Error("due date refresh: the rest of the pass was not queued");
    },
    // Retried from its own cursor: its batches are done again, which changes nothing.
    options: { policy: "singleton", retryLimit: 5, retryDelay: 60, retryBackoff: true },
  };
}

export const requestDueRefreshWorker = dueRefreshWorker();

import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { fromPglite, PgBoss, type Queue, type SendOptions } from "pg-boss";
import type { Sql } from "postgres";
import { queryRows, type Database, type DatabaseHandle } from "#db/client.server";
import { sweepStorage } from "~/kernel/storage/sweep.server";
import { storage } from "~/kernel/storage/storage.server";
import { logger } from "~/kernel/logger.server";

export const STORAGE_SWEEP = "storage-sweep";

type Rows = { rows: unknown[] };

/** A parameter the way node-postgres (what pg-boss is written for) would send it. */
function asPgParameter(value: unknown) {
  if (value === undefined) return null;
  // node-postgres sends a Date as text; on drizzle's postgres.js client a Date reaches the wire
  // as is and is refused (pg-boss's crash-restart count failed at every start).
  if (value instanceof Date) return value.toISOString();
  // Objects go as JSON text; postgres.js would only serialize them for a known json column.
  if (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

/**
 * pg-boss over our own postgres.js pool. Its multi-statement blocks (migrations, `BEGIN …
 * COMMIT` claims) run on one reserved connection, since postgres.js refuses a BEGIN on a pool;
 * every statement's rows are returned, which pg-boss needs to see its lock rows.
 */
export function postgresJsForBoss(client: Sql) {
  const rowsOf = (result: unknown): Rows | Rows[] => {
    const list = result as unknown[];
    if (list.length > 0 && list.every((item) => Array.isArray(item))) {
      return list.map((item) => ({ rows: [...(item as unknown[])] }));
    }
    return { rows: [...list] };
  };
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) {
        const params = values.map(asPgParameter);
        return rowsOf(await client.unsafe(text, params as never[])) as Rows;
      }
      if (!/\bbegin\b/i.test(text)) return rowsOf(await client.unsafe(text)) as Rows;
      const reserved = await client.reserve();
      try {
        return rowsOf(await reserved.unsafe(text)) as Rows;
      } catch (error) {
        // A failed statement leaves the block's BEGIN open and aborted; the pool must not hand
        // that connection on (two processes installing pg-boss at once broke the loser's start).
        await reserved.unsafe("rollback").catch(() => undefined);
        throw error;
      } finally {
        reserved.release();
      }
    },
  };
}

/** pg-boss on whichever database the app opened, sharing its connection(s). */
export function bossFor(handle: DatabaseHandle) {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  return handle.kind === "pglite"
    ? new PgBoss({ db: fromPglite(client as PGlite), backend: "pglite", schema: "pgboss" })
    : new PgBoss({ db: postgresJsForBoss(client as Sql), schema: "pgboss" });
}

let running: PgBoss | undefined;
/** The queues this process created (and pg-boss so holds in its cache). */
const startedQueues = new Set<string>();

/** A feature's background work: its queue, what runs each job, and the queue's settings. */
export type JobWorker = {
  name: string;
  handler: (data: unknown) => Promise<void>;
  options?: Omit<Queue, "name">;
  /** A cron expression: the job runs on its own at those times, once across all processes. */
  schedule?: string;
};

/**
 * Starts the queue, the recurring jobs (the storage sweep, hourly) and the features' workers,
 * which the caller passes in: the kernel knows no feature.
 */
export async function startJobs(handle: DatabaseHandle, workers: readonly JobWorker[] = []) {
  const boss = bossFor(handle);
  boss.on("error", (error: Error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  await boss.createQueue(STORAGE_SWEEP);
  await boss.work(STORAGE_SWEEP, async () => {
    await sweepStorage({ storage: await storage() });
  });
  // Once an hour at minute 7, in whichever process pg-boss picks: one sweep per hour in total.
  await boss.schedule(STORAGE_SWEEP, "7 * * * *");
  for (const worker of workers) {
    await boss.createQueue(worker.name, worker.options);
    startedQueues.add(worker.name);
    await boss.work(worker.name, async (jobs) => {
      for (const job of jobs) await worker.handler(job.data);
    });
    if (worker.schedule) await boss.schedule(worker.name, worker.schedule);
  }
  running = boss;
  return boss;
}

/**
 * pg-boss's database adapter over a drizzle transaction, so that a job is queued by the same
 * commit as the row it is about (an email's entry and the job that sends it), or not at all.
 * Its `$n` placeholders become drizzle parameters, which both engines bind alike.
 */
export function jobDatabaseOf(tx: Database) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const chunks: SQL[] = text
        .split(/\$(\d+)/)
        .map((part, index) =>
          index % 2 === 0 ? sql.raw(part) : sql`${asPgParameter(values[Number(part) - 1])}`,
        );
      return { rows: await queryRows<unknown>(tx, sql.join(chunks)) };
    },
  };
}

/**
 * Queues a job on the running queue; the job's id, or null when pg-boss refused it as a duplicate
 * (its singletonKey) or no queue runs here. With `tx`, the job commits with that transaction.
 */
export async function enqueueJob(
  name: string,
  data: object,
  options: SendOptions = {},
  tx?: Database,
) {
  const boss = running;
  // Without a queue (a script, a test, a process shutting down) the job is dropped with a
  // warning, not an error: the write it follows has committed and must not be reported failed.
  if (!boss) {
    logger.warn({ job: name, data }, "no job queue runs in this process: job not queued");
    return null;
  }
  if (!tx) return boss.send(name, data, options);
  // pg-boss looks a queue up on its own connection unless it holds it in its cache; on PGlite
  // (one connection) that lookup would wait for the open transaction forever.
  if (!startedQueues.has(name)) throw new Error(`job queue ${name} was not started here`);
  return boss.send(name, data, { ...options, db: jobDatabaseOf(tx) });
}

export async function stopJobs() {
  const boss = running;
  running = undefined;
  startedQueues.clear();
  await boss?.stop({ graceful: true, timeout: 10_000 });
}

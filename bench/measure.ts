import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
// Renamed: `useDatabase` is no React hook, but the hooks lint rule goes by the name.
import {
  postgresSessionSettings,
  useDatabase as installDatabase,
  type Database,
} from "#db/client.server";
import * as schema from "#db/schema";

export type Query = { sql: string; params: unknown[] };
export type Stats = { p50: number; p95: number; n: number };

/** The tables that grow with use: no page may read one of them sequentially. */
export const BULK_TABLES = ["entries", "requests", "request_events", "audit_events"] as const;

export type PlanCheck = {
  /** "Index Scan using entries_project_timeline_idx on entries", … per measured query. */
  scans: string[];
  seqScanOnEntries: boolean;
  /** The bulk tables some statement reads with a sequential scan. */
  seqScans: string[];
  /** Execution time of one EXPLAIN ANALYZE, ms. */
  explainMs: number;
};

const round = (ms: number) => Math.round(ms * 100) / 100;

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}

export type Budget = { iterations: number; warmup: number; seconds: number };

/**
 * Runs `warmup` untimed and `iterations` timed calls, one after another; ms per call. A slow
 * page stops early once it has used its time budget (with at least 5 samples), so one query
 * gone bad cannot stall the whole run: the sample count is in the result. `after` runs
 * untimed after each timed call (the per-request database counters).
 */
export async function time(
  run: () => Promise<unknown>,
  budget: Budget,
  after?: () => Promise<void>,
) {
  const deadline = performance.now() + budget.seconds * 1000;
  for (let i = 0; i < budget.warmup && (i < 2 || performance.now() < deadline); i++) await run();
  const samples: number[] = [];
  const measuredFrom = performance.now();
  const measuredUntil = measuredFrom + budget.seconds * 1000;
  while (samples.length < budget.iterations) {
    if (samples.length >= 5 && performance.now() > measuredUntil) break;
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
    await after?.();
  }
  return stats(samples);
}

/**
 * The app's database for the model functions, through drizzle with a logger that records every
 * statement a call runs: those statements, replayed as they are, are the page's bare SQL.
 */
export function openRecordingDatabase(url: string) {
  // The app's own session settings, so the model calls and their replays plan as the app does.
  const options = { onnotice: () => {}, connection: postgresSessionSettings };
  const client = postgres(url, { max: 2, ...options });
  let recording: Query[] | undefined;
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => recording?.push({ sql, params }) },
  });
  installDatabase({
    kind: "postgres",
    db: db as unknown as Database,
    migrate: async () => {},
    close: () => client.end({ timeout: 5 }),
  });
  const raw = postgres(url, { max: 1, ...options });
  return {
    raw,
    /** The statements one call of `run` sends, and its result. */
    async record<T>(run: () => Promise<T>): Promise<{ queries: Query[]; result: T }> {
      recording = [];
      try {
        const result = await run();
        return { queries: recording, result };
      } finally {
        recording = undefined;
      }
    },
    /** The recorded statements, sent again with the same parameters, as drizzle sends them. */
    replay: async (queries: Query[]) => {
      for (const query of queries) await raw.unsafe(query.sql, query.params as never[]).values();
    },
    close: async () => {
      await raw.end({ timeout: 5 });
      await client.end({ timeout: 5 });
    },
  };
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
};

type ExplainResult = { Plan: PlanNode; "Execution Time": number };

function describeNode(node: PlanNode) {
  const relation = node["Relation Name"];
  if (!relation) return undefined;
  const index = node["Index Name"];
  return index
    ? `${node["Node Type"]} using ${index} on ${relation}`
    : `${node["Node Type"]} on ${relation}`;
}

function walk(node: PlanNode, visit: (node: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** EXPLAIN ANALYZE of every statement: which scans they use, and any sequential scan of a bulk table. */
export async function checkPlans(raw: postgres.Sql, queries: Query[]): Promise<PlanCheck> {
  const scans = new Set<string>();
  const seqScans = new Set<string>();
  let explainMs = 0;
  for (const query of queries) {
    if (!/^\s*(select|with)\b/i.test(query.sql)) continue;
    const [row] = await raw.unsafe(
      `explain (analyze, buffers, format json) ${query.sql}`,
      query.params as never[],
    );
    const [plan] = (row as unknown as { "QUERY PLAN": ExplainResult[] })["QUERY PLAN"];
    explainMs += plan!["Execution Time"];
    walk(plan!.Plan, (node) => {
      const described = describeNode(node);
      if (described) scans.add(described);
      const relation = node["Relation Name"];
      if (
        node["Node Type"] === "Seq Scan" &&
        relation &&
        (BULK_TABLES as readonly string[]).includes(relation)
      ) {
        seqScans.add(relation);
      }
    });
  }
  return {
    scans: [...scans].sort(),
    seqScanOnEntries: seqScans.has("entries"),
    seqScans: [...seqScans].sort(),
    explainMs: round(explainMs),
  };
}

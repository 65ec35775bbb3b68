import type postgres from "postgres";
import { stats, type Stats } from "./measure";
import { statementLabel } from "./statement-label";

/** One kind of statement a page sends: pg_stat_statements' normalised text, per request. */
export type StatementGroup = {
  label: string;
  query: string;
  perRequest: number;
  msPerRequest: number;
};

/** What the database did for each request of one page. */
export type PageStatements = {
  /** Statements of one request: the median over the measured requests, and their range. */
  statements: number;
  min: number;
  max: number;
  /** Planning + execution time of all of one request's statements, summed per request. */
  ms: Stats;
  groups: StatementGroup[];
  /** pg-boss's polling meanwhile, per request: left out of every number above. */
  background: number;
};

// Only the app's database, and never our own reads of the counters.
const OWN = `dbid = (select oid from pg_database where datname = current_database())
  and query not ilike '%pg_stat_statements%'`;
// The job queue polls over the app's pool; its statements all name its schema.
const BACKGROUND = `query ~* '\\mpgboss\\M'`;
// postgres.js sends `commit` as a prepared statement, and pg_stat_statements counts a prepared
// utility statement only the first time a connection runs it: every `begin` ends in one.
const BEGIN = `query ~* '^\\s*begin\\M'`;
const END = `query ~* '^\\s*(commit|rollback|end)\\M'`;
const UNSEEN_ENDS = `greatest(0, coalesce(sum(calls) filter (where ${BEGIN}), 0)
  - coalesce(sum(calls) filter (where ${END}), 0))`;

const round = (value: number) => Math.round(value * 100) / 100;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

/**
 * Counts, with pg_stat_statements (loaded by the bench cluster), the statements of every single
 * request of a page: its counters are read after each request, outside the timed part, and the
 * difference is that request's. The server runs nothing else then, except pg-boss's polling,
 * which names its schema and is counted apart.
 */
export async function statementCounter(raw: postgres.Sql) {
  const available = await raw`create extension if not exists pg_stat_statements`.then(
    () => raw`select 1 from pg_stat_statements limit 1`.then(() => true),
    () => false,
  );
  const totals = async () => {
    const [row] = await raw.unsafe<{ calls: number; ms: number; background: number }[]>(
      `select (coalesce(sum(calls) filter (where not (${BACKGROUND})), 0) + ${UNSEEN_ENDS})::int as calls,
        coalesce(sum(total_exec_time + total_plan_time) filter (where not (${BACKGROUND})), 0)::float8 as ms,
        coalesce(sum(calls) filter (where ${BACKGROUND}), 0)::int as background
      from pg_stat_statements where ${OWN}`,
    );
    return row!;
  };
  const groups = () =>
    raw.unsafe<{ query: string; calls: number; ms: number }[]>(
      `select query, calls::int as calls, (total_exec_time + total_plan_time)::float8 as ms
      from pg_stat_statements where ${OWN} and not (${BACKGROUND})
      union all
      select 'commit (prepared, not seen by pg_stat_statements)', ${UNSEEN_ENDS}::int, 0
      from pg_stat_statements where ${OWN} and not (${BACKGROUND})`,
    );
  return {
    available,
    /** Resets the counters; call `afterRequest` after each timed request, then `read`. */
    async page() {
      if (available) await raw`select pg_stat_statements_reset()`;
      let last = { calls: 0, ms: 0, background: 0 };
      const counts: number[] = [];
      const times: number[] = [];
      return {
        afterRequest: async () => {
          if (!available) return;
          const now = await totals();
          counts.push(now.calls - last.calls);
          times.push(now.ms - last.ms);
          last = now;
        },
        read: async (): Promise<PageStatements | undefined> => {
          if (!available || counts.length === 0) return undefined;
          const requests = counts.length;
          const per = (value: number) => round(value / requests);
          const rows = await groups();
          const byLabel = new Map<string, StatementGroup>();
          for (const row of rows) {
            const label = statementLabel(row.query);
            const query = row.query.replace(/\s+/g, " ").trim();
            const group = byLabel.get(label);
            if (group) {
              group.perRequest += row.calls;
              group.msPerRequest += row.ms;
            } else {
              byLabel.set(label, { label, query, perRequest: row.calls, msPerRequest: row.ms });
            }
          }
          const list = [...byLabel.values()]
            .map((group) => ({
              ...group,
              perRequest: per(group.perRequest),
              msPerRequest: per(group.msPerRequest),
            }))
            .filter((group) => group.perRequest > 0)
            .sort((a, b) => b.perRequest - a.perRequest || b.msPerRequest - a.msPerRequest);
          return {
            statements: median(counts),
            min: Math.min(...counts),
            max: Math.max(...counts),
            ms: stats(times),
            groups: list,
            background: per(last.background),
          };
        },
      };
    },
  };
}

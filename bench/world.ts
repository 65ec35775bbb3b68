import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openPostgres } from "#db/client.server";

export type Scale = {
  entries: number;
  projects: number;
  accounts: number;
  partnerOrgs: number;
  partnerUsers: number;
  documents: number;
};

export const HOST_NAME = "Ambit Bench Host GmbH";
/** The bulk tables: their secondary indexes and foreign keys are built after the load. */
const BULK_TABLES = ["entries"];

const seconds = (start: number) => Math.round((performance.now() - start) / 100) / 10;

function steps(): { name: string; sql: string }[] {
  const text = readFileSync(new URL("./generate.sql", import.meta.url), "utf8");
  return text
    .split(/^--- step: /m)
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf("\n");
      return { name: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1) };
    });
}

/**
 * Migrates with the app's own migrations, then generates the world unless this database holds
 * it already (a database with other data is refused). Returns the seconds each phase took.
 */
export async function prepareWorld(url: string, scale: Scale, log: (line: string) => void) {
  const started = performance.now();
  const app = openPostgres(url, { max: 1 });
  await app.migrate();
  await app.close();
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [state] = await client<{ organizations: number; bench: number }[]>`
      select count(*)::int as organizations,
        count(*) filter (where name = ${HOST_NAME})::int as bench
      from organizations`;
    if (state!.bench > 0) {
      log("the bench world is already there; not generating (use a fresh database to regenerate)");
      return { generated: false, seconds: seconds(started), steps: [] };
    }
    if (state!.organizations > 0) {
      throw new Error("This database holds other data: the bench generates only into an empty one");
    }
    const timings: { name: string; seconds: number }[] = [];
    const timed = async (name: string, run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      timings.push({ name, seconds: seconds(start) });
      log(`  ${name}: ${seconds(start)} s`);
    };

    await client.unsafe(`
      set temp_buffers = '1GB';
      set work_mem = '256MB';
      set maintenance_work_mem = '1GB';
      set max_parallel_workers_per_gather = 0;
      set synchronous_commit = off`);
    const settings: [string, number][] = [
      ["bench.entries", scale.entries],
      ["bench.projects", scale.projects],
      ["bench.accounts", scale.accounts],
      ["bench.partner_orgs", scale.partnerOrgs],
      ["bench.partner_users", scale.partnerUsers],
      ["bench.documents", scale.documents],
    ];
    for (const [name, value] of settings) {
      await client`select set_config(${name}, ${String(value)}, false)`;
    }

    const indexes = await client<{ name: string; def: string }[]>`
      select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
      from pg_index where indrelid = any(${BULK_TABLES}::regclass[]) and not indisprimary`;
    const foreignKeys = await client<{ table: string; name: string; def: string }[]>`
      select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint where conrelid = any(${BULK_TABLES}::regclass[]) and contype = 'f'`;
    for (const key of foreignKeys) {
      await client.unsafe(`alter table ${key.table} drop constraint "${key.name}"`);
    }
    for (const index of indexes) await client.unsafe(`drop index ${index.name}`);

    for (const step of steps()) await timed(step.name, () => client.unsafe(step.sql));
    await timed("indexes", async () => {
      for (const index of indexes) await client.unsafe(index.def);
    });
    await timed("foreign keys", async () => {
      for (const key of foreignKeys) {
        await client.unsafe(`alter table ${key.table} add constraint "${key.name}" ${key.def}`);
      }
    });
    await timed("vacuum analyze", () => client.unsafe("vacuum analyze"));
    return { generated: true, seconds: seconds(started), steps: timings };
  } finally {
    await client.end({ timeout: 5 });
  }
}

type WorldCounts = {
  entries: number;
  custom_audiences: number;
  custom_entries: number;
  projects: number;
  accounts: number;
  partner_organizations: number;
  users: number;
  partner_users: number;
  memberships: number;
  contacts: number;
  entries_mb: number;
  documents: number;
};

/** Row counts and sizes of what was generated, for the report. */
export async function describeWorld(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [counts] = await client<WorldCounts[]>`
      select
        (select count(*)::int from entries) as entries,
        (select count(*)::int from audiences where kind = 'custom') as custom_audiences,
        (select count(*)::int from entries e join audiences a on a.id = e.audience_id
          where a.kind = 'custom') as custom_entries,
        (select count(*)::int from projects) as projects,
        (select count(*)::int from organizations where kind = 'customer') as accounts,
        (select count(*)::int from organizations where kind = 'partner') as partner_organizations,
        (select count(*)::int from users) as users,
        (select count(*)::int from users where role = 'partner') as partner_users,
        (select count(*)::int from memberships) as memberships,
        (select count(*)::int from contacts) as contacts,
        (select pg_total_relation_size('entries')::float8 / 1048576)::int as entries_mb,
        (select count(*)::int from documents) as documents`;
    return counts!;
  } finally {
    await client.end({ timeout: 5 });
  }
}

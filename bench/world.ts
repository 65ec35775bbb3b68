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
  requests: number;
};

export const HOST_NAME = "Ambit Bench Host GmbH";

/**
 * The generator's files, in order, each with its bulk tables: their secondary indexes and
 * foreign keys are dropped before the file's steps and built again after them. The world's
 * steps commit one by one (autovacuum analyses the tables they filled before later steps read
 * them); the requests' steps run in one transaction, so that on a kept world a failed step
 * leaves it as it was, indexes and all (they analyse what they read themselves).
 */
const PHASES = {
  world: { file: "./generate.sql", bulk: ["entries"], transaction: false },
  requests: {
    file: "./generate-requests.sql",
    bulk: ["requests", "request_events"],
    transaction: true,
  },
  // One transaction: the chain head moves with the rows, or neither does.
  audit: { file: "./generate-audit.sql", bulk: ["audit_events"], transaction: true },
} as const;
type Phase = (typeof PHASES)[keyof typeof PHASES];

/** The bulk load's session settings (the generator's temp tables and sorts). */
const BULK_SETTINGS = `
  set temp_buffers = '1GB';
  set work_mem = '256MB';
  set maintenance_work_mem = '1GB';
  set max_parallel_workers_per_gather = 0;
  set synchronous_commit = off`;

const seconds = (start: number) => Math.round((performance.now() - start) / 100) / 10;

function steps(file: string): { name: string; sql: string }[] {
  const text = readFileSync(new URL(file, import.meta.url), "utf8");
  return text
    .split(/^--- step: /m)
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf("\n");
      return { name: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1) };
    });
}

type Timed = (name: string, run: () => Promise<unknown>) => Promise<void>;

/** One generator file's steps, with its bulk tables' indexes and foreign keys built after. */
async function generate(client: postgres.Sql, phase: Phase, timed: Timed) {
  if (phase.transaction) await client.begin((tx) => generateIn(tx, phase, timed));
  else await generateIn(client, phase, timed);
}

async function generateIn(
  client: postgres.Sql | postgres.TransactionSql,
  phase: Phase,
  timed: Timed,
) {
  const bulk = [...phase.bulk];
  const indexes = await client<{ name: string; def: string }[]>`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def
    from pg_index i
    where indrelid = any(${bulk}::regclass[]) and not indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  const foreignKeys = await client<{ table: string; name: string; def: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
    from pg_constraint where conrelid = any(${bulk}::regclass[]) and contype = 'f'`;
  for (const key of foreignKeys) {
    await client.unsafe(`alter table ${key.table} drop constraint "${key.name}"`);
  }
  for (const index of indexes) await client.unsafe(`drop index ${index.name}`);

  for (const step of steps(phase.file)) await timed(step.name, () => client.unsafe(step.sql));
  await timed(`indexes (${bulk.join(", ")})`, async () => {
    for (const index of indexes) await client.unsafe(index.def);
  });
  await timed(`foreign keys (${bulk.join(", ")})`, async () => {
    for (const key of foreignKeys) {
      await client.unsafe(`alter table ${key.table} add constraint "${key.name}" ${key.def}`);
    }
  });
}

/**
 * Moves a kept world's requests to the present: their SLA states (on track, at risk, breached)
 * are relative to the time they were generated, so a world reused hours later would have
 * drifted into breach. The newest `new` request was opened at generation time.
 */
async function reanchorRequests(client: postgres.Sql, log: (line: string) => void) {
  const [row] = await client<{ hours: number }[]>`
    select coalesce(extract(epoch from now() - max(created_at)) / 3600, 0)::float8 as hours
    from requests where status = 'new'`;
  const hours = row?.hours ?? 0;
  if (hours < 1) return;
  const shift = `${hours} hours`;
  await client.begin(async (tx) => {
    await tx`
      update requests set created_at = created_at + ${shift}::interval,
        updated_at = updated_at + ${shift}::interval, due_at = due_at + ${shift}::interval,
        at_risk_at = at_risk_at + ${shift}::interval,
        due_rank = case when due_at is null then due_rank else due_rank + ${shift}::interval end,
        first_responded_at = first_responded_at + ${shift}::interval,
        resolved_at = resolved_at + ${shift}::interval,
        reopenable_until = reopenable_until + ${shift}::interval,
        rated_at = rated_at + ${shift}::interval`;
    await tx`update request_events set at = at + ${shift}::interval`;
  });
  await client.unsafe("vacuum analyze requests, request_events");
  log(`  requests moved ${Math.round(hours)} h forward to the present (their SLA states)`);
}

/**
 * Migrates with the app's own migrations, then generates the world unless this database holds
 * it already (a database with other data is refused): a kept world without requests gets
 * only those. Returns the seconds each phase took.
 */
export async function prepareWorld(url: string, scale: Scale, log: (line: string) => void) {
  const started = performance.now();
  const app = openPostgres(url, { max: 1 });
  await app.migrate();
  await app.close();
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [state] = await client<{ organizations: number; bench: number; requests: number }[]>`
      select count(*)::int as organizations,
        count(*) filter (where name = ${HOST_NAME})::int as bench,
        (select count(*)::int from requests) as requests
      from organizations`;
    if (state!.bench > 0 && state!.requests > 0) {
      log("the bench world is already there; not generating (use a fresh database to regenerate)");
      await reanchorRequests(client, log);
      return { generated: false, seconds: seconds(started), steps: [] };
    }
    if (state!.bench === 0 && state!.organizations > 0) {
      throw new Error("This database holds other data: the bench generates only into an empty one");
    }
    const timings: { name: string; seconds: number }[] = [];
    const timed: Timed = async (name, run) => {
      const start = performance.now();
      await run();
      timings.push({ name, seconds: seconds(start) });
      log(`  ${name}: ${seconds(start)} s`);
    };

    await client.unsafe(BULK_SETTINGS);
    const settings: [string, number][] = [
      ["bench.entries", scale.entries],
      ["bench.projects", scale.projects],
      ["bench.accounts", scale.accounts],
      ["bench.partner_orgs", scale.partnerOrgs],
      ["bench.partner_users", scale.partnerUsers],
      ["bench.documents", scale.documents],
      ["bench.requests", scale.requests],
    ];
    for (const [name, value] of settings) {
      await client`select set_config(${name}, ${String(value)}, false)`;
    }

    if (state!.bench === 0) {
      await generate(client, PHASES.world, timed);
    } else {
      log("the bench world is there without requests: generating only those");
    }
    await generate(client, PHASES.requests, timed);
    await timed("vacuum analyze", () => client.unsafe("vacuum analyze"));
    return { generated: true, seconds: seconds(started), steps: timings };
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Appends generated audit events (bench/generate-audit.sql) until the log holds `events`, after
 * the world is there; a log that holds that many already is left as it is. Events a kept world
 * logged in earlier runs stay before the generated ones. Returns the seq of the last generated
 * event (the bench verifies the chain only after it) and the seconds it took.
 */
export async function prepareAuditEvents(url: string, events: number, log: (line: string) => void) {
  const started = performance.now();
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [head] = await client<{ seq: number; hash: string }[]>`
      select seq::float8 as seq, hash from audit_chain_head where id = 1`;
    if (!head) throw new Error("audit_chain_head is missing: the migrations did not run");
    // seq is gapless from 1: the head's seq is the number of events.
    const [generated] = await client<{ seq: number | null }[]>`
      select max(seq)::float8 as seq from audit_events
      where hash = md5('bench-audit-a:' || seq) || md5('bench-audit-b:' || seq)
        and seq > ${head.seq - 1_000_000}`;
    const lastGenerated = generated?.seq ?? undefined;
    if (head.seq >= events) {
      log(`the audit log holds ${head.seq.toLocaleString("en")} events already; not generating`);
      return { generated: false, seconds: seconds(started), steps: [], lastGenerated };
    }
    const count = events - head.seq;
    log(`generating ${count.toLocaleString("en")} audit events…`);
    const timings: { name: string; seconds: number }[] = [];
    const timed: Timed = async (name, run) => {
      const start = performance.now();
      await run();
      timings.push({ name, seconds: seconds(start) });
      log(`  ${name}: ${seconds(start)} s`);
    };
    await client.unsafe(BULK_SETTINGS);
    for (const [name, value] of [
      ["bench.audit_events", String(count)],
      ["bench.audit_base", String(head.seq)],
      ["bench.audit_head_hash", head.hash],
    ]) {
      await client`select set_config(${name!}, ${value!}, false)`;
    }
    await generate(client, PHASES.audit, timed);
    await timed("vacuum analyze (audit_events)", () =>
      client.unsafe("vacuum analyze audit_events"),
    );
    return {
      generated: true,
      seconds: seconds(started),
      steps: timings,
      lastGenerated: head.seq + count,
    };
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
  requests: number;
  open_requests: number;
  breached_requests: number;
  at_risk_requests: number;
  assigned_requests: number;
  request_events: number;
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
        (select count(*)::int from documents) as documents,
        r.requests, r.open_requests, r.breached_requests, r.at_risk_requests,
        r.assigned_requests,
        (select count(*)::int from request_events) as request_events
      from (select count(*)::int as requests,
          count(*) filter (where status in ('new', 'in_progress', 'waiting_on_customer'))::int
            as open_requests,
          count(*) filter (where due_at <= now())::int as breached_requests,
          count(*) filter (where at_risk_at <= now() and due_at > now())::int as at_risk_requests,
          count(*) filter (where assigned_organization_id is not null)::int as assigned_requests
        from requests) r`;
    return counts!;
  } finally {
    await client.end({ timeout: 5 });
  }
}

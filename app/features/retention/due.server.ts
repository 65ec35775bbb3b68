import { sql, type SQL } from "drizzle-orm";
import { db, queryRows, type Database } from "#db/client.server";
import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";
import type { RetentionRule } from "./rules.server";

/*
 * Which records a rule has expired, in SQL. A period runs from the end of the calendar year of
 * its trigger (§ 257 Abs. 5 HGB, § 147 Abs. 4 AO): a letter of June 2019 kept six years may go
 * from 1 January 2026. A record under a legal hold in force (on its project, its account, or a
 * contact person it involves) is never due: it is counted as held back instead.
 */

/** Records whose trigger lies before this instant have served their period. */
export function cutoffFor(years: number, now: Date) {
  return new Date(Date.UTC(now.getUTCFullYear() - years, 0, 1));
}

/** When a project closed: completed, at its end date or else its last change; open: never. */
const PROJECT_CLOSED = sql`case when p.status = 'completed' then coalesce(p.ends_on::timestamptz, p.updated_at) end`;

const held = (scope: "project" | "account" | "contact", id: SQL) =>
  sql`(h.scope = ${scope} and h.scope_id = ${id})`;
const holdIn = (conditions: SQL) =>
  sql`exists (select 1 from legal_holds h where h.released_at is null and (${conditions}))`;
const PROJECT_HELD = holdIn(
  sql`${held("project", sql`p.id`)} or ${held("account", sql`p.account_id`)}`,
);

type Source = {
  from: SQL;
  where?: SQL;
  id: SQL;
  title: SQL;
  project: SQL;
  at: Partial<Record<RetentionTrigger, SQL>>;
  held: SQL;
};

const sources: Record<RetentionRecordType, Source> = {
  entries: {
    from: sql`entries r join projects p on p.id = r.project_id`,
    id: sql`r.id::text`,
    title: sql`r.subject`,
    project: sql`p.name`,
    at: { created: sql`r.occurred_at`, projectClosed: PROJECT_CLOSED },
    // A contact person it involves may be held too.
    held: sql`(${PROJECT_HELD} or exists (
      select 1 from entry_participants ep join contacts c on c.id = ep.contact_id
      where ep.entry_id = r.id
        and ${holdIn(sql`${held("contact", sql`c.id`)} or ${held("account", sql`c.account_id`)}`)}))`,
  },
  // Attachments go with their entry or request, not by themselves.
  documents: {
    from: sql`documents r join projects p on p.id = r.project_id`,
    where: sql`r.entry_id is null and r.request_id is null`,
    id: sql`r.id::text`,
    title: sql`r.title`,
    project: sql`p.name`,
    at: { created: sql`r.created_at`, projectClosed: PROJECT_CLOSED },
    held: PROJECT_HELD,
  },
  requests: {
    from: sql`requests r join projects p on p.id = r.project_id`,
    id: sql`r.id::text`,
    title: sql`r.reference || ' ' || r.title`,
    project: sql`p.name`,
    at: { created: sql`r.created_at`, projectClosed: PROJECT_CLOSED },
    held: PROJECT_HELD,
  },
  contacts: {
    from: sql`contacts r join organizations o on o.id = r.account_id`,
    where: sql`r.erased_at is null`,
    id: sql`r.id::text`,
    title: sql`r.name`,
    project: sql`o.name`,
    at: {
      lastContact: sql`coalesce((select max(e.occurred_at) from entry_participants ep
        join entries e on e.id = ep.entry_id where ep.contact_id = r.id), r.created_at)`,
      created: sql`r.created_at`,
    },
    held: holdIn(sql`${held("contact", sql`r.id`)} or ${held("account", sql`r.account_id`)}`),
  },
  // Only the personal part goes (ADR 26): the events themselves, and the chain, stay whole.
  auditEvents: {
    from: sql`audit_events r left join projects p on p.id = r.project_id`,
    where: sql`r.personal_digest is not null and r.personal is not null`,
    id: sql`r.seq::text`,
    title: sql`r.action`,
    project: sql`p.name`,
    at: { created: sql`r.occurred_at` },
    held: sql`(p.id is not null and ${PROJECT_HELD})`,
  },
};

type Rule = Pick<RetentionRule, "recordType" | "years" | "trigger">;

function expired(rule: Rule, now: Date) {
  const source = sources[rule.recordType];
  const at = source.at[rule.trigger] ?? source.at.created!;
  const cutoff = cutoffFor(rule.years, now).toISOString();
  return {
    source,
    at,
    where: sql`${source.where ?? sql`true`} and ${at} < ${cutoff}::timestamptz`,
  };
}

export type DueFigures = { due: number; heldBack: number };

/** How many records the rule has expired, and how many of those legal holds keep. */
export async function dueFigures(rule: Rule, now: Date): Promise<DueFigures> {
  const { source, where } = expired(rule, now);
  const [row] = await queryRows<{ due: number | string; held: number | string }>(
    db(),
    sql`select count(*) filter (where not s.held) as due, count(*) filter (where s.held) as held
        from (select ${source.held} as held from ${source.from} where ${where}) s`,
  );
  return { due: Number(row?.due ?? 0), heldBack: Number(row?.held ?? 0) };
}

export type DueSample = { id: string; title: string; project: string | null; at: string };

/** The oldest few records due, to show what a run would take. */
export async function dueSample(rule: Rule, now: Date, limit = 5): Promise<DueSample[]> {
  const { source, at, where } = expired(rule, now);
  const rows = await queryRows<{
    id: string;
    title: string;
    project: string | null;
    at: Date | string;
  }>(
    db(),
    sql`select ${source.id} as id, ${source.title} as title, ${source.project} as project, ${at} as at
        from ${source.from} where ${where} and not ${source.held}
        order by ${at} limit ${limit}`,
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}

/** The ids of every record due now (sequence numbers for audit events), inside `executor`. */
export async function dueIds(executor: Database, rule: Rule, now: Date): Promise<string[]> {
  const { source, at, where } = expired(rule, now);
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`select ${source.id} as id from ${source.from} where ${where} and not ${source.held}
        order by ${at}`,
  );
  return rows.map((row) => row.id);
}

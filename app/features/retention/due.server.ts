import { TZDate } from "@date-fns/tz";
import { sql, type SQL } from "drizzle-orm";
import { db, queryRows, type Database } from "#db/client.server";
import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";
import { contactHeld, entryHeld, holdIn, projectHeld } from "~/features/compliance/index.server";
import { HOST_TIME_ZONE } from "~/kernel/time-zone";
import type { RetentionRule } from "./rules.server";

/*
 * Which records a rule has expired, in SQL. A period runs from the end of the calendar year of
 * its trigger (§ 257 Abs. 5 HGB, § 147 Abs. 4 AO): a letter of June 2019 kept six years may go
 * from 1 January 2026. A record under a legal hold in force (on its project, its account, or a
 * contact person it involves) is never due: it is counted as held back instead.
 */

/**
 * Records whose trigger lies before this instant have served their period: 1 January of the
 * year `years` back, at midnight in the host's time zone (the year a letter was written in is
 * the year on its date, in Germany).
 */
export function cutoffFor(years: number, now: Date) {
  const year = new TZDate(now, HOST_TIME_ZONE).getFullYear() - years;
  return new Date(new TZDate(year, 0, 1, HOST_TIME_ZONE).getTime());
}

/** When a project closed: completed, at its end date or else its last change; open: never. */
const PROJECT_CLOSED = sql`case when p.status = 'completed' then coalesce(p.ends_on::timestamptz, p.updated_at) end`;

const PROJECT_HELD = projectHeld(sql`p.id`);

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
    held: entryHeld(sql`r.id`, sql`r.project_id`),
  },
  // Attachments go with their entry or request, not by themselves.
  documents: {
    from: sql`documents r join projects p on p.id = r.project_id`,
    where: sql`r.entry_id is null and r.request_id is null`,
    id: sql`r.id::text`,
    title: sql`r.title`,
    project: sql`p.name`,
    // A document counts from its newest version.
    at: {
      created: sql`coalesce((select max(v.created_at) from document_versions v
        where v.document_id = r.id), r.created_at)`,
      projectClosed: PROJECT_CLOSED,
    },
    held: PROJECT_HELD,
  },
  // A request still open is never due, however old.
  requests: {
    from: sql`requests r join projects p on p.id = r.project_id`,
    where: sql`r.status in ('resolved', 'closed')`,
    id: sql`r.id::text`,
    title: sql`r.reference || ' ' || r.title`,
    project: sql`p.name`,
    at: { resolved: sql`coalesce(r.resolved_at, r.updated_at)`, projectClosed: PROJECT_CLOSED },
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
    held: contactHeld(sql`r.id`, sql`r.account_id`),
  },
  // Only the personal part goes (ADR 26): the events themselves, and the chain, stay whole.
  auditEvents: {
    from: sql`audit_events r left join projects p on p.id = r.project_id`,
    where: sql`r.personal_digest is not null and r.personal is not null`,
    id: sql`r.seq::text`,
    title: sql`r.action`,
    project: sql`p.name`,
    at: { created: sql`r.occurred_at` },
    // Events of a held project, and events about a held contact person or account.
    held: sql`((p.id is not null and ${PROJECT_HELD})
      or (r.subject_type = 'Contact' and exists (select 1 from contacts c
        where c.id::text = r.subject_id and ${contactHeld(sql`c.id`, sql`c.account_id`)}))
      or (r.subject_type in ('Account', 'Organization')
        and ${holdIn(sql`h.scope = 'account' and h.scope_id::text = r.subject_id`)}))`,
  },
};

type Rule = Pick<RetentionRule, "recordType" | "years" | "trigger">;

function expired(rule: Rule, now: Date) {
  const source = sources[rule.recordType];
  const at = source.at[rule.trigger] ?? Object.values(source.at)[0]!;
  const cutoff = cutoffFor(rule.years, now).toISOString();
  return {
    source,
    at,
    where: sql`${source.where ?? sql`true`} and ${at} < ${cutoff}::timestamptz`,
  };
}

export type DueFigures = { due: number; heldBack: number };

/** How many records the rule has expired, and how many of those legal holds keep. */
export async function dueFigures(
  rule: Rule,
  now: Date,
  executor: Database = db(),
): Promise<DueFigures> {
  const { source, where } = expired(rule, now);
  const [row] = await queryRows<{ due: number | string; held: number | string }>(
    executor,
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

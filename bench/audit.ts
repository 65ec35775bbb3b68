import { asc, count, desc, eq, gt } from "drizzle-orm";
import type postgres from "postgres";
import { db } from "#db/client.server";
import { auditChainHead, auditEvents } from "#db/schema";
import { defineAbilityFor, type AppAbility } from "#policies/ability";
import { translatorFor } from "~/i18n";
import { auditCsv } from "~/features/compliance/audit-export.server";
import { AUDIT_PAGE, auditWhere, listAuditEvents } from "~/features/compliance/audit-log.server";
import { parseAuditQuery, type AuditQuery } from "~/features/compliance/audit-query.server";
import { hashAuditEvent } from "~/kernel/audit/audit.server";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import { asUser, type BenchUser, type UserRow } from "./subjects";

/** The explorer's reader: host staff without a time zone of their own read days in the host's. */
export const AUDIT_TIME_ZONE = HOST_TIME_ZONE;

type Counted = { id: string; events: number };

/** The explorer's subjects: who reads it, and a busy and a rare value of each filter. */
export type AuditSubjects = {
  officer: BenchUser;
  busyActor: Counted;
  rareActor: Counted;
  organization: Counted;
  project: Counted;
  document: Counted;
  ip: Counted;
  /** Words that stand together in the subjects of a few entries: the item filter by title. */
  entryWords: { text: string; entries: number };
  /** Words of the most read document's title that a few hundred documents' titles hold. */
  documentWords: { text: string; documents: number };
  events: number;
};

/** A word no generated entry subject holds: the item filter's search that finds nothing. */
export const ABSENT_WORD = "Wintergarten";

/**
 * The compliance officer who reads the log, and per filter the value the explorer is measured
 * with: the actor, organisation, project, document and address with the most events, and the
 * actor with the fewest. One pass over the log (grouping sets).
 */
export async function pickAuditSubjects(raw: postgres.Sql): Promise<AuditSubjects> {
  const [officer] = await raw<UserRow[]>`
    select u.id, u.organization_id, u.role, o.kind, u.email
    from users u join organizations o on o.id = u.organization_id
    where u.role = 'compliance_officer' order by u.email limit 1`;
  const groups = await raw.begin(async (tx) => {
    await tx`set local work_mem = '512MB'`;
    return tx<{ dimension: string; id: string; events: number }[]>`
      with counted as (
        select actor_user_id::text as actor, actor_organization_id::text as organization,
          project_id::text as project, subject_type, subject_id, ip, count(*)::int as events,
          grouping(actor_user_id, actor_organization_id, project_id, subject_type, subject_id, ip)
            as g
        from audit_events
        group by grouping sets ((actor_user_id), (actor_organization_id), (project_id),
          (subject_type, subject_id), (ip))
      ), dimensions as (
        select 'actor' as dimension, actor as id, events from counted
          where g = 31 and actor is not null
        union all select 'organization', organization, events from counted
          where g = 47 and organization is not null
        union all select 'project', project, events from counted
          where g = 55 and project is not null
        union all select 'document', subject_id, events from counted
          where g = 57 and subject_type = 'Document'
        union all select 'ip', ip, events from counted where g = 62 and ip is not null
      )
      (select distinct on (dimension) 'busy ' || dimension as dimension, id, events
        from dimensions order by dimension, events desc, id)
      union all
      (select 'rare actor', id, events from dimensions where dimension = 'actor'
        order by events, id limit 1)`;
  });
  const pick = (name: string) => {
    const row = groups.find((group) => group.dimension === name);
    if (!row) throw new Error(`The audit log has no ${name}`);
    return { id: row.id, events: row.events };
  };
  const [head] = await raw<{ seq: number }[]>`
    select seq::float8 as seq from audit_chain_head where id = 1`;
  const entryWords = await pickEntryWords(raw);
  const documentWords = await pickDocumentWords(raw, pick("busy document").id);
  return {
    officer: asUser(officer, "compliance officer"),
    busyActor: pick("busy actor"),
    rareActor: pick("rare actor"),
    organization: pick("busy organization"),
    project: pick("busy project"),
    document: pick("busy document"),
    ip: pick("busy ip"),
    entryWords,
    documentWords,
    events: head?.seq ?? 0,
  };
}

/**
 * Two words that stand together in the subjects of at most 250 entries, as many as there are:
 * the rarest subject word followed by another. No single subject word is that rare (subjects
 * are drawn from the common vocabulary), and a reader narrows by typing a second word.
 */
async function pickEntryWords(raw: postgres.Sql) {
  const [pair] = await raw<{ text: string }[]>`
    with rarest as (
      select word from entries, unnest(string_to_array(subject, ' ')) word
      group by word order by count(*), word limit 1
    ), pairs as (
      select words[i] || ' ' || words[i + 1] as text, count(distinct e.id) as entries
      from entries e cross join rarest r
      cross join lateral string_to_array(e.subject, ' ') words
      cross join lateral generate_subscripts(words, 1) i
      where e.subject like '%' || r.word || '%' and words[i] = r.word
        and i < cardinality(words)
      group by 1
    )
    select text from pairs where entries <= 250 order by entries desc, text limit 1`;
  if (!pair) throw new Error("No two words of entry subjects are rare enough");
  // Counted as the filter matches them: anywhere in the subject, in any case.
  const [matched] = await raw<{ entries: number }[]>`
    select count(*)::int as entries from entries
    where subject ilike ${`%${pair.text}%`}`;
  return { text: pair.text, entries: matched?.entries ?? 0 };
}

/**
 * The most read document's title cut after the first digit of its number ("Rechnung Theke 8"):
 * the titles of about one in 540 documents, one of them read all day.
 */
async function pickDocumentWords(raw: postgres.Sql, documentId: string) {
  const [row] = await raw<{ text: string; documents: number }[]>`
    with words as (
      select regexp_replace(title, '(\\d)\\d*$', '\\1') as text from documents
      where id = ${documentId}
    )
    select words.text, (select count(*)::int from documents
      where title ilike '%' || words.text || '%') as documents
    from words`;
  if (!row) throw new Error("The most read document is missing");
  return row;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** `day` (YYYY-MM-DD) moved by `days`. */
const addDays = (day: string, days: number) =>
  isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

export type AuditFilter = { key: string; label: string; params: Record<string, string> };

/** The explorer's filters measured, as its URL carries them. */
export function auditFilters(subjects: AuditSubjects, now = new Date()): AuditFilter[] {
  const today = calendarDayIn(now, AUDIT_TIME_ZONE);
  const [year, month] = today.split("-").map(Number) as [number, number];
  const monthStart = `${year - 1}-${String(month).padStart(2, "0")}-01`;
  const monthEnd = isoDay(new Date(Date.UTC(year - 1, month, 0)));
  const lastDays = (days: number) => ({ from: addDays(today, 1 - days), to: today });
  return [
    { key: "all", label: "no filter", params: {} },
    {
      key: "actor-busy",
      label: `actor, busy (${subjects.busyActor.events.toLocaleString("en")} events)`,
      params: { actor: subjects.busyActor.id },
    },
    {
      key: "actor-rare",
      label: `actor, rare (${subjects.rareActor.events.toLocaleString("en")} events)`,
      params: { actor: subjects.rareActor.id },
    },
    {
      key: "organization",
      label: "organisation, busiest",
      params: { organization: subjects.organization.id },
    },
    { key: "project", label: "project, busiest", params: { project: subjects.project.id } },
    {
      key: "item",
      label: "item, most read document (by id)",
      params: { itemType: "document", item: subjects.document.id },
    },
    {
      key: "item-words",
      label: `item, entries by words of their subject ("${subjects.entryWords.text}", ${subjects.entryWords.entries} entries)`,
      params: { itemType: "entry", item: subjects.entryWords.text },
    },
    {
      key: "item-words-documents",
      label: `item, documents by words of their title ("${subjects.documentWords.text}", ${subjects.documentWords.documents} documents, the most read among them)`,
      params: { itemType: "document", item: subjects.documentWords.text },
    },
    {
      key: "item-words-none",
      label: `item, entries by a word no subject has ("${ABSENT_WORD}")`,
      params: { itemType: "entry", item: ABSENT_WORD },
    },
    { key: "group-sign-in", label: "action group: sign-in", params: { group: "signIn" } },
    {
      key: "group-permission",
      label: "action group: permissions (rare)",
      params: { group: "permission" },
    },
    {
      key: "action-login-failed",
      label: "action: failed sign-in",
      params: { action: "auth.login_failed" },
    },
    { key: "ip", label: "IP address, busiest", params: { ip: subjects.ip.id } },
    { key: "last-7-days", label: "days: the last 7", params: lastDays(7) },
    {
      key: "month-year-ago",
      label: `days: a month a year ago (${monthStart.slice(0, 7)})`,
      params: { from: monthStart, to: monthEnd },
    },
    {
      key: "combined",
      label: "organisation + sign-in group + last 90 days",
      params: { organization: subjects.organization.id, group: "signIn", ...lastDays(90) },
    },
  ];
}

/** The CSV export measured: the last 30 days (a few percent of the log). */
export function exportFilter(now = new Date()) {
  const today = calendarDayIn(now, AUDIT_TIME_ZONE);
  return { label: "the last 30 days", params: { from: addDays(today, -29), to: today } };
}

/** The explorer's query for these URL parameters, as its loader parses them. */
export function auditQueryOf(params: Record<string, string>): AuditQuery {
  const { query } = parseAuditQuery(new URLSearchParams(params), AUDIT_TIME_ZONE);
  if (!query) throw new Error(`The explorer does not accept ${JSON.stringify(params)}`);
  return query;
}

/**
 * How many events a filter selects, and the cursor (`before`) of its page `page`, or of its last
 * page when it has fewer: the seq of the last row of the page before, found with OFFSET once.
 */
export async function auditDeepPage(ability: AppAbility, query: AuditQuery, page: number) {
  const where = await auditWhere(ability, query);
  const [row] = await db().select({ n: count() }).from(auditEvents).where(where);
  const matches = row?.n ?? 0;
  const skipped = Math.min(page - 1, Math.floor((matches - 1) / AUDIT_PAGE));
  if (skipped < 1) return { matches, before: undefined, reached: 1 };
  const [last] = await db()
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .offset(skipped * AUDIT_PAGE - 1)
    .limit(1);
  return { matches, before: last?.seq, reached: skipped + 1 };
}

/** The model call of the explorer's page (its loader's main query and the names of its rows). */
export const explorerPage = (ability: AppAbility, query: AuditQuery, before?: number) => () =>
  listAuditEvents(ability, query, before);

export type ExportRun = { seconds: number; rows: number; perSecond: number; megabytes: number };
export type ExportResult = {
  filter: string;
  path: string;
  matches: number;
  direct: ExportRun[];
  http: ExportRun[];
  directMedian?: ExportRun;
  httpMedian?: ExportRun;
};

const NEWLINE = 0x0a;

/** Reads a CSV stream to its end: its rows (lines after the header) and bytes, timed. */
export async function drainCsv(stream: ReadableStream<Uint8Array>, started: number) {
  let bytes = 0;
  let lines = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(NEWLINE); i >= 0; i = value.indexOf(NEWLINE, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, lines - 1);
  return {
    seconds: Math.round(seconds * 100) / 100,
    rows,
    perSecond: Math.round(rows / seconds),
    megabytes: Math.round((bytes / 1048576) * 10) / 10,
  };
}

export const medianRun = (runs: ExportRun[]) =>
  [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor((runs.length - 1) / 2)];

/** The streamed CSV export, called as its route calls it, read to its end `runs` times. */
export async function measureExportDirect(
  officer: BenchUser,
  params: Record<string, string>,
  runs: number,
) {
  const ability = defineAbilityFor(officer);
  const query = auditQueryOf(params);
  const { form } = parseAuditQuery(new URLSearchParams(params), AUDIT_TIME_ZONE);
  const t = translatorFor("en");
  const reader = {
    ability,
    auditActor: {
      userId: officer.id,
      organizationId: officer.organizationId,
      ip: "127.0.0.1",
      userAgent: "ambit-bench",
    },
  };
  const out: ExportRun[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    out.push(await drainCsv(await auditCsv(reader, query, form.values, t), started));
  }
  return out;
}

/** The CSV export over HTTP as a browser downloads it, read to its end `runs` times. */
export async function measureExportHttp(url: string, cookie: string, runs: number) {
  const out: ExportRun[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET ${url} answered ${response.status}, expected 200`);
    }
    out.push(await drainCsv(response.body, started));
  }
  return out;
}

/**
 * The chain as the app appends it, after the generated events (whose hashes are made up): from
 * the row after `afterSeq`, every row must link to the one before and match its hash, and the
 * head must point at the last. Signed checkpoints are not held against it.
 */
export async function verifyChainAfter(afterSeq: number) {
  const [anchor] = await db()
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.seq, afterSeq));
  let prevHash = anchor?.hash;
  let expected = afterSeq + 1;
  let checked = 0;
  for (;;) {
    const batch = await db()
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expected - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(2000);
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.seq !== expected) return `BROKEN: sequence ${expected} is missing`;
      if (row.prevHash !== prevHash) return `BROKEN: the link of ${row.seq} does not match`;
      if (hashAuditEvent(row) !== row.hash) return `BROKEN: ${row.seq} does not match its hash`;
      prevHash = row.hash;
      expected += 1;
      checked += 1;
    }
  }
  const [head] = await db().select().from(auditChainHead);
  if (head && (head.seq !== expected - 1 || head.hash !== prevHash)) {
    return `BROKEN: the chain head expects ${head.seq} rows, the chain ends at ${expected - 1}`;
  }
  return `intact (${checked} events after the ${afterSeq.toLocaleString("en")} generated)`;
}

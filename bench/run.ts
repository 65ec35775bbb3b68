// `npm run bench`: generates the scale world on a PostgreSQL server, measures the history pages,
// documents, search, home, the requests' lists and the audit explorer over HTTP and as their bare
// SQL, checks their plans, times the audit log's CSV export, and writes bench/results/latest.json.
// Settings: BENCH_DATABASE_URL (an empty database, or one holding the bench world already),
// BENCH_ENTRIES, BENCH_PROJECTS, BENCH_ACCOUNTS, BENCH_PARTNER_ORGS, BENCH_PARTNER_USERS,
// BENCH_DOCUMENTS, BENCH_REQUESTS, BENCH_AUDIT_EVENTS (default 10,000,000),
// BENCH_ITERATIONS (per page and layer, default 200), BENCH_EXPORT_RUNS (full CSV exports per
// layer, default 3), BENCH_ONLY (a comma-separated list of page groups, e.g. `audit`; the audit
// log is generated only when `audit` is measured), BENCH_SKIP_BUILD=1 (use build/ as it is),
// BENCH_SKIP_HTTP=1 (model and SQL only), BENCH_KEEP_CLUSTER=1, BENCH_README=0 (a full run leaves
// README.md as it is).
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import type postgres from "postgres";
import {
  listAccountEntries,
  listProjectEntries,
  type EntryCursor,
} from "~/features/history/entry.server";
import { listDocuments } from "~/features/documents/document.server";
import { loadHome } from "~/features/home/home.server";
import { listRequests } from "~/features/requests/request.server";
import { searchEntries } from "~/features/search/search.server";
import { encodeCursor, REQUEST_LINES_PER_PAGE } from "~/features/history/timeline.server";
import { defineAbilityFor, type AppAbility } from "#policies/ability";
import { freePort, startCluster, type Cluster } from "./cluster";
import {
  measureDownloads,
  pickDocumentsPartner,
  prepareDownloads,
  type DownloadResult,
} from "./documents";
import { buildApp, getPage, sessionCookie, startServer } from "./http";
import {
  checkPlans,
  openRecordingDatabase,
  time,
  type Budget,
  type Query,
  type Stats,
} from "./measure";
import { markdown, ratios, targets, updateReadme, writeResults, type CaseResult } from "./report";
import {
  handWrittenList,
  pickRequestPeople,
  requestCursorOfPage,
  type HandFilters,
  type RequestPeople,
  type RequestReader,
} from "./requests";
import { statementCounter } from "./statements";
import { pickSubjects, SEARCH_TERMS, type Subjects } from "./subjects";
import { describeWorld, prepareAuditEvents, prepareWorld, type Scale } from "./world";
import {
  auditDeepPage,
  auditFilters,
  auditQueryOf,
  explorerPage,
  exportFilter,
  measureExportDirect,
  measureExportHttp,
  medianRun,
  pickAuditSubjects,
  type AuditSubjects,
  type ExportResult,
} from "./audit";

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const scale: Scale = {
  entries: setting("BENCH_ENTRIES", 1_000_000),
  projects: setting("BENCH_PROJECTS", 10_000),
  accounts: setting("BENCH_ACCOUNTS", 2_000),
  partnerOrgs: setting("BENCH_PARTNER_ORGS", 300),
  partnerUsers: setting("BENCH_PARTNER_USERS", 5_000),
  documents: setting("BENCH_DOCUMENTS", 100_000),
  requests: setting("BENCH_REQUESTS", 100_000),
};
const AUDIT_EVENTS = setting("BENCH_AUDIT_EVENTS", 10_000_000);
const EXPORT_RUNS = setting("BENCH_EXPORT_RUNS", 3);
const GROUPS: CaseResult["group"][] = [
  "project",
  "account",
  "search",
  "documents",
  "home",
  "requests",
  "nothing",
  "audit",
];
const ONLY = process.env.BENCH_ONLY?.split(",").map((group) => group.trim());
for (const group of ONLY ?? []) {
  if (!(GROUPS as string[]).includes(group)) {
    throw new Error(`BENCH_ONLY: no page group "${group}" (${GROUPS.join(", ")})`);
  }
}
/** Whether this run measures the pages of `group`. */
const measures = (group: CaseResult["group"]) => !ONLY || ONLY.includes(group);
const ITERATIONS = setting("BENCH_ITERATIONS", 200);
const WARMUP = 20;
/** Per page and layer: a page slower than this stops sampling early (see `time`). */
const BUDGET: Budget = {
  iterations: ITERATIONS,
  warmup: WARMUP,
  seconds: setting("BENCH_CASE_SECONDS", 20),
};
const DEEP_PAGE = 200;

const log = (line: string) => console.log(line);
const seconds = (start: number) => Math.round((performance.now() - start) / 1000);

type Who =
  "partner" | "host" | "nobody" | "documentsPartner" | "customer" | "requestsPartner" | "officer";
type People = Subjects["people"] &
  RequestPeople["people"] & {
    documentsPartner: Subjects["people"]["partner"];
    officer: Subjects["people"]["partner"];
  };
type Abilities = Record<Who, AppAbility>;
type RequestDeep = Awaited<ReturnType<typeof requestCursorOfPage>>;
type Case = {
  id: string;
  group: CaseResult["group"];
  label: string;
  who: Who;
  path: string;
  status: number;
  /** The model call behind the page's main query. */
  run: () => Promise<unknown>;
  /**
   * Its rows move with the clock (requests at risk become breached within minutes): the HTML
   * is checked against the model's rows of that moment, not of the recording.
   */
  clock?: boolean;
  /**
   * The list as one would write it by hand (the requests' lists): timed as one more layer, after
   * checking that it returns the model's rows at the same instant.
   */
  hand?: {
    model: (now: Date) => Promise<{ requests: { id: string }[] }>;
    sql: (now: Date) => Promise<{ id: string }[]>;
  };
  /** The audit explorer: its filter, the events it selects, and the page measured. */
  audit?: CaseResult["audit"];
};

/** The rows a model call returned: its result's first list. */
function rowsOf(result: unknown): { id?: unknown }[] {
  if (Array.isArray(result)) return result as { id?: unknown }[];
  if (result && typeof result === "object") {
    return (Object.values(result).find(Array.isArray) as { id?: unknown }[] | undefined) ?? [];
  }
  return [];
}

/** A row's id, or an audit event's seq, which its page shows too. */
const idOf = (row: { id?: unknown; seq?: unknown } | undefined) =>
  typeof row?.id === "string" ? row.id : typeof row?.seq === "number" ? String(row.seq) : undefined;

/** The keyset cursor of page `page`, walking the timeline as a reader pages through it. */
async function cursorOfPage(ability: AppAbility, projectId: string, page: number) {
  let after: EntryCursor | undefined;
  let reached = 1;
  while (reached < page) {
    const { next } = await listProjectEntries(ability, projectId, {}, after);
    if (!next) break;
    after = next;
    reached++;
  }
  return { after, reached };
}

function cases(
  subjects: Subjects,
  abilities: Abilities,
  deep: Map<Who, { after?: EntryCursor; reached: number }>,
  requests: { raw: postgres.Sql; people: People; deep: RequestDeep },
  audit: AuditCase[],
) {
  const { project, account } = subjects;
  const out: Case[] = [];
  const timeline = `/projects/${project.id}/history`;
  for (const who of ["partner", "host"] as const) {
    const ability = abilities[who];
    const { after, reached } = deep.get(who)!;
    out.push(
      {
        id: `project-page1-${who}`,
        group: "project",
        label: "project timeline, page 1",
        who,
        path: timeline,
        status: 200,
        run: () => listProjectEntries(ability, project.id),
      },
      {
        id: `project-page200-${who}`,
        group: "project",
        label: `project timeline, page ${reached}`,
        who,
        path: after ? `${timeline}?after=${encodeCursor(after)}` : timeline,
        status: 200,
        run: () => listProjectEntries(ability, project.id, {}, after),
      },
    );
  }
  for (const who of ["partner", "host"] as const) {
    out.push({
      id: `account-page1-${who}`,
      group: "account",
      label: "account timeline, page 1",
      who,
      path: `/accounts/${account.id}/history`,
      status: 200,
      run: () => listAccountEntries(abilities[who], account.id),
    });
  }
  for (const [term, word] of Object.entries(SEARCH_TERMS)) {
    for (const who of ["partner", "host"] as const) {
      out.push({
        id: `search-${term}-${who}`,
        group: "search",
        label: `search, ${term} term`,
        who,
        path: `/search?q=${encodeURIComponent(word)}`,
        status: 200,
        run: () => searchEntries(abilities[who], word),
      });
    }
  }
  const documents = `/projects/${project.id}/documents`;
  for (const who of ["documentsPartner", "host"] as const) {
    out.push(
      {
        id: `documents-page1-${who}`,
        group: "documents",
        label: "documents list, page 1",
        who,
        path: documents,
        status: 200,
        run: () => listDocuments(abilities[who], project.id),
      },
      {
        id: `documents-title-${who}`,
        group: "documents",
        label: "documents list, title search",
        who,
        path: `${documents}?q=Grundriss`,
        status: 200,
        run: () => listDocuments(abilities[who], project.id, { q: "Grundriss" }),
      },
    );
  }
  for (const who of ["partner", "host"] as const) {
    out.push({
      id: `home-${who}`,
      group: "home",
      label: "home",
      who,
      path: "/",
      status: 200,
      run: () => loadHome({ ability: abilities[who], userId: subjects.people[who].id }),
    });
  }
  // The requests' list: the host's queue (every request), filtered by SLA state and paged deep;
  // the customer's own and the partner's assigned requests, the same query under their policy.
  const requestCase = (
    id: string,
    label: string,
    who: "host" | "customer" | "requestsPartner",
    path: string,
    filters: HandFilters,
    clock = false,
  ): Case => {
    const person = requests.people;
    const reader: RequestReader =
      who === "host"
        ? { kind: "host" }
        : {
            kind: who === "customer" ? "customer" : "partner",
            userId: person[who].id,
            organizationId: person[who].organizationId,
          };
    const list = (now?: Date) =>
      listRequests(abilities[who], { sla: filters.sla }, filters.after, { now });
    return {
      id,
      group: "requests",
      label,
      who,
      path,
      status: 200,
      run: () => list(),
      clock,
      hand: { model: list, sql: (now) => handWrittenList(requests.raw, reader, filters, now) },
    };
  };
  out.push(
    requestCase("requests-open-host", "requests, open, page 1", "host", "/requests", {}),
    requestCase(
      "requests-breached-host",
      "requests, SLA breached",
      "host",
      "/requests?sla=breached",
      { sla: "breached" },
    ),
    requestCase(
      "requests-at-risk-host",
      "requests, SLA at risk",
      "host",
      "/requests?sla=at_risk",
      { sla: "at_risk" },
      true,
    ),
    requestCase(
      "requests-deep-host",
      `requests, open, page ${requests.deep.reached}`,
      "host",
      requests.deep.path || "/requests",
      { after: requests.deep.after },
    ),
    requestCase("requests-open-customer", "requests, open, page 1", "customer", "/requests", {}),
    requestCase(
      "requests-open-requestsPartner",
      "requests, open, page 1",
      "requestsPartner",
      "/requests",
      {},
    ),
  );
  const nobody = abilities.nobody;
  out.push(
    {
      id: "nothing-project",
      group: "nothing",
      label: "project timeline, page 1",
      who: "nobody",
      path: timeline,
      status: 404,
      run: () => listProjectEntries(nobody, project.id),
    },
    {
      id: "nothing-account",
      group: "nothing",
      label: "account timeline, page 1",
      who: "nobody",
      path: `/accounts/${account.id}/history`,
      status: 404,
      run: () => listAccountEntries(nobody, account.id),
    },
    {
      id: "nothing-home",
      group: "nothing",
      label: "home",
      who: "nobody",
      path: "/",
      status: 200,
      run: () => loadHome({ ability: nobody, userId: subjects.people.nobody.id }),
    },
    {
      id: "nothing-documents",
      group: "nothing",
      label: "documents list, page 1",
      who: "nobody",
      path: documents,
      status: 404,
      run: () => listDocuments(nobody, project.id),
    },
    {
      id: "nothing-search",
      group: "nothing",
      label: "search, common term",
      who: "nobody",
      path: `/search?q=${encodeURIComponent(SEARCH_TERMS.common)}`,
      status: 200,
      run: () => searchEntries(nobody, SEARCH_TERMS.common),
    },
  );
  // The audit explorer, read by a compliance officer: each filter's first page and a deep one.
  for (const item of audit) {
    out.push({
      id: item.id,
      group: "audit",
      label: `audit explorer, ${item.audit.filter}, page ${item.audit.page}`,
      who: "officer",
      path: item.path,
      status: 200,
      run: explorerPage(abilities.officer, item.query, item.before),
      // The explorer's own reads are logged as they happen: its newest pages move.
      clock: true,
      audit: item.audit,
    });
  }
  return out.filter((item) => measures(item.group));
}

type AuditCase = {
  id: string;
  path: string;
  query: ReturnType<typeof auditQueryOf>;
  before?: number;
  audit: NonNullable<CaseResult["audit"]>;
};

/** Each filter of the explorer on its first page and on page DEEP_PAGE (or its last). */
async function auditCases(subjects: AuditSubjects, ability: AppAbility): Promise<AuditCase[]> {
  const out: AuditCase[] = [];
  for (const filter of auditFilters(subjects)) {
    const query = auditQueryOf(filter.params);
    const path = `/compliance/audit?${new URLSearchParams(filter.params)}`.replace(/\?$/, "");
    const deep = await auditDeepPage(ability, query, DEEP_PAGE);
    const audit = { filter: filter.label, key: filter.key, matches: deep.matches };
    out.push({ id: `audit-${filter.key}-page1`, path, query, audit: { ...audit, page: 1 } });
    if (deep.before !== undefined) {
      out.push({
        id: `audit-${filter.key}-deep`,
        path: `${path}${path.includes("?") ? "&" : "?"}before=${deep.before}`,
        query,
        before: deep.before,
        audit: { ...audit, page: deep.reached },
      });
    }
    log(
      `  ${filter.label}: ${deep.matches.toLocaleString("en")} events` +
        (deep.before === undefined ? ", one page" : `, deep page ${deep.reached}`),
    );
  }
  return out;
}

type Measured = Case & {
  queries: Query[];
  /** The first row's id, which the page's HTML must show too (the same page, not another). */
  firstId?: string;
  result: Omit<CaseResult, "http" | "database">;
};

async function measureModelAndSql(
  app: ReturnType<typeof openRecordingDatabase>,
  cases: Case[],
): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const item of cases) {
    const { queries, result } = await app.record(item.run);
    const plan = await checkPlans(app.raw, queries);
    const model = await time(item.run, BUDGET);
    const sql = await time(() => app.replay(queries), BUDGET);
    let hand: Stats | undefined;
    if (item.hand) {
      const { model: list, sql: handWritten } = item.hand;
      const now = new Date();
      const expected = (await list(now)).requests.map((row) => row.id).join();
      const got = (await handWritten(now))
        .slice(0, 25)
        .map((row) => row.id)
        .join();
      if (got !== expected) {
        throw new Error(`The hand-written SQL of ${item.id} returns other rows than the model`);
      }
      hand = await time(() => handWritten(now), BUDGET);
    }
    log(
      `  ${item.label} · ${item.who}: model p95 ${model.p95} ms, SQL p95 ${sql.p95} ms` +
        (hand ? `, hand-written SQL p95 ${hand.p95} ms` : "") +
        (plan.seqScans.length ? ` — SEQ SCAN ON ${plan.seqScans.join(", ").toUpperCase()}` : ""),
    );
    const rows = rowsOf(result);
    out.push({
      ...item,
      queries,
      firstId: idOf(rows[0]),
      result: {
        id: item.id,
        group: item.group,
        label: item.label,
        user: item.who,
        path: item.path,
        rows: rows.length,
        statements: queries.length,
        model,
        sql,
        hand,
        plan,
        audit: item.audit,
      },
    });
  }
  return out;
}

async function measureHttp(
  raw: postgres.Sql,
  url: string,
  measured: Measured[],
  people: People,
  projectId: string,
  audit: { exportPath?: string; chainAfter?: number },
): Promise<{ cases: CaseResult[]; downloads?: DownloadResult; exportRuns?: ExportResult["http"] }> {
  const port = await freePort(3400, 3439);
  const files = await prepareDownloads(raw, projectId);
  const server = await startServer(url, port, files.dataDir);
  try {
    const cookies: Record<Who, string> = {
      partner: await sessionCookie(people.partner.id),
      host: await sessionCookie(people.host.id),
      nobody: await sessionCookie(people.nobody.id),
      documentsPartner: await sessionCookie(people.documentsPartner.id),
      customer: await sessionCookie(people.customer.id),
      requestsPartner: await sessionCookie(people.requestsPartner.id),
      officer: await sessionCookie(people.officer.id),
    };
    const counter = await statementCounter(raw);
    if (!counter.available) log("  pg_stat_statements is not loaded: no statement counts");
    const out: CaseResult[] = [];
    for (const item of measured) {
      const get = () => getPage(`${server.baseUrl}${item.path}`, cookies[item.who], item.status);
      // A page whose rows move with the clock is compared with the model's rows of now.
      const firstId = item.clock ? idOf(rowsOf(await item.run())[0]) : item.firstId;
      const html = await get();
      if (firstId && !html.includes(firstId)) {
        // A timeline page ends early at its 25th line of request activity newer than its first
        // entry (ADR 18): the entries then start on a later page, which is right, not a mismatch.
        const activityLines = html.split('data-testid="request-activity"').length - 1;
        if (!item.path.includes("/history") || activityLines < REQUEST_LINES_PER_PAGE) {
          throw new Error(`GET ${item.path} does not show the model's first row ${firstId}`);
        }
        log(`  ${item.label} · ${item.who}: the page shows ${activityLines} request lines first`);
      }
      const warmUntil = performance.now() + BUDGET.seconds * 1000;
      for (let i = 0; i < WARMUP && (i < 2 || performance.now() < warmUntil); i++) await get();
      const page = await counter.page();
      const http = await time(get, { ...BUDGET, warmup: 0 }, page.afterRequest);
      const database = await page.read();
      const overhead = database && Math.round((http.p50 - database.ms.p50) * 10) / 10;
      log(
        `  ${item.label} · ${item.who}: HTTP p95 ${http.p95} ms` +
          (database ? `, ${database.statements} statements, overhead ${overhead} ms` : ""),
      );
      out.push({ ...item.result, http, database, overhead });
    }
    let exportRuns: ExportResult["http"] | undefined;
    if (audit.exportPath) {
      log(`audit CSV export over HTTP (${EXPORT_RUNS}×)…`);
      exportRuns = await measureExportHttp(
        `${server.baseUrl}${audit.exportPath}`,
        cookies.officer,
        EXPORT_RUNS,
      );
      for (const run of exportRuns) {
        log(`  ${run.rows.toLocaleString("en")} rows in ${run.seconds} s: ${run.perSecond} rows/s`);
      }
    }
    if (!measures("documents")) return { cases: out, exportRuns };
    log("downloads, 8 clients at once…");
    const downloads = await measureDownloads({
      baseUrl: server.baseUrl,
      cookie: cookies.documentsPartner,
      documentIds: files.documentIds,
      bytes: files.bytes,
      raw,
      chainAfter: audit.chainAfter,
    });
    log(
      `  ${downloads.perSecond} downloads/s (${Math.round(downloads.share * 100)} % of ` +
        `${downloads.control.perSecond} thumbnails/s), audit chain ${downloads.chain}`,
    );
    return { cases: out, downloads, exportRuns };
  } catch (error) {
    console.error(server.output());
    throw error;
  } finally {
    await server.stop();
    rmSync(files.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const started = performance.now();
  let cluster: Cluster | undefined;
  let app: ReturnType<typeof openRecordingDatabase> | undefined;
  try {
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      cluster = await startCluster(await freePort(3440, 3450));
      url = cluster.url;
      log(`${cluster.version} in ${cluster.dir} (${url})`);
    }
    log(`generating the world (${scale.entries.toLocaleString("en")} entries)…`);
    const generation = await prepareWorld(url, scale, log);
    const auditGeneration = measures("audit")
      ? await prepareAuditEvents(url, AUDIT_EVENTS, log)
      : undefined;
    const world = await describeWorld(url);
    log(`world: ${JSON.stringify(world)}`);

    app = openRecordingDatabase(url);
    const subjects = await pickSubjects(app.raw);
    const requestPeople = await pickRequestPeople(app.raw);
    const auditSubjects = measures("audit") ? await pickAuditSubjects(app.raw) : undefined;
    const people: People = {
      ...subjects.people,
      ...requestPeople.people,
      documentsPartner: await pickDocumentsPartner(app.raw, subjects.project.id),
      // Any host user signs in for the HTTP part when the explorer is not measured.
      officer: auditSubjects?.officer ?? subjects.people.host,
    };
    const abilities: Abilities = {
      ...subjects.abilities,
      ...requestPeople.abilities,
      documentsPartner: defineAbilityFor(people.documentsPartner),
      officer: defineAbilityFor(people.officer),
    };
    const [{ version } = { version: "PostgreSQL" }] = await app.raw<
      { version: string }[]
    >`select version()`;
    const deep = new Map<Who, { after?: EntryCursor; reached: number }>();
    for (const who of ["partner", "host"] as const) {
      if (!measures("project")) {
        deep.set(who, { reached: 1 });
        continue;
      }
      const walked = await cursorOfPage(subjects.abilities[who], subjects.project.id, DEEP_PAGE);
      if (walked.reached < DEEP_PAGE) log(`  ${who} sees only ${walked.reached} pages`);
      deep.set(who, walked);
    }

    const requestDeep = measures("requests")
      ? await requestCursorOfPage(abilities.host, DEEP_PAGE)
      : { after: undefined, reached: 1, path: "" };
    if (measures("requests") && requestDeep.reached < DEEP_PAGE) {
      log(`  the queue has only ${requestDeep.reached} pages`);
    }

    let audit: AuditCase[] = [];
    let exportResult: ExportResult | undefined;
    if (auditSubjects) {
      log(`audit explorer (${auditSubjects.events.toLocaleString("en")} events), its filters…`);
      audit = await auditCases(auditSubjects, abilities.officer);
      const filter = exportFilter();
      const { matches } = await auditDeepPage(abilities.officer, auditQueryOf(filter.params), 1);
      log(
        `audit CSV export, ${filter.label} (${matches.toLocaleString("en")} events, ${EXPORT_RUNS}×)…`,
      );
      const direct = await measureExportDirect(people.officer, filter.params, EXPORT_RUNS);
      for (const run of direct) {
        log(`  ${run.rows.toLocaleString("en")} rows in ${run.seconds} s: ${run.perSecond} rows/s`);
      }
      exportResult = {
        filter: filter.label,
        path: `/compliance/audit.csv?${new URLSearchParams(filter.params)}`,
        matches,
        direct,
        http: [],
        directMedian: medianRun(direct),
      };
    }

    log("model calls and their bare SQL…");
    const measured = await measureModelAndSql(
      app,
      cases(subjects, abilities, deep, { raw: app.raw, people, deep: requestDeep }, audit),
    );

    let results: CaseResult[] = measured.map((item) => item.result);
    let downloads: DownloadResult | undefined;
    if (process.env.BENCH_SKIP_HTTP !== "1") {
      if (process.env.BENCH_SKIP_BUILD !== "1") {
        log("building the app (npm run build)…");
        buildApp();
      }
      log("HTTP…");
      let exportRuns: ExportResult["http"] | undefined;
      ({
        cases: results,
        downloads,
        exportRuns,
      } = await measureHttp(app.raw, url, measured, people, subjects.project.id, {
        exportPath: exportResult?.path,
        chainAfter: auditGeneration?.lastGenerated,
      }));
      if (exportResult && exportRuns) {
        exportResult.http = exportRuns;
        exportResult.httpMedian = medianRun(exportRuns);
      }
    }
    const ratioList = ratios(results);
    const targetList = targets(results, ratioList, downloads);
    const runSeconds = seconds(started);
    const heading =
      `${world.entries.toLocaleString("en")} entries in ${world.projects.toLocaleString("en")} projects, ` +
      `${world.partner_users.toLocaleString("en")} partner users in ${world.partner_organizations} organisations; ` +
      `${version.split(" on ")[0]}, ${cpus().length} cores; p50/p95 in ms over ${ITERATIONS} sequential calls after ${WARMUP} warm-up (fewer where a page used up its ${BUDGET.seconds} s budget). ` +
      `The partner's organisation reads the history of ${subjects.partnerReach.projects.toLocaleString("en")} projects ` +
      `(${subjects.partnerReach.entries.toLocaleString("en")} entries before audiences); the busiest project has ` +
      `${subjects.project.entries.toLocaleString("en")} entries. ` +
      `${world.requests.toLocaleString("en")} requests (${world.open_requests.toLocaleString("en")} open, ` +
      `${world.breached_requests.toLocaleString("en")} breached, ${world.at_risk_requests.toLocaleString("en")} at risk, ` +
      `${world.assigned_requests.toLocaleString("en")} assigned to partners; ${world.request_events.toLocaleString("en")} history lines): ` +
      `the host's queue is every open one; the customer follows ${requestPeople.reach.customer.toLocaleString("en")} open requests, ` +
      `the partner has ${requestPeople.reach.partner.toLocaleString("en")} assigned.` +
      (generation.generated ? ` World generated in ${Math.round(generation.seconds)} s; ` : " ") +
      `bench run ${runSeconds} s. Statements: those one HTTP request of the page sends, counted with ` +
      "pg_stat_statements after every measured request (the median; the range where requests differ; " +
      "each prepared `commit`, which it misses, counted from its `begin`). " +
      "SQL: those statements' planning + execution time, summed per request; loaders run some in " +
      "parallel, so it can exceed their share of the page's time. App overhead: HTTP p50 − SQL p50 " +
      "(Node, Remix, rendering and the round trips of every statement). Main query: the model call " +
      "behind the page's list, its statements replayed bare from the bench." +
      (ONLY ? ` Only these page groups were measured (BENCH_ONLY): ${ONLY.join(", ")}.` : "");
    const auditReport = auditSubjects && {
      events: auditSubjects.events,
      subjects: auditSubjects,
      generation: auditGeneration,
      export: exportResult,
    };
    const table = markdown({
      heading,
      cases: results,
      ratios: ratioList,
      targets: targetList,
      downloads,
      audit: auditReport,
    });
    await writeResults(
      {
        date: new Date().toISOString(),
        heading,
        postgres: version,
        cores: cpus().length,
        scale,
        world,
        generation,
        iterations: ITERATIONS,
        warmup: WARMUP,
        subjects: {
          project: subjects.project,
          account: subjects.account,
          people: { ...subjects.people, ...requestPeople.people },
          partnerReach: subjects.partnerReach,
          requestReach: requestPeople.reach,
          termHits: subjects.termHits,
        },
        cases: results,
        downloads,
        audit: auditReport,
        ratios: ratioList,
        targets: targetList,
        statements: measured.map((item) => ({ id: item.id, queries: item.queries })),
        runSeconds,
      },
      table,
      ONLY,
    );
    const complete = process.env.BENCH_SKIP_HTTP !== "1" && world.entries >= 1_000_000 && !ONLY;
    const readme = process.env.BENCH_README !== "0";
    if (complete && readme && (await updateReadme(table))) {
      log("README.md: Performance table updated");
    }
    console.log(`\n${table}\n`);
    const missed = targetList.filter((item) => !item.met);
    log(
      missed.length === 0
        ? "all targets met"
        : `${missed.length} of ${targetList.length} targets missed (see the table)`,
    );
  } finally {
    await app?.close();
    if (cluster && process.env.BENCH_KEEP_CLUSTER === "1") {
      log(`cluster kept running: ${cluster.url} (${cluster.dir})`);
    } else {
      cluster?.stop();
    }
  }
}

await main();

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import prettier from "prettier";
import type { DownloadResult } from "./documents";
import type { PlanCheck, Stats } from "./measure";

export type CaseResult = {
  id: string;
  group: "project" | "account" | "search" | "nothing" | "documents" | "home";
  label: string;
  user: string;
  path: string;
  rows: number;
  statements: number;
  model: Stats;
  sql: Stats;
  http?: Stats;
  database?: {
    statementsPerRequest: number;
    msPerRequest: number;
    top: { msPerRequest: number; query: string }[];
  };
  plan: PlanCheck;
};

export type Target = { name: string; limit: string; measured: string; met: boolean };
export type Ratio = { name: string; value: number };

const x = (value: number) => `${value.toFixed(1)}×`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b ? Math.round((a / b) * 100) / 100 : undefined;

/** app/SQL per page, filtered/unfiltered (partner vs host), page 200 vs page 1. */
export function ratios(cases: CaseResult[]): Ratio[] {
  const byId = new Map(cases.map((item) => [item.id, item]));
  const out: Ratio[] = [];
  const add = (name: string, value: number | undefined) => {
    if (value !== undefined) out.push({ name, value });
  };
  for (const item of cases) {
    add(`HTTP/SQL p95 · ${item.label} · ${item.user}`, ratio(item.http?.p95, item.sql.p95));
  }
  for (const item of cases.filter((entry) => entry.user === "partner")) {
    const host = byId.get(item.id.replace(/partner$/, "host"));
    if (!host) continue;
    add(`filtered/unfiltered SQL p95 · ${item.label}`, ratio(item.sql.p95, host.sql.p95));
    add(`filtered/unfiltered HTTP p95 · ${item.label}`, ratio(item.http?.p95, host.http?.p95));
  }
  for (const user of ["partner", "host"]) {
    const first = byId.get(`project-page1-${user}`);
    const deep = byId.get(`project-page200-${user}`);
    if (!first || !deep) continue;
    add(`page200/page1 SQL p95 · ${user}`, ratio(deep.sql.p95, first.sql.p95));
    add(`page200/page1 HTTP p95 · ${user}`, ratio(deep.http?.p95, first.http?.p95));
  }
  return out;
}

/** The targets at 1M entries, each checked on every page it applies to. */
export function targets(
  cases: CaseResult[],
  ratioList: Ratio[],
  downloads?: DownloadResult,
): Target[] {
  const out: Target[] = [];
  if (downloads) {
    out.push({
      name: `audited downloads at ${downloads.clients} clients, every one logged, chain intact`,
      limit: "≥ 500 /s",
      measured: `${downloads.perSecond} /s`,
      met:
        downloads.perSecond >= 500 &&
        downloads.failures === 0 &&
        downloads.auditedDownloads === downloads.downloads &&
        downloads.chain.startsWith("intact"),
    });
  }
  const timelines = cases.filter((item) => item.group === "project" || item.group === "account");
  for (const item of timelines) {
    if (!item.http) continue;
    const name = `${item.label} · ${item.user}`;
    out.push({
      name: `${name}: HTTP p95`,
      limit: "≤ 15 ms",
      measured: `${item.http.p95} ms`,
      met: item.http.p95 <= 15,
    });
    const appToSql = item.http.p95 / item.sql.p95;
    out.push({
      name: `${name}: HTTP p95 / SQL p95`,
      limit: "≤ 4×",
      measured: x(appToSql),
      met: appToSql <= 4,
    });
  }
  for (const entry of ratioList.filter((item) => item.name.startsWith("page200/page1 HTTP"))) {
    out.push({
      name: entry.name,
      limit: "≤ 1.5×",
      measured: x(entry.value),
      met: entry.value <= 1.5,
    });
  }
  for (const item of cases.filter((entry) => entry.http)) {
    const limit = item.group === "search" ? 40 : item.group === "nothing" ? 10 : undefined;
    if (limit === undefined) continue;
    out.push({
      name: `${item.label} · ${item.user}: HTTP p95`,
      limit: `≤ ${limit} ms`,
      measured: `${item.http!.p95} ms`,
      met: item.http!.p95 <= limit,
    });
  }
  for (const item of cases) {
    out.push({
      name: `${item.label} · ${item.user}: no sequential scan of entries`,
      limit: "index only",
      measured: item.plan.seqScanOnEntries ? "Seq Scan on entries" : "indexes",
      met: !item.plan.seqScanOnEntries,
    });
  }
  return out;
}

const ms = (stats: Stats | undefined, key: "p50" | "p95") => (stats ? stats[key].toFixed(1) : "–");

export function markdown(input: {
  heading: string;
  cases: CaseResult[];
  ratios: Ratio[];
  targets: Target[];
  downloads?: DownloadResult;
}) {
  const { downloads } = input;
  const lines = [
    input.heading,
    "",
    ...(downloads
      ? [
          `Downloads: ${downloads.clients} clients for ${downloads.seconds} s fetched ${downloads.downloads.toLocaleString("en")} files (${downloads.perSecond} /s, p50 ${downloads.latency.p50} ms, p95 ${downloads.latency.p95} ms, ${downloads.failures} failed); ${downloads.auditedDownloads.toLocaleString("en")} \`document.downloaded\` events were written meanwhile; audit chain ${downloads.chain}.`,
          "",
        ]
      : []),
    "| page | user | rows | HTTP p50 | HTTP p95 | SQL p50 | SQL p95 | HTTP/SQL | DB per request | entries scanned by |",
    "| --- | --- | --: | --: | --: | --: | --: | --: | --: | --- |",
  ];
  for (const item of input.cases) {
    const appToSql = ratio(item.http?.p95, item.sql.p95);
    const db = item.database
      ? `${item.database.statementsPerRequest} stmts, ${item.database.msPerRequest.toFixed(1)} ms`
      : "–";
    const scans = item.plan.scans
      .filter((scan) => / on entries$/.test(scan))
      .map((scan) => scan.replace(/ on entries$/, ""))
      .join(", ");
    lines.push(
      `| ${item.label} | ${item.user} | ${item.rows} | ${ms(item.http, "p50")} | ${ms(item.http, "p95")} | ${ms(item.sql, "p50")} | ${ms(item.sql, "p95")} | ${appToSql === undefined ? "–" : x(appToSql)} | ${db} | ${item.plan.seqScanOnEntries ? "**Seq Scan**" : scans || "–"} |`,
    );
  }
  const structural = input.ratios.filter((item) => !item.name.startsWith("HTTP/SQL"));
  if (structural.length > 0) {
    lines.push("", "| ratio | value |", "| --- | --: |");
    for (const item of structural) lines.push(`| ${item.name} | ${x(item.value)} |`);
  }
  lines.push("", "| target | limit | measured | met |", "| --- | --- | --: | :-: |");
  for (const item of input.targets.filter((entry) => !entry.name.endsWith("entries"))) {
    lines.push(
      `| ${item.name} | ${item.limit} | ${item.measured} | ${item.met ? "yes" : "**no**"} |`,
    );
  }
  const heaviest = input.cases.filter((item) => item.database?.top[0]);
  if (heaviest.length > 0) {
    lines.push(
      "",
      "Where each page's database time goes (its costliest statement, pg_stat_statements):",
      "",
      "| page | user | ms per request | statement |",
      "| --- | --- | --: | --- |",
    );
    for (const item of heaviest) {
      const top = item.database!.top[0]!;
      const text = top.query.replaceAll('"', "").replace(/\s+/g, " ").slice(0, 90);
      // A pipe would end the table cell, even inside backticks.
      const cell = text.replaceAll("|", "\\|");
      lines.push(
        `| ${item.label} | ${item.user} | ${top.msPerRequest.toFixed(1)} | \`${cell}…\` |`,
      );
    }
  }
  const seq = input.targets.filter((entry) => entry.name.endsWith("entries"));
  const bad = seq.filter((entry) => !entry.met).length;
  lines.push(
    "",
    bad === 0
      ? `Query plans: EXPLAIN ANALYZE of all ${seq.length} measured pages' statements shows no sequential scan of \`entries\`.`
      : `Query plans: **${bad} of ${seq.length} pages scan \`entries\` sequentially.**`,
  );
  return lines.join("\n");
}

/** Writes `text` to `file` as Prettier (the project's config) would, so lint stays clean. */
async function writeFormatted(file: URL, text: string) {
  const path = fileURLToPath(file);
  const options = await prettier.resolveConfig(path);
  writeFileSync(file, await prettier.format(text, { ...options, filepath: path }));
}

export async function writeResults(json: unknown, table: string) {
  const dir = new URL("./results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  await writeFormatted(new URL("latest.json", dir), JSON.stringify(json));
  await writeFormatted(new URL("latest.md", dir), `# Benchmark results\n\n${table}\n`);
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Replaces the table between the README's bench markers (the Performance section). */
export async function updateReadme(table: string) {
  const file = new URL("../README.md", import.meta.url);
  const readme = readFileSync(file, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return false;
  const updated = `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
  await writeFormatted(file, updated);
  return true;
}

import { mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type postgres from "postgres";
import { verifyAuditChain } from "~/kernel/audit/audit.server";
import { localStorage } from "~/kernel/storage/storage.server";
import { demoPdf } from "#db/seed/demo-documents";
import { verifyChainAfter } from "./audit";
import { stats, type Stats } from "./measure";
import type { BenchUser } from "./subjects";

/** The documents project's partner: a user of a live partner member with the documents section. */
export async function pickDocumentsPartner(raw: postgres.Sql, projectId: string) {
  const [row] = await raw<
    { id: string; organization_id: string; role: "partner"; email: string }[]
  >`
    select u.id, u.organization_id, u.role, u.email
    from memberships m join users u on u.organization_id = m.organization_id
    join organizations o on o.id = m.organization_id
    where m.project_id = ${projectId} and o.kind = 'partner' and m.revoked_at is null
      and (m.expires_at is null or m.expires_at > now()) and not m.narrowed
      and 'documents' = any(m.sections)
    order by (select count(*) from documents d join audience_organizations a
      on a.audience_id = d.audience_id where a.organization_id = o.id) desc, u.email
    limit 1`;
  if (!row) throw new Error("No partner reads the documents of the measured project");
  const user: BenchUser = {
    id: row.id,
    organizationId: row.organization_id,
    role: "partner",
    organizationKind: "partner",
    email: row.email,
    label: "partner (documents)",
  };
  return user;
}

/**
 * Real files for `count` documents the partner may download (shared with all members), under a
 * DATA_DIR of their own for the server; returns that directory and the documents' ids. Each
 * version gets a thumbnail of the same bytes: fetching it is the download's request without
 * the audit, the control the download rate is compared with.
 */
export async function prepareDownloads(raw: postgres.Sql, projectId: string, count = 64) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ambit-bench-files-"));
  const rows = await raw<{ id: string; storage_key: string; title: string }[]>`
    select d.id, v.storage_key, d.title from documents d
    join document_versions v on v.document_id = d.id
    join audiences a on a.id = d.audience_id
    where d.project_id = ${projectId} and a.kind = 'all_members' and d.entry_id is null
    order by d.updated_at desc limit ${count}`;
  const files = localStorage(path.join(dataDir, "files"));
  const bytes = await demoPdf("Benchmark document", ["A small real PDF for the download bench."]);
  const source = path.join(dataDir, "bench.pdf");
  await writeFile(source, bytes);
  const thumbnail = (key: string) => `${key}-bench-thumbnail`;
  for (const row of rows) {
    for (const key of [row.storage_key, thumbnail(row.storage_key)]) {
      await files.put(key, {
        path: source,
        size: bytes.byteLength,
        contentType: "application/pdf",
        name: "bench.pdf",
      });
    }
  }
  for (const row of rows) {
    await raw`update document_versions
      set size_bytes = ${bytes.byteLength}, thumbnail_key = ${thumbnail(row.storage_key)}
      where storage_key = ${row.storage_key}`;
  }
  return { dataDir, documentIds: rows.map((row) => row.id), bytes: bytes.byteLength };
}

export type Rate = {
  clients: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latency: Stats;
  failures: number;
};

export type DownloadResult = {
  clients: number;
  seconds: number;
  downloads: number;
  perSecond: number;
  latency: Stats;
  failures: number;
  auditedDownloads: number;
  chain: string;
  /** The same documents' thumbnails (same bytes, same reads, no audit), just before. */
  control: Rate & { request: string };
  /** downloads/s ÷ control requests/s. */
  share: number;
};

/** `clients` concurrent browsers GET `urlOf(i)` for `seconds`; a response must carry `bytes`. */
async function measureRate(input: {
  urlOf: (index: number) => string;
  cookie: string;
  bytes: number;
  clients: number;
  seconds: number;
  /** Runs between the warm-up and the timed part. */
  ready?: () => Promise<void>;
}): Promise<Rate> {
  const fetchOne = async (index: number) => {
    const started = performance.now();
    const response = await fetch(input.urlOf(index), { headers: { cookie: input.cookie } });
    const body = await response.arrayBuffer();
    const ok = response.status === 200 && body.byteLength === input.bytes;
    return { ok, ms: performance.now() - started };
  };
  // Warm-up: connections, plans and caches.
  for (let i = 0; i < 40; i++) await fetchOne(i);
  await input.ready?.();
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + input.seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: input.clients }, async () => {
      while (performance.now() < until) {
        const result = await fetchOne(next++);
        if (result.ok) latencies.push(result.ms);
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    clients: input.clients,
    seconds: Math.round(elapsed * 10) / 10,
    requests: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    latency: stats(latencies),
    failures,
  };
}

/**
 * `clients` concurrent browsers download for `seconds`, each request a permission-checked,
 * audited download; then every download must have its audit event and the chain must verify.
 * First the same clients fetch the documents' thumbnails, the same request without the audit.
 */
export async function measureDownloads(input: {
  baseUrl: string;
  cookie: string;
  documentIds: string[];
  bytes: number;
  raw: postgres.Sql;
  clients?: number;
  seconds?: number;
  /** The last generated audit event (made-up hashes): the chain is checked after it. */
  chainAfter?: number;
}): Promise<DownloadResult> {
  const clients = input.clients ?? 8;
  const seconds = input.seconds ?? 15;
  const count = async () => {
    const [row] = await input.raw<{ n: number }[]>`
      select count(*)::int as n from audit_events where action = 'document.downloaded'`;
    return row!.n;
  };
  const urlOf = (access: "download" | "thumbnail") => (index: number) =>
    `${input.baseUrl}/documents/${input.documentIds[index % input.documentIds.length]!}/${access}`;
  const common = { cookie: input.cookie, bytes: input.bytes, clients, seconds };
  const control = await measureRate({ ...common, urlOf: urlOf("thumbnail") });
  let before = 0;
  const downloads = await measureRate({
    ...common,
    urlOf: urlOf("download"),
    ready: async () => {
      before = await count();
    },
  });
  const audited = (await count()) - before;
  let chain: string;
  if (input.chainAfter === undefined) {
    const verdict = await verifyAuditChain();
    chain = verdict.ok
      ? `intact (${verdict.checked} events)`
      : `BROKEN: ${JSON.stringify(verdict)}`;
  } else {
    chain = await verifyChainAfter(input.chainAfter);
  }
  return {
    clients,
    seconds: downloads.seconds,
    downloads: downloads.requests,
    perSecond: downloads.perSecond,
    latency: downloads.latency,
    failures: downloads.failures,
    auditedDownloads: audited,
    chain,
    control: { ...control, request: "the same document's thumbnail (signed in, no audit)" },
    share:
      control.perSecond > 0 ? Math.round((downloads.perSecond / control.perSecond) * 100) / 100 : 0,
  };
}

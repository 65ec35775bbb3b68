import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import {
  createPglite,
  migrationsFolder,
  openPglite,
  openPostgres,
  queryRows,
  type DatabaseHandle,
} from "#db/client.server";
import journal from "#db/migrations/meta/_journal.json";
import { createEmptyDatabase } from "../support/database";

/*
 * Migration 0013 moves every entry's and document's audience (a kind column and a join table
 * per item table) into shared rows of `audiences`. A database at 0012 with items of every kind
 * is migrated to the end; each item keeps its audience and its organisations.
 */

const template = inject("testDatabase");
const LAST_BEFORE = "0012_sign_in_locks_per_address";

let handle: DatabaseHandle;
const cleanups: (() => Promise<unknown>)[] = [];

/** A copy of the migrations folder that ends at `lastTag`. */
async function migrationsUpTo(lastTag: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "ambit-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  expect(last, lastTag).toBeGreaterThanOrEqual(0);
  const entries = journal.entries.slice(0, last + 1);
  await mkdir(path.join(dir, "meta"));
  await writeFile(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) {
    await copyFile(
      path.join(migrationsFolder, `${entry.tag}.sql`),
      path.join(dir, `${entry.tag}.sql`),
    );
  }
  return dir;
}

async function openEmpty(): Promise<DatabaseHandle> {
  if (template.kind === "pglite") return openPglite(await createPglite());
  const database = await createEmptyDatabase(template);
  const opened = openPostgres(database.url, { max: 1 });
  cleanups.push(database.drop);
  return opened;
}

const id = () => randomUUID();
const org = { host: id(), lumen: id(), meyer: id(), morgenrot: id() };
const anna = id();
const project = id();

/** Every item at 0012: its table, its audience kind and its custom organisations. */
type Item = {
  id: string;
  table: "entries" | "documents";
  kind: string;
  organizations: string[];
  entryId?: string;
};
const items: Item[] = [];
const item = (table: Item["table"], kind: string, organizations: string[] = []) => {
  const row = { id: id(), table, kind, organizations };
  items.push(row);
  return row;
};

const presets = ["internal", "all_members", "partners", "customer"];
for (const kind of presets) {
  item("entries", kind);
  item("documents", kind);
}
const oneOrganisation = item("entries", "custom", [org.meyer]);
const pairA = item("entries", "custom", [org.morgenrot, org.lumen]);
// The same set, named in the other order and by another table: one shared row.
const pairB = item("entries", "custom", [org.lumen, org.morgenrot]);
const pairDocument = item("documents", "custom", [org.lumen, org.morgenrot]);
const otherPair = item("documents", "custom", [org.meyer, org.lumen]);
const emptyCustom = item("entries", "custom");
// An attachment whose copy of its entry's audience had drifted: it follows its entry.
const driftedAttachment = { ...item("documents", "custom", [org.meyer]), entryId: pairA.id };
items[items.length - 1] = driftedAttachment;

beforeAll(async () => {
  handle = await openEmpty();
  cleanups.unshift(() => handle.close());
  await handle.migrate({ migrationsFolder: await migrationsUpTo(LAST_BEFORE) });
  const database = handle.db;
  await database.execute(sql`
    insert into organizations (id, name, kind, partner_type) values
      (${org.host}, 'Hansen', 'host', null),
      (${org.lumen}, 'Studio Lumen', 'partner', 'agency'),
      (${org.meyer}, 'Holzwerk Meyer', 'partner', 'supplier'),
      (${org.morgenrot}, 'Café Morgenrot', 'customer', null)`);
  await database.execute(sql`
    insert into users (id, organization_id, role, name, email)
    values (${anna}, ${org.host}, 'account_manager', 'Anna', 'anna@migration.example')`);
  await database.execute(sql`
    insert into projects (id, account_id, owner_id, name)
    values (${project}, ${org.morgenrot}, ${anna}, 'Umbau')`);
  for (const row of items) {
    if (row.table === "entries") {
      await database.execute(sql`
        insert into entries (id, project_id, channel, direction, occurred_at, subject, author_id,
          author_organization_id, audience)
        values (${row.id}, ${project}, 'note', 'internal', now(), ${row.kind}, ${anna},
          ${org.host}, ${row.kind})`);
      for (const organizationId of row.organizations) {
        await database.execute(sql`
          insert into entry_audience_organizations (entry_id, organization_id)
          values (${row.id}, ${organizationId})`);
      }
    } else {
      await database.execute(sql`
        insert into documents (id, project_id, entry_id, title, kind, audience, uploader_id,
          uploader_organization_id)
        values (${row.id}, ${project}, ${row.entryId ?? null}, ${row.kind}, 'pdf', ${row.kind},
          ${anna}, ${org.host})`);
      for (const organizationId of row.organizations) {
        await database.execute(sql`
          insert into document_audience_organizations (document_id, organization_id)
          values (${row.id}, ${organizationId})`);
      }
    }
  }
  await handle.migrate();
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

type Stored = { id: string; audience_id: string; kind: string; organizations: string[] };

async function stored(table: Item["table"]) {
  return queryRows<Stored>(
    handle.db,
    sql`select t.id, t.audience_id, a.kind,
          coalesce(array_agg(o.organization_id::text order by o.organization_id::text collate "C")
            filter (where o.organization_id is not null), '{}') as organizations
        from ${sql.identifier(table)} t
        join audiences a on a.id = t.audience_id
        left join audience_organizations o on o.audience_id = a.id
        group by t.id, t.audience_id, a.kind`,
  );
}

test("every entry and document keeps its audience and its organisations", async () => {
  const rows = new Map(
    [...(await stored("entries")), ...(await stored("documents"))].map((row) => [row.id, row]),
  );
  expect(rows.size).toBe(items.length);
  for (const expected of items) {
    const row = rows.get(expected.id)!;
    if (expected === emptyCustom || expected === driftedAttachment) continue;
    expect({ kind: row.kind, organizations: row.organizations }, expected.id).toEqual({
      kind: expected.kind,
      organizations: [...expected.organizations].sort(),
    });
  }
  // Custom with no organisations left was readable by the host alone: now internal.
  expect(rows.get(emptyCustom.id)).toMatchObject({ kind: "internal", organizations: [] });
  expect(rows.get(driftedAttachment.id)?.audience_id).toBe(rows.get(pairA.id)?.audience_id);
});

test("items with the same audience share one row; the table holds one row per audience", async () => {
  const rows = new Map(
    [...(await stored("entries")), ...(await stored("documents"))].map((row) => [row.id, row]),
  );
  const rowOf = (item: Item) => rows.get(item.id)!.audience_id;
  expect(rowOf(pairB)).toBe(rowOf(pairA));
  expect(rowOf(pairDocument)).toBe(rowOf(pairA));
  expect(rowOf(otherPair)).not.toBe(rowOf(pairA));
  expect(rowOf(oneOrganisation)).not.toBe(rowOf(otherPair));
  const audiences = await queryRows<{ kind: string; organization_key: string }>(
    handle.db,
    sql`select kind, organization_key from audiences order by kind collate "C", organization_key collate "C"`,
  );
  const key = (...ids: string[]) => [...ids].sort().join(",");
  expect(audiences).toEqual(
    [
      ...presets.map((kind) => ({ kind, organization_key: "" })),
      { kind: "custom", organization_key: key(org.meyer) },
      { kind: "custom", organization_key: key(org.lumen, org.morgenrot) },
      { kind: "custom", organization_key: key(org.meyer, org.lumen) },
    ].sort((a, b) =>
      a.kind === b.kind
        ? a.organization_key < b.organization_key
          ? -1
          : 1
        : a.kind < b.kind
          ? -1
          : 1,
    ),
  );
});

test("the old columns and join tables are gone, and every item must name an audience", async () => {
  const columns = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
    handle.db,
    sql`select table_name, column_name, is_nullable from information_schema.columns
        where table_schema = 'public' and table_name in ('entries', 'documents')
          and column_name in ('audience', 'audience_id')
        order by table_name`,
  );
  expect(columns).toEqual([
    { table_name: "documents", column_name: "audience_id", is_nullable: "NO" },
    { table_name: "entries", column_name: "audience_id", is_nullable: "NO" },
  ]);
  const tables = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_name like '%audience%' order by table_name`,
  );
  expect(tables.map((row) => row.table_name)).toEqual(["audience_organizations", "audiences"]);
});

import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createPglite, openPglite, openPostgres, type DatabaseHandle } from "#db/client.server";
import type { SeedOptions } from "#db/seed/demo-world";
import { seedDemoWorld } from "~/demo-world.server";

/** What the global setup hands each test worker: where the migrated, seeded template lives. */
export type TemplateInfo =
  | { kind: "pglite"; snapshotPath: string }
  | { kind: "postgres"; serverUrl: string; template: string; prefix: string };

declare module "vitest" {
  interface ProvidedContext {
    testDatabase: TemplateInfo;
  }
}

export type TestDatabase = { handle: DatabaseHandle; dispose: () => Promise<void> };

// The shared fixture is DEMO_WORLD.md exactly: the demo's background entries stay out of it.
const FIXTURE: SeedOptions = { backgroundEntries: false };

/** Builds the one template for a run: migrations applied, demo world seeded. */
export async function createTemplate(
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<{ info: TemplateInfo; dispose: () => Promise<void> }> {
  if (serverUrl) return createPostgresTemplate(serverUrl);
  return createPgliteTemplate();
}

async function createPgliteTemplate() {
  const client = await createPglite();
  const handle = openPglite(client);
  await handle.migrate();
  await seedDemoWorld(handle.db, new Date(), FIXTURE);
  // Uncompressed loads in ~0.35 s here against ~0.55 s for gzip; the 40 MB file is temporary.
  const snapshot = await client.dumpDataDir("none");
  await handle.close();
  const dir = await mkdtemp(path.join(tmpdir(), "ambit-test-"));
  const snapshotPath = path.join(dir, "template.tar");
  await writeFile(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  return {
    info: { kind: "pglite", snapshotPath } as const,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function createPostgresTemplate(serverUrl: string) {
  const prefix = `ambit_t_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_tpl`;
  await withServer(serverUrl, (sql) => sql.unsafe(`create database "${template}"`));
  const handle = openPostgres(databaseUrl(serverUrl, template), { max: 1 });
  try {
    await handle.migrate();
    await seedDemoWorld(handle.db, new Date(), FIXTURE);
  } finally {
    // Cloning refuses a template that still has connections.
    await handle.close();
  }
  return {
    info: { kind: "postgres", serverUrl, template, prefix } as const,
    dispose: () => dropDatabases(serverUrl, prefix),
  };
}

/** A private copy of the template for one test file. */
export async function openTestDatabase(info: TemplateInfo): Promise<TestDatabase> {
  if (info.kind === "pglite") {
    const snapshot = await readFile(info.snapshotPath);
    const client = await createPglite({ loadDataDir: new Blob([snapshot]) });
    const handle = openPglite(client);
    return { handle, dispose: () => handle.close() };
  }
  const name = await createDatabase(info, info.template);
  const handle = openPostgres(databaseUrl(info.serverUrl, name), { max: 4 });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await withServer(info.serverUrl, (sql) =>
        sql.unsafe(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

/**
 * A new database seeded with other options than the shared template (e.g. the demo's
 * background entries), on the same engine as the run: PGlite, or the TEST_DATABASE_URL server.
 */
export async function openSeededDatabase(
  info: TemplateInfo,
  options: SeedOptions,
  now = new Date(),
): Promise<TestDatabase> {
  if (info.kind === "pglite") {
    const handle = openPglite(await createPglite());
    await handle.migrate();
    await seedDemoWorld(handle.db, now, options);
    return { handle, dispose: () => handle.close() };
  }
  const name = await createDatabase(info, "template0");
  const handle = openPostgres(databaseUrl(info.serverUrl, name), { max: 4 });
  const dispose = async () => {
    await handle.close();
    await withServer(info.serverUrl, (sql) =>
      sql.unsafe(`drop database if exists "${name}" with (force)`),
    );
  };
  try {
    await handle.migrate();
    await seedDemoWorld(handle.db, now, options);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { handle, dispose };
}

/**
 * An empty database (no migrations) on the test server, for tests of migrating itself.
 * Only exists when TEST_DATABASE_URL is set.
 */
export async function createEmptyDatabase(info: TemplateInfo) {
  if (info.kind !== "postgres") throw new Error("createEmptyDatabase needs TEST_DATABASE_URL");
  const name = await createDatabase(info, "template0");
  return {
    url: databaseUrl(info.serverUrl, name),
    drop: () =>
      withServer(info.serverUrl, (sql) =>
        sql.unsafe(`drop database if exists "${name}" with (force)`),
      ),
  };
}

/**
 * A copy of the seeded template that other processes open by URL (the test's own handle is not
 * made for it). Only exists when TEST_DATABASE_URL is set.
 */
export async function createTemplateCopy(info: TemplateInfo) {
  if (info.kind !== "postgres") throw new Error("createTemplateCopy needs TEST_DATABASE_URL");
  const name = await createDatabase(info, info.template);
  return {
    url: databaseUrl(info.serverUrl, name),
    drop: () =>
      withServer(info.serverUrl, (sql) =>
        sql.unsafe(`drop database if exists "${name}" with (force)`),
      ),
  };
}

async function createDatabase(info: Extract<TemplateInfo, { kind: "postgres" }>, template: string) {
  const name = `${info.prefix}_${randomBytes(4).toString("hex")}`;
  await withServer(info.serverUrl, async (sql) => {
    // Two workers cloning at the same instant can briefly see each other on the template.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sql.unsafe(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006";
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  return name;
}

async function dropDatabases(serverUrl: string, prefix: string) {
  await withServer(serverUrl, async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      select datname from pg_database where starts_with(datname, ${prefix})`;
    // Clones first: the template cannot go while a clone is being made from it.
    const names = rows.map((row) => row.datname).sort((a) => (a.endsWith("_tpl") ? 1 : -1));
    for (const name of names) await sql.unsafe(`drop database if exists "${name}" with (force)`);
  });
}

async function withServer<T>(serverUrl: string, work: (sql: postgres.Sql) => Promise<T>) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function databaseUrl(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database's own message for a failed query (drizzle wraps it in "Failed query: …"). */
export async function databaseError(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(error);
  }
  throw new Error("expected the database to refuse the query");
}

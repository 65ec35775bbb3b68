import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where the migrations are read from; a test may hand a copy that stops at an older one. */
export type MigrateOptions = { migrationsFolder?: string };

export type DatabaseHandle = {
  kind: "pglite" | "postgres";
  db: Database;
  migrate: (options?: MigrateOptions) => Promise<void>;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any constant works; it only has to be the same for every Ambit process.
const MIGRATION_LOCK_KEY = 72_616_601;

type QueryListener = (query: string) => void;
const queryListeners = new Set<QueryListener>();

/**
 * Tells `listener` every SQL statement the app sends through drizzle, until the returned function
 * is called: how tests and the benchmark count the statements a page costs.
 */
export function observeQueries(listener: QueryListener) {
  queryListeners.add(listener);
  return () => void queryListeners.delete(listener);
}

const logger = {
  logQuery(query: string) {
    for (const listener of queryListeners) listener(query);
  },
};

/**
 * An embedded database with the extensions the migrations create: each one is compiled into the
 * process that opens the data, so every PGlite of ours is made here.
 */
export function createPglite(options: PGliteOptions = {}) {
  return PGlite.create({ ...options, extensions: { ...options.extensions, pg_trgm } });
}

export function openPglite(client: PGlite): DatabaseHandle {
  const db = drizzlePglite(client, { schema, logger });
  return {
    kind: "pglite",
    db: db as unknown as Database,
    migrate: (options = {}) =>
      migratePglite(db, { migrationsFolder: options.migrationsFolder ?? migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * Settings of every session the app opens on a PostgreSQL server. No JIT: the permission
 * filter's EXISTS chains give ordinary page queries cost estimates high enough to trigger it,
 * and compiling them added up to a second per query at the benchmark's scale (ADR 9).
 */
export const postgresSessionSettings = { jit: "off" } as const;

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: postgresSessionSettings,
  });
  const db = drizzlePostgres(client, { schema, logger });
  return {
    kind: "postgres",
    db: db as unknown as Database,
    migrate: (options = {}) =>
      migratePostgresUnderLock(url, options.migrationsFolder ?? migrationsFolder),
    close: () => client.end({ timeout: 5 }),
  };
}

// Two processes starting at once: the second waits for the lock, then finds nothing left to apply.
async function migratePostgresUnderLock(url: string, folder: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: folder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function openFromEnv(config: {
  DATABASE_URL?: string;
  DATA_DIR: string;
}): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  const dir = path.resolve(config.DATA_DIR, "pglite");
  mkdirSync(dir, { recursive: true });
  return openPglite(await createPglite({ dataDir: dir }));
}

// Kept on globalThis so the dev server's module reloads reuse one connection.
const state = ((globalThis as { __ambitDatabase?: DatabaseState }).__ambitDatabase ??= {});
type DatabaseState = { current?: DatabaseHandle; opening?: Promise<DatabaseHandle> };

/** Makes `handle` the database every model and service uses (start-up and tests). */
export function useDatabase(handle: DatabaseHandle) {
  state.current = handle;
  state.opening = undefined;
}

export async function connect(config: { DATABASE_URL?: string; DATA_DIR: string }) {
  if (state.current) return state.current;
  state.opening ??= openFromEnv(config).then((handle) => {
    state.current = handle;
    return handle;
  });
  return state.opening;
}

export function db(): Database {
  if (!state.current)
    throw new Error("The database is not connected yet (call connect() at start-up).");
  return state.current.db;
}

export function databaseKind() {
  return state.current?.kind;
}

export async function disconnect() {
  const handle = state.current;
  state.current = undefined;
  state.opening = undefined;
  await handle?.close();
}

/** Rows of a raw query, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(database: Database, query: SQL): Promise<T[]> {
  const result: unknown = await database.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

export async function ping(database: Database) {
  await queryRows(database, sql`select 1`);
}

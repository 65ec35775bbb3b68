import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { databaseKind, queryRows, type Database } from "#db/client.server";
import { databaseUrl } from "./database";

/**
 * Every row of every table, in every schema (the job queue's too), as PostgreSQL prints rows:
 * what a logical dump holds, on either engine. Binary columns print as hex.
 */
export async function logicalDump(database: Database, schemas?: string[]) {
  const tables = (
    await queryRows<{ schema: string; name: string }>(
      database,
      sql`select table_schema as schema, table_name as name from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
          order by 1, 2`,
    )
  ).filter((table) => !schemas || schemas.includes(table.schema));
  const lines: string[] = [];
  for (const table of tables) {
    const rows = await queryRows<{ row: string }>(
      database,
      sql.raw(`select t::text as row from "${table.schema}"."${table.name}" t order by 1`),
    );
    for (const row of rows) lines.push(`${table.schema}.${table.name} ${row.row}`);
  }
  return lines.join("\n");
}

/** `pg_dump` of the test's own database, when the run is on a PostgreSQL server; else null. */
export async function pgDump(database: Database): Promise<string | null> {
  if (databaseKind() !== "postgres") return null;
  const info = inject("testDatabase");
  if (info.kind !== "postgres") return null;
  const [row] = await queryRows<{ name: string }>(database, sql`select current_database() as name`);
  const bin =
    process.env.PG_BIN ??
    (await readdir("/usr/lib/postgresql").then(
      (versions) => `/usr/lib/postgresql/${versions.sort().at(-1)}/bin`,
    ));
  const { stdout } = await promisify(execFile)(
    `${bin}/pg_dump`,
    ["--no-owner", databaseUrl(info.serverUrl, row!.name)],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  return stdout;
}

/** Whether a dump holds `text`, as text or as the hex of its bytes (in a binary column). */
export function dumpHolds(dump: string, text: string) {
  const lower = dump.toLowerCase();
  return (
    lower.includes(text.toLowerCase()) ||
    lower.includes(Buffer.from(text.toLowerCase(), "utf8").toString("hex"))
  );
}

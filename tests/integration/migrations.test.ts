import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, test } from "vitest";
import { openPostgres, queryRows, type DatabaseHandle } from "#db/client.server";
import journal from "#db/migrations/meta/_journal.json";
import { createEmptyDatabase } from "../support/database";

const template = inject("testDatabase");

// Two app processes starting at once against one new database; an embedded PGlite has only one.
describe.runIf(template.kind === "postgres")(
  "migrations (PostgreSQL only: TEST_DATABASE_URL)",
  () => {
    const opened: DatabaseHandle[] = [];
    let dropDatabase: (() => Promise<unknown>) | undefined;

    afterAll(async () => {
      await Promise.all(opened.map((handle) => handle.close()));
      await dropDatabase?.();
    });

    test("two processes migrating at once both succeed and apply each migration once", async () => {
      const database = await createEmptyDatabase(template);
      dropDatabase = database.drop;
      const first = openPostgres(database.url, { max: 1 });
      const second = openPostgres(database.url, { max: 1 });
      opened.push(first, second);

      await Promise.all([first.migrate(), second.migrate()]);

      const applied = await queryRows<{ hash: string; times: number }>(
        first.db,
        sql`select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`,
      );
      expect(applied).toHaveLength(journal.entries.length);
      expect(applied.every((row) => row.times === 1)).toBe(true);

      const heads = await queryRows<{ n: number }>(
        first.db,
        sql`select count(*)::int as n from audit_chain_head`,
      );
      expect(heads[0]!.n).toBe(1);

      // A later start finds nothing to do.
      await expect(second.migrate()).resolves.toBeUndefined();
    });
  },
);

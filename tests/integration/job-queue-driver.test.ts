import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { openPostgres, type DatabaseHandle } from "#db/client.server";
import { postgresJsForBoss } from "~/kernel/jobs/jobs.server";
import { createEmptyDatabase } from "../support/database";

// pg-boss speaks node-postgres; on a PostgreSQL server it runs over our postgres.js pool through
// an adapter. What the adapter gets wrong shows up only there, and only now and then: when two
// processes start at once on a new database, or when a job records a time.

const template = inject("testDatabase");

describe.runIf(template.kind === "postgres")(
  "pg-boss over postgres.js (PostgreSQL only: TEST_DATABASE_URL)",
  () => {
    let url = "";
    let dropDatabase: (() => Promise<unknown>) | undefined;
    const opened: DatabaseHandle[] = [];

    /**
     * The app's own pool (drizzle changes how it sends times), of one connection per test, so
     * whatever a statement leaves behind, the next one meets.
     */
    const oneConnection = () => {
      const handle = openPostgres(url, { max: 1 });
      opened.push(handle);
      return (handle.db as unknown as { $client: postgres.Sql }).$client;
    };

    beforeAll(async () => {
      const database = await createEmptyDatabase(template);
      url = database.url;
      dropDatabase = database.drop;
    });

    afterAll(async () => {
      await Promise.all(opened.map((handle) => handle.close()));
      await dropDatabase?.();
    });

    test("a failed BEGIN … COMMIT block leaves no aborted transaction on the pool", async () => {
      const boss = postgresJsForBoss(oneConnection());
      // What pg-boss's install does when another process created the schema a moment earlier.
      await boss.executeSql("create schema raced");
      await expect(
        boss.executeSql("BEGIN; create schema raced; create table raced.t (id int); COMMIT;"),
      ).rejects.toThrow(/already exists/);

      const { rows } = await boss.executeSql("select 1 as one");
      expect(rows).toEqual([{ one: 1 }]);
    });

    test("a time reaches the database as the time it is", async () => {
      const boss = postgresJsForBoss(oneConnection());
      const at = new Date("2026-03-04T05:06:07.890Z");
      const { rows } = await boss.executeSql(
        "select $1::timestamptz = '2026-03-04 05:06:07.89+00' as same",
        [at],
      );
      expect(rows).toEqual([{ same: true }]);
    });
  },
);

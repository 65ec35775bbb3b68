import { describe, expect, test } from "vitest";
import { statementLabel } from "../../bench/statement-label";

describe("statementLabel", () => {
  test("names the verb and the tables a drizzle select joins", () => {
    const query = `select "sessions"."id", "users"."name" from "sessions"
      inner join "users" on "users"."id" = "sessions"."user_id"
      inner join "organizations" on "organizations"."id" = "users"."organization_id"
      where "sessions"."id" = $1`;
    expect(statementLabel(query)).toBe("select sessions ⋈ users ⋈ organizations");
  });

  test("leaves out a with query's own names and subqueries", () => {
    const query = `with search_query as (select websearch_to_tsquery($1) as q),
      permitted as materialized (select "entries"."id" from "entries")
      select * from (select id from permitted) p join search_query on true`;
    expect(statementLabel(query)).toBe("with entries");
  });

  test("reads an upsert and a locking select by their table, not by update", () => {
    expect(
      statementLabel(
        `insert into "timeline_visits" ("user_id") values ($1) on conflict ("user_id") do update set "seen_at" = now()`,
      ),
    ).toBe("insert timeline_visits");
    expect(
      statementLabel(`select "seen_at" from "timeline_visits" where "user_id" = $1 for update`),
    ).toBe("select timeline_visits");
    expect(statementLabel(`update "audit_chain_head" set "seq" = $1`)).toBe(
      "update audit_chain_head",
    );
  });

  test("tells counts apart, and names transaction control by its verb", () => {
    expect(statementLabel(`select count(*) from (select "id" from "entries") "new_rows"`)).toBe(
      "count entries",
    );
    expect(statementLabel("begin")).toBe("begin");
    expect(statementLabel("COMMIT")).toBe("commit");
  });

  test("shortens a statement over many tables", () => {
    const query = `select 1 from a join b on true join c on true join d on true join e on true`;
    expect(statementLabel(query)).toBe("select a ⋈ b ⋈ c ⋈ d ⋈ … (5 tables)");
  });
});

import { createMongoAbility } from "@casl/ability";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, test } from "vitest";
import { defineAbilityFor, type AppAbility } from "#policies/ability";
import { accessibleWhere, PolicyCompileError } from "#policies/to-sql";

const dialect = new PgDialect();
const render = (
  ability: AppAbility,
  ...args: Parameters<typeof accessibleWhere> extends [unknown, ...infer R] ? R : never
) => dialect.sqlToQuery(accessibleWhere(ability, ...args));

const partner = defineAbilityFor({
  id: "00000000-0000-0000-0000-000000000001",
  organizationId: "00000000-0000-0000-0000-0000000000aa",
  role: "partner",
  organizationKind: "partner",
});

describe("policies → SQL", () => {
  test("a rule set that allows nothing compiles to false", () => {
    expect(render(partner, "update", "Project").sql).toBe("false");
    expect(render(createMongoAbility([]) as AppAbility, "read", "Project").sql).toBe("false");
  });

  test("an unconditional rule compiles to true", () => {
    const admin = defineAbilityFor({
      id: "a",
      organizationId: "h",
      role: "admin",
      organizationKind: "host",
    });
    expect(render(admin, "read", "Project").sql).toBe("true");
  });

  test("relations become uncorrelated IN subqueries with bound parameters, never inlined id lists", () => {
    const query = render(partner, "read", "Project");
    // Uncorrelated: the subquery names only its own alias, so it runs once per query.
    expect(query.sql).toMatch(
      /"projects"\."id" in \(select "p\d+"\."project_id" from "memberships" "p\d+" where /,
    );
    expect(query.sql).not.toContain('"projects"."id" = ');
    expect(query.sql).not.toContain("00000000-0000-0000-0000-0000000000aa");
    expect(query.params).toContain("00000000-0000-0000-0000-0000000000aa");
  });

  test("an item's audience is one uncorrelated subquery over the audiences table", () => {
    const query = render(partner, "read", "Entry");
    expect(query.sql).toMatch(
      /"entries"\."audience_id" in \(select "p\d+"\."id" from "audiences" "p\d+" where "p\d+"\."kind" = \$\d+\)/,
    );
    // The custom audience's organisations are looked up in the audience row's list.
    expect(query.sql).toMatch(
      /from "audience_organizations" "p\d+" where \("p\d+"\."audience_id" = "p\d+"\."id"/,
    );
    expect(query.sql).not.toContain('"entries"."audience"');
  });

  test("a path through a project to its memberships skips the projects table", () => {
    const query = render(partner, "read", "Request");
    expect(query.sql).toMatch(
      /"requests"\."project_id" in \(select "p\d+"\."project_id" from "memberships" "p\d+" where /,
    );
    expect(query.sql).not.toContain('from "projects"');
  });

  test("a middle table that is a kind of rows stays in the path (accounts among organisations)", () => {
    const query = render(partner, "read", "Contact", { field: "email" });
    expect(query.sql).toMatch(/from "organizations" "p\d+" where \("p\d+"\."kind" = \$\d+/);
  });

  test("equal rules compile to equal SQL text, aliases included (callers group by it)", () => {
    const first = render(partner, "read", "Entry");
    const second = render(partner, "read", "Entry");
    expect(second.sql).toBe(first.sql);
    expect(second.params).toEqual(first.params);
  });

  test("an unknown field throws", () => {
    const ability = createMongoAbility([
      { action: "read", subject: "Project", conditions: { secretColumn: 1 } },
    ]) as AppAbility;
    expect(() => render(ability, "read", "Project")).toThrow(PolicyCompileError);
  });

  test("an operator it cannot translate throws", () => {
    const ability = createMongoAbility([
      { action: "read", subject: "Project", conditions: { name: { $regex: "^M" } } },
    ]) as AppAbility;
    expect(() => render(ability, "read", "Project")).toThrow(/not supported/);
  });

  test("a subject without a mapped table throws instead of guessing", () => {
    // The outbox is asked of as a whole: it has no rows to filter, so no table.
    const admin = defineAbilityFor({
      id: "a",
      organizationId: "h",
      role: "admin",
      organizationKind: "host",
    });
    expect(() => render(admin, "read", "MailOutbox")).toThrow(
      /No table is mapped for subject MailOutbox/,
    );
  });
});

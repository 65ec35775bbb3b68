import { and, asc, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "#db/client.server";
import { organizations, projects, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { containsPattern } from "~/kernel/query-input";
import type { RequestFilters } from "./request.server";

/** The queue's filters whose choices are searched, not listed (thousands of them). */
export const searchedFilters = ["project", "account", "assigned"] as const;
export type SearchedFilter = (typeof searchedFilters)[number];

export type FilterOption = { id: string; name: string; detail?: string | null };

/** How many matches one keystroke brings: enough to pick from, little to send. */
const OPTION_LIMIT = 20;

const accounts = alias(organizations, "account");

const wordsOf = (query: string) => query.trim().split(/\s+/).filter(Boolean).slice(0, 5);

/** Every word in one of the columns: "lumen studio" finds "Studio Lumen". */
function matchingWords(query: string, columns: Parameters<typeof ilike>[0][]): SQL | undefined {
  const words = wordsOf(query);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) => or(...columns.map((column) => ilike(column, containsPattern(word))))),
  );
}

function projectOptions(ability: AppAbility, where: SQL | undefined, limit: number) {
  return db()
    .select({ id: projects.id, name: projects.name, detail: accounts.name })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .where(and(accessibleWhere(ability, "read", "Project"), where))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(limit);
}

function organizationOptions(
  ability: AppAbility,
  kind: "customer" | "partner",
  where: SQL | undefined,
  limit: number,
) {
  return db()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, kind),
        accessibleWhere(ability, "read", kind === "customer" ? "Account" : "Organization"),
        where,
      ),
    )
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(limit);
}

/** The first matches of what the reader typed, among what the reader may read. */
export function searchFilterOptions(
  ability: AppAbility,
  filter: SearchedFilter,
  query: string,
): Promise<FilterOption[]> {
  if (filter === "project") {
    return projectOptions(
      ability,
      matchingWords(query, [projects.name, accounts.name]),
      OPTION_LIMIT,
    );
  }
  const kind = filter === "account" ? "customer" : "partner";
  return organizationOptions(
    ability,
    kind,
    matchingWords(query, [organizations.name]),
    OPTION_LIMIT,
  );
}

/** The names of the choices in the URL, for the filter fields to show; unreadable ones are none. */
export async function chosenFilterOptions(
  ability: AppAbility,
  filters: RequestFilters,
): Promise<Record<SearchedFilter, FilterOption | null>> {
  const one = async (rows: Promise<FilterOption[]>) => (await rows)[0] ?? null;
  const organization = (kind: "customer" | "partner", id: string) =>
    one(organizationOptions(ability, kind, eq(organizations.id, id), 1));
  const { projectId, accountId, assignedOrganizationId } = filters;
  const [project, account, assigned] = await Promise.all([
    projectId ? one(projectOptions(ability, eq(projects.id, projectId), 1)) : null,
    accountId ? organization("customer", accountId) : null,
    assignedOrganizationId ? organization("partner", assignedOrganizationId) : null,
  ]);
  return { project, account, assigned };
}

/**
 * Who may own requests, for the queue's owner filter: the host's administrators and account
 * managers, those who have left too, as their requests may still wait for a new owner.
 */
export function queueOwnerChoices(ability: AppAbility) {
  return db()
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(organizations.kind, "host"),
        inArray(users.role, ["admin", "account_manager"]),
        accessibleWhere(ability, "read", "User"),
      ),
    )
    .orderBy(asc(users.name));
}

import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import { db } from "#db/client.server";
import { contacts, organizations, projects, users } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { containsPattern, isUuid } from "~/kernel/query-input";

/**
 * The console's fields whose choices are searched as the reader types (thousands of them): the
 * explorer's person, organisation and project, and what a legal hold covers.
 */
export const auditSearchedFilters = [
  "actor",
  "organization",
  "project",
  "account",
  "contact",
] as const;
export type AuditSearchedFilter = (typeof auditSearchedFilters)[number];

export type AuditFilterOption = { id: string; name: string; detail?: string | null };

/** How many matches one keystroke brings. */
const OPTION_LIMIT = 20;

const wordsOf = (query: string) => query.trim().split(/\s+/).filter(Boolean).slice(0, 5);

/** Every word in one of the columns: "falk lumen" finds Lena Falk of Studio Lumen. */
function matchingWords(query: string, columns: Parameters<typeof ilike>[0][]): SQL | undefined {
  const words = wordsOf(query);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) => or(...columns.map((column) => ilike(column, containsPattern(word))))),
  );
}

/** The options of one filter: the first matches of `query`, or the one with `id`. */
function optionsOf(ability: AppAbility, filter: AuditSearchedFilter, where: SQL | undefined) {
  if (filter === "actor") {
    return db()
      .select({ id: users.id, name: users.name, detail: organizations.name })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(and(accessibleWhere(ability, "read", "User"), where))
      .orderBy(asc(users.name), asc(users.id))
      .limit(OPTION_LIMIT);
  }
  if (filter === "account") {
    return db()
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(
        and(eq(organizations.kind, "customer"), accessibleWhere(ability, "read", "Account"), where),
      )
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(OPTION_LIMIT);
  }
  if (filter === "contact") {
    return db()
      .select({ id: contacts.id, name: contacts.name, detail: organizations.name })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.accountId))
      .where(and(accessibleWhere(ability, "read", "Contact"), where))
      .orderBy(asc(contacts.name), asc(contacts.id))
      .limit(OPTION_LIMIT);
  }
  if (filter === "organization") {
    return db()
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(accessibleWhere(ability, "read", "Organization"), where))
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(OPTION_LIMIT);
  }
  return db()
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(accessibleWhere(ability, "read", "Project"), where))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(OPTION_LIMIT);
}

const searchColumns = {
  actor: [users.name, users.email, organizations.name],
  organization: [organizations.name],
  project: [projects.name],
  account: [organizations.name],
  contact: [contacts.name, organizations.name],
} as const;

const idColumns = {
  actor: users.id,
  organization: organizations.id,
  project: projects.id,
  account: organizations.id,
  contact: contacts.id,
};

/** The first people, organisations or projects the reader reads that match what they typed. */
export function searchAuditFilterOptions(
  ability: AppAbility,
  filter: AuditSearchedFilter,
  query: string,
): Promise<AuditFilterOption[]> {
  return optionsOf(ability, filter, matchingWords(query, [...searchColumns[filter]]));
}

/** The names of the choices in the URL, so the fields show them (none when not readable). */
export async function auditFilterChoices(
  ability: AppAbility,
  values: Partial<Record<AuditSearchedFilter, string>>,
) {
  const chosen = (filter: AuditSearchedFilter) =>
    filterOptionNamed(ability, filter, values[filter]);
  const [actor, organization, project] = await Promise.all([
    chosen("actor"),
    chosen("organization"),
    chosen("project"),
  ]);
  return { actor, organization, project };
}

/** One option by id, as its field shows it once chosen; null when it is not one the reader reads. */
export async function filterOptionNamed(
  ability: AppAbility,
  filter: AuditSearchedFilter,
  id: string | undefined,
) {
  if (!id || !isUuid(id)) return null;
  const [row] = await optionsOf(ability, filter, eq(idColumns[filter], id));
  return row ?? null;
}

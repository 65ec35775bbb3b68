import { and, asc, eq, ilike, sql } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import { contacts, organizations, projects, type ProjectStatus } from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { containsPattern, isUuid } from "~/kernel/query-input";

/** At most this many accounts in one list; the search narrows it. */
export const ACCOUNT_LIST_LIMIT = 200;

export type AccountListRow = {
  id: string;
  name: string;
  contactCount: number;
  projectCount: number;
};

/**
 * The customer accounts the reader may see, with the contacts and projects of each that the
 * reader may see, all filtered and counted in the database.
 */
export async function listAccounts(
  ability: AppAbility,
  options: { search?: string } = {},
): Promise<{ rows: AccountListRow[]; truncated: boolean }> {
  const search = options.search?.trim();
  const rows = await db()
    .select({
      id: organizations.id,
      name: organizations.name,
      // The conditions stay nested SQL: drizzle strips the table from bare columns in the
      // selection of a one-table query, which would turn the correlation into `"id" = "id"`.
      contactCount: sql<number>`(select count(*)::int from ${contacts} where ${and(
        eq(contacts.accountId, organizations.id),
        accessibleWhere(ability, "read", "Contact"),
      )})`,
      projectCount: sql<number>`(select count(*)::int from ${projects} where ${and(
        eq(projects.accountId, organizations.id),
        accessibleWhere(ability, "read", "Project"),
      )})`,
    })
    .from(organizations)
    .where(
      and(
        accessibleWhere(ability, "read", "Account"),
        search ? ilike(organizations.name, containsPattern(search)) : undefined,
      ),
    )
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(ACCOUNT_LIST_LIMIT + 1);
  return {
    rows: rows.slice(0, ACCOUNT_LIST_LIMIT),
    truncated: rows.length > ACCOUNT_LIST_LIMIT,
  };
}

/** One account, if the reader may see it; missing and denied are the same `undefined`. */
export async function findAccount(ability: AppAbility, accountId: string | undefined) {
  if (!isUuid(accountId)) return undefined;
  const [row] = await db()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.id, accountId), accessibleWhere(ability, "read", "Account")));
  return row;
}

export type AccountProjectRow = { id: string; name: string; status: ProjectStatus };

/** The account's projects the reader may see. */
export async function listAccountProjects(
  ability: AppAbility,
  accountId: string,
): Promise<AccountProjectRow[]> {
  return db()
    .select({ id: projects.id, name: projects.name, status: projects.status })
    .from(projects)
    .where(and(eq(projects.accountId, accountId), accessibleWhere(ability, "read", "Project")))
    .orderBy(asc(projects.name), asc(projects.id));
}

/**
 * Records that the reader opened the account page and which contact persons' details (email,
 * phone, and for the host legal basis and notes) it showed them.
 *
 * One `contact.viewed` event per contact shown with details, not one event listing ids: "who
 * accessed this contact" and the data-subject export then find them by subject id through the
 * audit index, like every other single-record read. A contact shown by name and role only is
 * covered by `account.viewed`, which lists the ids of every contact on the page. All events go
 * into one transaction, so the page costs one round of the audit chain's lock.
 */
export async function recordAccountViewed(
  actor: AuditActor,
  accountId: string,
  shown: { contactIds: string[]; detailedContactIds: string[]; projectIds: string[] },
) {
  await db().transaction(async (tx) => {
    await recordAudit(
      actor,
      {
        action: "account.viewed",
        subjectType: "Account",
        subjectId: accountId,
        details: { contactIds: shown.contactIds, projectIds: shown.projectIds },
      },
      tx,
    );
    await recordContactDetailsShown(actor, accountId, shown.detailedContactIds, "account", tx);
  });
}

/** One `contact.viewed` event per contact person whose details a page showed (`via`: which page). */
export async function recordContactDetailsShown(
  actor: AuditActor,
  accountId: string,
  contactIds: string[],
  via: "account" | "compose",
  tx?: Database,
): Promise<void> {
  if (contactIds.length === 0) return;
  if (!tx)
    return db().transaction((own) =>
      recordContactDetailsShown(actor, accountId, contactIds, via, own),
    );
  for (const contactId of contactIds) {
    await recordAudit(
      actor,
      {
        action: "contact.viewed",
        subjectType: "Contact",
        subjectId: contactId,
        details: { accountId, via },
      },
      tx,
    );
  }
}

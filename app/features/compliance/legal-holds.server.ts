import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Database } from "#db/client.server";
import { contacts, legalHolds, organizations, projects, users } from "#db/schema";
import type { HoldScope } from "#db/schema/values";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { isUuid } from "~/kernel/query-input";

/** The subject type the audit log files a hold under: the thing it holds. */
const heldSubject = { account: "Account", project: "Project", contact: "Contact" } as const;

const placers = alias(users, "placer");
const releasers = alias(users, "releaser");

/** What a hold covers, by name: the account, the project (with its account), or the contact. */
const heldName = sql<string | null>`case ${legalHolds.scope}
  when 'account' then (select name from ${organizations} where ${organizations.id} = ${legalHolds.scopeId})
  when 'project' then (select name from ${projects} where ${projects.id} = ${legalHolds.scopeId})
  when 'contact' then (select name from ${contacts} where ${contacts.id} = ${legalHolds.scopeId})
end`;

/** The holds the reader may read: those in force first, then released ones, newest first. */
export async function listLegalHolds(ability: AppAbility) {
  return db()
    .select({
      hold: legalHolds,
      heldName,
      placedBy: placers.name,
      releasedBy: releasers.name,
    })
    .from(legalHolds)
    .innerJoin(placers, eq(placers.id, legalHolds.createdById))
    .leftJoin(releasers, eq(releasers.id, legalHolds.releasedById))
    .where(accessibleWhere(ability, "read", "LegalHold"))
    .orderBy(sql`${legalHolds.releasedAt} is not null`, desc(legalHolds.createdAt))
    .limit(200);
}

/** Does the thing exist (and may the reader read it)? Holds name only what is there. */
async function heldExists(ability: AppAbility, scope: HoldScope, id: string) {
  const table = { account: organizations, project: projects, contact: contacts }[scope];
  const readable = {
    account: and(eq(organizations.kind, "customer"), accessibleWhere(ability, "read", "Account")),
    project: accessibleWhere(ability, "read", "Project"),
    contact: accessibleWhere(ability, "read", "Contact"),
  }[scope];
  const [row] = await db()
    .select({ id: sql<string>`${table.id}` })
    .from(table)
    .where(and(eq(table.id, id), readable));
  return row !== undefined;
}

export class HeldThingUnknown extends Error {}

/** Places a hold, audited against what it holds. */
export async function placeLegalHold(
  ability: AppAbility,
  actor: AuditActor & { userId: string },
  input: { scope: HoldScope; scopeId: string; reason: string },
) {
  if (!isUuid(input.scopeId) || !(await heldExists(ability, input.scope, input.scopeId))) {
    throw new HeldThingUnknown();
  }
  return db().transaction(async (tx) => {
    const [hold] = await tx
      .insert(legalHolds)
      .values({ ...input, createdById: actor.userId })
      .returning();
    await recordAudit(
      actor,
      {
        action: "legal_hold.placed",
        subjectType: heldSubject[input.scope],
        subjectId: input.scopeId,
        projectId: input.scope === "project" ? input.scopeId : null,
        details: { holdId: hold!.id },
        personal: { reason: input.reason },
      },
      tx,
    );
    return hold!;
  });
}

/** Releases a hold in force; undefined when there is none the reader may release. */
export async function releaseLegalHold(
  ability: AppAbility,
  actor: AuditActor & { userId: string },
  holdId: string,
) {
  if (!isUuid(holdId)) return undefined;
  return db().transaction(async (tx) => {
    const [hold] = await tx
      .select()
      .from(legalHolds)
      .where(and(eq(legalHolds.id, holdId), isNull(legalHolds.releasedAt)))
      .for("update");
    if (!hold || !ability.can("update", subject("LegalHold", hold))) return undefined;
    await tx
      .update(legalHolds)
      .set({ releasedAt: new Date(), releasedById: actor.userId })
      .where(eq(legalHolds.id, holdId));
    await recordAudit(
      actor,
      {
        action: "legal_hold.released",
        subjectType: heldSubject[hold.scope],
        subjectId: hold.scopeId,
        projectId: hold.scope === "project" ? hold.scopeId : null,
        details: { holdId },
      },
      tx,
    );
    return hold;
  });
}

/**
 * The holds in force over a contact person, an account or projects: what erasure and retention
 * must respect. A contact is held by its own hold and by its account's.
 */
export async function holdsInForce(
  what: { contactIds?: string[]; accountIds?: string[]; projectIds?: string[] },
  executor: Database = db(),
) {
  const scoped = (scope: HoldScope, ids: string[] | undefined): SQL | undefined =>
    ids?.length ? and(eq(legalHolds.scope, scope), inArray(legalHolds.scopeId, ids)) : undefined;
  const conditions = [
    scoped("contact", what.contactIds),
    scoped("account", what.accountIds),
    scoped("project", what.projectIds),
  ].filter(Boolean);
  if (conditions.length === 0) return [];
  return executor
    .select()
    .from(legalHolds)
    .where(and(isNull(legalHolds.releasedAt), or(...conditions)));
}

/** How many holds are in force, for the console. */
export async function holdsInForceCount() {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(legalHolds)
    .where(isNull(legalHolds.releasedAt));
  return row?.n ?? 0;
}

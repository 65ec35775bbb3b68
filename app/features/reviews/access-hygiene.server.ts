import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { hostSettings, memberships, organizations, projects, users } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { setUserDisabled } from "~/features/identity/index.server";
import { membershipSubject, revokeMembership } from "~/features/projects/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { isUuid } from "~/kernel/query-input";

/** After how many days without a sign-in an external user counts as dormant (a host setting). */
export async function dormantAfterDays() {
  const [row] = await db().select({ days: hostSettings.dormantAfterDays }).from(hostSettings);
  return row?.days ?? 90;
}

/** Changes after how many days without a sign-in external users count as dormant. */
export async function saveDormantAfterDays(days: number, actor: AuditActor) {
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ days: hostSettings.dormantAfterDays })
      .from(hostSettings)
      .for("update");
    if (row?.days === days) return;
    await tx
      .insert(hostSettings)
      .values({ dormantAfterDays: days })
      .onConflictDoUpdate({
        target: hostSettings.id,
        set: { dormantAfterDays: days, updatedAt: sql`now()` },
      });
    await recordAudit(
      actor,
      {
        action: "settings.dormant_days_changed",
        subjectType: "HostSettings",
        details: { from: row?.days ?? 90, to: days },
      },
      tx,
    );
  });
}

/** The page lists the longest silent first, this many at most. */
const DORMANT_LIST_LIMIT = 200;

type DormantFilter = { now?: Date; userId?: string; organizationIds?: string[] };

/** Never signed in: judged from when the account was made, so an unused invitation counts too. */
const lastActive = sql<Date>`coalesce(${users.lastSignInAt}, ${users.createdAt})`;

/**
 * External users who have not signed in for `days` and are not disabled, longest silent first.
 */
export async function dormantExternalUsers(
  ability: AppAbility,
  days: number,
  { now = new Date(), userId, organizationIds }: DormantFilter = {},
) {
  const rows = await db()
    .select({
      id: users.id,
      organizationId: users.organizationId,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationName: organizations.name,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        inArray(organizations.kind, ["partner", "customer"]),
        isNull(users.disabledAt),
        sql`${lastActive} < ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz`,
        accessibleWhere(ability, "read", "User"),
        userId ? eq(users.id, userId) : undefined,
        organizationIds ? inArray(users.organizationId, organizationIds) : undefined,
      ),
    )
    .orderBy(asc(lastActive), asc(users.id))
    .limit(DORMANT_LIST_LIMIT);
  return rows.map((row) => ({
    ...row,
    mayDisable: ability.can("disable", subject("User", row)),
  }));
}

/** Disables one dormant user, if the reader may; undefined when it is not one they may. */
export async function disableDormantUser(
  ability: AppAbility,
  actor: AuditActor,
  userId: string,
  days: number,
) {
  if (!isUuid(userId)) return undefined;
  const [found] = await dormantExternalUsers(ability, days, { userId });
  if (!found?.mayDisable) return undefined;
  await setUserDisabled(userId, true, actor);
  return found;
}

/** Partner and customer organisations with how many live memberships each holds. */
export async function organizationsWithAccess(ability: AppAbility) {
  return db()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      projects: sql<number>`(select count(*)::int from ${memberships}
        where ${memberships.organizationId} = ${organizations.id} and ${memberships.revokedAt} is null
          and (${memberships.expiresAt} is null or ${memberships.expiresAt} > now()))`,
    })
    .from(organizations)
    .where(
      and(
        inArray(organizations.kind, ["partner", "customer"]),
        accessibleWhere(ability, "read", "Organization"),
      ),
    )
    .orderBy(asc(organizations.name));
}

/**
 * Revokes every unrevoked membership of an organisation the reader may review, in one
 * transaction: one step for "this partner no longer works for us". Returns the projects.
 */
export async function revokeOrganizationEverywhere(
  ability: AppAbility,
  actor: AuditActor,
  organizationId: string,
) {
  if (!isUuid(organizationId)) return undefined;
  const rows = await db()
    .select({
      membership: memberships,
      project: { id: projects.id, ownerId: projects.ownerId, name: projects.name },
    })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(and(eq(memberships.organizationId, organizationId), isNull(memberships.revokedAt)));
  const mine = rows.filter((row) =>
    ability.can("review", membershipSubject(row.project, row.membership)),
  );
  if (mine.length === 0) return [];
  await db().transaction(async (tx) => {
    for (const { membership } of mine) await revokeMembership(membership, actor, tx);
    await recordAudit(
      actor,
      {
        action: "organization.access_revoked",
        subjectType: "Organization",
        subjectId: organizationId,
        details: { memberships: mine.map((row) => row.membership.id) },
      },
      tx,
    );
  });
  return mine.map((row) => row.project.name);
}

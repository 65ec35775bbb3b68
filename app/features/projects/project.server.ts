import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Database } from "#db/client.server";
import {
  memberships,
  membershipUsers,
  organizations,
  projects,
  users,
  type MembershipAccess,
  type OrganizationKind,
  type ProjectSection,
  type ProjectStatus,
} from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { containsPattern, isUuid } from "~/kernel/query-input";
import { loadedPer, oncePer } from "~/kernel/once-per.server";

export const PAGE_SIZE = 25;

export type ProjectFilters = {
  accountId?: string;
  status?: ProjectStatus;
  q?: string;
  /** Keyset cursor: the last row of the previous page. */
  after?: { name: string; id: string };
};

const accounts = alias(organizations, "account");

/** One page of the projects the reader may see, by name, with keyset pagination. */
export async function listProjects(ability: AppAbility, filters: ProjectFilters) {
  const conditions: (SQL | undefined)[] = [accessibleWhere(ability, "read", "Project")];
  if (filters.accountId) conditions.push(eq(projects.accountId, filters.accountId));
  if (filters.status) conditions.push(eq(projects.status, filters.status));
  if (filters.q) conditions.push(ilike(projects.name, containsPattern(filters.q)));
  if (filters.after) {
    conditions.push(
      or(
        gt(projects.name, filters.after.name),
        and(eq(projects.name, filters.after.name), gt(projects.id, filters.after.id)),
      ),
    );
  }
  const rows = await db()
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
      accountId: projects.accountId,
      accountName: accounts.name,
      ownerName: users.name,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .innerJoin(users, eq(users.id, projects.ownerId))
    .where(and(...conditions))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    projects: page,
    next: rows.length > PAGE_SIZE && last ? { name: last.name, id: last.id } : null,
  };
}

/** Accounts that have at least one project the reader may see, for the filter menu. */
export async function accountsWithVisibleProjects(ability: AppAbility) {
  return db()
    .selectDistinct({ id: accounts.id, name: accounts.name })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .where(accessibleWhere(ability, "read", "Project"))
    .orderBy(asc(accounts.name));
}

/** A project the reader may see, or undefined (callers answer 404 either way). */
export async function findProject(ability: AppAbility, projectId: string) {
  if (!isUuid(projectId)) return undefined;
  return oncePer(ability, `project:${projectId}`, () => loadProject(ability, projectId));
}

type Membership = typeof memberships.$inferSelect;

/** An unrevoked membership of a project with its organisation and the people it names. */
export type UnrevokedMembership = {
  membership: Membership;
  organizationName: string;
  organizationKind: OrganizationKind;
  people: { id: string; name: string }[];
};

type UnrevokedMembershipJson = Omit<UnrevokedMembership, "membership"> & {
  membership: Omit<Membership, "expiresAt" | "revokedAt" | "createdAt" | "updatedAt"> &
    Record<"expiresAt" | "revokedAt", string | null> &
    Record<"createdAt" | "updatedAt", string>;
};

// Qualified by hand: drizzle leaves a single-table query's columns bare, which here would
// name the subquery's own `id`.
const projectIdOfRow = sql`${sql.identifier("projects")}.${sql.identifier("id")}`;

/**
 * The unrevoked memberships of the project a query reads (by organisation name), with their
 * organisation and named people, as one JSON column: the project and what the policy needs of it
 * in one statement.
 */
const unrevokedMembershipsColumn = sql<UnrevokedMembershipJson[]>`coalesce((
  select json_agg(json_build_object(
    'membership', json_build_object(
      'id', pm.id, 'projectId', pm.project_id, 'organizationId', pm.organization_id,
      'access', pm.access, 'sections', pm.sections, 'expiresAt', pm.expires_at,
      'revokedAt', pm.revoked_at, 'narrowed', pm.narrowed, 'createdById', pm.created_by_id,
      'createdAt', pm.created_at, 'updatedAt', pm.updated_at),
    'organizationName', po.name,
    'organizationKind', po.kind,
    'people', coalesce((
      select json_agg(json_build_object('id', pu.id, 'name', pu.name) order by pu.name)
      from membership_users pmu inner join users pu on pu.id = pmu.user_id
      where pmu.membership_id = pm.id), '[]'::json)
  ) order by po.name)
  from memberships pm inner join organizations po on po.id = pm.organization_id
  where pm.project_id = ${projectIdOfRow} and pm.revoked_at is null
), '[]'::json)`;

const date = (value: string | null) => (value === null ? null : new Date(value));

function unrevokedMemberships(rows: UnrevokedMembershipJson[]): UnrevokedMembership[] {
  return rows.map((row) => ({
    ...row,
    membership: {
      ...row.membership,
      expiresAt: date(row.membership.expiresAt),
      revokedAt: date(row.membership.revokedAt),
      createdAt: new Date(row.membership.createdAt),
      updatedAt: new Date(row.membership.updatedAt),
    },
  }));
}

/** `findProject`'s answer if this request has asked for it already, else undefined. */
export function projectIfLoaded(ability: AppAbility, projectId: string) {
  return loadedPer<Awaited<ReturnType<typeof loadProject>>>(ability, `project:${projectId}`);
}

async function loadProject(ability: AppAbility, projectId: string) {
  const [row] = await db()
    .select({
      project: projects,
      accountName: accounts.name,
      ownerName: users.name,
      ownerEmail: users.email,
      memberships: unrevokedMembershipsColumn,
    })
    .from(projects)
    .innerJoin(accounts, eq(accounts.id, projects.accountId))
    .innerJoin(users, eq(users.id, projects.ownerId))
    .where(and(eq(projects.id, projectId), accessibleWhere(ability, "read", "Project")));
  return row && { ...row, memberships: unrevokedMemberships(row.memberships) };
}

/**
 * A project, readable or not, with its unrevoked memberships: for the policy's checks, where
 * `findProject` (the reader's view) would answer nothing.
 */
export async function projectWithMemberships(projectId: string) {
  if (!isUuid(projectId)) return undefined;
  const [row] = await db()
    .select({
      project: { id: projects.id, accountId: projects.accountId, ownerId: projects.ownerId },
      memberships: unrevokedMembershipsColumn,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  return row && { ...row, memberships: unrevokedMemberships(row.memberships) };
}

export type MembershipState = "active" | "expired" | "revoked";

export function membershipState(
  row: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): MembershipState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

/**
 * The people a narrowed membership is limited to, by name, as JSON beside each membership row
 * of a query on `memberships` (one statement for the list and its people).
 */
export const peopleOfMembership = sql<{ id: string; name: string }[]>`coalesce((
  select json_agg(json_build_object('id', ${users.id}, 'name', ${users.name}) order by ${users.name})
  from ${membershipUsers} inner join ${users} on ${users.id} = ${membershipUsers.userId}
  where ${membershipUsers.membershipId} = ${memberships.id}
), '[]'::json)`;

/** The memberships of a project the reader may see, with organisation and named people. */
export async function listMemberships(ability: AppAbility, projectId: string) {
  const rows = await db()
    .select({
      membership: memberships,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      partnerType: organizations.partnerType,
      people: peopleOfMembership,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(eq(memberships.projectId, projectId), accessibleWhere(ability, "read", "Membership")),
    )
    .orderBy(asc(organizations.name), asc(memberships.createdAt));
  return rows.map((row) => ({ ...row, state: membershipState(row.membership) }));
}

/** The in-memory subject for CASL write checks on a membership of this project. */
export function membershipSubject(
  project: { id: string; ownerId: string },
  membership: Partial<typeof memberships.$inferSelect> = {},
) {
  return subject("Membership", { ...membership, projectId: project.id, project });
}

export type MembershipInput = {
  organizationId: string;
  access: MembershipAccess;
  sections: ProjectSection[];
  expiresAt: Date | null;
  userIds: string[];
};

async function usersOfOrganization(
  organizationId: string,
  userIds: string[],
  database: Database = db(),
) {
  if (userIds.length === 0) return [];
  const rows = await database
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, userIds)));
  return rows.map((row) => row.id);
}

export class MembershipConflict extends Error {}

export async function addMembership(
  project: { id: string },
  input: MembershipInput,
  actor: AuditActor & { userId: string },
) {
  const named = await usersOfOrganization(input.organizationId, input.userIds);
  return db().transaction(async (tx) => {
    const [live] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.projectId, project.id),
          eq(memberships.organizationId, input.organizationId),
          sql`${memberships.revokedAt} is null`,
        ),
      );
    if (live) throw new MembershipConflict();
    const [created] = await tx
      .insert(memberships)
      .values({
        projectId: project.id,
        organizationId: input.organizationId,
        access: input.access,
        sections: input.sections,
        expiresAt: input.expiresAt,
        narrowed: named.length > 0,
        createdById: actor.userId,
      })
      .returning();
    if (named.length > 0) {
      await tx
        .insert(membershipUsers)
        .values(named.map((userId) => ({ membershipId: created!.id, userId })));
    }
    await recordAudit(
      actor,
      {
        action: "membership.created",
        subjectType: "Membership",
        subjectId: created!.id,
        projectId: project.id,
        details: { ...describe(input), userIds: named },
      },
      tx,
    );
    return created!;
  });
}

/** `database`: a transaction to run in (an access review's decision), else a new one. */
export async function updateMembership(
  membership: typeof memberships.$inferSelect,
  input: Omit<MembershipInput, "organizationId">,
  actor: AuditActor,
  database: Database = db(),
) {
  const named = await usersOfOrganization(membership.organizationId, input.userIds, database);
  await database.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({
        access: input.access,
        sections: input.sections,
        expiresAt: input.expiresAt,
        narrowed: named.length > 0,
        updatedAt: new Date(),
      })
      .where(eq(memberships.id, membership.id));
    await tx.delete(membershipUsers).where(eq(membershipUsers.membershipId, membership.id));
    if (named.length > 0) {
      await tx
        .insert(membershipUsers)
        .values(named.map((userId) => ({ membershipId: membership.id, userId })));
    }
    await recordAudit(
      actor,
      {
        action: "membership.updated",
        subjectType: "Membership",
        subjectId: membership.id,
        projectId: membership.projectId,
        details: {
          before: describe({ ...membership, userIds: [] }),
          after: {
            ...describe({ ...input, organizationId: membership.organizationId }),
            userIds: named,
          },
        },
      },
      tx,
    );
  });
}

export async function revokeMembership(
  membership: typeof memberships.$inferSelect,
  actor: AuditActor,
  database: Database = db(),
) {
  await database.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where(eq(memberships.id, membership.id));
    await recordAudit(
      actor,
      {
        action: "membership.revoked",
        subjectType: "Membership",
        subjectId: membership.id,
        projectId: membership.projectId,
        details: { organizationId: membership.organizationId },
      },
      tx,
    );
  });
}

function describe(input: MembershipInput) {
  return {
    organizationId: input.organizationId,
    access: input.access,
    sections: input.sections,
    expiresAt: input.expiresAt?.toISOString() ?? null,
  };
}

/** Organisations that could be invited into the project (partners and its customer). */
export async function invitableOrganizations(ability: AppAbility, project: { accountId: string }) {
  const rows = await db()
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(
      and(
        or(eq(organizations.kind, "partner"), eq(organizations.id, project.accountId)),
        accessibleWhere(ability, "read", "Organization"),
      ),
    )
    .orderBy(asc(organizations.name));
  const people = await db()
    .select({ id: users.id, name: users.name, organizationId: users.organizationId })
    .from(users)
    .where(
      and(
        inArray(
          users.organizationId,
          rows.map((row) => row.id),
        ),
        sql`${users.disabledAt} is null`,
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((row) => ({
    ...row,
    people: people.filter((person) => person.organizationId === row.id),
  }));
}

/** The host company's name: every project member sees that the host is in every project. */
export async function hostOrganizationName(reader?: {
  organization: { kind: string; name: string };
}) {
  // The host's own staff already carry its name: no query for the pages they open most.
  if (reader?.organization.kind === "host") return reader.organization.name;
  const [host] = await db()
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, "host"));
  return host?.name ?? "";
}

/** Customer accounts and possible owners (account managers and admins) for the project form. */
export async function projectFormChoices(ability: AppAbility) {
  const [accountRows, ownerRows] = await Promise.all([
    db()
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, "customer"), accessibleWhere(ability, "read", "Account")))
      .orderBy(asc(organizations.name)),
    db()
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(
        and(inArray(users.role, ["admin", "account_manager"]), sql`${users.disabledAt} is null`),
      )
      .orderBy(asc(users.name)),
  ]);
  return { accounts: accountRows, owners: ownerRows };
}

export async function createProject(
  input: {
    name: string;
    accountId: string;
    ownerId: string;
    status: ProjectStatus;
    description: string;
    startsOn?: string;
    endsOn?: string;
  },
  actor: AuditActor,
) {
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(projects)
      .values({ ...input, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null })
      .returning();
    await recordAudit(
      actor,
      {
        action: "project.created",
        subjectType: "Project",
        subjectId: created!.id,
        projectId: created!.id,
        details: { accountId: input.accountId, ownerId: input.ownerId },
        personal: { name: input.name },
      },
      tx,
    );
    return created!;
  });
}

export async function findMembership(projectId: string, membershipId: string) {
  if (!isUuid(membershipId)) return undefined;
  const [row] = await db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.projectId, projectId)));
  return row;
}

/**
 * Does the reader read every project, not only those its organisation is a member of (host
 * staff)? Such readers have no membership of their own to show, and the lists say "every".
 */
export function seesEveryProject(ability: AppAbility) {
  return ability.can("read", subject("Project", { memberships: [] }));
}

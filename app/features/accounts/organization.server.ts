import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import {
  invitations,
  organizations,
  users,
  type OrganizationKind,
  type PartnerType,
  type UserRole,
} from "#db/schema";
import type { Action, AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { parseMailDomains } from "./mail-domains";

/** The roles a user of an organisation of this kind may have. */
export function rolesForKind(kind: OrganizationKind): UserRole[] {
  switch (kind) {
    case "host":
      return ["admin", "account_manager", "compliance_officer"];
    case "partner":
      return ["partner"];
    case "customer":
      return ["customer"];
  }
}

/** Trimmed, with runs of whitespace as one space: the form in which names are stored. */
export function normaliseOrganizationName(name: string) {
  return name.trim().replace(/\s+/g, " ");
}

const comparableName = (name: string) => normaliseOrganizationName(name).toLowerCase();

const kindOrder = sql`case ${organizations.kind} when 'host' then 0 when 'partner' then 1 else 2 end`;

/**
 * The organisations the ability may read, with how many of their users and open invitations it
 * may see. Filtered and counted in SQL.
 */
export async function listOrganizations(ability: AppAbility) {
  // Built apart and nested: drizzle writes bare column names in a single-table select list, so
  // "organizations.id" must not sit directly in it or it would mean the subquery's own id.
  const userCount = sql`(select count(*)::int from ${users} where ${and(
    eq(users.organizationId, organizations.id),
    accessibleWhere(ability, "read", "User"),
  )})`;
  const pending = sql`(select count(*)::int from ${invitations} where ${and(
    eq(invitations.organizationId, organizations.id),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    sql`${invitations.expiresAt} > now()`,
    accessibleWhere(ability, "read", "Invitation"),
  )})`;
  return db()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      partnerType: organizations.partnerType,
      mailDomains: organizations.mailDomains,
      createdAt: organizations.createdAt,
      userCount: sql<number>`${userCount}`,
      pendingInvitations: sql<number>`${pending}`,
    })
    .from(organizations)
    .where(accessibleWhere(ability, "read", "Organization"))
    .orderBy(kindOrder, asc(sql`lower(${organizations.name})`), asc(organizations.id));
}

/** For choosers: every organisation the ability may read, host first, then by name. */
export function listOrganizationOptions(ability: AppAbility) {
  return db()
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(accessibleWhere(ability, "read", "Organization"))
    .orderBy(kindOrder, asc(sql`lower(${organizations.name})`), asc(organizations.id));
}

/** One organisation, if the ability allows `action` on it. */
export async function findOrganization(ability: AppAbility, id: string, action: Action = "read") {
  const [row] = await db()
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), accessibleWhere(ability, action, "Organization")));
  return row;
}

export type NewOrganization =
  { name: string; kind: "customer" } | { name: string; kind: "partner"; partnerType: PartnerType };

export type CreateOrganizationResult =
  | { kind: "ok"; organization: typeof organizations.$inferSelect }
  | { kind: "name_taken"; existingName: string };

/**
 * Creates a partner organisation or a customer account (there is only ever one host). Names are
 * unique ignoring case and spacing, so "Holzwerk Meyer KG" cannot be added twice by accident.
 */
export async function createOrganization(
  input: NewOrganization,
  actor: AuditActor,
): Promise<CreateOrganizationResult> {
  const name = normaliseOrganizationName(input.name);
  return db().transaction(async (tx) => {
    // One creation at a time, so two admins cannot add the same name in the same instant.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ambit.organizations.name'))`);
    const [existing] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(
        eq(
          sql`lower(regexp_replace(btrim(${organizations.name}), '\\s+', ' ', 'g'))`,
          comparableName(name),
        ),
      )
      .limit(1);
    if (existing) return { kind: "name_taken", existingName: existing.name };
    const [organization] = await tx
      .insert(organizations)
      .values({
        name,
        kind: input.kind,
        partnerType: input.kind === "partner" ? input.partnerType : null,
      })
      .returning();
    await recordAudit(
      actor,
      {
        action: "organization.created",
        subjectType: "Organization",
        subjectId: organization!.id,
        // A partner may be one person trading under their own name.
        personal: { name },
        details: {
          kind: input.kind,
          ...(input.kind === "partner" ? { partnerType: input.partnerType } : {}),
        },
      },
      tx,
    );
    return { kind: "ok", organization: organization! };
  });
}

export type SetMailDomainsResult =
  | { kind: "ok"; organization: typeof organizations.$inferSelect; from: string[]; to: string[] }
  | { kind: "unchanged"; organization: typeof organizations.$inferSelect }
  | { kind: "not_found" };

/**
 * Replaces an organisation's verified mail domains (already parsed by `parseMailDomains`), if the
 * ability may update it, and audits `organization.mail_domains_changed` with the old and the new
 * list in the same transaction. The same domains in another order change nothing and record
 * nothing.
 */
export async function setOrganizationMailDomains(
  ability: AppAbility,
  id: string,
  domains: readonly string[],
  actor: AuditActor,
): Promise<SetMailDomainsResult> {
  // Checked again here, so no caller can store a public provider or a malformed name.
  const parsed = parseMailDomains(domains.join("\n"));
  if (!parsed.ok) throw new Error(`Refused mail domains: ${JSON.stringify(parsed.error)}`);
  const to = parsed.domains;
  return db().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, id), accessibleWhere(ability, "update", "Organization")))
      .for("update");
    if (!current) return { kind: "not_found" };
    const from = current.mailDomains;
    if (from.length === to.length && to.every((domain) => from.includes(domain))) {
      return { kind: "unchanged", organization: current };
    }
    const [organization] = await tx
      .update(organizations)
      .set({ mailDomains: to })
      .where(eq(organizations.id, id))
      .returning();
    await recordAudit(
      actor,
      {
        action: "organization.mail_domains_changed",
        subjectType: "Organization",
        subjectId: id,
        details: { from, to },
      },
      tx,
    );
    return { kind: "ok", organization: organization!, from, to };
  });
}

export const USER_LIST_LIMIT = 200;

/**
 * Users the ability may read, with their organisation, optionally of one organisation only.
 * Returns at most `limit` rows and whether there were more.
 */
export async function listUsers(
  ability: AppAbility,
  options: { organizationId?: string; limit?: number } = {},
) {
  const limit = options.limit ?? USER_LIST_LIMIT;
  const rows = await db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      totpEnabledAt: users.totpEnabledAt,
      createdAt: users.createdAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        accessibleWhere(ability, "read", "User"),
        options.organizationId ? eq(users.organizationId, options.organizationId) : undefined,
      ),
    )
    .orderBy(
      kindOrder,
      asc(sql`lower(${organizations.name})`),
      asc(organizations.id),
      asc(sql`lower(${users.name})`),
      asc(users.id),
    )
    .limit(limit + 1);
  return { users: rows.slice(0, limit), truncated: rows.length > limit };
}

/** One user, if the ability allows `action` on them (a user it may not see is simply missing). */
export async function findUser(ability: AppAbility, id: string, action: Action = "read") {
  const [row] = await db()
    .select()
    .from(users)
    .where(and(eq(users.id, id), accessibleWhere(ability, action, "User")));
  return row;
}

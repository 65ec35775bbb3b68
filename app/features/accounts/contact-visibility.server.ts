import { and, eq, inArray, isNull } from "drizzle-orm";
import { db } from "#db/client.server";
import { memberships, membershipUsers, organizations, projects } from "#db/schema";
import { subject } from "#policies/ability";
import { hostOrganizationName } from "~/features/projects/index.server";
import { maySeeSharing, memberAbility } from "~/features/sharing/index.server";
import type { Viewer } from "~/kernel/viewer.server";
import type { ContactVisibility } from "./types";

/**
 * "Who can see this contact person": every organisation with an unrevoked membership of one of
 * the account's projects, asked of the policy in memory as a user of that organisation, for the
 * name and for the email. Host staff only; null for everyone else.
 */
export async function contactVisibility(
  viewer: Viewer,
  contact: { id: string; accountId: string },
  now = new Date(),
): Promise<ContactVisibility | null> {
  if (!maySeeSharing(viewer.ability)) return null;
  const rows = await db()
    .select({
      membership: memberships,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(projects.accountId, contact.accountId), isNull(memberships.revokedAt)));
  const named = rows.length
    ? await db()
        .select()
        .from(membershipUsers)
        .where(
          inArray(
            membershipUsers.membershipId,
            rows.map((row) => row.membership.id),
          ),
        )
    : [];
  const asPolicy = rows.map((row) => ({
    ...row.membership,
    userIds: named
      .filter((person) => person.membershipId === row.membership.id)
      .map((person) => person.userId),
  }));
  const projectIds = [...new Set(asPolicy.map((membership) => membership.projectId))];
  const item = subject("Contact", {
    id: contact.id,
    accountId: contact.accountId,
    account: {
      id: contact.accountId,
      projects: projectIds.map((id) => ({
        id,
        memberships: asPolicy.filter((membership) => membership.projectId === id),
      })),
    },
  });
  const organizationsSeen = new Map<string, ContactVisibility["organizations"][number]>();
  for (const row of rows) {
    const organizationId = row.membership.organizationId;
    if (row.organizationKind === "host" || organizationsSeen.has(organizationId)) continue;
    // A narrowed membership lets in its named people: ask as one of them.
    const person = asPolicy.find(
      (membership) => membership.organizationId === organizationId && membership.narrowed,
    )?.userIds[0];
    const kind = row.organizationKind === "partner" ? "partner" : "customer";
    const ability = memberAbility(
      { organizationId, organizationKind: row.organizationKind, role: kind, personId: person },
      now,
    );
    organizationsSeen.set(organizationId, {
      organizationId,
      organizationName: row.organizationName,
      sees: ability.can("read", item, "email")
        ? "details"
        : ability.can("read", item)
          ? "name"
          : "nothing",
    });
  }
  return {
    hostName: await hostOrganizationName(viewer),
    organizations: [...organizationsSeen.values()].sort((a, b) =>
      a.organizationName.localeCompare(b.organizationName),
    ),
  };
}

import {
  subject,
  defineAbilityFor,
  type Actor,
  type AppAbility,
  type TaggedSubject,
} from "#policies/ability";
import type { ProjectSection } from "#db/schema";
import { hostOrganizationName } from "~/features/projects/index.server";
import type { PolicyProject } from "./audience.server";
import type { SharingExplanation, VisibilityExplanation } from "./types";

/**
 * Would a user of each organisation with a live membership of the project read this item, and by
 * which rule? Evaluated in memory against the same policy as the SQL filter, so the panel can
 * never tell a different story from the lists. `itemIn` builds the item (tagged for CASL) inside
 * a given version of the project: asked once more with the section added to a membership, the
 * policy itself tells "not shared with them" from "shared, but their membership lacks the section".
 */
export function explainVisibility(
  project: PolicyProject,
  itemIn: (project: PolicyProject) => TaggedSubject,
  section: ProjectSection,
  now = new Date(),
): VisibilityExplanation[] {
  const item = itemIn(project);
  return project.liveMemberships
    .filter((row) => row.organizationKind !== "host")
    .map((row) => {
      const people = row.people;
      const kind = row.organizationKind === "partner" ? "partner" : "customer";
      const ability = previewAbility(row, kind, now);
      const rule = ability.relevantRuleFor("read", item);
      const canRead = Boolean(rule && !rule.inverted);
      const lacksSection =
        !canRead &&
        !row.membership.sections.includes(section) &&
        ability.can("read", itemIn(withSection(project, row.membership.id, section)));
      return {
        organizationId: row.membership.organizationId,
        organizationName: row.organizationName,
        organizationKind: kind,
        canRead,
        reason: canRead ? (rule?.reason ?? null) : null,
        why: canRead ? "rule" : lacksSection ? "lacksSection" : "notShared",
        section,
        onlyNamed: row.membership.narrowed ? people.map((person) => person.name) : [],
      } satisfies VisibilityExplanation;
    });
}

/** A user of the membership's organisation; of a narrowed one, one of its named people. */
function previewAbility(
  row: PolicyProject["liveMemberships"][number],
  kind: "partner" | "customer",
  now: Date,
): AppAbility {
  return memberAbility(
    {
      organizationId: row.membership.organizationId,
      organizationKind: row.organizationKind,
      role: kind,
      personId: row.membership.narrowed ? row.people[0]?.id : undefined,
    },
    now,
  );
}

const NO_PERSON = "00000000-0000-0000-0000-000000000000";

/**
 * The policy as an ordinary user of a member organisation sees it (one of the named people,
 * when the membership is narrowed to them): what "who can see this" asks.
 */
export function memberAbility(
  member: {
    organizationId: string;
    organizationKind: Actor["organizationKind"];
    role: "partner" | "customer";
    personId?: string;
  },
  now: Date,
): AppAbility {
  return defineAbilityFor(
    {
      // No one's id (yet a valid one, for the SQL filters): an organisation's ordinary user.
      id: member.personId ?? NO_PERSON,
      organizationId: member.organizationId,
      role: member.role,
      organizationKind: member.organizationKind,
    },
    now,
  );
}

/** The project as it would be if one membership also had `section`. */
function withSection(
  project: PolicyProject,
  membershipId: string,
  section: ProjectSection,
): PolicyProject {
  return {
    ...project,
    memberships: project.memberships.map((membership) =>
      membership.id === membershipId
        ? { ...membership, sections: [...membership.sections, section] }
        : membership,
    ),
  };
}

/** The panel's data: the host by name, then every member organisation's answer. */
export async function sharingExplanation(
  reader: { organization: { kind: string; name: string } },
  project: PolicyProject,
  itemIn: (project: PolicyProject) => TaggedSubject,
  section: ProjectSection,
): Promise<SharingExplanation> {
  return {
    hostName: await hostOrganizationName(reader),
    organizations: explainVisibility(project, itemIn, section),
  };
}

/**
 * "Who can see this project, and why": every organisation a live membership lets in, with the
 * sections it opens (what the project's lists then show it is decided item by item).
 */
export async function projectSharingExplanation(
  reader: { organization: { kind: string; name: string } },
  project: PolicyProject,
): Promise<SharingExplanation> {
  const explanation = await sharingExplanation(
    reader,
    project,
    (version) =>
      subject("Project", {
        id: version.id,
        accountId: version.accountId,
        ownerId: version.ownerId,
        memberships: version.memberships,
      }),
    "history",
  );
  const sectionsOf = new Map(
    project.liveMemberships.map((row) => [row.membership.organizationId, row.membership.sections]),
  );
  return {
    ...explanation,
    organizations: explanation.organizations.map((org) => ({
      ...org,
      sections: sectionsOf.get(org.organizationId) ?? [],
    })),
  };
}

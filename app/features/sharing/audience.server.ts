import type { Audience } from "#db/schema";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import {
  hostOrganizationName,
  membershipState,
  projectIfLoaded,
  projectWithMemberships,
  type UnrevokedMembership,
} from "~/features/projects/index.server";
import { isUuid } from "~/kernel/query-input";
import { oncePer } from "~/kernel/once-per.server";
import { readsInternalItems } from "./reader-questions.server";

/**
 * A project as the policy sees it in memory: its live memberships (as of `now`) with their named
 * people. Writes are checked against this (reads are filtered in SQL by the same rules). With
 * `scope` (the request's ability) it is read once per request, however many loaders ask, and
 * taken from the reader's own read of the project when the request has made it (a project page's
 * layout does).
 */
export async function projectForPolicy(
  projectId: string,
  { now = new Date(), scope }: { now?: Date; scope?: AppAbility } = {},
) {
  if (!isUuid(projectId)) return undefined;
  if (!scope) return policyProjectOf(await projectWithMemberships(projectId), now);
  return oncePer(scope, `policy-project:${projectId}`, async () =>
    policyProjectOf(
      (await projectIfLoaded(scope, projectId)) ?? (await projectWithMemberships(projectId)),
      now,
    ),
  );
}

function policyProjectOf(
  found:
    | {
        project: { id: string; accountId: string; ownerId: string };
        memberships: UnrevokedMembership[];
      }
    | undefined,
  now: Date,
) {
  if (!found) return undefined;
  const { id, accountId, ownerId } = found.project;
  const live = found.memberships
    .filter((row) => membershipState(row.membership, now) === "active")
    .map((row) => ({ ...row, people: row.membership.narrowed ? row.people : [] }));
  return {
    id,
    accountId,
    ownerId,
    /** With the named people of narrowed memberships. */
    liveMemberships: live,
    memberships: live.map((row) => ({
      ...row.membership,
      userIds: row.people.map((person) => person.id),
    })),
  };
}

export type PolicyProject = NonNullable<Awaited<ReturnType<typeof projectForPolicy>>>;

/** The member organisations besides the host whose live membership includes the section. */
function membersWithSection(project: PolicyProject, section: "history" | "documents") {
  return project.liveMemberships.filter(
    (row) => row.organizationKind !== "host" && row.membership.sections.includes(section),
  );
}

/**
 * An item's audience as the policy sees it in memory (`audience.kind`, `audience.organizationIds`),
 * the shape of a row of `audiences` with its organisations.
 */
export function audienceField(input: { audience: Audience; audienceOrganizationIds: string[] }) {
  return {
    kind: input.audience,
    organizationIds: input.audience === "custom" ? input.audienceOrganizationIds : [],
  };
}

/**
 * The audience choices an author sees. `own` is the preset for partners and customers: the host
 * and their own organisation (stored as `custom` with their organisation).
 */
export type AudiencePreset = Audience | "own";

export type AudienceChoices = {
  presets: AudiencePreset[];
  /** Organisations the author may name in a custom audience. */
  organizations: { id: string; name: string; kind: string }[];
  /** An external author's own organisation is always in the audience. */
  requiredOrganizationId: string | null;
  defaultPreset: AudiencePreset;
};

/**
 * What the author may grant: readers of internal items (host staff) any preset; partners and
 * customers never `internal` (their own organisation would lose the entry) and never a preset
 * that leaves their own organisation out. Custom audiences name live member organisations that read the section
 * (the history for entries, the documents for documents).
 */
export function audienceChoices(
  ability: AppAbility,
  project: PolicyProject,
  section: "history" | "documents" = "history",
): AudienceChoices {
  const { actor } = actorOfAbility(ability)!;
  const organizations = membersWithSection(project, section).map((row) => ({
    id: row.membership.organizationId,
    name: row.organizationName,
    kind: row.organizationKind,
  }));
  if (readsInternalItems(ability)) {
    return {
      presets: ["internal", "all_members", "partners", "customer", "custom"],
      organizations,
      requiredOrganizationId: null,
      defaultPreset: "internal",
    };
  }
  const presets: AudiencePreset[] = ["own", "all_members"];
  if (actor.organizationKind === "partner") presets.push("partners");
  presets.push("custom");
  return {
    presets,
    organizations,
    requiredOrganizationId: actor.organizationId,
    defaultPreset: "own",
  };
}

/** The stored audience of a preset, or a message key when the author may not grant it. */
export function resolveAudience(
  choices: AudienceChoices,
  preset: string,
  organizationIds: string[],
):
  | { ok: true; audience: Audience; organizationIds: string[] }
  | { ok: false; error: "audienceNotOffered" | "audienceOrganizations" | "audienceOwn" } {
  if (!(choices.presets as string[]).includes(preset)) {
    return { ok: false, error: "audienceNotOffered" };
  }
  if (preset === "own") {
    return { ok: true, audience: "custom", organizationIds: [choices.requiredOrganizationId!] };
  }
  if (preset !== "custom") return { ok: true, audience: preset as Audience, organizationIds: [] };
  const offered = new Set(choices.organizations.map((organization) => organization.id));
  const chosen = [...new Set(organizationIds)];
  if (chosen.length === 0 || chosen.some((id) => !offered.has(id))) {
    return { ok: false, error: "audienceOrganizations" };
  }
  if (choices.requiredOrganizationId && !chosen.includes(choices.requiredOrganizationId)) {
    return { ok: false, error: "audienceOwn" };
  }
  return { ok: true, audience: "custom", organizationIds: chosen.sort() };
}

/** The preset an existing entry's audience shows as in the form. */
export function presetOf(
  choices: AudienceChoices,
  audience: Audience,
  organizationIds: string[],
): AudiencePreset {
  if (
    audience === "custom" &&
    choices.requiredOrganizationId &&
    organizationIds.length === 1 &&
    organizationIds[0] === choices.requiredOrganizationId
  ) {
    return "own";
  }
  return audience;
}

/**
 * Names for the audience presets' descriptions, resolved as a reader would see them now: the
 * member organisations whose memberships include the section the item belongs to.
 */
export async function audienceSummary(
  project: PolicyProject,
  section: "history" | "documents",
  reader: { organization: { kind: string; name: string } },
) {
  const withSection = membersWithSection(project, section);
  const names = (kind?: string) =>
    withSection
      .filter((row) => !kind || row.organizationKind === kind)
      .map((row) => row.organizationName);
  return {
    hostName: await hostOrganizationName(reader),
    ownName: reader.organization.name,
    all_members: names(),
    partners: names("partner"),
    customer: names("customer"),
  };
}

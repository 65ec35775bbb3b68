import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client.server";
import { memberships, organizations, projects, type Audience } from "#db/schema";
import type { Actor } from "#policies/ability";
import { membershipState, namedPeople } from "~/features/projects/index.server";
import { isUuid } from "~/kernel/query-input";
import { oncePer } from "~/kernel/once-per.server";

/**
 * A project as the policy sees it in memory: its live memberships (as of `now`) with their named
 * people. Writes are checked against this (reads are filtered in SQL by the same rules). With
 * `scope` (the request's ability) it is read once per request, however many loaders ask.
 */
export async function projectForPolicy(
  projectId: string,
  { now = new Date(), scope }: { now?: Date; scope?: object } = {},
) {
  if (!isUuid(projectId)) return undefined;
  if (!scope) return loadPolicyProject(projectId, now);
  return oncePer(scope, `policy-project:${projectId}`, () => loadPolicyProject(projectId, now));
}

async function loadPolicyProject(projectId: string, now: Date) {
  const [project] = await db()
    .select({ id: projects.id, accountId: projects.accountId, ownerId: projects.ownerId })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!project) return undefined;
  const rows = await db()
    .select({
      membership: memberships,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.projectId, projectId), sql`${memberships.revokedAt} is null`))
    .orderBy(asc(organizations.name));
  const live = rows.filter((row) => membershipState(row.membership, now) === "active");
  // Only narrowed memberships name people; most projects have none, and then no query is sent.
  const ids = live.filter((row) => row.membership.narrowed).map((row) => row.membership.id);
  const named = await namedPeople(ids);
  const peopleOf = (membershipId: string) =>
    named.filter((person) => person.membershipId === membershipId);
  return {
    ...project,
    /** With the named people of narrowed memberships. */
    liveMemberships: live.map((row) => ({ ...row, people: peopleOf(row.membership.id) })),
    memberships: live.map((row) => ({
      ...row.membership,
      userIds: peopleOf(row.membership.id).map((person) => person.id),
    })),
  };
}

export type PolicyProject = NonNullable<Awaited<ReturnType<typeof projectForPolicy>>>;

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
 * What the author may grant: host staff any preset; partners and customers never `internal`
 * (their own organisation would lose the entry) and never a preset that leaves their own
 * organisation out. Custom audiences name live member organisations that read the section
 * (the history for entries, the documents for documents).
 */
export function audienceChoices(
  actor: Actor,
  project: PolicyProject,
  section: "history" | "documents" = "history",
): AudienceChoices {
  const organizations = project.liveMemberships
    .filter((row) => row.organizationKind !== "host" && row.membership.sections.includes(section))
    .map((row) => ({
      id: row.membership.organizationId,
      name: row.organizationName,
      kind: row.organizationKind,
    }));
  if (actor.organizationKind === "host") {
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

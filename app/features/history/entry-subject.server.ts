import { subject, type AppAbility } from "#policies/ability";
import type { Audience } from "#db/schema";
import { audienceField, type PolicyProject } from "~/features/sharing/index.server";

/** An entry (existing or about to be written) tagged for CASL, inside its project. */
export function entrySubject(project: PolicyProject, fields: Record<string, unknown> = {}) {
  return subject("Entry", {
    ...fields,
    projectId: project.id,
    project: { id: project.id, memberships: project.memberships },
  });
}

/**
 * A stored entry as read for a page (its audience's kind and organisations side by side), in the
 * shape CASL matches: `audience: { kind, organizationIds }`.
 */
export function storedEntrySubject(
  project: PolicyProject,
  entry: Record<string, unknown> & { audience: string; audienceOrganizationIds: string[] },
) {
  const { audienceOrganizationIds, ...fields } = entry;
  return entrySubject(project, {
    ...fields,
    audience: audienceField({ audience: entry.audience as Audience, audienceOrganizationIds }),
  });
}

/** May the reader log new entries in this project (the "Log a call…" actions)? */
export function mayLogEntries(ability: AppAbility, project: PolicyProject) {
  return ability.can("create", entrySubject(project));
}

/**
 * May the reader open the project's history at all: what reading an entry shared with all
 * members needs (a live membership with the history section; host staff always).
 */
export function mayOpenHistory(ability: AppAbility, project: PolicyProject) {
  const audience = audienceField({ audience: "all_members", audienceOrganizationIds: [] });
  return ability.can("read", entrySubject(project, { audience }));
}

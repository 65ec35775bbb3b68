import { subject, type AppAbility } from "#policies/ability";
import { projectForPolicy, type PolicyProject } from "~/features/sharing/index.server";

/** An entry (existing or about to be written) tagged for CASL, inside its project. */
export function entrySubject(project: PolicyProject, fields: Record<string, unknown> = {}) {
  return subject("Entry", {
    ...fields,
    projectId: project.id,
    project: { id: project.id, memberships: project.memberships },
  });
}

/** May the reader log new entries in this project (the "Log a call…" actions)? */
export async function mayLogEntries(ability: AppAbility, projectId: string) {
  const project = await projectForPolicy(projectId, { scope: ability });
  return Boolean(project && ability.can("create", entrySubject(project)));
}

/**
 * May the reader open the project's history at all: what reading an entry shared with all
 * members needs (a live membership with the history section; host staff always).
 */
export function mayOpenHistory(ability: AppAbility, project: PolicyProject) {
  return ability.can("read", entrySubject(project, { audience: "all_members" }));
}

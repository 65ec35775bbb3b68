import { subject, type AppAbility } from "#policies/ability";
import {
  audienceField,
  projectForPolicy,
  type PolicyProject,
} from "~/features/sharing/index.server";

/** A document (existing or about to be uploaded) tagged for CASL, inside its project. */
export function documentSubject(project: PolicyProject, fields: Record<string, unknown> = {}) {
  return subject("Document", {
    entryId: null,
    requestId: null,
    ...fields,
    projectId: project.id,
    project: { id: project.id, memberships: project.memberships },
  });
}

/**
 * May the reader open the project's documents page at all: a live membership with the
 * documents section (host staff always), which is exactly what reading a document shared with
 * all members needs. Attachments alone, read through the history, do not open it.
 */
export function mayOpenDocuments(ability: AppAbility, project: PolicyProject) {
  const audience = audienceField({ audience: "all_members", audienceOrganizationIds: [] });
  return ability.can("read", documentSubject(project, { audience }));
}

/** May the reader upload documents to this project (the upload panel). */
export async function mayUploadDocuments(ability: AppAbility, projectId: string) {
  const project = await projectForPolicy(projectId, { scope: ability });
  return Boolean(project && ability.can("create", documentSubject(project)));
}

import { subject } from "#policies/ability";
import type {
  RequestCommentAudience,
  RequestPriority,
  RequestStatus,
  RequestType,
} from "#db/schema";
import type { PolicyProject } from "~/features/sharing/index.server";

/** What the policy asks of a request (the columns its rules name). */
export type RequestPolicyFields = {
  id?: string;
  organizationId: string;
  assignedOrganizationId: string | null;
  status: string;
  type?: string;
  priority?: string;
  openedById?: string;
  ownerId?: string;
  reopenableUntil?: Date | null;
};

/** A stored request as the write paths and the pages' permissions need it. */
export type StoredRequest = RequestPolicyFields & {
  id: string;
  projectId: string;
  status: RequestStatus;
  type: RequestType;
  priority: RequestPriority;
  ownerId: string;
};

/** A request (stored or about to be opened) tagged for CASL, inside its project. */
export function requestSubject(project: PolicyProject, fields: RequestPolicyFields) {
  return subject("Request", {
    reopenableUntil: null,
    ...fields,
    projectId: project.id,
    project: { id: project.id, memberships: project.memberships },
  });
}

/** A comment of a kind (its audience) on a request, tagged for CASL. */
export function commentSubject(
  project: PolicyProject,
  request: RequestPolicyFields,
  audience: RequestCommentAudience,
  fields: Record<string, unknown> = {},
) {
  return subject("RequestComment", {
    ...fields,
    requestId: request.id,
    audience: { kind: audience, organizationIds: [] },
    request: {
      ...request,
      projectId: project.id,
      project: { id: project.id, memberships: project.memberships },
    },
  });
}

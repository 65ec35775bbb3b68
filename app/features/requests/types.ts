import type {
  RequestCommentAudience,
  RequestPriority,
  RequestStatus,
  RequestType,
} from "#db/schema/values";

/** A request as a list shows it: dates as ISO strings. */
export type RequestListItem = {
  id: string;
  reference: string;
  title: string;
  type: RequestType;
  priority: RequestPriority;
  status: RequestStatus;
  projectId: string;
  projectName: string;
  accountName: string;
  ownerName: string;
  assignedOrganizationName: string | null;
  dueAt: string | null;
  atRiskAt: string | null;
  firstRespondedAt: string | null;
  updatedAt: string;
};

export type RequestCommentView = {
  id: string;
  audience: RequestCommentAudience;
  bodyHtml: string;
  authorName: string;
  authorOrganizationName: string;
  createdAt: string;
};

export type RequestEventView = {
  id: string;
  kind: string;
  fromValue: string | null;
  toValue: string | null;
  reason: string;
  at: string;
  actorName: string | null;
  fromOrganizationName: string | null;
  toOrganizationName: string | null;
  toUserName: string | null;
};

import type { PgTable } from "drizzle-orm/pg-core";
import {
  accessReviewItems,
  accessReviews,
  audienceOrganizations,
  audiences,
  auditEvents,
  captureAddresses,
  documents,
  entries,
  erasures,
  retentionRuns,
  invitations,
  legalHolds,
  memberships,
  membershipUsers,
  organizations,
  contacts,
  projects,
  requestComments,
  requests,
  subjectExports,
  unresolvedMails,
  users,
} from "../db/schema";
import type { SubjectName } from "./ability";

/** A to-one or to-many link to another subject, by key equality. */
export type Relation = { subject: SubjectName; outerKey: string; innerKey: string };

/** A field whose values live in a join table (e.g. a membership's named users). */
export type ValueList = { table: PgTable; outerKey: string; innerKey: string; valueKey: string };

export type SubjectTable = {
  table: PgTable;
  /** Rows of the table that are this subject at all (customer organisations are accounts). */
  kind?: { column: string; value: string };
  /** Condition field → table column property name. */
  columns: Record<string, string>;
  /** Columns holding arrays, where `field: value` means "contains". */
  arrays?: string[];
  relations?: Record<string, Relation>;
  valueLists?: Record<string, ValueList>;
};

const same = (...names: string[]) => Object.fromEntries(names.map((name) => [name, name]));

/**
 * How each subject's condition fields map to tables. Subjects without rows to filter (the
 * outbox, the settings, the compliance console) are asked of as a whole.
 */
export const subjectTables: Partial<Record<SubjectName, SubjectTable>> = {
  LegalHold: {
    table: legalHolds,
    columns: same("id", "scope", "scopeId", "createdById", "releasedAt"),
  },
  AccessReview: {
    table: accessReviews,
    columns: same("id", "scope", "scopeId", "reviewerId", "createdById", "closedAt"),
    relations: {
      items: { subject: "AccessReviewItem", outerKey: "id", innerKey: "reviewId" },
    },
  },
  AccessReviewItem: {
    table: accessReviewItems,
    columns: same(
      "id",
      "reviewId",
      "membershipId",
      "projectId",
      "organizationId",
      "reviewerId",
      "decision",
    ),
  },
  Organization: {
    table: organizations,
    columns: same("id", "kind", "partnerType", "name"),
  },
  User: {
    table: users,
    columns: same("id", "organizationId", "role", "email", "disabledAt", "erasedAt"),
  },
  Invitation: {
    table: invitations,
    columns: same("id", "organizationId", "invitedById", "acceptedAt", "revokedAt"),
  },
  Account: {
    table: organizations,
    kind: { column: "kind", value: "customer" },
    columns: same("id", "name"),
    relations: { projects: { subject: "Project", outerKey: "id", innerKey: "accountId" } },
  },
  Contact: {
    table: contacts,
    columns: same("id", "accountId", "name", "roleTitle", "erasedAt"),
    relations: { account: { subject: "Account", outerKey: "accountId", innerKey: "id" } },
  },
  Project: {
    table: projects,
    columns: same("id", "accountId", "ownerId", "status", "name"),
    relations: {
      account: { subject: "Account", outerKey: "accountId", innerKey: "id" },
      memberships: { subject: "Membership", outerKey: "id", innerKey: "projectId" },
    },
  },
  Membership: {
    table: memberships,
    columns: same(
      "id",
      "projectId",
      "organizationId",
      "access",
      "sections",
      "expiresAt",
      "revokedAt",
      "narrowed",
    ),
    arrays: ["sections"],
    relations: { project: { subject: "Project", outerKey: "projectId", innerKey: "id" } },
    valueLists: {
      userIds: {
        table: membershipUsers,
        outerKey: "id",
        innerKey: "membershipId",
        valueKey: "userId",
      },
    },
  },
  Audience: {
    table: audiences,
    columns: same("id", "kind"),
    valueLists: {
      organizationIds: {
        table: audienceOrganizations,
        outerKey: "id",
        innerKey: "audienceId",
        valueKey: "organizationId",
      },
    },
  },
  Entry: {
    table: entries,
    columns: same("id", "projectId", "authorId", "authorOrganizationId", "channel"),
    relations: {
      project: { subject: "Project", outerKey: "projectId", innerKey: "id" },
      audience: { subject: "Audience", outerKey: "audienceId", innerKey: "id" },
    },
  },
  Document: {
    table: documents,
    columns: {
      ...same("id", "projectId", "entryId", "requestId", "kind"),
      authorId: "uploaderId",
      authorOrganizationId: "uploaderOrganizationId",
    },
    relations: {
      project: { subject: "Project", outerKey: "projectId", innerKey: "id" },
      audience: { subject: "Audience", outerKey: "audienceId", innerKey: "id" },
      request: { subject: "Request", outerKey: "requestId", innerKey: "id" },
    },
  },
  Request: {
    table: requests,
    columns: same(
      "id",
      "projectId",
      "organizationId",
      "assignedOrganizationId",
      "status",
      "type",
      "priority",
      "openedById",
      "ownerId",
      "reopenableUntil",
    ),
    relations: { project: { subject: "Project", outerKey: "projectId", innerKey: "id" } },
  },
  // One per project and organisation: its key is the pair, so it has no `id`.
  CaptureAddress: {
    table: captureAddresses,
    columns: same("projectId", "organizationId"),
    relations: { project: { subject: "Project", outerKey: "projectId", innerKey: "id" } },
  },
  // Filtered by what an event is about (account managers: documents' access history).
  AuditEvent: {
    table: auditEvents,
    columns: same("subjectType", "subjectId", "projectId", "action"),
  },
  UnresolvedMail: {
    table: unresolvedMails,
    columns: same("id", "status", "projectId", "organizationId"),
  },
  RetentionRun: {
    table: retentionRuns,
    columns: same("id", "ranById"),
  },
  Erasure: {
    table: erasures,
    columns: same("id", "subjectKind", "subjectId", "erasedById"),
  },
  SubjectExport: {
    table: subjectExports,
    columns: same("id", "requestedById", "subjectKind", "subjectId", "status"),
  },
  RequestComment: {
    table: requestComments,
    columns: same("id", "requestId", "authorId", "authorOrganizationId"),
    relations: {
      request: { subject: "Request", outerKey: "requestId", innerKey: "id" },
      audience: { subject: "Audience", outerKey: "audienceId", innerKey: "id" },
    },
  },
};

import type { DataSubjectKind, SubjectExportStatus } from "#db/schema/values";
import type { AuditGroup } from "~/kernel/audit/actions";

/** The kinds of item the audit explorer filters by, and the subject type each is logged as. */
export const auditItemTypes = {
  entry: "Entry",
  document: "Document",
  request: "Request",
  contact: "Contact",
  project: "Project",
  user: "User",
} as const;
export type AuditItemType = keyof typeof auditItemTypes;

/** One audit event as the explorer shows it: names instead of ids, ready for its sentence. */
export type AuditEventView = {
  seq: number;
  occurredAt: string;
  action: string;
  /** Null for an action this version does not know (kept as it was written). */
  group: AuditGroup | null;
  /** Null: Ambit itself (a job, a webhook). */
  actor: {
    id: string;
    name: string | null;
    email: string | null;
    organization: string | null;
  } | null;
  item: {
    type: string;
    id: string;
    /** What the item is called now; null when it no longer exists or cannot be named. */
    label: string | null;
    href: string | null;
  } | null;
  project: { id: string; name: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  /** The document version an access was of, when it was one. */
  version: number | null;
  /** With the personal values merged in, unless they were erased. */
  details: Record<string, unknown>;
  /** Its personal values, IP address and browser were erased (ADR 26). */
  erased: boolean;
};

export const auditFilterFields = [
  "actor",
  "organization",
  "project",
  "itemType",
  "item",
  "group",
  "action",
  "ip",
  "from",
  "to",
] as const;
export type AuditFilterField = (typeof auditFilterFields)[number];

/** The explorer's filters as typed, to show them again (and each one's problem, if any). */
export type AuditFilterForm = {
  values: Record<AuditFilterField, string>;
  /** Locale keys of what is wrong with a field. */
  errors: Partial<Record<AuditFilterField, string>>;
};

/** "Who accessed this" on an item's page: its latest events, and the way to all of them. */
export type ItemAccess = {
  itemType: AuditItemType;
  events: AuditEventView[];
  /** More than shown: the explorer lists them all. */
  more: boolean;
  /** The explorer filtered to this item. */
  exploreHref: string;
};

/** A data-subject export as the console's page lists it. */
export type SubjectExportView = {
  id: string;
  kind: DataSubjectKind;
  name: string | null;
  requestedBy: string | null;
  createdAt: string;
  status: SubjectExportStatus | "stalled" | "expired";
  progress: number;
  total: number;
  sizeBytes: number | null;
  expiresAt: string | null;
  /** Whole minutes until it expires, as of loading; null unless it can be downloaded. */
  minutesLeft: number | null;
  /** The reader asked for it, so the file is theirs to take. */
  downloadHref: string | null;
};

/** A legal hold as the holds page lists it. */
export type LegalHoldView = {
  id: string;
  scope: "account" | "project" | "contact";
  heldName: string | null;
  reason: string;
  placedBy: string;
  createdAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
};

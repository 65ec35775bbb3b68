// Plain value lists shared by the schema and the browser; no database code may be imported here.
export const projectStatuses = ["planning", "active", "on_hold", "completed"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const membershipAccess = ["view", "contribute"] as const;
export type MembershipAccess = (typeof membershipAccess)[number];

export const projectSections = ["history", "documents", "requests", "contacts"] as const;
export type ProjectSection = (typeof projectSections)[number];

export const legalBases = [
  "contract",
  "consent",
  "legitimate_interest",
  "legal_obligation",
] as const;
export type LegalBasis = (typeof legalBases)[number];

export const entryChannels = [
  "call",
  "email",
  "letter",
  "meeting",
  "sms",
  "voicemail",
  "note",
] as const;
export type EntryChannel = (typeof entryChannels)[number];

export const entryDirections = ["inbound", "outbound", "internal"] as const;
export type EntryDirection = (typeof entryDirections)[number];

/** Who an item is shared with, resolved at read time against the project's live memberships. */
export const audiences = ["internal", "all_members", "partners", "customer", "custom"] as const;
export type Audience = (typeof audiences)[number];

export const callOutcomes = [
  "reached",
  "left_voicemail",
  "no_answer",
  "busy",
  "callback_requested",
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** What kind of file a document is, for the documents list's type filter. */
export const documentKinds = ["pdf", "image", "office", "text", "email"] as const;
export type DocumentKind = (typeof documentKinds)[number];

// The interface languages. German first: it is the language most of our users work in.
export const languages = ["de", "en"] as const;
export type Language = (typeof languages)[number];

// Customer requests: what the customer asks for, how urgent it is, and where it stands.
export const requestTypes = ["question", "complaint", "change"] as const;
export type RequestType = (typeof requestTypes)[number];

export const requestPriorities = ["low", "normal", "high", "urgent"] as const;
export type RequestPriority = (typeof requestPriorities)[number];

export const requestStatuses = [
  "new",
  "in_progress",
  "waiting_on_customer",
  "resolved",
  "closed",
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Statuses of a request that is still someone's to answer (the queue shows these). */
export const openRequestStatuses = ["new", "in_progress", "waiting_on_customer"] as const;

/** What a line of a request's history records. */
export const requestEventKinds = [
  "opened",
  "status",
  "priority",
  "type",
  "assigned",
  "owner",
  "rated",
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

/**
 * The three kinds of comment on a request, as audiences of the sharing core: a public reply
 * (`all_members`: the customer, the host and the assigned partner), a partner note (`partners`:
 * the host and the assigned partner) and an internal note (`internal`: the host only).
 */
export const requestCommentAudiences = ["all_members", "partners", "internal"] as const;
export type RequestCommentAudience = (typeof requestCommentAudiences)[number];

/**
 * Where an email written in Ambit stands. The rank orders them: a status only ever moves to a
 * higher rank, so webhook events that arrive late, twice or out of order change nothing back.
 * `failed` (our send did not go out) ranks with `queued`: a retry queues it again.
 */
export const outboundStatusRanks = {
  queued: 0,
  failed: 0,
  sent: 1,
  delayed: 2,
  delivered: 3,
  bounced: 4,
  complained: 4,
  /** The provider did not send it (failed or suppressed on its side). */
  rejected: 4,
} as const;
export type OutboundStatus = keyof typeof outboundStatusRanks;
export const outboundStatuses = Object.keys(outboundStatusRanks) as OutboundStatus[];

/** Why received mail waits in the unresolved queue instead of landing in a history. */
export const unresolvedReasons = [
  /** No current capture or reply address of ours among its recipients (unknown or rotated). */
  "unknownAddress",
  /** The capturing organisation's membership is revoked, expired, or lacks contribute/history. */
  "membershipInactive",
  /** The sender does not belong to the capturing organisation (nor is a contact, for the host). */
  "senderNotAllowed",
  /** The sender's domain did not pass DMARC or an aligned DKIM check: its From may be forged. */
  "senderUnverified",
  /** A reply to a request that is closed and can no longer be reopened. */
  "requestClosed",
  /** Larger than the inbound limit. */
  "tooLarge",
  /** Not readable as an email. */
  "malformed",
] as const;
export type UnresolvedReason = (typeof unresolvedReasons)[number];

/** What an access review covers: every external membership, or those of one project, customer
 * account or organisation. */
export const reviewScopes = ["all", "project", "account", "organization"] as const;
export type ReviewScope = (typeof reviewScopes)[number];

/** A reviewer's decision on one membership; the default of a review is one of keep or revoke. */
export const reviewDecisions = ["keep", "change", "revoke"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDefaults = ["keep", "revoke"] as const;
export type ReviewDefault = (typeof reviewDefaults)[number];

/** Whose data a data-subject export gathers: a contact person of an account, or a user. */
export const dataSubjectKinds = ["contact", "user"] as const;
export type DataSubjectKind = (typeof dataSubjectKinds)[number];

export const subjectExportStatuses = ["queued", "running", "done", "failed"] as const;
export type SubjectExportStatus = (typeof subjectExportStatuses)[number];

/** What a legal hold covers: a customer account, a project, or a contact person. */
export const holdScopes = ["account", "project", "contact"] as const;
export type HoldScope = (typeof holdScopes)[number];

/** The kinds of record retention rules apply to (issue 15, ADR 28). */
export const retentionRecordTypes = [
  "entries",
  "documents",
  "requests",
  "contacts",
  "auditEvents",
] as const;
export type RetentionRecordType = (typeof retentionRecordTypes)[number];

/**
 * From when a retention period runs: the record's date, a request's resolution, its project's
 * completion, the last contact with a person.
 */
export const retentionTriggers = ["created", "resolved", "projectClosed", "lastContact"] as const;
export type RetentionTrigger = (typeof retentionTriggers)[number];

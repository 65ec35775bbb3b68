/**
 * Every action the audit log records, and the group the compliance console files it under.
 * `recordAudit` takes only these, so a new kind of event is added here first (and its sentence
 * to the locales), or it does not compile.
 */
export const auditGroups = [
  "read",
  "write",
  "signIn",
  "permission",
  "export",
  "integrity",
] as const;
export type AuditGroup = (typeof auditGroups)[number];

export const auditActions = {
  // Reads: who saw what.
  "account.viewed": "read",
  "contact.viewed": "read",
  "project.viewed": "read",
  "project.previewed_as": "read",
  "entry.viewed": "read",
  "document.viewed": "read",
  "document.previewed": "read",
  "document.downloaded": "read",
  "request.viewed": "read",
  "search.performed": "read",
  "audit.searched": "read",
  // Writes: the business data and the settings.
  "organization.created": "write",
  "organization.mail_domains_changed": "write",
  "settings.default_language_changed": "write",
  "settings.requests_changed": "write",
  "settings.dormant_days_changed": "write",
  "project.created": "write",
  "contact.created": "write",
  "contact.updated": "write",
  "entry.created": "write",
  "entry.updated": "write",
  "entry.redacted": "write",
  "document.uploaded": "write",
  "document.version_added": "write",
  "request.opened": "write",
  "request.updated": "write",
  "request.commented": "write",
  "request.status_changed": "write",
  "request.reopened": "write",
  "request.assigned": "write",
  "request.unassigned": "write",
  "request.rated": "write",
  "email.queued": "write",
  "email.retried": "write",
  "email.sent": "write",
  "email.failed": "write",
  "email.delivery_event": "write",
  "email.unresolved": "write",
  "email.unresolved_assigned": "write",
  "email.unresolved_discarded": "write",
  // Signing in and keeping an account safe.
  "auth.login_succeeded": "signIn",
  "auth.password_verified": "signIn",
  "auth.login_failed": "signIn",
  "auth.login_throttled": "signIn",
  "auth.login_refused_disabled": "signIn",
  "auth.login_refused_locked": "signIn",
  "auth.account_locked": "signIn",
  "auth.logout": "signIn",
  "auth.password_changed": "signIn",
  "auth.password_reset_requested": "signIn",
  "auth.password_reset_throttled": "signIn",
  "auth.password_reset": "signIn",
  "auth.two_factor_enrolled": "signIn",
  "auth.two_factor_reset": "signIn",
  "auth.recovery_codes_regenerated": "signIn",
  "auth.session_revoked": "signIn",
  "auth.sessions_revoked": "signIn",
  // Who may do what: people, organisations' access to projects, addresses that let mail in.
  "user.invited": "permission",
  "user.created_by_operator": "permission",
  "user.disabled": "permission",
  "user.enabled": "permission",
  "invitation.accepted": "permission",
  "invitation.resent": "permission",
  "invitation.revoked": "permission",
  "membership.created": "permission",
  "membership.updated": "permission",
  "membership.revoked": "permission",
  "organization.access_revoked": "permission",
  "access_review.started": "permission",
  "access_review.decided": "permission",
  "access_review.closed": "permission",
  "legal_hold.placed": "write",
  "legal_hold.released": "write",
  "contact.erased": "write",
  "user.erased": "write",
  "retention.ran": "write",
  "retention.rules_changed": "write",
  "capture_address.rotated": "permission",
  // What left the system in bulk.
  "audit.exported": "export",
  "access_review.exported": "export",
  "subject_export.requested": "export",
  "subject_export.downloaded": "export",
  // Checks of the log itself.
  "audit.verified": "integrity",
} as const satisfies Record<string, AuditGroup>;

export type AuditAction = keyof typeof auditActions;

export const isAuditAction = (value: string): value is AuditAction =>
  Object.hasOwn(auditActions, value);

/** The actions of one group, for filtering the log by group. */
export const actionsOfGroup = (group: AuditGroup) =>
  (Object.keys(auditActions) as AuditAction[]).filter((action) => auditActions[action] === group);

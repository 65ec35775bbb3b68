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

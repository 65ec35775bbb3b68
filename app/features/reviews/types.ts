import type {
  MembershipAccess,
  ProjectSection,
  ReviewDecision,
  ReviewDefault,
  ReviewScope,
} from "#db/schema/values";

type Option = { id: string; name: string };

/** What a review can cover, and who can review it. */
export type ReviewChoices = {
  projects: Option[];
  accounts: Option[];
  organizations: (Option & { projects: number })[];
  reviewers: Option[];
};

export type ReviewListItem = {
  id: string;
  title: string;
  scope: ReviewScope;
  dueOn: string;
  defaultDecision: ReviewDefault;
  closedAt: string | null;
  total: number;
  decided: number;
};

export type DormantUserView = {
  id: string;
  name: string;
  email: string;
  organizationName: string;
  lastSignInAt: string | null;
  createdAt: string;
  mayDisable: boolean;
};

/** One membership in a review, as its page shows it. */
export type ReviewItemView = {
  id: string;
  projectId: string;
  projectName: string;
  organizationName: string;
  reviewerName: string;
  /** The reviewer can no longer sign in: someone who runs the review must decide instead. */
  reviewerDisabled: boolean;
  atStart: { access: MembershipAccess; sections: ProjectSection[] };
  now: { access: MembershipAccess; sections: ProjectSection[]; revokedAt: string | null };
  people: string[];
  dormant: string[];
  decision: ReviewDecision | null;
  defaulted: boolean;
  justification: string | null;
  deciderName: string | null;
  decidedAt: string | null;
  mayDecide: boolean;
};

export type ReviewView = {
  id: string;
  title: string;
  scope: ReviewScope;
  scopeName: string | null;
  reviewerName: string | null;
  dueOn: string;
  defaultDecision: ReviewDefault;
  closedAt: string | null;
  total: number;
  decided: number;
  mayClose: boolean;
};

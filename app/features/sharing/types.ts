import type { ProjectSection } from "#db/schema";

/** One member organisation's answer to "who can see this, and why". */
export type VisibilityExplanation = {
  organizationId: string;
  organizationName: string;
  organizationKind: "partner" | "customer";
  canRead: boolean;
  /** The policy rule that lets it read (its stated reason). */
  reason: string | null;
  /** Why not, when it cannot: not in the audience, or in it without the section the item needs. */
  why: "rule" | "notShared" | "lacksSection";
  section: ProjectSection;
  /** Names of the people a narrowed membership is limited to (empty: the whole organisation). */
  onlyNamed: string[];
  /** For a project: the sections its membership opens. */
  sections?: ProjectSection[];
};

/** The panel's data: the host, and every other member organisation. */
export type SharingExplanation = {
  hostName: string;
  organizations: VisibilityExplanation[];
};

export {
  readerMemberships,
  readableDocuments,
  readableEntries,
  readableEntriesByProject,
} from "./item-scope.server";
export {
  audienceChoices,
  audienceField,
  audienceSummary,
  type AudienceChoices,
  type AudiencePreset,
  type PolicyProject,
  presetOf,
  projectForPolicy,
  resolveAudience,
} from "./audience.server";
export {
  explainVisibility,
  memberAbility,
  projectSharingExplanation,
  sharingExplanation,
} from "./explain.server";
export { maySeeSharing, readsInternalItems } from "./reader-questions.server";
export { audienceNamesColumn, audienceOrganizationIdsColumn } from "./audience-columns.server";

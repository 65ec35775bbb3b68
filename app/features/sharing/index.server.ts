export {
  readerMemberships,
  readableDocuments,
  readableEntries,
  readableEntriesByProject,
} from "./item-scope.server";
export {
  audienceChoices,
  audienceField,
  type AudienceChoices,
  type AudiencePreset,
  type PolicyProject,
  presetOf,
  projectForPolicy,
  resolveAudience,
} from "./audience.server";

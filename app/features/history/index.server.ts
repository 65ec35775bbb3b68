export { type PolicyProject, projectForPolicy } from "./entry-subject.server";
export { audienceChoices, resolveAudience } from "./entry-write.server";
export { NEW_ENTRIES_CAP } from "./entry.server";

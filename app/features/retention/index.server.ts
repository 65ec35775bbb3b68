export {
  dueTotal,
  listRetentionRuns,
  previewRetention,
  retentionCertificate,
  retentionWorker,
  RETENTION_RUN,
  runRetention,
  type RetentionPreview,
} from "./run.server";
export type { RetentionCertificate } from "./certificate";
export {
  listRetentionRules,
  RETENTION_YEARS,
  retentionActions,
  saveRetentionRules,
  triggersOf,
  type RetentionRule,
} from "./rules.server";

export {
  dueTotal,
  listRetentionRuns,
  previewRetention,
  retentionCertificate,
  retentionWorker,
  RETENTION_RUN,
  runRetention,
  type RetentionCertificate,
  type RetentionPreview,
} from "./run.server";
export {
  listRetentionRules,
  RETENTION_YEARS,
  retentionActions,
  saveRetentionRules,
  triggersOf,
  type RetentionRule,
} from "./rules.server";

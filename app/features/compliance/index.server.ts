export { auditCsv } from "./audit-export.server";
export { ITEM_MATCH_LIMIT, listAuditEvents, seqCursor, TooManyItems } from "./audit-log.server";
export { auditQueryParams, parseAuditQuery, type AuditQuery } from "./audit-query.server";
export { consoleSummary } from "./console.server";
export {
  auditFilterChoices,
  auditSearchedFilters,
  filterOptionNamed,
  searchAuditFilterOptions,
} from "./filter-choices.server";
export {
  HeldThingUnknown,
  holdsInForce,
  holdsInForceCount,
  listLegalHolds,
  placeLegalHold,
  releaseLegalHold,
} from "./legal-holds.server";
export { itemAccessHistory } from "./item-access.server";
export {
  auditVerificationWorker,
  latestVerification,
  runVerification,
  startVerification,
} from "./chain-verification.server";
export {
  findDataSubjects,
  listSubjectExports,
  runSubjectExport,
  serveSubjectExport,
  startSubjectExport,
  SUBJECT_EXPORT,
  subjectExportFigures,
  subjectExportWorker,
} from "./subject-export.server";
export {
  loadDataSubject,
  mentionsIn,
  participationsOf,
  type DataSubject,
} from "./subject-export-collect.server";
export {
  contactHeld,
  documentHeld,
  entryHeld,
  entryIdHeld,
  holdIn,
  projectHeld,
  requestHeld,
} from "./held.server";

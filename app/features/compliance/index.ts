export { AuditEventList } from "./components/audit-event-list";
export { AuditFilterFormView, type AuditFilterChoices } from "./components/audit-filter-form";
export { auditSentence } from "./audit-sentence";
export type {
  AuditEventView,
  AuditFilterForm,
  ItemAccess,
  LegalHoldView,
  SubjectExportView,
} from "./types";
export { SubjectExportList } from "./components/subject-export-list";
export { ItemAccessPanel } from "./components/item-access-panel";
export { HoldSummary, LegalHoldList, PlaceLegalHold } from "./components/legal-holds";

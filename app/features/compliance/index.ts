export { AuditEventList } from "./components/audit-event-list";
export { AuditFilterFormView, type AuditFilterChoices } from "./components/audit-filter-form";
export { auditSentence } from "./audit-sentence";
export type { AuditEventView, AuditFilterForm, ItemAccess } from "./types";
export { ItemAccessPanel } from "./components/item-access-panel";

export { NEW_ENTRIES_CAP } from "./entry.server";
export { readEntryFormRequest as readFormWithFiles } from "./entry-form.server";
export { findEntry } from "./entry.server";
export {
  createEntry,
  EntryWriteDenied,
  projectPeople,
  type EntryInput,
} from "./entry-write.server";
export { entrySubject, storedEntrySubject } from "./entry-subject.server";
export { ATTACHMENTS_FIELD, refusedAttachmentsReply } from "./entry-form.server";
export { importEml, type EmlImportOptions, type EmlImportResult } from "./eml-import.server";
export { emailThread, threadKeyFor } from "./email-thread.server";
export { listProjectEntries } from "./entry.server";
export { mayOpenHistory } from "./entry-subject.server";

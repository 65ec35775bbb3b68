export { NEW_ENTRIES_CAP } from "./entry.server";
export { readEntryFormRequest as readFormWithFiles } from "./entry-form.server";
export { findEntry } from "./entry.server";

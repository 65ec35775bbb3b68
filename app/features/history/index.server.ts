export { NEW_ENTRIES_CAP } from "./entry.server";

import type { EntryChannel, EntryDirection } from "#db/schema/values";

/** Notes are internal, letters usually arrive, everything else is usually something we did. */
export const defaultDirection = (channel: EntryChannel): EntryDirection =>
  channel === "note" ? "internal" : channel === "letter" ? "inbound" : "outbound";

/**
 * The edit form's checkbox that keeps a header address the editor may not see (`keepTo`); its
 * values are the addresses' places in the stored list, never the addresses.
 */
export const keepFieldName = (field: "from" | "to" | "cc") =>
  `keep${field[0]!.toUpperCase()}${field.slice(1)}`;

/** Sent once per header field whose hidden addresses the form offered to keep or remove. */
export const WITHHELD_SHOWN = "withheldShown";

import type { EntryChannel, EntryDirection } from "#db/schema/values";

/** Notes are internal, letters usually arrive, everything else is usually something we did. */
export const defaultDirection = (channel: EntryChannel): EntryDirection =>
  channel === "note" ? "internal" : channel === "letter" ? "inbound" : "outbound";

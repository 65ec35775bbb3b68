import type { Audience, EntryChannel, EntryDirection } from "#db/schema/values";

export type TimelineFilterOption = { id: string; name: string };

/** One row of a timeline as the browser receives it: nothing the reader may not see. */
export type TimelineEntryView = {
  id: string;
  projectId: string;
  /** Only on the account timeline, where entries of several projects meet. */
  projectName: string | null;
  channel: EntryChannel;
  direction: EntryDirection;
  occurredAt: string;
  subject: string | null;
  excerpt: string | null;
  authorName: string;
  authorOrganizationName: string;
  redacted: boolean;
  /** Logged by someone else since the reader's previous visit. */
  isNew: boolean;
  /** Only for the host: externals learn nothing about who else an entry is shared with. */
  audience?: { kind: Audience; names: string[] };
  /** The entry's files the reader may read (added by the route). */
  attachments?: { id: string; fileName: string }[];
};

export type TimelineData = {
  entries: TimelineEntryView[];
  /** The keyset cursor of the next (older) page, when there is one. */
  nextCursor: string | null;
  /** The previous visit this browsing session compares against, kept in the URL as `seen`. */
  seen: string | null;
  /** On the first page after an earlier visit: how many readable entries are new since then. */
  /** `capped`: there are at least `count` (the count stops at a limit). */
  newSince: { count: number; capped: boolean; since: string } | null;
  authors: TimelineFilterOption[];
  parties: TimelineFilterOption[];
  /** Only on the account timeline. */
  projects: TimelineFilterOption[] | null;
};

import type { EntryChannel, EntryDirection } from "#db/schema/values";

/** One of the reader's projects on home, as the browser receives it. */
export type HomeProjectView = {
  id: string;
  name: string;
  accountName: string;
  /** The newest entry the reader may read there (none: no activity yet). */
  latest: {
    id: string;
    channel: EntryChannel;
    subject: string | null;
    redacted: boolean;
    occurredAt: string;
  } | null;
  /** The previous visit to the project's timeline; null when never opened. */
  lastVisit: string | null;
  newCount: number;
  /** `newCount` stopped at its limit: there are at least that many. */
  newCapped: boolean;
};

/** One of the newest entries on home: nothing the reader may not see. */
export type HomeEntryView = {
  id: string;
  projectId: string;
  projectName: string;
  channel: EntryChannel;
  direction: EntryDirection;
  occurredAt: string;
  subject: string | null;
  redacted: boolean;
  authorName: string;
  authorOrganizationName: string;
  isNew: boolean;
};

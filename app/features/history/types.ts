import type { Audience, EntryChannel, EntryDirection, RequestStatus } from "#db/schema/values";

export type TimelineFilterOption = { id: string; name: string };

/** One row of a timeline as the browser receives it: nothing the reader may not see. */
export type TimelineEntryView = {
  kind: "entry";
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
  /** The entry's files the reader may read. */
  attachments: { id: string; fileName: string }[];
};

/**
 * A line of request activity among a timeline's entries: a request of the timeline's projects
 * was opened, changed its status, or got a public reply. Only for readers of that request.
 */
export type TimelineRequestView = {
  kind: "request";
  /** The request event's id, or the public reply's. */
  id: string;
  activity: "opened" | "status" | "reply";
  occurredAt: string;
  requestId: string;
  reference: string;
  title: string;
  projectId: string;
  /** Only on the account timeline, where lines of several projects meet. */
  projectName: string | null;
  /** The status it moved to (`status` lines). */
  status: RequestStatus | null;
  /** Who did it (null: the system). */
  actorName: string | null;
};

/** What a timeline shows, newest first: entries and, among them, request activity. */
export type TimelineLine = TimelineEntryView | TimelineRequestView;

export type TimelineData = {
  /** The page's history entries (only entries). */
  entries: TimelineEntryView[];
  /**
   * The page as it is shown: the same entry objects (sent once: the loader's data is encoded
   * with shared references) with the request activity of the page's stretch of time among them.
   */
  lines: TimelineLine[];
  /** The reader is the customer: a status reads as the customer says it ("waiting for you"). */
  customerView: boolean;
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

/** The form's starting values (a conform `defaultValue`): a new entry's or the stored one's. */
export type EntryFormDefaults = {
  channel: EntryChannel;
  direction: string;
  occurredAtIso: string | null;
  /** The datetime-local field: filled in by the browser, in its time zone. */
  occurredAt: string;
  subject: string;
  body: string;
  audience: string;
  audienceOrganizationIds: string[];
  contactIds: string[];
  userIds: string[];
  durationMinutes: string;
  outcome: string;
  emailFrom: string;
  emailTo: string;
  emailCc: string;
  postalDate: string;
  reference: string;
  location: string;
};

/** A header address the editor sees only as a name, by its place in the stored list. */
export type WithheldAddress = { index: number; label: string };

/**
 * What an editor without the contacts section may not see of the entry: a contact person's
 * address or number. Text fields that mention one are shown redacted and read-only; hidden
 * header addresses as names the editor may untick. The server keeps the stored values.
 */
export type WithheldValues = {
  subject: string | null;
  bodyHtml: string | null;
  location: string | null;
  reference: string | null;
  from: WithheldAddress[];
  to: WithheldAddress[];
  cc: WithheldAddress[];
};

import type { OutboundStatus } from "#db/schema/values";

/** Whom and what the compose page offers its sender; nothing else is accepted. */
export type ComposeOptions = {
  /** `contact:<id>` or `user:<id>`, with the name and address the mail goes to. */
  recipients: { key: string; name: string; email: string; detail: string | null }[];
  documents: { id: string; title: string; fileName: string; sizeBytes: number }[];
};

/** Where an email written in Ambit stands, as its entry shows it. */
export type DeliveryView = {
  status: OutboundStatus;
  /** ISO time of the status (the provider's event time, or ours). */
  statusAt: string;
  reason: string | null;
  mayRetry: boolean;
};

/** One capture address as the project page shows it. */
export type CaptureAddressView = {
  organizationId: string;
  organizationName: string;
  address: string;
  /** The reader's own organisation's. */
  own: boolean;
  mayRotate: boolean;
};

/** A mail waiting in the unresolved queue, as its page lists it. */
export type UnresolvedMailView = {
  id: string;
  receivedAt: string;
  fromAddress: string;
  fromName: string | null;
  recipients: string[];
  subject: string;
  /** Its text, shown as text. */
  previewText: string;
  rawSize: number;
  reason: string;
  /** The project its address named, if any: the first choice when assigning. */
  projectId: string | null;
  projectName: string | null;
  /** False when the mail was too large to keep: it can only be discarded. */
  assignable: boolean;
};

import type { Signed } from "~/kernel/audit/signed-certificate";

/** A place the erasure rewrote, and the rows it changed there. */
export type ErasedPlace = { place: string; rows: number; ids: string[] };

/** What a deletion certificate states; the signature covers exactly this, canonically. */
export type CertificateBody = {
  type: "ambit.deletion-certificate";
  version: 1;
  id: string;
  subject: { kind: "contact" | "user"; id: string; pseudonym: string };
  reference: string;
  erasedAt: string;
  erasedBy: { id: string; name: string; role: string };
  /** The person's own record: the fields emptied or replaced by the pseudonym. */
  record: string[];
  places: ErasedPlace[];
  /** Rows that name them but are under a legal hold in force: left word for word. */
  keptUnderHold: { place: string; rows: number }[];
  unlinked: { participations: number };
  removed: { place: string; rows: number }[];
  audit: {
    /** Events whose personal part (addresses, typed text, network details) was erased. */
    eventsErased: number;
    /** Events from before personal data was kept apart from the hash, which cannot be. */
    eventsNotErasable: number;
    chainHeadBefore: { seq: number; hash: string };
    /** The erasure's own event: the chain went on from the head before to here. */
    chainHeadAfter: { seq: number; hash: string };
  };
  legalHolds: { checked: string[]; inForce: 0 };
  /** What no erasure in Ambit reaches, said so the certificate does not claim it. */
  limits: ErasureLimit[];
};

export const erasureLimits = ["storedFiles", "otherExports", "backups"] as const;
export type ErasureLimit = (typeof erasureLimits)[number];

export type SignedCertificate = Signed<CertificateBody>;

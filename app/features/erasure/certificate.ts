import { sign, verify, type KeyObject } from "node:crypto";
import stringify from "safe-stable-stringify";
import { keyIdOf, publicKeyHex, publicKeyOfHex } from "~/kernel/audit/checkpoint-signature";

// No database here: a certificate is checked offline with the installation's public key.

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
};

export type SignedCertificate = CertificateBody & {
  signature: { algorithm: "Ed25519"; keyId: string; publicKey: string; value: string };
};

function message(body: CertificateBody) {
  return Buffer.from(`ambit-deletion-certificate:v1:${stringify(body)}`, "utf8");
}

export function signCertificate(
  body: CertificateBody,
  key: { privateKey: KeyObject; publicKey: KeyObject },
): SignedCertificate["signature"] {
  return {
    algorithm: "Ed25519",
    keyId: keyIdOf(key.publicKey),
    publicKey: publicKeyHex(key.publicKey),
    value: sign(null, message(body), key.privateKey).toString("base64"),
  };
}

/**
 * Whether a certificate is intact and signed by the key whose public half the auditor holds
 * (never the key printed in the certificate itself: anyone can sign with a key of their own).
 */
export function certificateValid(certificate: SignedCertificate, trustedPublicKeyHex: string) {
  try {
    const { signature, ...body } = certificate;
    if (signature?.algorithm !== "Ed25519") return false;
    return verify(
      null,
      message(body as CertificateBody),
      publicKeyOfHex(trustedPublicKeyHex),
      Buffer.from(signature.value, "base64"),
    );
  } catch {
    return false;
  }
}

import { sign, verify, type KeyObject } from "node:crypto";
import stringify from "safe-stable-stringify";
import { keyIdOf, publicKeyHex, publicKeyOfHex } from "./checkpoint-signature";

// No database here: a certificate is checked offline with the installation's public key.

/** What every certificate says of itself: what it is, in which version. */
export type CertificateHead = { type: string; version: number };

export type CertificateSignature = {
  algorithm: "Ed25519";
  keyId: string;
  publicKey: string;
  value: string;
};

export type Signed<T extends CertificateHead> = T & { signature: CertificateSignature };

/** The signed bytes: the certificate's type and version, then its canonical JSON. */
function message(body: CertificateHead) {
  return Buffer.from(`${body.type}:v${body.version}:${stringify(body)}`, "utf8");
}

/** Signs a certificate (a deletion, a retention run) with the installation's audit key. */
export function signCertificate(
  body: CertificateHead,
  key: { privateKey: KeyObject; publicKey: KeyObject },
): CertificateSignature {
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
export function certificateValid<T extends CertificateHead>(
  certificate: Signed<T>,
  trustedPublicKeyHex: string,
) {
  try {
    const { signature, ...body } = certificate;
    if (signature?.algorithm !== "Ed25519") return false;
    return verify(
      null,
      message(body as CertificateHead),
      publicKeyOfHex(trustedPublicKeyHex),
      Buffer.from(signature.value, "base64"),
    );
  } catch {
    return false;
  }
}

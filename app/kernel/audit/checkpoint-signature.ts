import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

// No database here: the offline verification of an exported copy uses this too.

/** What a checkpoint's signature covers: the chain's position and hash at a moment. */
export function checkpointMessage(checkpoint: { seq: number; hash: string; signedAt: string }) {
  return Buffer.from(
    `ambit-audit-checkpoint:v1:${checkpoint.seq}:${checkpoint.hash}:${checkpoint.signedAt}`,
    "utf8",
  );
}

// PKCS#8 and SPKI wrappers of a raw Ed25519 key (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The Ed25519 key pair of a 32-byte seed. */
export function signingKeyOfSeed(seed: Buffer) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The raw 32-byte public key, as hex: what an auditor is given to verify with. */
export function publicKeyHex(publicKey: KeyObject) {
  return publicKey
    .export({ format: "der", type: "spki" })
    .subarray(SPKI_PREFIX.length)
    .toString("hex");
}

export function publicKeyOfHex(hex: string) {
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, Buffer.from(hex, "hex")]),
    format: "der",
    type: "spki",
  });
}

/** A key's id: the first 16 hex characters of the SHA-256 of its raw public key. */
export function keyIdOf(publicKey: KeyObject) {
  return createHash("sha256")
    .update(Buffer.from(publicKeyHex(publicKey), "hex"))
    .digest("hex")
    .slice(0, 16);
}

export function signCheckpoint(
  privateKey: KeyObject,
  checkpoint: { seq: number; hash: string; signedAt: string },
) {
  return sign(null, checkpointMessage(checkpoint), privateKey).toString("base64");
}

export function checkpointSignatureValid(
  publicKey: KeyObject,
  checkpoint: { seq: number; hash: string; signedAt: string; signature: string },
) {
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, "base64"),
    );
  } catch {
    return false;
  }
}

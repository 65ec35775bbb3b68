import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { CertificateBody } from "~/features/erasure/certificate";
import { pseudonymOf } from "~/features/erasure/pseudonym";
import { publicKeyHex, signingKeyOfSeed } from "~/kernel/audit/checkpoint-signature";
import { certificateValid, signCertificate } from "~/kernel/audit/signed-certificate";

const body: CertificateBody = {
  type: "ambit.deletion-certificate",
  version: 1,
  id: "7a0c6a57-6a55-4f0e-9d53-1f2b3c4d5e6f",
  subject: {
    kind: "contact",
    id: "0b7e2a8e-9a43-4a35-8d0e-5f7b2c9e1a11",
    pseudonym: "Person 4C1D2E7A90",
  },
  reference: "DSR-2026-014",
  erasedAt: "2026-12-07T08:00:00.000Z",
  erasedBy: { id: "c1", name: "Clara Vogt", role: "compliance_officer" },
  record: ["name", "email"],
  places: [{ place: "entries", rows: 2, ids: ["e1", "e2"] }],
  keptUnderHold: [],
  unlinked: { participations: 1 },
  removed: [],
  audit: {
    eventsErased: 3,
    eventsNotErasable: 0,
    chainHeadBefore: { seq: 10, hash: "a".repeat(64) },
    chainHeadAfter: { seq: 11, hash: "b".repeat(64) },
  },
  legalHolds: { checked: ["contact", "account", "projects"], inForce: 0 },
  limits: ["storedFiles", "otherExports", "backups"],
};

describe("deletion certificates", () => {
  const key = signingKeyOfSeed(randomBytes(32));
  const trusted = publicKeyHex(key.publicKey);
  const signed = { ...body, signature: signCertificate(body, key) };

  test("a signed certificate verifies with the installation's public key", () => {
    expect(certificateValid(signed, trusted)).toBe(true);
    // Keys in another order are the same certificate: the signature covers canonical JSON.
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, ...body }));
    expect(certificateValid(reordered, trusted)).toBe(true);
  });

  test("any change, or another key, fails it", () => {
    expect(
      certificateValid<CertificateBody>({ ...signed, reference: "DSR-2026-015" }, trusted),
    ).toBe(false);
    expect(
      certificateValid<CertificateBody>(
        { ...signed, places: [{ place: "entries", rows: 1, ids: ["e1"] }] },
        trusted,
      ),
    ).toBe(false);
    const other = signingKeyOfSeed(randomBytes(32));
    // A certificate re-signed with a key of one's own names that key: it is not the trusted one.
    const forged = { ...body, signature: signCertificate(body, other) };
    expect(certificateValid(forged, trusted)).toBe(false);
  });

  test("a pseudonym is stable, neutral and says nothing of the person", () => {
    const first = pseudonymOf("contact", body.subject.id);
    expect(pseudonymOf("contact", body.subject.id)).toEqual(first);
    expect(first.name).toMatch(/^Person [0-9A-F]{10}$/);
    expect(first.email).toMatch(/^person-[0-9a-f]{10}@erased\.invalid$/);
    expect(pseudonymOf("user", body.subject.id).name).not.toBe(first.name);
  });
});

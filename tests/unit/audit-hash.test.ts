import { describe, expect, test } from "vitest";
import { hashAuditEvent, personalDigest, personalPartProblem } from "~/kernel/audit/audit.server";

const event = {
  seq: 42,
  occurredAt: new Date("2026-03-01T09:30:00.123Z"),
  actorUserId: "0b6f8f5e-8a43-4c4e-9d55-0e1f6d1b7a10",
  actorOrganizationId: null,
  action: "entry.created",
  subjectType: "Entry",
  subjectId: "e-1",
  projectId: null,
  ip: "192.0.2.1",
  userAgent: "Firefox",
  details: { title: "Kick-off", tags: ["a", "b"], meta: { z: 1, a: { y: 2, b: 3 } } },
  prevHash: "f".repeat(64),
};

describe("hashAuditEvent", () => {
  test("is a lower-case hex SHA-256 and the same every time", () => {
    const hash = hashAuditEvent(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEvent({ ...event })).toBe(hash);
  });

  test("does not depend on the key order of details, at any depth", () => {
    const reordered = {
      ...event,
      details: { meta: { a: { b: 3, y: 2 }, z: 1 }, tags: ["a", "b"], title: "Kick-off" },
    };
    expect(hashAuditEvent(reordered)).toBe(hashAuditEvent(event));
  });

  test("changes when any covered field changes", () => {
    const base = hashAuditEvent(event);
    const variants = [
      { seq: 43 },
      { occurredAt: new Date("2026-03-01T09:30:00.124Z") },
      { actorUserId: null },
      { actorOrganizationId: "0b6f8f5e-8a43-4c4e-9d55-0e1f6d1b7a11" },
      { action: "entry.deleted" },
      { subjectType: "Project" },
      { subjectId: "e-2" },
      { projectId: "0b6f8f5e-8a43-4c4e-9d55-0e1f6d1b7a12" },
      { ip: "192.0.2.2" },
      { userAgent: "Chrome" },
      { details: { ...event.details, tags: ["b", "a"] } },
      { prevHash: "e".repeat(64) },
    ];
    const hashes = variants.map((change) => hashAuditEvent({ ...event, ...change }));
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  test("keeps null and an empty string apart", () => {
    expect(hashAuditEvent({ ...event, subjectId: "" })).not.toBe(
      hashAuditEvent({ ...event, subjectId: null }),
    );
  });
});

describe("events with a personal part (ADR 26)", () => {
  const personal = { salt: "c2FsdHNhbHRzYWx0c2FsdA==", email: "felix@example.test" };
  const newer = {
    ...event,
    personal,
    personalDigest: personalDigest(personal, event.ip, event.userAgent),
  };

  test("hash the digest, not the personal values, ip or browser", () => {
    const base = hashAuditEvent(newer);
    expect(hashAuditEvent({ ...newer, ip: null, userAgent: null, personal: null })).toBe(base);
    expect(hashAuditEvent({ ...newer, personalDigest: "0".repeat(64) })).not.toBe(base);
    expect(hashAuditEvent({ ...newer, details: { other: 1 } })).not.toBe(base);
  });

  test("never hash like a row of the older kind with the same columns", () => {
    expect(hashAuditEvent(newer)).not.toBe(hashAuditEvent(event));
  });

  test("a digest is salted: the same address in two events gives two digests", () => {
    const other = { ...personal, salt: "b3RoZXJzYWx0b3RoZXJzYQ==" };
    expect(personalDigest(other, event.ip, event.userAgent)).not.toBe(newer.personalDigest);
  });

  test("the personal part, ip and browser must match the digest, or be erased together", () => {
    expect(personalPartProblem(newer)).toBeNull();
    expect(personalPartProblem({ ...newer, personal: null, ip: null, userAgent: null })).toBeNull();
    expect(personalPartProblem({ ...newer, ip: "192.0.2.99" })).toMatch(/does not match/);
    expect(personalPartProblem({ ...newer, personal: { ...personal, email: "x" } })).toMatch(
      /does not match/,
    );
    expect(personalPartProblem({ ...newer, personal: null, userAgent: null })).toMatch(/is not/);
    expect(personalPartProblem(event)).toBeNull();
  });
});

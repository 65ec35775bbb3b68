import { describe, expect, test } from "vitest";
import { auditSentence } from "~/features/compliance/audit-sentence";
import type { AuditEventView } from "~/features/compliance/types";
import { translatorFor } from "~/i18n";

const search: AuditEventView = {
  seq: 7,
  occurredAt: "2026-12-01T09:00:00.000Z",
  action: "search.performed",
  group: "read",
  actor: { id: "u-1", name: "Lena Falk", email: null, organization: "Studio Lumen" },
  item: null,
  project: null,
  ip: "10.1.2.3",
  userAgent: "Firefox",
  version: null,
  details: { resultCount: 2, query: "Eichenholz" },
  erased: false,
};
const erased = { ...search, ip: null, userAgent: null, details: { resultCount: 2 }, erased: true };

describe("an event whose personal details were erased (ADR 26)", () => {
  test("says so in the sentence instead of the IP address, in English and German", () => {
    expect(auditSentence(translatorFor("en"), search)).toMatch(/from 10\.1\.2\.3$/);
    expect(auditSentence(translatorFor("en"), erased)).toMatch(/\(personal details erased\)$/);
    expect(auditSentence(translatorFor("de"), erased)).toMatch(
      /\(personenbezogene Angaben gelöscht\)$/,
    );
  });
});

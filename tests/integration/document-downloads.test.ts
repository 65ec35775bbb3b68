import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, documents, documentVersions } from "#db/schema";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import { loader as versionFileLoader } from "~/routes/documents.$documentId.versions.$versionId.$access";
import {
  DEMO_PEOPLE,
  DOCUMENT_MARKERS,
  DOCUMENTS_SEEN_BY,
  type DemoPerson,
} from "../support/demo-people";
import { demoSessions, markerOf, routeArgs, statusOf } from "../support/http-as";

let sessions: Map<DemoPerson, string>;
const documentIds = new Map<string, { id: string; versionId: string; sha256: string }>();

beforeAll(async () => {
  sessions = await demoSessions();
  const rows = await db()
    .select({
      id: documents.id,
      title: documents.title,
      versionId: documentVersions.id,
      sha256: documentVersions.sha256,
    })
    .from(documents)
    .innerJoin(documentVersions, eq(documentVersions.documentId, documents.id));
  for (const row of rows) documentIds.set(markerOf(row.title), row);
});

const download = (person: DemoPerson, marker: string, access = "download") => {
  const document = documentIds.get(marker)!;
  return fileLoader(
    routeArgs(sessions.get(person), `/documents/${document.id}/${access}`, {
      documentId: document.id,
      access,
    }),
  );
};

describe("direct download URLs, every demo user × the three documents", () => {
  for (const person of DEMO_PEOPLE) {
    for (const marker of DOCUMENT_MARKERS) {
      const allowed = DOCUMENTS_SEEN_BY[person].includes(marker);
      test(`${person} ${allowed ? "downloads" : "gets 404 for"} ${marker}`, async () => {
        if (!allowed) {
          expect(await statusOf(() => download(person, marker))).toBe(404);
          return;
        }
        const response = await download(person, marker);
        expect(response.status).toBe(200);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(
          documentIds.get(marker)!.sha256,
        );
        expect(response.headers.get("Content-Type")).toBe("application/pdf");
        expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="/);
        expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      });
    }
  }
});

describe("headers and audit", () => {
  test("a preview is inline and sandboxed, and both accesses are audited with the version", async () => {
    const heron = documentIds.get("HERON")!;
    const preview = await download("eva", "HERON", "preview");
    expect(preview.headers.get("Content-Disposition")).toMatch(
      /^inline; filename="Grundriss-Gastraum-v2.pdf"/,
    );
    expect(preview.headers.get("Content-Security-Policy")).toMatch(/^sandbox;/);
    await download("eva", "HERON");
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "Document"), eq(auditEvents.subjectId, heron.id)));
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(["document.previewed", "document.downloaded"]),
    );
    expect(events.every((event) => event.details.versionId === heron.versionId)).toBe(true);
  });

  test("a version URL of another document is a 404; an unknown access word is a 404", async () => {
    const heron = documentIds.get("HERON")!;
    const ibis = documentIds.get("IBIS")!;
    const status = await statusOf(() =>
      versionFileLoader(
        routeArgs(sessions.get("anna"), "/x", {
          documentId: heron.id,
          versionId: ibis.versionId,
          access: "download",
        }),
      ),
    );
    expect(status).toBe(404);
    expect(
      await statusOf(() =>
        fileLoader(routeArgs(sessions.get("anna"), "/x", { documentId: heron.id, access: "raw" })),
      ),
    ).toBe(404);
  });
});

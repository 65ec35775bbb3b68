import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { documents, documentVersions } from "#db/schema";
import {
  loader as documentPageLoader,
  action as versionAction,
} from "~/routes/_app.projects.$projectId.documents.$documentId";
import { loader as documentsLoader } from "~/routes/_app.projects.$projectId.documents._index";
import { action as uploadAction } from "~/routes/projects.$projectId.documents.upload";
import {
  DEMO_PEOPLE,
  DOCUMENT_PAGES_SEEN_BY,
  DOCUMENTS_BY_PROJECT,
  DOCUMENTS_SEEN_BY,
  EMPFANG,
  GASTRAUM,
  HOST_PEOPLE,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import {
  demoWorld,
  markerOf,
  multipartForm,
  multipartRequest,
  routeArgs,
  statusOf,
} from "../../support/http-as";
import { makeRequestContext } from "../../support/request";
import { samplePdf } from "../../support/sample-files";

/*
 * The documents part of DEMO_WORLD.md's matrix over HTTP: every demo user × every project's
 * documents page, every document's page, uploading to every project and adding a version to
 * every document. (Direct download URLs: document-downloads.test.ts.)
 */

const {
  tokens: sessions,
  ids: { projectIds },
} = demoWorld();
const documentIds = new Map<string, { id: string; projectId: string }>();
let pdf: Uint8Array;

beforeAll(async () => {
  for (const row of await db().select().from(documents)) {
    documentIds.set(markerOf(row.title), { id: row.id, projectId: row.projectId });
  }
  pdf = await samplePdf("Matrix upload");
});

/** Who may upload there: host staff who write, and contributors with `documents`. */
const UPLOADS: Record<DemoPerson, readonly string[]> = {
  ...DOCUMENT_PAGES_SEEN_BY,
  clara: [],
};

/** Who may add a version of each document: host staff who write (every demo file is theirs). */
const VERSIONS = (person: DemoPerson) =>
  (HOST_PEOPLE as readonly string[]).includes(person) && person !== "clara";

const multipart = (person: DemoPerson, path: string, fileField: "files" | "file") =>
  multipartRequest(
    sessions.get(person),
    path,
    multipartForm({}, [{ name: "Matrix.pdf", bytes: pdf, type: "application/pdf" }], fileField),
  );

async function documentCount() {
  const [row] = await db().select({ n: count() }).from(documents);
  return row!.n;
}

describe("documents pages", () => {
  for (const person of DEMO_PEOPLE) {
    for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
      const opens = DOCUMENT_PAGES_SEEN_BY[person].includes(project);
      const expected = DOCUMENTS_BY_PROJECT[project]!.filter((marker) =>
        DOCUMENTS_SEEN_BY[person].includes(marker),
      );
      test(`${person} · ${project}: ${opens ? `lists ${expected.join(", ") || "nothing"}` : "404"}`, async () => {
        const projectId = projectIds.get(project)!;
        const run = () =>
          documentsLoader(
            routeArgs(sessions.get(person), `/projects/${projectId}/documents`, { projectId }),
          );
        if (!opens) {
          expect(await statusOf(run)).toBe(404);
          return;
        }
        const data = await run();
        expect(data.documents.map((row) => markerOf(row.title)).sort()).toEqual(
          [...expected].sort(),
        );
      });
    }
  }
});

describe("document pages", () => {
  for (const person of DEMO_PEOPLE) {
    for (const marker of ["HERON", "FALCON", "IBIS"]) {
      const reads = DOCUMENTS_SEEN_BY[person].includes(marker);
      test(`${person} · ${marker}: ${reads ? "200" : "404"}`, async () => {
        const { id, projectId } = documentIds.get(marker)!;
        const status = await statusOf(() =>
          documentPageLoader(
            routeArgs(sessions.get(person), `/projects/${projectId}/documents/${id}`, {
              projectId,
              documentId: id,
            }),
          ),
        );
        expect(status).toBe(reads ? 200 : 404);
      });
    }
  }
});

describe("who can see a document, and why", () => {
  const page = (person: DemoPerson, marker: string) => {
    const { id, projectId } = documentIds.get(marker)!;
    return documentPageLoader(
      routeArgs(sessions.get(person), `/projects/${projectId}/documents/${id}`, {
        projectId,
        documentId: id,
      }),
    );
  };
  const verdicts = async (marker: string) => {
    const data = await page("anna", marker);
    return Object.fromEntries(
      data.explain!.organizations.map((org) => [org.organizationName, [org.canRead, org.why]]),
    );
  };

  test("HERON: every member with the documents section, and Holzwerk Meyer lacks it", async () => {
    expect(await verdicts("HERON")).toEqual({
      "Café Morgenrot GmbH": [true, "rule"],
      "Holzwerk Meyer KG": [false, "lacksSection"],
      "Studio Lumen": [true, "rule"],
    });
  });

  test("FALCON: shared with Holzwerk Meyer only, whose membership has no documents section", async () => {
    expect(await verdicts("FALCON")).toEqual({
      "Café Morgenrot GmbH": [false, "notShared"],
      "Holzwerk Meyer KG": [false, "lacksSection"],
      "Studio Lumen": [false, "notShared"],
    });
  });

  test("a readable rule is named by the policy's reason", async () => {
    const data = await page("anna", "HERON");
    const lumen = data.explain!.organizations.find(
      (org) => org.organizationName === "Studio Lumen",
    );
    expect(lumen?.reason).toBe("Shared with all members, and your membership includes documents");
    expect(data.explain!.hostName).toBe("Hansen Innenausbau GmbH");
  });

  for (const person of DEMO_PEOPLE) {
    const host = (HOST_PEOPLE as readonly string[]).includes(person);
    const marker = DOCUMENTS_SEEN_BY[person][0];
    if (!marker) continue;
    test(`${person} · ${marker}: ${host ? "sees" : "does not see"} the sharing`, async () => {
      const data = await page(person, marker);
      expect(data.explain !== null).toBe(host);
      expect(data.audience !== null).toBe(host);
    });
  }
});

describe("uploading", () => {
  for (const person of DEMO_PEOPLE) {
    for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
      const status = UPLOADS[person].includes(project)
        ? 200
        : DOCUMENT_PAGES_SEEN_BY[person].includes(project)
          ? 403
          : 404;
      test(`${person} uploads to ${project}: ${status}`, async () => {
        const projectId = projectIds.get(project)!;
        const before = await documentCount();
        const answer = await statusOf(() =>
          uploadAction({
            request: multipart(person, `/projects/${projectId}/documents/upload`, "files"),
            params: { projectId },
            context: makeRequestContext(),
          }),
        );
        expect(answer).toBe(status);
        expect(await documentCount()).toBe(before + (status === 200 ? 1 : 0));
      });
    }
  }
});

describe("new versions", () => {
  for (const person of DEMO_PEOPLE) {
    for (const marker of ["HERON", "FALCON", "IBIS"]) {
      const status = !DOCUMENTS_SEEN_BY[person].includes(marker)
        ? 404
        : VERSIONS(person)
          ? 302
          : 403;
      test(`${person} adds a version of ${marker}: ${status}`, async () => {
        const { id, projectId } = documentIds.get(marker)!;
        const versions = async () =>
          (
            await db()
              .select({ n: count() })
              .from(documentVersions)
              .where(and(eq(documentVersions.documentId, id)))
          )[0]!.n;
        const before = await versions();
        const answer = await statusOf(() =>
          versionAction({
            request: multipart(person, `/projects/${projectId}/documents/${id}`, "file"),
            params: { projectId, documentId: id },
            context: makeRequestContext(),
          }),
        );
        expect(answer).toBe(status);
        expect(await versions()).toBe(before + (status === 302 ? 1 : 0));
      });
    }
  }
});

import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, documents, documentVersions, organizations, users } from "#db/schema";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import { loader as versionFileLoader } from "~/routes/documents.$documentId.versions.$versionId.$access";
import {
  action as documentAction,
  loader as documentLoader,
} from "~/routes/_app.projects.$projectId.documents.$documentId";
import {
  action as listAction,
  loader as listLoader,
} from "~/routes/_app.projects.$projectId.documents._index";
import { action as uploadAction } from "~/routes/projects.$projectId.documents.upload";
import {
  DEMO_PEOPLE,
  DOCUMENT_PAGES_SEEN_BY,
  DOCUMENTS_SEEN_BY,
  EMPFANG,
  GASTRAUM,
  TERRASSE,
  type DemoPerson,
} from "../support/demo-people";
import {
  demoWorld,
  markerOf,
  multipartForm,
  multipartRequest,
  routeArgs,
  statusOf,
} from "../support/http-as";
import { makeRequestContext } from "../support/request";
import { sampleImage, samplePdf } from "../support/sample-files";
import { presetAudience } from "../support/audiences";

type ListData = Awaited<ReturnType<typeof listLoader>>;
type UploadAnswer = {
  created: { id: string; title: string; fileName: string }[];
  refused: { name: string; reason: string; message: string }[];
  error: { field: string; message: string } | null;
};

const {
  tokens: sessions,
  ids: { projectIds },
} = demoWorld();

const PROJECT_OF: Record<string, string> = { HERON: GASTRAUM, FALCON: GASTRAUM, IBIS: EMPFANG };

const list = async (person: DemoPerson, project: string, query = "") => {
  const projectId = projectIds.get(project)!;
  return (await listLoader(
    routeArgs(sessions.get(person), `/projects/${projectId}/documents${query}`, { projectId }),
  )) as ListData;
};

/** A multipart POST as the browser's FormData sends it, signed in as `person`. */
const multipart = (person: DemoPerson, path: string, form: FormData) =>
  multipartRequest(sessions.get(person), path, form);

const uploadForm = (
  files: { name: string; bytes: Buffer; type?: string }[],
  fields: Record<string, string | string[]> = {},
) => multipartForm(fields, files);

async function upload(person: DemoPerson, project: string, form: FormData) {
  const projectId = projectIds.get(project)!;
  const response = (await uploadAction({
    request: multipart(person, `/projects/${projectId}/documents/upload`, form),
    params: { projectId },
    context: makeRequestContext(),
  })) as Response;
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

const documentCount = async () =>
  Number(
    (
      await db()
        .select({ n: sql<number>`count(*)` })
        .from(documents)
    )[0]!.n,
  );

async function documentByMarker(marker: string) {
  const rows = await db().select().from(documents);
  return rows.find((row) => markerOf(row.title) === marker)!;
}

describe("the documents list, every demo user × every project", () => {
  for (const person of DEMO_PEOPLE) {
    for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
      const opens = DOCUMENT_PAGES_SEEN_BY[person].includes(project);
      const expected = DOCUMENTS_SEEN_BY[person].filter((marker) => PROJECT_OF[marker] === project);
      test(`${person} on ${project}: ${opens ? expected.join(", ") || "empty" : "404"}`, async () => {
        if (!opens) {
          expect(await statusOf(() => list(person, project))).toBe(404);
          return;
        }
        const data = await list(person, project);
        expect(data.documents.map((row) => markerOf(row.title)).sort()).toEqual(
          [...expected].sort(),
        );
        // Only the host learns who else a document is shared with.
        const host = ["ida", "anna", "tom", "clara"].includes(person);
        for (const row of data.documents) expect(Boolean(row.audience)).toBe(host);
        expect(Boolean(data.upload)).toBe(person !== "clara");
      });
    }
  }

  test("Jonas on Gastraum and Lena on Brandt get 404 (no documents section / expired)", async () => {
    expect(await statusOf(() => list("jonas", GASTRAUM))).toBe(404);
    expect(await statusOf(() => list("lena", EMPFANG))).toBe(404);
  });
});

describe("filters and keyset paging", () => {
  test("type, title, uploader and dates narrow the list", async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, "anna@hansen.example"));
    const titles = async (query: string) =>
      (await list("anna", GASTRAUM, query)).documents.map((row) => markerOf(row.title)).sort();
    expect(await titles("?kind=pdf")).toEqual(["FALCON", "HERON"]);
    expect(await titles("?kind=image")).toEqual([]);
    expect(await titles("?q=grundriss")).toEqual(["HERON"]);
    expect(await titles("?q=preisliste+holzwerk")).toEqual(["FALCON"]);
    expect(await titles("?q=nothing-like-this")).toEqual([]);
    const uploaders = (await list("anna", GASTRAUM)).uploaders;
    const uploaderIds = new Set(
      (await db().select({ id: documents.uploaderId }).from(documents)).map((row) => row.id),
    );
    expect(uploaders.every((uploader) => uploaderIds.has(uploader.id))).toBe(true);
    const seededBy = uploaders[0]!.id;
    expect((await titles(`?uploader=${seededBy}`)).length).toBeGreaterThan(0);
    expect(await titles(`?uploader=${anna!.id === seededBy ? "not-a-uuid" : anna!.id}`)).toEqual(
      anna!.id === seededBy ? ["FALCON", "HERON"] : [],
    );
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(await titles(`?from=${day(2)}&tz=Europe/Berlin`)).toEqual([]);
    expect(await titles(`?from=${day(-30)}&to=${day(2)}&tz=Europe/Berlin`)).toEqual([
      "FALCON",
      "HERON",
    ]);
    expect(await titles(`?to=${day(-30)}`)).toEqual([]);
    // "31.12.2026" as a German reader types it.
    const german = (offset: number) => day(offset).split("-").reverse().join(".");
    expect(await titles(`?from=${german(-30)}&to=${german(2)}&tz=Europe/Berlin`)).toEqual([
      "FALCON",
      "HERON",
    ]);
    expect(await titles(`?to=${german(-30)}`)).toEqual([]);
  });

  test("load more walks every document once, even when one upload's rows share a timestamp", async () => {
    const heron = await documentByMarker("HERON");
    const [version] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, heron.id));
    // 60 documents with the same microsecond timestamp (as a multi-file upload writes them).
    const at = sql`'2020-01-02T03:04:05.123456Z'::timestamptz`;
    for (let index = 0; index < 60; index += 1) {
      const [row] = await db()
        .insert(documents)
        .values({
          projectId: heron.projectId,
          title: `Paging ${index}`,
          kind: "pdf",
          audienceId: presetAudience("all_members"),
          uploaderId: heron.uploaderId,
          uploaderOrganizationId: heron.uploaderOrganizationId,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: documents.id });
      await db()
        .insert(documentVersions)
        .values({
          ...version!,
          id: undefined,
          documentId: row!.id,
          number: 1,
          storageKey: randomUUID(),
        });
    }
    const seen: string[] = [];
    let query = "?q=Paging";
    for (let page = 0; page < 10; page += 1) {
      const data = await list("eva", GASTRAUM, query);
      seen.push(...data.documents.map((row) => row.id));
      if (!data.nextCursor) break;
      query = `?q=Paging&cursor=${data.nextCursor}`;
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    // A broken cursor shows the first page rather than an error.
    const first = await list("eva", GASTRAUM, "?q=Paging&cursor=garbage");
    expect(first.documents).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
  });
});

describe("uploads", () => {
  test("Anna uploads a PDF through the resource route: document, version, audit, download", async () => {
    const bytes = await samplePdf("Aufmass Gastraum");
    const before = await documentCount();
    const { status, body } = await upload(
      "anna",
      GASTRAUM,
      uploadForm([{ name: "Aufmass Gastraum.pdf", bytes, type: "application/pdf" }], {
        audience: "all_members",
        title: "Aufmaß Gastraum",
        description: "Vom Termin vor Ort.",
      }),
    );
    expect(status).toBe(200);
    expect(body.refused).toEqual([]);
    expect(body.created).toHaveLength(1);
    expect(body.created[0]!.title).toBe("Aufmaß Gastraum");
    expect(await documentCount()).toBe(before + 1);
    const id = body.created[0]!.id;
    const [version] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, id));
    expect(version!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "document.uploaded")));
    expect(audit).toHaveLength(1);
    // Eva (all members, documents section) sees it and downloads the same bytes.
    expect((await list("eva", GASTRAUM)).documents.some((row) => row.id === id)).toBe(true);
    const response = await fileLoader(
      routeArgs(sessions.get("eva"), `/documents/${id}/download`, {
        documentId: id,
        access: "download",
      }),
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  test("several files at once take their file names; the title only applies to one", async () => {
    const { body } = await upload(
      "anna",
      GASTRAUM,
      uploadForm(
        [
          { name: "Plan A.pdf", bytes: await samplePdf("A") },
          { name: "Plan B.pdf", bytes: await samplePdf("B") },
        ],
        { audience: "internal", title: "Ignored" },
      ),
    );
    expect(body.created.map((row) => row.title).sort()).toEqual(["Plan A", "Plan B"]);
    expect((await list("eva", GASTRAUM, "?q=Plan")).documents).toEqual([]);
  });

  test("an HTML page named .pdf is refused with its sentence, and nothing is stored", async () => {
    const before = await documentCount();
    const { status, body } = await upload(
      "anna",
      GASTRAUM,
      uploadForm(
        [{ name: "evil.pdf", bytes: Buffer.from("<!doctype html><script>alert(1)</script>") }],
        {
          audience: "all_members",
        },
      ),
    );
    expect(status).toBe(400);
    expect(body.created).toEqual([]);
    expect(body.refused).toEqual([
      {
        name: "evil.pdf",
        reason: "html",
        message: "“evil.pdf” is an HTML page; HTML is not accepted.",
      },
    ]);
    expect(await documentCount()).toBe(before);
  });

  test("a good file and a refused one: the good one is kept, the other named", async () => {
    const { status, body } = await upload(
      "anna",
      GASTRAUM,
      uploadForm(
        [
          { name: "ok.pdf", bytes: await samplePdf("ok") },
          { name: "x.svg", bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
        ],
        { audience: "internal" },
      ),
    );
    expect(status).toBe(200);
    expect(body.created).toHaveLength(1);
    expect(body.refused[0]!.message).toBe(
      "“x.svg”: SVG images can carry scripts and are not accepted.",
    );
  });

  test("a partner cannot grant an audience he is not offered", async () => {
    const before = await documentCount();
    const internal = await upload(
      "lena",
      GASTRAUM,
      uploadForm([{ name: "Skizze.pdf", bytes: await samplePdf("Skizze") }], {
        audience: "internal",
      }),
    );
    expect(internal.status).toBe(400);
    expect(internal.body.error).toEqual({
      field: "audience",
      message: "You cannot share a document this way.",
    });
    // Holzwerk Meyer has no documents section here, so it is not on offer.
    const [holzwerk] = await db()
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.name, "Holzwerk Meyer KG"));
    const custom = await upload(
      "lena",
      GASTRAUM,
      uploadForm([{ name: "Skizze.pdf", bytes: await samplePdf("Skizze") }], {
        audience: "custom",
        audienceOrganizationIds: [holzwerk!.id],
      }),
    );
    expect(custom.status).toBe(400);
    expect(custom.body.error?.field).toBe("audienceOrganizationIds");
    expect(await documentCount()).toBe(before);
  });

  test("Clara (compliance) and Jonas (no documents section) cannot upload", async () => {
    const form = () => uploadForm([{ name: "a.pdf", bytes: Buffer.from("%PDF-1.4") }], {});
    expect(await statusOf(() => upload("clara", GASTRAUM, form()))).toBe(403);
    expect(await statusOf(() => upload("jonas", GASTRAUM, form()))).toBe(404);
  });

  test("without JavaScript the page's own action takes the same form and keeps the fields", async () => {
    const projectId = projectIds.get(GASTRAUM)!;
    const run = async (form: FormData) =>
      (await listAction({
        request: multipart("lena", `/projects/${projectId}/documents?index`, form),
        params: { projectId },
        context: makeRequestContext(),
      })) as unknown as {
        data: UploadAnswer & { fields: { title: string } };
        init: { status: number };
      };
    const refused = await run(
      uploadForm([{ name: "evil.pdf", bytes: Buffer.from("<html><body>hi</body></html>") }], {
        audience: "own",
        title: "Mein Titel",
      }),
    );
    expect(refused.init.status).toBe(400);
    expect(refused.data.refused[0]!.message).toContain("“evil.pdf” is an HTML page");
    expect(refused.data.fields.title).toBe("Mein Titel");
    const kept = await run(
      uploadForm([{ name: "Skizze Bar.pdf", bytes: await samplePdf("Bar") }], { audience: "own" }),
    );
    expect(kept.init.status).toBe(200);
    expect(kept.data.created[0]!.title).toBe("Skizze Bar");
  });
});

describe("versions and access history", () => {
  const page = (person: DemoPerson, projectId: string, documentId: string) =>
    documentLoader(
      routeArgs(sessions.get(person), `/projects/${projectId}/documents/${documentId}`, {
        projectId,
        documentId,
      }),
    );

  const versionForm = async (
    person: DemoPerson,
    projectId: string,
    documentId: string,
    bytes: Buffer,
  ) => {
    const form = multipartForm({}, [{ name: "Grundriss Gastraum v3.pdf", bytes }], "file");
    return documentAction({
      request: multipart(person, `/projects/${projectId}/documents/${documentId}`, form),
      params: { projectId, documentId },
      context: makeRequestContext(),
    });
  };

  test("Anna adds version 2 of HERON: download serves it, version 1 stays downloadable", async () => {
    const heron = await documentByMarker("HERON");
    const [v1] = await db()
      .select()
      .from(documentVersions)
      .where(eq(documentVersions.documentId, heron.id));
    const bytes = await samplePdf("Grundriss v3");
    const answer = await versionForm("anna", heron.projectId, heron.id, bytes);
    expect((answer as Response).status).toBe(302);
    const current = await fileLoader(
      routeArgs(sessions.get("eva"), `/documents/${heron.id}/download`, {
        documentId: heron.id,
        access: "download",
      }),
    );
    expect(Buffer.from(await current.arrayBuffer()).equals(bytes)).toBe(true);
    const old = await versionFileLoader(
      routeArgs(sessions.get("eva"), `/documents/${heron.id}/versions/${v1!.id}/download`, {
        documentId: heron.id,
        versionId: v1!.id,
        access: "download",
      }),
    );
    expect(
      createHash("sha256")
        .update(Buffer.from(await old.arrayBuffer()))
        .digest("hex"),
    ).toBe(v1!.sha256);
    const data = await page("eva", heron.projectId, heron.id);
    expect(data.versions.map((version) => version.number)).toEqual([2, 1]);
    expect((await list("eva", GASTRAUM, "?q=HERON")).documents[0]!.versionNumber).toBe(2);
  });

  test("a refused new version says why and adds nothing", async () => {
    const heron = await documentByMarker("HERON");
    const answer = (await versionForm(
      "anna",
      heron.projectId,
      heron.id,
      Buffer.from("<!doctype html><p>x"),
    )) as unknown as { data: { error: string }; init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect(answer.data.error).toBe(
      "“Grundriss Gastraum v3.pdf” is an HTML page; HTML is not accepted.",
    );
  });

  test("Lena, who did not upload HERON, cannot add a version (403)", async () => {
    const heron = await documentByMarker("HERON");
    expect(
      await statusOf(() => versionForm("lena", heron.projectId, heron.id, Buffer.from("%PDF-1.4"))),
    ).toBe(403);
    expect((await page("lena", heron.projectId, heron.id)).canAddVersion).toBe(false);
  });

  test("the access history is the host's: Clara sees Eva's download, Lena's page has none", async () => {
    const heron = await documentByMarker("HERON");
    await fileLoader(
      routeArgs(sessions.get("eva"), `/documents/${heron.id}/download`, {
        documentId: heron.id,
        access: "download",
      }),
    );
    const lena = await page("lena", heron.projectId, heron.id);
    expect(lena.accessHistory).toBeNull();
    expect(lena.audience).toBeNull();
    const clara = await page("clara", heron.projectId, heron.id);
    expect(
      clara.accessHistory!.some(
        (row) => row.actorName === "Eva Roth" && row.action === "document.downloaded",
      ),
    ).toBe(true);
    // Opening the page is itself on record.
    expect(
      clara.accessHistory!.some(
        (row) => row.actorName === "Lena Falk" && row.action === "document.viewed",
      ),
    ).toBe(true);
    expect(clara.canAddVersion).toBe(false);
  });

  const pageOf = (person: DemoPerson, document: { projectId: string; id: string }) =>
    page(person, document.projectId, document.id);

  test("account managers see who opened a document, without network addresses; Clara sees those too", async () => {
    const heron = await documentByMarker("HERON");
    await fileLoader(
      routeArgs(sessions.get("eva"), `/documents/${heron.id}/download`, {
        documentId: heron.id,
        access: "download",
      }),
    );
    const eva = (page: Awaited<ReturnType<typeof pageOf>>) =>
      page.accessHistory!.find(
        (row) => row.actorName === "Eva Roth" && row.action === "document.downloaded",
      );
    const anna = await pageOf("anna", heron);
    expect(anna.showsAddresses).toBe(false);
    expect(eva(anna)?.ip).toBeNull();
    expect(anna.accessHistory!.every((row) => row.ip === null)).toBe(true);
    const clara = await pageOf("clara", heron);
    expect(clara.showsAddresses).toBe(true);
    // The address Eva downloaded from, as the request context gave it.
    expect(eva(clara)?.ip).toBe("198.51.100.7");
  });

  test("a PNG document takes a PDF as version 2: its type follows the newest, the page says what it was", async () => {
    const projectId = projectIds.get(GASTRAUM)!;
    const first = await upload(
      "anna",
      GASTRAUM,
      uploadForm([{ name: "Skizze Theke.png", bytes: await sampleImage("png") }], {
        audience: "all_members",
      }),
    );
    const documentId = first.body.created[0]!.id;
    const form = multipartForm(
      {},
      [{ name: "Skizze Theke.pdf", bytes: await samplePdf("Theke") }],
      "file",
    );
    const answer = (await documentAction({
      request: multipart("anna", `/projects/${projectId}/documents/${documentId}`, form),
      params: { projectId, documentId },
      context: makeRequestContext(),
    })) as Response;
    expect(answer.status).toBe(302);

    const data = await page("eva", projectId, documentId);
    expect(data.document).toMatchObject({
      kind: "pdf",
      contentType: "application/pdf",
      fileType: "pdf",
      earlierFileTypes: ["png"],
      previewable: true,
      // The PNG's thumbnail belonged to version 1; a PDF has none.
      hasThumbnail: false,
    });
    expect(
      data.versions.map((version) => [version.number, version.fileType, version.typeChanged]),
    ).toEqual([
      [2, "pdf", true],
      [1, "png", false],
    ]);
    const listed = (await list("eva", GASTRAUM, "?q=Skizze%20Theke")).documents[0]!;
    expect(listed).toMatchObject({ kind: "pdf", versionNumber: 2 });
    const preview = (await fileLoader(
      routeArgs(sessions.get("eva"), `/documents/${documentId}/preview`, {
        documentId,
        access: "preview",
      }),
    )) as Response;
    expect(preview.headers.get("Content-Type")).toBe("application/pdf");
  });

  test("a document of another project, or FALCON for Eva, is a 404", async () => {
    const falcon = await documentByMarker("FALCON");
    const ibis = await documentByMarker("IBIS");
    expect(await statusOf(() => page("eva", falcon.projectId, falcon.id))).toBe(404);
    expect(await statusOf(() => page("anna", projectIds.get(GASTRAUM)!, ibis.id))).toBe(404);
    expect(await statusOf(() => page("jonas", falcon.projectId, falcon.id))).toBe(404);
  });
});

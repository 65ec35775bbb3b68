import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, documents, entries } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { projectForPolicy } from "~/features/sharing/audience.server";
import { createEntry } from "~/features/history/entry-write.server";
import { localStorage, storage, useStorage } from "~/kernel/storage/storage.server";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import { loader as accountHistoryLoader } from "~/routes/_app.accounts.$accountId_.history";
import {
  action as entryAction,
  loader as entryLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId_.edit";
import { loader as historyLoader } from "~/routes/_app.projects.$projectId.history._index";
import { action as logAction } from "~/routes/_app.projects.$projectId.history.new";
import { DEMO_PEOPLE, demoEmails, HOST_PEOPLE, type DemoPerson } from "../support/demo-people";
import {
  demoWorld,
  formBody,
  multipartForm,
  multipartRequest,
  routeArgs,
  statusOf,
} from "../support/http-as";
import { makeRequestContext } from "../support/request";
import { samplePdf } from "../support/sample-files";
import { actorByEmail } from "../support/world";
import { audienceOfRow } from "../support/audiences";

const G = "Morgenrot – Umbau Gastraum";
const { tokens, ids, org } = demoWorld();

const gastraum = () => ids.projectIds.get(G)!;

type Upload = { name: string; bytes: Uint8Array; type?: string };

/** A multipart post as the browser's log/edit form sends it (fields plus attachments). */
function multipartArgs(
  person: DemoPerson,
  path: string,
  params: Record<string, string>,
  fields: Record<string, string | string[] | undefined>,
  files: Upload[],
) {
  const form = multipartForm(fields, files, "attachments");
  // An empty file input still sends a part.
  if (files.length === 0) form.append("attachments", new File([], ""));
  return {
    request: multipartRequest(tokens.get(person), path, form),
    params,
    context: makeRequestContext(),
  };
}

const download = (person: DemoPerson, documentId: string, access = "download") =>
  fileLoader(
    routeArgs(tokens.get(person), `/documents/${documentId}/${access}`, { documentId, access }),
  );

/** An entry's attachments, each with its audience's kind and organisations (and the entry's row). */
async function attachmentsOfEntry(entryId: string) {
  const [entry] = await db().select().from(entries).where(eq(entries.id, entryId));
  const rows = await db().select().from(documents).where(eq(documents.entryId, entryId));
  return Promise.all(
    rows.map(async (row) => {
      const { kind, organizationIds } = await audienceOfRow(row.audienceId);
      // Attachments point at their entry's audience row, never at a copy of it.
      expect(row.audienceId).toBe(entry!.audienceId);
      return { ...row, audience: kind, organizationIds };
    }),
  );
}

/** The edit form's current values as the browser would send them back. */
async function editFields(person: DemoPerson, entryId: string) {
  const projectId = gastraum();
  const loaded = await editLoader(
    routeArgs(tokens.get(person), `/projects/${projectId}/history/${entryId}/edit`, {
      projectId,
      entryId,
    }),
  );
  const d = loaded.defaults;
  return {
    loaded,
    fields: {
      channel: d.channel,
      direction: d.direction,
      occurredAtFallback: d.occurredAtIso ?? undefined,
      subject: d.subject,
      body: d.body,
      audience: d.audience,
      audienceOrganizationIds: d.audienceOrganizationIds,
      contactIds: d.contactIds,
      userIds: d.userIds,
      postalDate: d.postalDate || undefined,
      reference: d.reference || undefined,
      emailFrom: d.channel === "email" ? d.emailFrom : undefined,
    } as Record<string, string | string[] | undefined>,
  };
}

async function logLetter(person: DemoPerson, subject: string, files: Upload[], extra = {}) {
  const projectId = gastraum();
  return logAction(
    multipartArgs(
      person,
      `/projects/${projectId}/history/new`,
      { projectId },
      {
        channel: "letter",
        direction: "inbound",
        subject,
        bodyPlain: "Angebot per Post",
        audience: "custom",
        audienceOrganizationIds: [org.get("Holzwerk Meyer KG")!],
        ...extra,
      },
      files,
    ),
  );
}

describe("attachments on entries", () => {
  test("Anna logs a letter with its scan: the entry and its file are saved together, with the entry's audience", async () => {
    const scan = await samplePdf("Brief Holzwerk");
    const response = (await logLetter("anna", "Brief mit Scan PELICAN", [
      { name: "Scan Brief.pdf", bytes: scan, type: "application/pdf" },
    ])) as Response;
    expect(response.status).toBe(302);
    const [entry] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Brief mit Scan PELICAN"));
    expect(response.headers.get("Location")).toBe(`/projects/${gastraum()}/history/${entry!.id}`);
    const attached = await attachmentsOfEntry(entry!.id);
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({
      audience: "custom",
      kind: "pdf",
      projectId: gastraum(),
      organizationIds: [org.get("Holzwerk Meyer KG")],
    });
    // One transaction: the entry and its document were created at the same database time.
    expect(attached[0]!.createdAt.getTime()).toBe(entry!.createdAt.getTime());
    const uploaded = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "document.uploaded"),
          eq(auditEvents.subjectId, attached[0]!.id),
        ),
      );
    expect(uploaded[0]!.details).toMatchObject({ entryId: entry!.id });
    expect(uploaded[0]!.personal).toMatchObject({ fileName: "Scan Brief.pdf" });

    const page = await entryLoader(
      routeArgs(tokens.get("jonas"), `/projects/${gastraum()}/history/${entry!.id}`, {
        projectId: gastraum(),
        entryId: entry!.id,
      }),
    );
    expect(page.attachments.map((file) => file.fileName)).toEqual(["Scan Brief.pdf"]);
    const file = await download("jonas", attached[0]!.id);
    expect(Buffer.from(await (file as Response).arrayBuffer()).equals(scan)).toBe(true);
  });

  test("an edit that changes the audience passes it on to every attachment; an edit may add files", async () => {
    await logLetter("anna", "Zweiter Brief WREN", [
      { name: "erste-seite.pdf", bytes: await samplePdf("Seite 1") },
    ]);
    const [entry] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Zweiter Brief WREN"));
    const projectId = gastraum();
    const path = `/projects/${projectId}/history/${entry!.id}/edit`;
    const params = { projectId, entryId: entry!.id };

    const first = await editFields("anna", entry!.id);
    expect(first.loaded.attachments.map((file) => file.fileName)).toEqual(["erste-seite.pdf"]);
    const widened = (await editAction(
      multipartArgs("anna", path, params, { ...first.fields, audience: "all_members" }, [
        { name: "zweite-seite.pdf", bytes: await samplePdf("Seite 2") },
      ]),
    )) as Response;
    expect(widened.status).toBe(302);
    let attached = await attachmentsOfEntry(entry!.id);
    expect(attached.map((row) => [row.audience, row.organizationIds])).toEqual([
      ["all_members", []],
      ["all_members", []],
    ]);
    // Lena (Studio Lumen, history section) now reads both files.
    for (const row of attached)
      expect(((await download("lena", row.id)) as Response).status).toBe(200);

    const second = await editFields("anna", entry!.id);
    expect(second.loaded.attachments).toHaveLength(2);
    const narrowed = (await editAction(
      multipartArgs(
        "anna",
        path,
        params,
        {
          ...second.fields,
          audience: "custom",
          audienceOrganizationIds: [org.get("Studio Lumen")!, org.get("Café Morgenrot GmbH")!],
        },
        [],
      ),
    )) as Response;
    expect(narrowed.status).toBe(302);
    attached = await attachmentsOfEntry(entry!.id);
    const expected = [org.get("Studio Lumen")!, org.get("Café Morgenrot GmbH")!].sort();
    expect(attached.map((row) => [row.audience, row.organizationIds])).toEqual([
      ["custom", expected],
      ["custom", expected],
    ]);
    for (const row of attached) {
      expect(await statusOf(() => download("jonas", row.id))).toBe(404);
      expect(((await download("eva", row.id)) as Response).status).toBe(200);
    }
  });

  test("a refused attachment saves nothing, names the file and keeps what was typed", async () => {
    const before = await db().select({ id: documents.id }).from(documents);
    const result = (await logLetter(
      "anna",
      "Brief mit falschem Anhang HERMIT",
      [
        { name: "scan.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>") },
        { name: "ok.pdf", bytes: await samplePdf("fine") },
      ],
      { reference: "AZ-77" },
    )) as {
      init: { status: number };
      data: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.error.attachments!.join(" ")).toMatch(/“scan\.pdf”/);
    expect(result.data.error.attachments!.join(" ")).toMatch(/choose the files again/);
    expect(result.data.initialValue).toMatchObject({
      subject: "Brief mit falschem Anhang HERMIT",
      reference: "AZ-77",
      channel: "letter",
    });
    expect(
      await db()
        .select()
        .from(entries)
        .where(eq(entries.subject, "Brief mit falschem Anhang HERMIT")),
    ).toHaveLength(0);
    expect(await db().select({ id: documents.id }).from(documents)).toHaveLength(before.length);
  });
});

describe("who may read an attachment of OSPREY (custom: Holzwerk Meyer)", () => {
  let attachmentId: string;
  const readers = new Set<DemoPerson>([...HOST_PEOPLE, "jonas"]);

  beforeAll(async () => {
    const osprey = ids.markers.get("OSPREY")!;
    const { fields } = await editFields("anna", osprey.id);
    const projectId = gastraum();
    const response = (await editAction(
      multipartArgs(
        "anna",
        `/projects/${projectId}/history/${osprey.id}/edit`,
        { projectId, entryId: osprey.id },
        fields,
        [{ name: "Angebot OSPREY.pdf", bytes: await samplePdf("Angebot") }],
      ),
    )) as Response;
    expect(response.status).toBe(302);
    const attached = await attachmentsOfEntry(osprey.id);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.organizationIds).toEqual([org.get("Holzwerk Meyer KG")]);
    attachmentId = attached[0]!.id;
  });

  for (const person of DEMO_PEOPLE) {
    const allowed = readers.has(person);
    test(`${person} ${allowed ? "downloads it and sees it in the timeline" : "gets 404 and never sees it"}`, async () => {
      if (allowed) {
        const response = (await download(person, attachmentId)) as Response;
        expect(response.status).toBe(200);
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe("%PDF-");
      } else {
        expect(await statusOf(() => download(person, attachmentId))).toBe(404);
        expect(await statusOf(() => download(person, attachmentId, "preview"))).toBe(404);
      }
      const projectId = gastraum();
      const status = await statusOf(() =>
        historyLoader(
          routeArgs(tokens.get(person), `/projects/${projectId}/history`, { projectId }),
        ),
      );
      if (status !== 200) {
        expect(allowed).toBe(false);
        return;
      }
      const timeline = await historyLoader(
        routeArgs(tokens.get(person), `/projects/${projectId}/history`, { projectId }),
      );
      const files = timeline.entries.flatMap((entry) => entry.attachments.map((file) => file.id));
      expect(files.includes(attachmentId)).toBe(allowed);
    });
  }

  test("the account timeline shows it to the host, grouped by project", async () => {
    const accountId = org.get("Café Morgenrot GmbH")!;
    const page = await accountHistoryLoader(
      routeArgs(tokens.get("anna"), `/accounts/${accountId}/history`, { accountId }),
    );
    const osprey = page.entries.find((entry) => entry.id === ids.markers.get("OSPREY")!.id)!;
    expect(osprey.attachments.map((file) => file.fileName)).toEqual(["Angebot OSPREY.pdf"]);
  });

  test("redacting OSPREY hides its attachment everywhere", async () => {
    const osprey = ids.markers.get("OSPREY")!;
    const projectId = gastraum();
    const response = (await entryAction(
      routeArgs(
        tokens.get("ida"),
        `/projects/${projectId}/history/${osprey.id}`,
        { projectId, entryId: osprey.id },
        formBody({ reason: "Falscher Empfänger" }),
      ),
    )) as Response;
    expect(response.status).toBe(302);
    const redacted = await db()
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.id, attachmentId), isNotNull(documents.redactedAt)));
    expect(redacted).toHaveLength(1);
    for (const person of [...HOST_PEOPLE, "jonas"] as DemoPerson[]) {
      expect(await statusOf(() => download(person, attachmentId))).toBe(404);
    }
    const timeline = await historyLoader(
      routeArgs(tokens.get("anna"), `/projects/${projectId}/history`, { projectId }),
    );
    expect(timeline.entries.flatMap((entry) => entry.attachments)).not.toContainEqual(
      expect.objectContaining({ id: attachmentId }),
    );
  });
});

describe("a failed save keeps no file", () => {
  test("when the entry's transaction fails after the files were stored, the stored files are removed", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "ambit-attach-"));
    useStorage(localStorage(root));
    try {
      const anna = await actorByEmail(db(), demoEmails.anna);
      const project = (await projectForPolicy(gastraum()))!;
      const incoming = await mkdtemp(path.join(tmpdir(), "ambit-incoming-"));
      const temp = path.join(incoming, "incoming.pdf");
      const bytes = await samplePdf("lost");
      await writeFile(temp, bytes);
      const file = {
        field: "attachments",
        name: "lost.pdf",
        path: temp,
        size: bytes.byteLength,
        sha256: "0".repeat(64),
        kind: "pdf" as const,
        contentType: "application/pdf",
      };
      const before = await db().select({ id: documents.id }).from(documents);
      await expect(
        createEntry(
          defineAbilityFor(anna),
          anna,
          { userId: anna.id, organizationId: anna.organizationId, ip: "198.51.100.7" },
          project,
          {
            channel: "letter",
            direction: "inbound",
            occurredAt: new Date(),
            subject: "Nie gespeichert",
            body: { doc: { type: "doc", content: [] }, html: "", text: "" },
            details: {},
            audience: "internal",
            audienceOrganizationIds: [],
            // A participant that does not exist: the insert fails inside the transaction.
            contactIds: ["00000000-0000-4000-8000-000000000000"],
            userIds: [],
          },
          [file],
        ),
      ).rejects.toThrow();
      const left = [];
      for await (const object of (await storage()).list()) left.push(object);
      expect(left).toEqual([]);
      expect(await db().select({ id: documents.id }).from(documents)).toHaveLength(before.length);
    } finally {
      useStorage(undefined);
      await rm(root, { recursive: true, force: true });
    }
  });
});

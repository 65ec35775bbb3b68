import contentDisposition from "content-disposition";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { documents, entries } from "#db/schema";
import type { EmlImportAnswer } from "~/features/history/components/eml-import";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import { action as listAction } from "~/routes/_app.projects.$projectId.documents._index";
import { action as importAction } from "~/routes/_app.projects.$projectId.history.import";
import { action as logAction } from "~/routes/_app.projects.$projectId.history.new";
import { action as uploadAction } from "~/routes/projects.$projectId.documents.upload";
import { GASTRAUM } from "../support/demo-people";
import { demoWorld, multipartForm, multipartRequest, routeArgs } from "../support/http-as";
import { makeRequestContext } from "../support/request";
import { samplePdf } from "../support/sample-files";

type UploadAnswer = {
  created: { id: string; title: string; fileName: string }[];
  refused: { name: string; reason: string; message: string }[];
  error: { field: string; message: string } | null;
};

const { tokens, ids } = demoWorld();
const gastraum = () => ids.projectIds.get(GASTRAUM)!;
let pdf: Buffer;

beforeAll(async () => {
  pdf = await samplePdf("Angebot");
});

/** Everyday German names and two hostile ones, with what is kept of each. */
const NAMES: [string, string][] = [
  ["Angebot v=2.pdf", "Angebot v=2.pdf"],
  ["Kunde; Entwurf.pdf", "Kunde; Entwurf.pdf"],
  ["<svg onload=alert(1)>.pdf", "svg onload=alert(1).pdf"],
  ["'><img src=x onerror=alert(1)>.pdf", "'img src=x onerror=alert(1).pdf"],
];

/** Through the upload panel's endpoint (the XHR the browser sends), as Anna. */
async function uploadXhr(name: string, bytes: Uint8Array = pdf) {
  const projectId = gastraum();
  const form = multipartForm({ audience: "internal" }, [{ name, bytes }]);
  const response = await uploadAction({
    request: multipartRequest(tokens.get("anna"), `/projects/${projectId}/documents/upload`, form),
    params: { projectId },
    context: makeRequestContext(),
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

/** The stored name, as the download's Content-Disposition hands it to the browser. */
async function downloadedName(documentId: string) {
  const response = (await fileLoader(
    routeArgs(tokens.get("anna"), `/documents/${documentId}/download`, {
      documentId,
      access: "download",
    }),
  )) as Response;
  expect(response.status).toBe(200);
  const header = response.headers.get("Content-Disposition")!;
  const parsed = contentDisposition.parse(header);
  expect(parsed.type).toBe("attachment");
  return parsed.parameters.filename;
}

describe("file names a desktop allows upload on every path", () => {
  test.each(NAMES)("%s as a document (upload panel), downloaded as %s", async (raw, kept) => {
    const { status, body } = await uploadXhr(raw);
    expect(status).toBe(200);
    expect(body.refused).toEqual([]);
    expect(body.created.map((file) => file.fileName)).toEqual([kept]);
    expect(body.created[0]!.title).toBe(kept.replace(/\.pdf$/, ""));
    expect(await downloadedName(body.created[0]!.id)).toBe(kept);
  });

  test.each(NAMES)("%s as a document (the page's plain form)", async (raw, kept) => {
    const projectId = gastraum();
    const form = multipartForm({ audience: "internal" }, [{ name: raw, bytes: pdf }]);
    const answer = (await listAction({
      request: multipartRequest(tokens.get("anna"), `/projects/${projectId}/documents?index`, form),
      params: { projectId },
      context: makeRequestContext(),
    })) as unknown as { data: UploadAnswer; init: { status: number } };
    expect(answer.init.status).toBe(200);
    expect(answer.data.created.map((file) => file.fileName)).toEqual([kept]);
  });

  test.each(NAMES)("%s as an attachment of a logged letter", async (raw, kept) => {
    const projectId = gastraum();
    const subject = `Brief ${raw}`;
    const form = multipartForm(
      {
        channel: "letter",
        direction: "inbound",
        subject,
        bodyPlain: "Angebot per Post",
        audience: "internal",
      },
      [{ name: raw, bytes: pdf }],
      "attachments",
    );
    const response = (await logAction({
      request: multipartRequest(tokens.get("anna"), `/projects/${projectId}/history/new`, form),
      params: { projectId },
      context: makeRequestContext(),
    })) as Response;
    expect(response.status).toBe(302);
    const [entry] = await db().select().from(entries).where(eq(entries.subject, subject));
    const [attachment] = await db()
      .select()
      .from(documents)
      .where(eq(documents.entryId, entry!.id));
    expect(await downloadedName(attachment!.id)).toBe(kept);
  });

  test("Re=Angebot.eml is imported as an email", async () => {
    const projectId = gastraum();
    const eml = Buffer.from(
      [
        "From: Eva Roth <eva@cafe-morgenrot.example>",
        "To: anna@hansen.example",
        "Subject: Re: Angebot Theke",
        "Message-ID: <re-angebot-1@cafe-morgenrot.example>",
        "Date: Tue, 24 Nov 2026 10:00:00 +0100",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Das passt so.",
        "",
      ].join("\r\n"),
    );
    const form = multipartForm({}, [{ name: "Re=Angebot.eml", bytes: eml }], "eml");
    const answer = (await importAction({
      request: multipartRequest(tokens.get("anna"), `/projects/${projectId}/history/import`, form),
      params: { projectId },
      context: makeRequestContext(),
    })) as unknown as { data: EmlImportAnswer; init: { status: number } };
    expect(answer.init.status).toBe(200);
    expect(answer.data.outcome).toBe("imported");
    expect(answer.data.message).toBe("The email “Re: Angebot Theke” is in the history.");
  });
});

/** Pieces of names that have broken uploads somewhere, and ordinary letters between them. */
const PIECES = [
  '"',
  "'",
  "=",
  ";",
  "%",
  "%22",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  "<",
  ">",
  "&",
  "#",
  ",",
  " ",
  "  ",
  ".",
  "\\",
  ":",
  "*",
  "?",
  "|",
  "\t",
  "\n",
  "\r\n",
  "😀",
  "👩‍👩‍👧",
  "🇩🇪",
  "e\u0301",
  "ü",
  "ß",
  "Ä",
  "ع",
  "\u202E",
  "\u200B",
  "\uFEFF",
  "Angebot",
  "v2",
];

/** What stays unchanged through the sanitiser: quotes (but `"`), `=`, `;`, `%`, brackets, emoji. */
const KEPT_PIECES = ["'", "=", ";", "%", "[", "]", "(", ")", "{", "}", "&", "#", ",", "😀"];

const stemOf = (pieces: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.array(pieces, { minLength: 1, maxLength: 40 }).map((parts) => parts.join("")),
    // Names of (almost) exactly 255 bytes.
    fc.tuple(pieces, fc.integer({ min: 200, max: 251 })).map(([piece, bytes]) => {
      let stem = piece;
      while (Buffer.byteLength(stem + "ü") + 4 <= bytes) stem += "ü";
      while (Buffer.byteLength(stem + "a") + 4 <= bytes) stem += "a";
      return stem;
    }),
  );

/** At most 255 bytes in UTF-8 with the extension, cut between whole characters. */
function fitted(stem: string, extension = ".pdf") {
  let kept = "";
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(stem)) {
    if (Buffer.byteLength(kept + segment + extension) > 255) break;
    kept += segment;
  }
  return kept + extension;
}

// A desktop allows any name but "/" and NUL, up to 255 bytes.
const desktopName = stemOf(
  fc.oneof(
    fc.constantFrom(...PIECES),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
  ),
)
  .map((stem) => fitted(stem.replace(/[/\0]/g, "")))
  .filter((name) => Buffer.byteLength(name) <= 255);

describe("any file name a desktop allows (property)", () => {
  test("every such PDF is kept under a clean name and downloads under that same name", async () => {
    await fc.assert(
      fc.asyncProperty(desktopName, async (name) => {
        const { status, body } = await uploadXhr(name);
        expect(status, name).toBe(200);
        expect(body.refused).toEqual([]);
        const [created] = body.created;
        const kept = created!.fileName;
        expect(kept.endsWith(".pdf")).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(180);
        expect(kept).toBe(kept.normalize("NFC"));
        expect(kept).not.toMatch(/[\p{Cc}\p{Cs}<>:"|?*\\/\u202A-\u202E\u2066-\u2069\uFEFF]/u);
        expect(kept).not.toMatch(/^[.\s]|\s$/);
        expect(await downloadedName(created!.id)).toBe(kept);
      }),
      { numRuns: 60 },
    );
  });

  test("a name made of quotes, =, ;, %, brackets, emoji and accents arrives unchanged", async () => {
    const plain = stemOf(
      fc.oneof(
        fc.constantFrom(...KEPT_PIECES, "Angebot", "ü", "e\u0301", "👩‍👩‍👧"),
        fc.constantFrom(" ").map(() => " x"),
      ),
    )
      .map((stem) => fitted(`A${stem}`))
      .filter((name) => name.length <= 180 && !/%(22|0d|0a)/i.test(name));
    await fc.assert(
      fc.asyncProperty(plain, async (name) => {
        const { body } = await uploadXhr(name);
        expect(body.created.map((file) => file.fileName)).toEqual([name.normalize("NFC")]);
      }),
      { numRuns: 40 },
    );
  });
});

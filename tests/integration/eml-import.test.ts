import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, contacts, documents, entries, entryParticipants } from "#db/schema";
import { loader as fileLoader } from "~/routes/documents.$documentId.$access";
import {
  action as importAction,
  loader as importLoader,
} from "~/routes/_app.projects.$projectId.history.import";
import { htmlToDoc } from "~/features/history/mail-html.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import type { EmlImportAnswer } from "~/features/history/components/eml-import";
import { EMPFANG, type DemoPerson } from "../support/demo-people";
import { demoWorld, routeArgs, statusOf } from "../support/http-as";
import { makeRequestContext } from "../support/request";
import { samplePdf } from "../support/sample-files";
import { audienceOfRow } from "../support/audiences";

const { tokens, ids, org } = demoWorld();

const empfang = () => ids.projectIds.get(EMPFANG)!;

const base64Lines = (bytes: Buffer) => bytes.toString("base64").replace(/.{1,76}/g, "$&\r\n");

/** A real multipart/mixed email: text and HTML alternatives, a PDF, and an HTML attachment. */
async function brandtMail(messageId: string, html: string) {
  const pdf = await samplePdf("Vertragsentwurf Empfang");
  return [
    "From: Paul Brandt <paul@kanzlei-brandt.example>",
    "To: Tom Kurz <tom@hansen.example>",
    "Cc: ida@hansen.example",
    "Subject: Entwurf Vertrag Empfang SPARROW",
    "Date: Mon, 16 Nov 2026 09:30:00 +0100",
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="mixed-1"',
    "",
    "--mixed-1",
    'Content-Type: multipart/alternative; boundary="alt-1"',
    "",
    "--alt-1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Guten Tag Herr Kurz,",
    "",
    "anbei der Entwurf für den Empfangstresen.",
    "",
    "--alt-1",
    "Content-Type: text/html; charset=utf-8",
    "",
    html,
    "",
    "--alt-1--",
    "",
    "--mixed-1",
    'Content-Type: application/pdf; name="Vertrag Entwurf.pdf"',
    'Content-Disposition: attachment; filename="Vertrag Entwurf.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(pdf),
    "--mixed-1",
    'Content-Type: text/html; name="angebot.html"',
    'Content-Disposition: attachment; filename="angebot.html"',
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(Buffer.from("<html><script>alert(1)</script></html>")),
    "--mixed-1--",
    "",
  ].join("\r\n");
}

async function importFile(person: DemoPerson, name: string, content: string | Buffer) {
  const projectId = empfang();
  const form = new FormData();
  form.append(
    "eml",
    new File([typeof content === "string" ? content : new Uint8Array(content)], name, {
      type: "message/rfc822",
    }),
  );
  const result = (await importAction({
    request: new Request(`http://localhost:3000/projects/${projectId}/history/import`, {
      method: "POST",
      headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${tokens.get(person)}` },
      body: form,
    }),
    params: { projectId },
    context: makeRequestContext(),
  })) as unknown as { init: { status: number }; data: EmlImportAnswer };
  return { status: result.init?.status ?? 200, answer: result.data };
}

const counts = async () => ({
  entries: (await db().select({ id: entries.id }).from(entries)).length,
  documents: (await db().select({ id: documents.id }).from(documents)).length,
});

const download = (person: DemoPerson, documentId: string) =>
  fileLoader(
    routeArgs(tokens.get(person), `/documents/${documentId}/download`, {
      documentId,
      access: "download",
    }),
  );

describe(".eml import", () => {
  test("Tom imports Paul's email onto Brandt – Empfang: an inbound email entry with its PDF, shared with the host and Kanzlei Brandt", async () => {
    const { status, answer } = await importFile(
      "tom",
      "Entwurf Vertrag.eml",
      await brandtMail(
        "<sparrow-1@kanzlei-brandt.example>",
        '<html><head><style>p{color:red}</style></head><body><p>Guten Tag <b>Herr Kurz</b>,</p><p>anbei der Entwurf f&uuml;r den <a href="https://kanzlei-brandt.example/entwurf">Empfangstresen</a>.</p><ul><li>Tresen</li><li><i>Wand</i></li></ul></body></html>',
      ),
    );
    expect(status).toBe(200);
    expect(answer.outcome).toBe("imported");
    expect(answer.audience).toBe("Kanzlei Brandt");
    expect(answer.skipped).toEqual([expect.stringMatching(/“angebot\.html”.*HTML/)]);

    const [entry] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Entwurf Vertrag Empfang SPARROW"));
    expect(answer.entry?.href).toBe(`/projects/${empfang()}/history/${entry!.id}`);
    expect(entry).toMatchObject({
      channel: "email",
      direction: "inbound",
      projectId: empfang(),
      messageId: "<sparrow-1@kanzlei-brandt.example>",
      details: {
        from: "paul@kanzlei-brandt.example",
        to: ["tom@hansen.example"],
        cc: ["ida@hansen.example"],
      },
    });
    expect(await audienceOfRow(entry!.audienceId)).toEqual({
      kind: "custom",
      organizationIds: [org.get("Kanzlei Brandt")],
    });
    expect(entry!.occurredAt.toISOString()).toBe("2026-11-16T08:30:00.000Z");
    // The HTML part's formatting is kept through the editor's renderer; its style is not.
    expect(entry!.bodyHtml).toBe(
      '<p>Guten Tag <strong>Herr Kurz</strong>,</p><p>anbei der Entwurf für den <a href="https://kanzlei-brandt.example/entwurf" rel="noopener noreferrer nofollow" target="_blank">Empfangstresen</a>.</p><ul><li><p>Tresen</p></li><li><p><em>Wand</em></p></li></ul>',
    );
    expect(entry!.bodyText).toContain("anbei der Entwurf für den");

    const [paulContact] = await db()
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.email, "paul@kanzlei-brandt.example"));
    const participants = await db()
      .select()
      .from(entryParticipants)
      .where(eq(entryParticipants.entryId, entry!.id));
    expect(participants.map((row) => row.contactId)).toEqual([paulContact!.id]);

    const attached = await db().select().from(documents).where(eq(documents.entryId, entry!.id));
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({ kind: "pdf", audienceId: entry!.audienceId });
    expect(await audienceOfRow(attached[0]!.audienceId)).toEqual({
      kind: "custom",
      organizationIds: [org.get("Kanzlei Brandt")],
    });
    for (const person of ["tom", "paul"] as DemoPerson[]) {
      const response = (await download(person, attached[0]!.id)) as Response;
      expect(response.status).toBe(200);
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    expect(await statusOf(() => download("mara", attached[0]!.id))).toBe(404);

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "Entry"), eq(auditEvents.subjectId, entry!.id)));
    expect(audit.find((event) => event.action === "entry.created")?.details).toMatchObject({
      source: "eml",
    });
    const uploaded = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "document.uploaded"),
          eq(auditEvents.subjectId, attached[0]!.id),
        ),
      );
    expect(uploaded).toHaveLength(1);

    // The same file again: nothing changes, and the answer links to the entry.
    const before = await counts();
    const again = await importFile(
      "tom",
      "Entwurf Vertrag (Kopie).eml",
      await brandtMail("<sparrow-1@kanzlei-brandt.example>", "<p>Guten Tag</p>"),
    );
    expect(again.status).toBe(409);
    expect(again.answer.outcome).toBe("duplicate");
    expect(again.answer.message).toBe("This email is already in the history.");
    expect(again.answer.entry?.href).toBe(`/projects/${empfang()}/history/${entry!.id}`);
    expect(await counts()).toEqual(before);
  });

  test("a file that is no email gets a clear message and changes nothing", async () => {
    const before = await counts();
    const notMail = await importFile("tom", "notizen.eml", "Einkaufsliste\nMilch, Brot\n");
    expect(notMail.status).toBe(422);
    expect(notMail.answer.outcome).toBe("error");
    expect(notMail.answer.message).toMatch(/“notizen\.eml” could not be read as an email/);
    const noSender = await importFile(
      "tom",
      "ohne-absender.eml",
      "Subject: Hallo\r\nTo: tom@hansen.example\r\n\r\nText\r\n",
    );
    expect(noSender.status).toBe(422);
    expect(noSender.answer.message).toMatch(/no sender/);
    const binary = await importFile("tom", "kaputt.eml", Buffer.from([0, 1, 2, 3, 0, 255]));
    expect(binary.status).toBe(400);
    expect(binary.answer.outcome).toBe("error");
    const wrongType = await importFile("tom", "liste.txt", "From: a@b.example\r\n\r\nx");
    expect(wrongType.answer.message).toMatch(/not an \.eml file/);
    expect(await counts()).toEqual(before);
  });

  test("an HTML body with scripts ends up as inert text; no subject or date gets a fallback", async () => {
    const mail = [
      "From: someone@elsewhere.example",
      "To: tom@hansen.example",
      "Message-ID: <xss-1@elsewhere.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>Hallo <img src=x onerror="alert(1)"><script>alert("x")</script><a href="javascript:alert(2)">klick</a></p><p>&lt;script&gt;sichtbar&lt;/script&gt;</p>',
      "",
    ].join("\r\n");
    const startedAt = Date.now();
    const { status, answer } = await importFile("tom", "xss.eml", mail);
    expect(status).toBe(200);
    const [entry] = await db()
      .select()
      .from(entries)
      .where(eq(entries.messageId, "<xss-1@elsewhere.example>"));
    expect(entry!.subject).toBe("(no subject)");
    expect(answer.message).toContain("(no subject)");
    expect(entry!.occurredAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    // Only our own tags remain; the script and the link's target are plain, escaped text.
    expect(entry!.bodyHtml).not.toMatch(/<(script|img|a)\b|onerror=|href=/i);
    expect(entry!.bodyHtml).toContain("&lt;script&gt;sichtbar&lt;/script&gt;");
    expect(entry!.bodyText).toContain("Hallo");
    // An unknown sender: the importer's default audience (host staff: internal).
    expect((await audienceOfRow(entry!.audienceId)).kind).toBe("internal");
  });

  test("only people who may log entries may import; Mara's import is shared with the host and her organisation", async () => {
    const mail = (id: string) =>
      `From: paul@kanzlei-brandt.example\r\nTo: mara@wolff-design.example\r\nSubject: Farben\r\nMessage-ID: <${id}>\r\nDate: Tue, 17 Nov 2026 10:00:00 +0100\r\n\r\nBitte Muster schicken.\r\n`;
    expect(await statusOf(() => importFile("clara", "a.eml", mail("clara@x")))).toBe(403);
    // The page a form without JavaScript lands on answers like the action.
    const page = (person: DemoPerson) =>
      importLoader(
        routeArgs(tokens.get(person), `/projects/${empfang()}/history/import`, {
          projectId: empfang(),
        }),
      );
    expect(await statusOf(() => page("tom"))).toBe(200);
    expect(await statusOf(() => page("clara"))).toBe(403);
    expect(await statusOf(() => page("lena"))).toBe(404);
    expect(await statusOf(() => importFile("lena", "a.eml", mail("lena@x")))).toBe(404);
    const { status } = await importFile("mara", "farben.eml", mail("mara@x"));
    expect(status).toBe(200);
    const [entry] = await db().select().from(entries).where(eq(entries.messageId, "<mara@x>"));
    expect(await audienceOfRow(entry!.audienceId)).toEqual({
      kind: "custom",
      organizationIds: [org.get("Kanzlei Brandt")!, org.get("Mara Wolff Design")!].sort(),
    });
  });
});

describe("an email's HTML as the editor's document", () => {
  const render = (html: string) => {
    const rendered = renderRichText(htmlToDoc(html));
    if (!rendered.ok) throw new Error(rendered.error);
    return rendered.value.html;
  };

  test("keeps paragraphs, breaks, lists and allowed links; drops everything active", () => {
    expect(render("Hallo<br>Welt<div>zweiter &amp; &#228;&#x20AC; Absatz</div>")).toBe(
      "<p>Hallo<br>Welt</p><p>zweiter &amp; ä€ Absatz</p>",
    );
    expect(
      render(
        '<a href="javascript:alert(1)">a</a> <a href="mailto:x@y.example" onclick="x()">b</a><iframe src="https://evil.example"></iframe><style>*{}</style><!-- <script>alert(1)</script> -->',
      ),
    ).toBe(
      '<p>a <a href="mailto:x@y.example" rel="noopener noreferrer nofollow" target="_blank">b</a></p>',
    );
    expect(render("<ol><li>eins<ul><li>zwei</li></ul></li><li>drei</li></ol>")).toBe(
      "<ol><li><p>eins</p></li><li><p>zwei</p></li><li><p>drei</p></li></ol>",
    );
    expect(render('<p title="<script>">&lt;img src=x onerror=alert(1)&gt;</p>')).toBe(
      "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
    );
    expect(render("<pre>a\n  b</pre>")).toBe("<p>a<br>  b</p>");
    expect(render("<script>never")).toBe("");
  });
});

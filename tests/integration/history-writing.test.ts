import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { auditEvents, contacts, entries, entryParticipants, entryRevisions } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { listProjectEntries } from "~/features/history/entry.server";
import {
  action as entryAction,
  loader as entryLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId_.edit";
import {
  action as logAction,
  loader as logLoader,
} from "~/routes/_app.projects.$projectId.history.new";
import { demoEmails, type DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";
import { actorByEmail } from "../support/world";
import { audienceOfRow } from "../support/audiences";

const G = "Morgenrot – Umbau Gastraum";
const { tokens, ids, org } = demoWorld();
const contact = new Map<string, string>();

beforeAll(async () => {
  for (const row of await db().select().from(contacts)) contact.set(row.name, row.id);
});

const gastraum = () => ids.projectIds.get(G)!;
const doc = (...paragraphs: unknown[]) => JSON.stringify({ type: "doc", content: paragraphs });
const paragraph = (text: string, marks?: unknown[]) => ({
  type: "paragraph",
  content: [{ type: "text", text, marks }],
});

async function log(person: DemoPerson, fields: Record<string, string | string[]>) {
  const projectId = gastraum();
  return (await logAction(
    routeArgs(
      tokens.get(person),
      `/projects/${projectId}/history/new`,
      { projectId },
      formBody({ channel: "call", direction: "outbound", ...fields }),
    ),
  )) as Response;
}

/** The subjects of the Gastraum timeline as this person sees it. */
async function timeline(person: DemoPerson) {
  const ability = defineAbilityFor(await actorByEmail(db(), demoEmails[person]));
  const page = await listProjectEntries(ability, gastraum());
  return page.entries.map((entry) => entry.subject);
}

async function entryBySubject(subject: string) {
  const [row] = await db().select().from(entries).where(eq(entries.subject, subject));
  return row!;
}

/** The field errors of a 400 reply (conform's submission result). */
async function errorsOf(run: Promise<unknown>) {
  const result = (await run) as {
    init: { status: number };
    data: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
  };
  expect(result.init.status).toBe(400);
  return result.data;
}

describe("logging an entry", () => {
  test("Jonas logs a call with the default audience: the host and Holzwerk Meyer see it, Lena and Eva do not", async () => {
    const projectId = gastraum();
    const form = await logLoader(
      routeArgs(tokens.get("jonas"), `/projects/${projectId}/history/new?channel=call`, {
        projectId,
      }),
    );
    expect(form.defaults.audience).toBe("own");
    expect(form.choices.audience.presets).toEqual(["own", "all_members", "partners", "custom"]);
    const response = await log("jonas", {
      audience: form.defaults.audience,
      durationMinutes: "6",
      outcome: "reached",
      contactIds: [contact.get("Felix Roth")!],
      body: doc(paragraph("Liefertermin Tresen bestätigt")),
    });
    expect(response.status).toBe(302);
    const row = await entryBySubject("Call with Felix Roth");
    expect(response.headers.get("Location")).toBe(`/projects/${projectId}/history/${row.id}`);
    expect(row).toMatchObject({
      details: { durationMinutes: 6, outcome: "reached" },
      bodyHtml: "<p>Liefertermin Tresen bestätigt</p>",
      bodyText: "Liefertermin Tresen bestätigt",
    });
    expect((await audienceOfRow(row.audienceId)).kind).toBe("custom");
    const participants = await db()
      .select()
      .from(entryParticipants)
      .where(eq(entryParticipants.entryId, row.id));
    expect(participants.map((item) => item.contactId)).toEqual([contact.get("Felix Roth")]);

    expect(await timeline("anna")).toContain("Call with Felix Roth");
    expect(await timeline("jonas")).toContain("Call with Felix Roth");
    expect(await timeline("lena")).not.toContain("Call with Felix Roth");
    expect(await timeline("eva")).not.toContain("Call with Felix Roth");

    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "entry.created"), eq(auditEvents.subjectId, row.id)));
    expect(audit?.details).toMatchObject({ channel: "call", audience: "custom" });

    // The next form offers the contact of Jonas's last entry, without ticking it: a form sent
    // as it came attaches nobody.
    const next = await logLoader(
      routeArgs(tokens.get("jonas"), `/projects/${projectId}/history/new`, { projectId }),
    );
    expect(next.suggestedContact).toEqual({ id: contact.get("Felix Roth"), name: "Felix Roth" });
    expect(next.defaults.contactIds).toEqual([]);
    const untouched = await log("jonas", {
      audience: next.defaults.audience,
      subject: "Rückruf ohne Kontakt",
      contactIds: next.defaults.contactIds,
    });
    expect(untouched.status).toBe(302);
    const plain = await entryBySubject("Rückruf ohne Kontakt");
    expect(
      await db().select().from(entryParticipants).where(eq(entryParticipants.entryId, plain.id)),
    ).toEqual([]);
  });

  test("Lena logs an email shared with Café Morgenrot too, and Eva sees it", async () => {
    const response = await log("lena", {
      channel: "email",
      subject: "Stoffmuster verschickt",
      audience: "custom",
      audienceOrganizationIds: [org.get("Studio Lumen")!, org.get("Café Morgenrot GmbH")!],
      emailFrom: "lena@studio-lumen.example",
      emailTo: "eva@cafe-morgenrot.example, felix@cafe-morgenrot.example",
    });
    expect(response.status).toBe(302);
    const row = await entryBySubject("Stoffmuster verschickt");
    expect(row.details).toEqual({
      from: "lena@studio-lumen.example",
      to: ["eva@cafe-morgenrot.example", "felix@cafe-morgenrot.example"],
    });
    expect(await timeline("eva")).toContain("Stoffmuster verschickt");
    expect(await timeline("jonas")).not.toContain("Stoffmuster verschickt");
  });

  test("the picker's limits hold on the server: no audience the author may not grant", async () => {
    const cases: [DemoPerson, Record<string, string | string[]>, string][] = [
      ["jonas", { audience: "internal" }, "audience"],
      ["jonas", { audience: "customer" }, "audience"],
      ["eva", { audience: "partners" }, "audience"],
      [
        "jonas",
        { audience: "custom", audienceOrganizationIds: [org.get("Studio Lumen")!] },
        "audienceOrganizationIds",
      ],
      [
        // Mara Wolff Design is no member of Gastraum.
        "anna",
        { audience: "custom", audienceOrganizationIds: [org.get("Mara Wolff Design")!] },
        "audienceOrganizationIds",
      ],
      ["anna", { audience: "custom" }, "audienceOrganizationIds"],
      // Paul Brandt is a contact of another account.
      ["anna", { audience: "internal", contactIds: [contact.get("Paul Brandt")!] }, "contactIds"],
    ];
    for (const [person, fields, field] of cases) {
      const subject = `Refused ${person} ${JSON.stringify(fields)}`;
      const reply = await errorsOf(log(person, { subject, ...fields }));
      expect(Object.keys(reply.error), subject).toContain(field);
      expect(reply.initialValue.subject, "what was typed comes back").toBe(subject);
      expect(await db().select().from(entries).where(eq(entries.subject, subject))).toEqual([]);
    }
  });

  test("bad input gets a message next to its field and keeps the editor's content", async () => {
    const evilLink = doc(
      paragraph("hier", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
    );
    const cases: [Record<string, string | string[]>, string, RegExp][] = [
      [{ body: evilLink }, "body", /http:\/\/, https:\/\/ or mailto:/],
      [{ body: doc({ type: "image", attrs: { src: "x" } }) }, "body", /formatting/],
      [{ body: "{not json" }, "body", /could not be read/],
      [{ occurredAt: "2026-02-30T10:00" }, "occurredAt", /valid date/],
      [{ occurredAt: "2999-01-01T10:00" }, "occurredAt", /future/],
      [{ durationMinutes: "-3" }, "durationMinutes", /whole minutes/],
      [{ outcome: "exploded" }, "outcome", /outcomes/],
      [{ channel: "fax" }, "channel", /channel/i],
      [{ subject: "x".repeat(201) }, "subject", /under 200/],
      [{ channel: "email", emailTo: "eva@, not-an-address" }, "emailTo", /valid email/],
      [{ channel: "letter", postalDate: "2026-13-01" }, "postalDate", /valid date/],
    ];
    for (const [fields, field, message] of cases) {
      const reply = await errorsOf(log("anna", { audience: "internal", ...fields }));
      expect(reply.error[field]?.join(" "), JSON.stringify(fields)).toMatch(message);
      if (fields.body) expect(reply.initialValue.body).toBe(fields.body);
    }
  });

  test("the time is read in the author's time zone", async () => {
    const response = await log("anna", {
      audience: "internal",
      subject: "Zeitzone",
      occurredAt: "2026-11-20T09:30",
      timezone: "Europe/Berlin",
    });
    expect(response.status).toBe(302);
    expect((await entryBySubject("Zeitzone")).occurredAt.toISOString()).toBe(
      "2026-11-20T08:30:00.000Z",
    );
  });

  test("the time and the postal date may be typed as German or British readers write them", async () => {
    const response = await log("anna", {
      audience: "internal",
      channel: "letter",
      subject: "Brief mit deutschem Datum",
      occurredAt: "20.11.2026, 9:30",
      timezone: "Europe/Berlin",
      postalDate: "3.11.26",
    });
    expect(response.status).toBe(302);
    const entry = await entryBySubject("Brief mit deutschem Datum");
    expect(entry.occurredAt.toISOString()).toBe("2026-11-20T08:30:00.000Z");
    expect(entry.details).toMatchObject({ postalDate: "2026-11-03" });

    await log("anna", {
      audience: "internal",
      subject: "Anruf mit britischem Datum",
      occurredAt: "20/11/2026 09:45",
      timezone: "Europe/Berlin",
    });
    expect((await entryBySubject("Anruf mit britischem Datum")).occurredAt.toISOString()).toBe(
      "2026-11-20T08:45:00.000Z",
    );

    // A mistake is named in the reader's format and comes back exactly as typed.
    const when = await errorsOf(
      log("anna", { audience: "internal", occurredAt: "31.02.2026 14:10" }),
    );
    expect(when.error.occurredAt).toEqual(["Enter a valid date and time, like 31/12/2026 14:10."]);
    expect(when.initialValue.occurredAt).toBe("31.02.2026 14:10");
    const postal = await errorsOf(
      log("anna", { audience: "internal", channel: "letter", postalDate: "31/02/2026" }),
    );
    expect(postal.error.postalDate).toEqual(["Enter a valid date, like 31/12/2026."]);
    expect(postal.initialValue.postalDate).toBe("31/02/2026");
  });

  test("date filters count the reader's calendar days", async () => {
    await log("anna", {
      audience: "internal",
      subject: "Kurz nach Mitternacht",
      occurredAt: "2026-11-21T00:30",
      timezone: "Europe/Berlin",
    });
    const ability = defineAbilityFor(await actorByEmail(db(), demoEmails.anna));
    const day = { from: "2026-11-21", to: "2026-11-21" };
    const subjects = async (filters: Parameters<typeof listProjectEntries>[2]) =>
      (await listProjectEntries(ability, gastraum(), filters)).entries.map(
        (entry) => entry.subject,
      );
    expect(await subjects({ ...day, timeZone: "Europe/Berlin" })).toContain(
      "Kurz nach Mitternacht",
    );
    // In UTC it happened on the 20th.
    expect(await subjects(day)).not.toContain("Kurz nach Mitternacht");
  });

  test("without JavaScript, the plain text box becomes the body", async () => {
    await log("anna", {
      audience: "internal",
      subject: "Ohne Skript",
      bodyPlain: "Zeile\n<b>2</b>",
    });
    expect((await entryBySubject("Ohne Skript")).bodyHtml).toBe(
      "<p>Zeile<br>&lt;b&gt;2&lt;/b&gt;</p>",
    );
  });
});

describe("editing and redacting", () => {
  async function editForm(person: DemoPerson, entryId: string) {
    const projectId = gastraum();
    const path = `/projects/${projectId}/history/${entryId}/edit`;
    return {
      path,
      params: { projectId, entryId },
      form: await editLoader(routeArgs(tokens.get(person), path, { projectId, entryId })),
    };
  }

  function submit(
    person: DemoPerson,
    path: string,
    params: Record<string, string>,
    fields: Record<string, unknown>,
  ) {
    const flat: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || key === "occurredAtIso") continue;
      flat[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return editAction(routeArgs(tokens.get(person), path, params, formBody(flat)));
  }

  test("an edit keeps a revision of exactly the changed fields; no change keeps none", async () => {
    const birch = ids.markers.get("BIRCH")!;
    const { path, params, form } = await editForm("jonas", birch.id);
    expect(form.defaults.audience).toBe("own");
    const unchanged = await submit("jonas", path, params, {
      ...form.defaults,
      occurredAtFallback: form.defaults.occurredAtIso,
    });
    expect((unchanged as Response).status).toBe(302);
    expect(
      await db().select().from(entryRevisions).where(eq(entryRevisions.entryId, birch.id)),
    ).toEqual([]);

    await submit("jonas", path, params, {
      ...form.defaults,
      occurredAtFallback: form.defaults.occurredAtIso,
      durationMinutes: "15",
      body: doc(paragraph("Sägewerk bestätigt: sechs Wochen.")),
    });
    const [revision] = await db()
      .select()
      .from(entryRevisions)
      .where(eq(entryRevisions.entryId, birch.id));
    expect(revision!.before).toEqual({
      bodyText: "Sägewerk bestätigt Eichenholz in sechs Wochen; Lieferung an die Werkstatt.",
      details: { durationMinutes: 12, outcome: "reached" },
    });
    expect(revision!.after).toEqual({
      bodyText: "Sägewerk bestätigt: sechs Wochen.",
      details: { durationMinutes: 15, outcome: "reached" },
    });

    const page = await entryLoader(
      routeArgs(tokens.get("anna"), path.replace("/edit", ""), params),
    );
    expect(page.revisions[0]!.editorName).toBe("Jonas Meyer");
    expect(page.revisions[0]!.changes).toContainEqual({
      field: "durationMinutes",
      before: "12",
      after: "15",
    });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "entry.updated"), eq(auditEvents.subjectId, birch.id)));
    expect(audit?.details).toMatchObject({ changed: ["bodyText", "details"] });
  });

  test("an administrator redacts with a reason: the content is gone everywhere, a tombstone stays", async () => {
    const kestrel = ids.markers.get("KESTREL")!;
    const path = `/projects/${kestrel.projectId}/history/${kestrel.id}`;
    const params = { projectId: kestrel.projectId, entryId: kestrel.id };
    // An edit first, so there is a revision whose content must go too.
    const edit = await editForm("anna", kestrel.id);
    await submit("anna", edit.path, params, {
      ...edit.form.defaults,
      occurredAtFallback: edit.form.defaults.occurredAtIso,
      subject: "Kalkulation Marge neu KESTREL",
    });

    expect(
      await statusOf(() =>
        entryAction(routeArgs(tokens.get("anna"), path, params, formBody({ reason: "x" }))),
      ),
    ).toBe(403);
    expect(
      await statusOf(() =>
        entryAction(routeArgs(tokens.get("ida"), path, params, formBody({ reason: " " }))),
      ),
    ).toBe(400);
    const done = await entryAction(
      routeArgs(tokens.get("ida"), path, params, formBody({ reason: "Vertrauliche Konditionen" })),
    );
    expect((done as Response).status).toBe(302);

    const [row] = await db().select().from(entries).where(eq(entries.id, kestrel.id));
    expect(row).toMatchObject({ subject: "", bodyHtml: "", bodyText: "", body: null, details: {} });
    expect(row!.redactionReason).toBe("Vertrauliche Konditionen");
    const revisions = await db()
      .select()
      .from(entryRevisions)
      .where(eq(entryRevisions.entryId, kestrel.id));
    expect(revisions.map((revision) => [revision.before, revision.after])).toEqual([
      [{ redacted: true }, { redacted: true }],
    ]);
    const [{ found }] = (await queryRows<{ found: number }>(
      db(),
      sql`select count(*)::int as found from entries where search_vector @@ websearch_to_tsquery('german', 'Kalkulation')`,
    )) as [{ found: number }];
    expect(found).toBe(0);

    const page = await entryLoader(routeArgs(tokens.get("clara"), path, params));
    expect(page.entry).toMatchObject({
      redacted: true,
      subject: null,
      bodyHtml: "",
      redactionReason: "Vertrauliche Konditionen",
    });
    expect(page.canEdit).toBe(false);
    expect(
      await statusOf(() => editLoader(routeArgs(tokens.get("anna"), `${path}/edit`, params))),
    ).toBe(403);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "entry.redacted"))
      .orderBy(desc(auditEvents.seq));
    expect(audit).toMatchObject({
      subjectId: kestrel.id,
      personal: { reason: "Vertrauliche Konditionen" },
    });
  });
});

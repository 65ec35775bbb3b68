import { and, desc, eq, ilike, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { databaseKind, db, queryRows, type DatabaseHandle } from "#db/client.server";
import {
  auditEvents,
  contacts,
  documents,
  entries,
  organizations,
  requests,
  users,
} from "#db/schema";
import { recordAudit } from "~/kernel/audit/audit.server";
import { calendarDayIn } from "~/kernel/time-zone";
import { action as consoleAction, loader as consoleLoader } from "~/routes/_app.compliance._index";
import { runVerification } from "~/features/compliance/index.server";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { loader as explorerLoader } from "~/routes/_app.compliance.audit";
import { loader as exportLoader } from "~/routes/compliance.audit[.]csv";
import { loader as filterOptionsLoader } from "~/routes/compliance.audit.filter-options";
import { loader as documentLoader } from "~/routes/_app.projects.$projectId.documents.$documentId";
import { loader as entryLoader } from "~/routes/_app.projects.$projectId.history.$entryId";
import { loader as requestLoader } from "~/routes/_app.requests.$requestId";
import { auditSentence } from "~/features/compliance";
import { translatorFor } from "~/i18n";
import { demoEmails, type DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";
import { makeRequestContext } from "../support/request";

/*
 * The compliance console's audit explorer (issue 15, part 2): Clara asks the log who opened
 * FALCON, what came from one IP address, every failed sign-in; pages through it; exports the
 * same answer as CSV, which is recorded too. Every event reads as a sentence.
 */

const { tokens, ids } = demoWorld();
const en = translatorFor("en");
const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;

const explore = (query: string, person: DemoPerson = "clara") =>
  explorerLoader(routeArgs(tokens.get(person), `/compliance/audit?${query}`, {}));

async function exportCsv(query: string) {
  const response = (await exportLoader(
    routeArgs(tokens.get("clara"), `/compliance/audit.csv?${query}`, {}),
  )) as Response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

async function userId(person: DemoPerson) {
  const [row] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
  return row!;
}

/** Opens FALCON's page as `person` from `ip`, as the browser would. */
async function openFalcon(person: DemoPerson, ip: string) {
  const [falcon] = await db().select().from(documents).where(ilike(documents.title, "%FALCON"));
  const path = `/projects/${falcon!.projectId}/documents/${falcon!.id}`;
  await documentLoader({
    ...routeArgs(tokens.get(person), path, {
      projectId: falcon!.projectId,
      documentId: falcon!.id,
    }),
    context: makeRequestContext({ ip }),
  });
  return falcon!;
}

describe("asking the audit log", () => {
  test("who opened FALCON: each access as a sentence, and the CSV says the same", async () => {
    const falcon = await openFalcon("anna", "10.1.2.3");
    await openFalcon("tom", "10.9.9.9");
    // Lena may not read FALCON: her attempt is a 404 and no access.
    expect(await statusOf(() => openFalcon("lena", "10.6.6.6"))).toBe(404);

    const page = await explore("itemType=document&item=FALCON&group=read");
    expect(page.events.map((event) => event.action)).toEqual([
      "document.viewed",
      "document.viewed",
    ]);
    const sentences = page.events.map((event) => auditSentence(en, event));
    expect(sentences).toEqual([
      `Tom Kurz (Hansen Innenausbau GmbH) viewed the document “${falcon.title}”, version 1 from 10.9.9.9`,
      `Anna Berg (Hansen Innenausbau GmbH) viewed the document “${falcon.title}”, version 1 from 10.1.2.3`,
    ]);
    expect(page.events[0]!.item?.href).toBe(`/projects/${falcon.projectId}/documents/${falcon.id}`);

    const { response, bytes, text } = await exportCsv("itemType=document&item=FALCON&group=read");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="audit-log-/,
    );
    // A byte order mark first, so that spreadsheet programs read the umlauts.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith("seq,occurred_at_utc,actor_id,actor,")).toBe(true);
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(sentences[0]!.replaceAll('"', '""'));
    expect(lines[1]).toContain("tom@hansen.example");
    expect(lines[2]).toContain("10.1.2.3");

    // The export is on the record, with what it was asked for.
    const clara = await userId("clara");
    const [exported] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.exported"), eq(auditEvents.actorUserId, clara.id)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    // The filters are the auditor's own words: in the event's erasable personal part.
    expect(exported!.details).toEqual({ format: "csv" });
    expect(exported!.personal).toMatchObject({
      filters: { itemType: "document", item: "FALCON", group: "read" },
    });
  });

  test("everything from one IP address; a mistyped one is refused next to its field", async () => {
    await openFalcon("anna", "10.1.2.4");
    const page = await explore("ip=10.1.2.4");
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((event) => event.ip === "10.1.2.4")).toBe(true);

    const wrong = await explore("ip=10.1.2&actor=nobody");
    expect(wrong.form.errors.ip).toBe("compliance.audit.errors.ip");
    // A choice no list offers (an edited address) is refused too, never silently dropped.
    expect(wrong.form.errors.actor).toBe("compliance.audit.errors.choice");
    expect(wrong.form.values.ip).toBe("10.1.2");
    expect(wrong.events).toEqual([]);
    expect(wrong.exportHref).toBeNull();
    // The export of filters that cannot be read goes back to the explorer, which says why.
    const { response } = await exportCsv("ip=10.1.2");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/compliance/audit?ip=10.1.2");
  });

  test("every failed sign-in of one person, and nothing before a day", async () => {
    const lena = await userId("lena");
    await recordAudit(
      { userId: lena.id, organizationId: lena.organizationId, ip: "203.0.113.9" },
      { action: "auth.login_failed", subjectType: "User", subjectId: lena.id },
    );
    const page = await explore(`actor=${lena.id}&group=signIn`);
    expect(page.events[0]).toMatchObject({ action: "auth.login_failed", ip: "203.0.113.9" });
    expect(auditSentence(en, page.events[0]!)).toBe(
      "Lena Falk (Studio Lumen) failed to sign in from 203.0.113.9",
    );
    expect(page.events.every((event) => event.group === "signIn")).toBe(true);

    const today = calendarDayIn(new Date(), "Europe/Berlin");
    const tomorrow = calendarDayIn(new Date(Date.now() + 86_400_000), "Europe/Berlin");
    expect((await explore(`actor=${lena.id}&from=${today}`)).events.length).toBeGreaterThan(0);
    expect((await explore(`actor=${lena.id}&from=${tomorrow}`)).events).toEqual([]);
    const backwards = await explore(`from=${tomorrow}&to=${today}`);
    expect(backwards.form.errors.to).toBe("compliance.audit.errors.toBeforeFrom");
    expect((await explore("from=31.02.2026")).form.errors.from).toBe("compliance.audit.errors.day");
    expect((await explore("group=read&action=auth.login_failed")).form.errors.action).toBe(
      "compliance.audit.errors.actionNotInGroup",
    );
    // A text to look for without saying in what.
    expect((await explore("item=FALCON")).form.errors.item).toBe(
      "compliance.audit.errors.itemType",
    );
  });

  test("pages of fifty, newest first, each event once", async () => {
    const jonas = await userId("jonas");
    for (let n = 0; n < 60; n += 1) {
      await recordAudit(
        { userId: jonas.id, organizationId: jonas.organizationId },
        { action: "search.performed", details: { n } },
      );
    }
    const first = await explore(`actor=${jonas.id}&action=search.performed`);
    expect(first.events).toHaveLength(50);
    expect(first.nextBefore).not.toBeNull();
    const second = await explore(
      `actor=${jonas.id}&action=search.performed&before=${first.nextBefore}`,
    );
    const all = [...first.events, ...second.events];
    expect(all).toHaveLength(60);
    expect(new Set(all.map((event) => event.seq)).size).toBe(60);
    const seqs = all.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.map((event) => event.details.n)).toEqual(
      Array.from({ length: 60 }, (_, n) => 59 - n),
    );
    // A cursor that is not a number shows the first page.
    expect((await explore(`actor=${jonas.id}&before=abc`)).events[0]!.seq).toBe(
      first.events[0]!.seq,
    );
  });

  test("the events of items found by words page newest first, each once, as the CSV lists them", async () => {
    const project = ids.projectIds.get("Morgenrot – Umbau Gastraum")!;
    const jonas = await userId("jonas");
    const notes = await db()
      .insert(entries)
      .values(
        ["Aufmaß KORMORAN Fenster", "KORMORAN Rückruf", "Angebot Kormoran"].map((subject) => ({
          projectId: project,
          authorId: jonas.id,
          authorOrganizationId: jonas.organizationId,
          channel: "note" as const,
          direction: "internal" as const,
          subject,
          occurredAt: new Date(),
          audienceId: sql`(select id from audiences where kind = 'internal' limit 1)`,
        })),
      )
      .returning({ id: entries.id });
    // Interleaved with events about other things, which the filter leaves out.
    for (let n = 0; n < 60; n += 1) {
      const actor = { userId: jonas.id, organizationId: jonas.organizationId };
      await recordAudit(actor, {
        action: "entry.viewed",
        subjectType: "Entry",
        subjectId: notes[n % 3]!.id,
        projectId: project,
        details: { n },
      });
      await recordAudit(actor, { action: "search.performed", details: { n } });
    }
    const first = await explore("itemType=entry&item=kormoran");
    expect(first.events).toHaveLength(50);
    const second = await explore(`itemType=entry&item=kormoran&before=${first.nextBefore}`);
    expect(second.nextBefore).toBeNull();
    const all = [...first.events, ...second.events];
    expect(all.map((event) => event.details.n)).toEqual(
      Array.from({ length: 60 }, (_, n) => 59 - n),
    );
    const { text } = await exportCsv("itemType=entry&item=kormoran");
    // A header and one line per event, each naming its entry.
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(61);
    expect(lines.slice(1).every((line) => /kormoran/i.test(line))).toBe(true);
  });

  test("words matching more than 500 items are refused next to the item field", async () => {
    const project = ids.projectIds.get("Morgenrot – Umbau Gastraum")!;
    const [anna] = await db().select().from(users).where(eq(users.email, demoEmails.anna));
    await db()
      .insert(entries)
      .values(
        Array.from({ length: 501 }, (_, index) => ({
          projectId: project,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          channel: "note" as const,
          direction: "internal" as const,
          subject: `Bulk note ${index} ZEPHYR`,
          occurredAt: new Date(),
          audienceId: sql`(select id from audiences where kind = 'internal' limit 1)`,
        })),
      );
    const page = await explore("itemType=entry&item=ZEPHYR");
    expect(page.form.errors.item).toBe("compliance.audit.errors.tooManyItems");
    expect(page.form.values.item).toBe("ZEPHYR");
    expect(page.events).toEqual([]);
    expect(page.exportHref).toBeNull();
    const { response } = await exportCsv("itemType=entry&item=ZEPHYR");
    expect(response.status).toBe(302);
    // Words matching nothing answer nothing, at once.
    expect((await explore("itemType=entry&item=NOSUCHWORD")).events).toEqual([]);
  });

  test("the person, organisation and project fields search as Clara types; nobody else", async () => {
    const options = (person: DemoPerson, query: string) =>
      filterOptionsLoader(
        routeArgs(tokens.get(person), `/compliance/audit/filter-options?${query}`, {}),
      );
    const found = await options("clara", "filter=actor&q=falk lumen");
    expect(found.options).toEqual([
      expect.objectContaining({ name: "Lena Falk", detail: "Studio Lumen" }),
    ]);
    const projects = await options("clara", "filter=project&q=gastraum");
    expect(projects.options.map((row) => row.name)).toEqual(["Morgenrot – Umbau Gastraum"]);
    for (const person of ["anna", "lena", "eva"] as const) {
      expect(await statusOf(() => options(person, "filter=actor&q=a")), person).toBe(404);
    }
    expect(await statusOf(() => options("clara", "filter=password&q=a"))).toBe(404);
    // The chosen person is shown by name when the explorer opens with them in its address.
    const lena = await userId("lena");
    const page = await explore(`actor=${lena.id}`);
    expect(page.choices.actor).toMatchObject({ name: "Lena Falk" });
    expect(page.choices.project).toBeNull();
  });

  test("looking into the log is on the log", async () => {
    const clara = await userId("clara");
    await explore("group=export");
    const [searched] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.searched"), eq(auditEvents.actorUserId, clara.id)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(searched!.personal).toMatchObject({ filters: { group: "export" } });
  });
});

describe("the console", () => {
  test("this week's figures, the size of the log and its last verification", async () => {
    const before = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
    await openFalcon("anna", "10.1.2.5");
    await recordAudit({}, { action: "audit.verified", details: { ok: true, checked: 1234 } });
    const after = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
    expect(after.summary.reads).toBeGreaterThan(before.summary.reads);
    expect(after.summary.events).toBeGreaterThan(before.summary.events);
    expect(after.summary.lastVerification).toMatchObject({ ok: true, checked: 1234 });
  });
});

describe("what leaves in the export", () => {
  test("a name that looks like a formula stays text in a spreadsheet", async () => {
    const clara = await userId("clara");
    const [account] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.kind, "customer"));
    const [contact] = await db()
      .insert(contacts)
      .values({ accountId: account!.id, name: "=HYPERLINK(1) Mallory", legalBasis: "contract" })
      .returning();
    await recordAudit(
      { userId: clara.id, organizationId: clara.organizationId },
      { action: "contact.viewed", subjectType: "Contact", subjectId: contact!.id },
    );
    const { text } = await exportCsv("itemType=contact&item=Mallory");
    const row = text.trim().split("\n")[1]!;
    expect(row).toContain("'=HYPERLINK(1) Mallory");
    expect(row).not.toMatch(/,=HYPERLINK/);
  });
});

describe("who accessed this, on the item's page", () => {
  test("Clara sees an entry's latest events beside who can see it; Anna and Lena see no log", async () => {
    const { markers } = ids;
    const aurora = markers.get("AURORA")!;
    const path = `/projects/${aurora.projectId}/history/${aurora.id}`;
    const params = { projectId: aurora.projectId, entryId: aurora.id };
    await entryLoader(routeArgs(tokens.get("lena"), path, params));
    const page = await entryLoader(routeArgs(tokens.get("clara"), path, params));
    expect(page.access!.events.map((event) => auditSentence(en, event))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Clara Vogt \(Hansen Innenausbau GmbH\) viewed the entry “.*AURORA”/,
        ),
        expect.stringMatching(/^Lena Falk \(Studio Lumen\) viewed the entry “.*AURORA”/),
      ]),
    );
    expect(page.access!.exploreHref).toBe(`/compliance/audit?itemType=entry&item=${aurora.id}`);
    for (const person of ["anna", "lena"] as const) {
      expect((await entryLoader(routeArgs(tokens.get(person), path, params))).access).toBeNull();
    }
  });
});

describe("who could see a request, and who did", () => {
  test("CORAL's page tells Anna which organisations can see it and why; Clara also who opened it", async () => {
    const [coral] = await db().select().from(requests).where(ilike(requests.title, "%CORAL"));
    const args = (person: DemoPerson) =>
      routeArgs(tokens.get(person), `/requests/${coral!.id}`, { requestId: coral!.id });
    await requestLoader(args("eva"));
    const anna = await requestLoader(args("anna"));
    const answers = Object.fromEntries(
      anna.explain!.organizations.map((org) => [org.organizationName, org.canRead]),
    );
    // Eva's organisation's request, assigned to Studio Lumen; Holzwerk Meyer has nothing to do with it.
    expect(answers).toEqual({
      "Café Morgenrot GmbH": true,
      "Holzwerk Meyer KG": false,
      "Studio Lumen": true,
    });
    expect(anna.access).toBeNull();
    const clara = await requestLoader(args("clara"));
    expect(clara.explain).not.toBeNull();
    expect(clara.access!.events.map((event) => auditSentence(en, event))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Eva Roth \(Café Morgenrot GmbH\) viewed the request “.*CORAL”/),
      ]),
    );
    // Customers and partners learn nothing of either.
    for (const person of ["eva", "lena"] as const) {
      const page = await requestLoader(args(person));
      expect(page.explain).toBeNull();
      expect(page.access).toBeNull();
    }
  });
});

describe("verifying the chain from the console", () => {
  test("Clara starts it; it reports how far it got and its verdict; one at a time", async () => {
    await startJobs(handle(), [{ name: "audit-verification", handler: async () => undefined }]);
    try {
      const post = () =>
        consoleAction(routeArgs(tokens.get("clara"), "/compliance", {}, formBody({})));
      expect(await statusOf(post)).toBe(302);
      const started = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
      expect(started.verification).toMatchObject({ running: true, checked: 0 });
      // A second click while it runs starts nothing more.
      await post();
      const jobs = await queryRows<{ data: { id: string } }>(
        db(),
        sql`select data from pgboss.job where name = 'audit-verification'`,
      );
      expect(jobs).toHaveLength(1);

      const clara = await userId("clara");
      await runVerification(jobs[0]!.data);
      const done = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
      expect(done.verification).toMatchObject({ running: false, ok: true });
      expect(done.verification!.checked).toBeGreaterThanOrEqual(done.verification!.total);
      expect(done.summary.lastVerification).toMatchObject({ ok: true });
      const [verified] = await db()
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "audit.verified"))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      expect(verified!.actorUserId).toBe(clara.id);

      // Nobody else may start one.
      expect(
        await statusOf(() =>
          consoleAction(routeArgs(tokens.get("anna"), "/compliance", {}, formBody({}))),
        ),
      ).toBe(404);
    } finally {
      await stopJobs();
    }
  });
});

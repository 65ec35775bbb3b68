import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { audienceIdFor } from "#db/audiences";
import { databaseKind, db, queryRows, type DatabaseHandle } from "#db/client.server";
import {
  auditEvents,
  contacts,
  documents,
  entries,
  entryParticipants,
  erasures,
  requestComments,
  requests,
  subjectExports,
  unresolvedMails,
  users,
} from "#db/schema";
import { commands } from "~/commands.server";
import { runSubjectExport, SUBJECT_EXPORT } from "~/features/compliance/index.server";
import type { CertificateBody, SignedCertificate } from "~/features/erasure/certificate";
import { certificateValid } from "~/kernel/audit/signed-certificate";
import { ERASURE_VACUUM, vacuumAfterErasure } from "~/features/erasure/erase.server";
import { pseudonymOf } from "~/features/erasure/pseudonym";
import { recordAudit, verifyAuditChain } from "~/kernel/audit/audit.server";
import { auditSigningKey } from "~/kernel/audit/checkpoints.server";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { localStorage, useStorage } from "~/kernel/storage/storage.server";
import {
  action as eraseAction,
  loader as eraseLoader,
} from "~/routes/_app.compliance.erasures.$kind.$subjectId";
import { loader as certificateLoader } from "~/routes/_app.compliance.erasures.$erasureId";
import { loader as listLoader } from "~/routes/_app.compliance.erasures._index";
import { loader as downloadLoader } from "~/routes/compliance.erasures.$erasureId.certificate[.]json";
import { action as holdsAction } from "~/routes/_app.compliance.holds";
import { action as requestsAction } from "~/routes/_app.compliance.subject-requests";
import { loader as consoleLoader } from "~/routes/_app.compliance._index";
import { dumpHolds, logicalDump, pgDump } from "../support/database-dump";
import { DEMO_PEOPLE, demoEmails, MORGENROT, type DemoPerson } from "../support/demo-people";
import { setEnv } from "../support/env";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * Erasure (issue 15, part 8): Felix Roth asks to be forgotten. Clara sees what erasing him
 * changes, is stopped while a legal hold covers his account, and then erases him: no dump of
 * the database holds his address or his name any more, the history stays whole under his
 * pseudonym, the audit chain still verifies, and she holds a signed deletion certificate.
 * Lena Falk, an external user who left, is erased the same way.
 */

const { tokens, org, ids } = demoWorld();
const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;
const FELIX_EMAIL = "felix@cafe-morgenrot.example";
const FELIX_NAME = "Felix Roth";
const WHOLE_FELIX = /(?<![\p{L}\p{N}])felix\s+roth(?![\p{L}\p{N}])/iu;

let dataDir: string;
let restoreEnv: () => void;
let felix: typeof contacts.$inferSelect;

async function userOf(person: DemoPerson) {
  const [row] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
  return row!;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ambit-erasure-"));
  restoreEnv = setEnv({ DATA_DIR: dataDir });
  useStorage(localStorage(path.join(dataDir, "files")));
  const [row] = await db().select().from(contacts).where(eq(contacts.name, FELIX_NAME));
  felix = row!;
  await startJobs(handle(), [
    { name: SUBJECT_EXPORT, handler: async () => undefined },
    { name: ERASURE_VACUUM, handler: async () => undefined },
  ]);
  await plantMentions();
});

afterAll(async () => {
  await stopJobs();
  useStorage(undefined);
  restoreEnv();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Felix everywhere he can be: a rich-text note naming him and his address, an email from him
 * (headers only), a meeting he took part in, a request and a comment naming him, a document
 * titled after him, mail from him nobody placed, a search for his address in the audit log,
 * and a data-subject export of him that is ready to download.
 */
async function plantMentions() {
  const anna = await userOf("anna");
  const [aurora] = await db()
    .select()
    .from(entries)
    .where(sql`${entries.subject} like '%AURORA'`);
  const entry = async (values: Partial<typeof entries.$inferInsert> & { subject: string }) => {
    const [row] = await db()
      .insert(entries)
      .values({
        projectId: aurora!.projectId,
        channel: "note",
        direction: "internal",
        occurredAt: new Date(),
        bodyText: "",
        authorId: anna.id,
        authorOrganizationId: anna.organizationId,
        audienceId: await audienceIdFor(db(), "internal"),
        ...values,
      })
      .returning({ id: entries.id });
    return row!.id;
  };
  await entry({
    subject: `Rückruf ${FELIX_NAME}`,
    body: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Herr " },
            { type: "text", text: FELIX_NAME, marks: [{ type: "bold" }] },
            { type: "text", text: ` (${FELIX_EMAIL}, +49 40 555 0102) ruft zurück.` },
          ],
        },
      ],
    },
    bodyHtml: `<p>Herr <strong>${FELIX_NAME}</strong> (${FELIX_EMAIL}, +49 40 555 0102) ruft zurück.</p>`,
    bodyText: `Herr ${FELIX_NAME} (${FELIX_EMAIL}, +49 40 555 0102) ruft zurück.`,
  });
  await entry({
    subject: "Grundrisse HEADERS",
    channel: "email",
    direction: "inbound",
    bodyText: "Anbei die Grundrisse.",
    details: { from: `${FELIX_NAME} <${FELIX_EMAIL}>`, to: ["anna@hansen.example"] },
  });
  const meeting = await entry({ subject: "Aufmaß PARTICIPANT", channel: "meeting" });
  await db().insert(entryParticipants).values({ entryId: meeting, contactId: felix.id });
  const [coral] = await db()
    .select()
    .from(requests)
    .where(sql`${requests.title} like '%CORAL'`);
  await db()
    .update(requests)
    .set({ title: `Stühle für ${FELIX_NAME} CORAL` })
    .where(eq(requests.id, coral!.id));
  await db()
    .insert(requestComments)
    .values({
      requestId: coral!.id,
      authorId: anna.id,
      authorOrganizationId: anna.organizationId,
      audienceId: await audienceIdFor(db(), "internal"),
      bodyText: `${FELIX_NAME} will die Stühle selbst abholen`,
      bodyHtml: `<p>${FELIX_NAME} will die Stühle selbst abholen</p>`,
    });
  await db()
    .update(documents)
    .set({ description: `Freigegeben von ${FELIX_NAME}` })
    .where(eq(documents.projectId, aurora!.projectId));
  await db()
    .insert(unresolvedMails)
    .values({
      receivedAt: new Date(),
      fromAddress: FELIX_EMAIL,
      fromName: FELIX_NAME,
      recipients: ["unknown@in.example"],
      subject: "Lieferung",
      previewText: "Wann kommen die Stühle?",
      raw: Buffer.from(`From: ${FELIX_NAME} <${FELIX_EMAIL}>\r\n\r\nWann kommen die Stühle?`),
      rawSize: 60,
      reason: "unknownAddress",
    });
  await recordAudit(
    { userId: anna.id, organizationId: anna.organizationId, ip: "203.0.113.7" },
    { action: "search.performed", personal: { query: FELIX_EMAIL } },
  );
  // A data-subject export of him, ready to download.
  await requestsAction(
    routeArgs(
      tokens.get("clara"),
      "/compliance/subject-requests",
      {},
      formBody({ kind: "contact", id: felix.id }),
    ),
  );
  const [exported] = await db()
    .select()
    .from(subjectExports)
    .where(eq(subjectExports.subjectId, felix.id));
  await runSubjectExport({ id: exported!.id });
}

const PAGE = (kind: string, id: string) => `/compliance/erasures/${kind}/${id}`;
const preview = (person: DemoPerson, kind: string, id: string) =>
  eraseLoader(routeArgs(tokens.get(person), PAGE(kind, id), { kind, subjectId: id }));
const erase = (person: DemoPerson, kind: string, id: string, fields: Record<string, string>) =>
  eraseAction(
    routeArgs(tokens.get(person), PAGE(kind, id), { kind, subjectId: id }, formBody(fields)),
  );

async function dump(schemas?: string[]) {
  return logicalDump(db(), schemas);
}

describe("erasing a contact person", () => {
  test("the preview counts what changes and changes nothing", async () => {
    // The job queue's own tables change on their own schedule: the business data must not.
    const before = await dump(["public"]);
    const page = await preview("clara", "contact", felix.id);
    expect(page.person).toMatchObject({ name: FELIX_NAME, email: FELIX_EMAIL });
    expect(page.holds).toEqual([]);
    const places = Object.fromEntries(page.outcome!.places.map((p) => [p.place, p.rows]));
    expect(places).toMatchObject({ entries: expect.any(Number), requests: 1, requestComments: 1 });
    expect(places.entries).toBeGreaterThanOrEqual(3);
    expect(page.outcome!.unlinked.participations).toBeGreaterThanOrEqual(1);
    expect(page.outcome!.removed).toEqual(
      expect.arrayContaining([
        { place: "unresolvedMails", rows: 1 },
        { place: "subjectExports", rows: 1 },
      ]),
    );
    expect(page.outcome!.audit.eventsErased).toBeGreaterThanOrEqual(1);
    expect(page.outcome!.audit.eventsNotErasable).toBe(0);
    // Nothing was written, not even to the audit log.
    expect(await dump(["public"])).toBe(before);
  });

  test("a legal hold on his account refuses the erasure with a message, and keeps everything", async () => {
    const placed = await holdsAction(
      routeArgs(
        tokens.get("clara"),
        "/compliance/holds",
        {},
        formBody({
          intent: "place",
          scope: "account",
          scopeId: org.get(MORGENROT)!,
          reason: "Rechtsstreit Stühle",
        }),
      ),
    );
    expect((placed as Response).status).toBe(302);
    const page = await preview("clara", "contact", felix.id);
    expect(page.holds).toEqual([
      expect.objectContaining({
        scope: "account",
        heldName: MORGENROT,
        reason: "Rechtsstreit Stühle",
      }),
    ]);
    const refused = (await erase("clara", "contact", felix.id, {
      reference: "DSR-2026-014",
      confirm: "yes",
    })) as { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } };
    expect(refused.result.error?.[""]).toEqual([
      "A legal hold is in force over this person; nothing was erased.",
    ]);
    expect(refused.result.initialValue?.reference).toBe("DSR-2026-014");
    const [still] = await db().select().from(contacts).where(eq(contacts.id, felix.id));
    expect(still).toMatchObject({ name: FELIX_NAME, email: FELIX_EMAIL, erasedAt: null });

    // Released, the erasure may go ahead.
    const [hold] = await queryRows<{ id: string }>(
      db(),
      sql`select id from legal_holds where released_at is null`,
    );
    await holdsAction(
      routeArgs(
        tokens.get("clara"),
        "/compliance/holds",
        {},
        formBody({ intent: "release", holdId: hold!.id }),
      ),
    );
  });

  test("bad input gets its message next to the field and erases nothing", async () => {
    const refused = (await erase("clara", "contact", felix.id, { reference: "x" })) as {
      result: { error?: Record<string, string[]> };
    };
    expect(refused.result.error).toMatchObject({
      reference: ["Enter the reference of the request (3 to 200 characters)."],
      confirm: ["Confirm that the erasure cannot be undone."],
    });
    const [still] = await db().select().from(contacts).where(eq(contacts.id, felix.id));
    expect(still!.erasedAt).toBeNull();
  });

  test("Clara erases Felix: no dump holds his address or name, the chain verifies, she holds a certificate", async () => {
    const exportFiles = async () =>
      (await readdir(path.join(dataDir, "files"), { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    expect((await exportFiles()).length).toBeGreaterThan(0);
    const phraseHits = async () =>
      (
        await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from entries where search_vector @@ phraseto_tsquery('german', 'Felix Roth')`,
        )
      )[0]!.n;
    expect(await phraseHits()).toBeGreaterThan(0);
    // Another Felix Roth, named without an address in another account's project: not him.
    const anna = await userOf("anna");
    const noteIn = async (project: string, subject: string, bodyText: string) => {
      const [row] = await db()
        .insert(entries)
        .values({
          projectId: ids.projectIds.get(project)!,
          channel: "note",
          direction: "internal",
          occurredAt: new Date(),
          subject,
          bodyText,
          authorId: anna.id,
          authorOrganizationId: anna.organizationId,
          audienceId: await audienceIdFor(db(), "internal"),
        })
        .returning({ id: entries.id });
      return row!.id;
    };
    await noteIn("Brandt – Empfang", "Tischlerei NAMESAKE", "Felix Roth von der Tischlerei kommt.");
    // A call Eva took part in, under a legal hold on Eva: it stays word for word.
    const held = await noteIn(
      "Morgenrot – Umbau Gastraum",
      "Rückruf HELDNAME",
      "Eva und Felix Roth",
    );
    const [eva] = await db().select().from(contacts).where(eq(contacts.name, "Eva Roth"));
    await db().insert(entryParticipants).values({ entryId: held, contactId: eva!.id });
    await holdsAction(
      routeArgs(
        tokens.get("clara"),
        "/compliance/holds",
        {},
        formBody({ intent: "place", scope: "contact", scopeId: eva!.id, reason: "Streit mit Eva" }),
      ),
    );
    // The reference is kept for good: it may not name him.
    const naming = (await erase("clara", "contact", felix.id, {
      reference: "Löschung Felix Roth",
      confirm: "yes",
    })) as { result: { error?: Record<string, string[]> } };
    expect(naming.result.error?.reference).toEqual([
      "The reference must not contain the person's name, address or number: the certificate is kept for good.",
    ]);

    const response = (await erase("clara", "contact", felix.id, {
      reference: "DSR-2026-014",
      confirm: "yes",
    })) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/compliance\/erasures\/[0-9a-f-]{36}$/);
    await vacuumAfterErasure();

    const pseudonym = pseudonymOf("contact", felix.id);
    // On a PostgreSQL server, pg_dump's own output is searched too.
    const serverDump = await pgDump(db());
    if (databaseKind() === "postgres") expect(serverDump).toContain("COPY public.entries");
    for (const text of [await dump(), serverDump]) {
      if (text === null) continue;
      expect(dumpHolds(text, FELIX_EMAIL)).toBe(false);
      // His name is left only in the namesake's note and in the held call.
      const naming = text.split("\n").filter((line) => WHOLE_FELIX.test(line));
      expect(naming.length).toBeGreaterThan(0);
      expect(
        naming.every((line) => /NAMESAKE|HELDNAME/.test(line)),
        naming.join("\n"),
      ).toBe(true);
      expect(text).toContain(pseudonym.name);
    }
    // The search index forgot him too (but for those two); the history names the pseudonym.
    expect(await phraseHits()).toBe(2);
    const [record] = await db().select().from(contacts).where(eq(contacts.id, felix.id));
    expect(record).toMatchObject({ name: pseudonym.name, email: null, phone: null, notes: "" });
    expect(record!.erasedAt).not.toBeNull();
    const [note] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, `Rückruf ${pseudonym.name}`));
    expect(note!.bodyText).toBe(`Herr ${pseudonym.name} (${pseudonym.email}, ***) ruft zurück.`);
    expect(note!.bodyHtml).toContain(`<strong>${pseudonym.name}</strong>`);
    const [headers] = await db()
      .select()
      .from(entries)
      .where(eq(entries.subject, "Grundrisse HEADERS"));
    expect(headers!.details).toMatchObject({ from: `${pseudonym.name} <${pseudonym.email}>` });
    expect(
      await db().select().from(entryParticipants).where(eq(entryParticipants.contactId, felix.id)),
    ).toEqual([]);
    // His export's file is gone with its row.
    expect(await exportFiles()).toEqual([]);
    expect(await db().select().from(subjectExports)).toEqual([]);

    // The chain still verifies, and it went on from the head before to the erasure's event.
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    const certificate = (
      await certificateLoader(
        routeArgs(tokens.get("clara"), location, { erasureId: location.split("/").at(-1)! }),
      )
    ).certificate as SignedCertificate;
    expect(certificate).toMatchObject({
      subject: { kind: "contact", id: felix.id, pseudonym: pseudonym.name },
      reference: "DSR-2026-014",
      erasedBy: { name: "Clara Vogt", role: "compliance_officer" },
      legalHolds: { inForce: 0 },
      keptUnderHold: [{ place: "entries", rows: 1 }],
      limits: ["storedFiles", "otherExports", "backups"],
    });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "contact.erased"), eq(auditEvents.subjectId, felix.id)));
    expect(certificate.audit.chainHeadAfter).toEqual({ seq: event!.seq, hash: event!.hash });
    expect(certificate.audit.chainHeadBefore.seq).toBeLessThan(event!.seq);
    expect(certificate.places.map((place) => place.place)).toEqual(
      expect.arrayContaining(["entries", "requests", "requestComments", "documents"]),
    );
    // Signed by the installation's key; any change to it breaks the signature.
    const key = auditSigningKey().publicKeyHex;
    expect(certificateValid(certificate, key)).toBe(true);
    expect(
      certificateValid<CertificateBody>({ ...certificate, reference: "DSR-2026-015" }, key),
    ).toBe(false);
    const file = (await downloadLoader(
      routeArgs(tokens.get("clara"), `${location}/certificate.json`, {
        erasureId: certificate.id,
      }),
    )) as Response;
    expect(file.headers.get("Content-Disposition")).toContain("deletion-certificate-");
    const downloaded = await file.text();
    expect(certificateValid(JSON.parse(downloaded) as SignedCertificate, key)).toBe(true);
    // The documented command checks the file away from the installation.
    const saved = path.join(dataDir, "deletion-certificate.json");
    await writeFile(saved, downloaded);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await commands["certificate:verify"]!([saved, "--public-key", key])).toBe(0);
      expect(log).toHaveBeenCalledWith(expect.stringContaining("is intact"));
    } finally {
      log.mockRestore();
    }

    // Listed, counted on the console; a second erasure is refused.
    const list = await listLoader(routeArgs(tokens.get("ida"), "/compliance/erasures", {}));
    expect(list.erasures).toEqual([
      expect.objectContaining({ pseudonym: pseudonym.name, reference: "DSR-2026-014" }),
    ]);
    const consolePage = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
    expect(consolePage.erased).toBe(1);
    const again = await preview("clara", "contact", felix.id);
    expect(again.erasedAt).not.toBeNull();
    expect(again.certificateId).toBe(certificate.id);
    const twice = (await erase("clara", "contact", felix.id, {
      reference: "DSR-2026-014",
      confirm: "yes",
    })) as { result: { error?: Record<string, string[]> } };
    expect(twice.result.error?.[""]).toEqual(["This person has already been erased."]);
    expect(await db().select().from(erasures)).toHaveLength(1);
    // A certificate is kept as signed.
    await expect(db().execute(sql`delete from erasures`)).rejects.toThrow();
  });
});

describe("erasing an external user who left", () => {
  test("host staff cannot be erased, nor can anyone but compliance officers and administrators erase", async () => {
    const anna = await userOf("anna");
    expect(await statusOf(() => preview("ida", "user", anna.id))).toBe(404);
    expect(
      await statusOf(() => erase("ida", "user", anna.id, { reference: "DSR-1", confirm: "yes" })),
    ).toBe(404);
    const eva = await userOf("eva");
    for (const person of DEMO_PEOPLE) {
      const allowed = person === "clara" || person === "ida";
      const status = await statusOf(() => preview(person, "user", eva.id));
      expect(status, person).toBe(allowed ? 200 : 404);
      expect(
        await statusOf(() => listLoader(routeArgs(tokens.get(person), "/compliance/erasures", {}))),
        person,
      ).toBe(allowed ? 200 : 404);
      if (!allowed) {
        expect(
          await statusOf(() =>
            erase(person, "user", eva.id, { reference: "DSR-1", confirm: "yes" }),
          ),
          person,
        ).toBe(404);
      }
    }
    const [still] = await db().select().from(users).where(eq(users.id, eva.id));
    expect(still!.erasedAt).toBeNull();
  });

  test("Lena Falk: her account ends, her address leaves the database, her work stays under a pseudonym", async () => {
    const lena = await userOf("lena");
    const authored = await db()
      .select({ id: entries.id })
      .from(entries)
      .where(eq(entries.authorId, lena.id));
    // A failed sign-in with her address: the log keeps the event, not the address.
    await recordAudit(
      { ip: "203.0.113.9", userAgent: "Mozilla/5.0" },
      {
        action: "auth.login_failed",
        subjectType: "User",
        subjectId: lena.id,
        personal: { email: lena.email },
      },
    );
    const response = (await erase("ida", "user", lena.id, {
      reference: "Austritt Studio Lumen",
      confirm: "yes",
    })) as Response;
    expect(response.status).toBe(302);
    await vacuumAfterErasure();
    const pseudonym = pseudonymOf("user", lena.id);
    for (const text of [await dump(), await pgDump(db())]) {
      if (text === null) continue;
      expect(dumpHolds(text, lena.email)).toBe(false);
    }
    const [row] = await db().select().from(users).where(eq(users.id, lena.id));
    expect(row).toMatchObject({ name: pseudonym.name, email: pseudonym.email, passwordHash: null });
    expect(row!.disabledAt).not.toBeNull();
    // Her entries keep their author, now the pseudonym; her session no longer opens anything.
    expect(
      await db().select({ id: entries.id }).from(entries).where(eq(entries.authorId, lena.id)),
    ).toEqual(authored);
    expect(
      await statusOf(() => listLoader(routeArgs(tokens.get("lena"), "/compliance/erasures", {}))),
    ).toBe(302);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import {
  auditEvents,
  contacts,
  documents,
  documentVersions,
  entries,
  entryParticipants,
  projects,
  requests,
  retentionRules,
  retentionRuns,
} from "#db/schema";
import type { RetentionCertificate } from "~/features/retention/index.server";
import { previewRetention, retentionWorker, runRetention } from "~/features/retention/index.server";
import { verifyAuditChain } from "~/kernel/audit/audit.server";
import { auditSigningKey } from "~/kernel/audit/checkpoints.server";
import { certificateValid } from "~/kernel/audit/signed-certificate";
import { localStorage, useStorage } from "~/kernel/storage/storage.server";
import { action as holdsAction } from "~/routes/_app.compliance.holds";
import {
  action as retentionAction,
  loader as retentionLoader,
} from "~/routes/_app.compliance.retention";
import { loader as runLoader } from "~/routes/_app.compliance.retention.runs.$runId";
import { loader as consoleLoader } from "~/routes/_app.compliance._index";
import { DEMO_PEOPLE, type DemoPerson } from "../support/demo-people";
import { setEnv } from "../support/env";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * Retention (issue 15, part 9): rules per kind of record with German default periods, a dry run
 * that counts what is due and what legal holds keep, and a run (by hand or by the daily job)
 * that deletes or anonymises exactly that, with a signed certificate. Run here as of 2040, when
 * everything the demo world holds has served its period, with Empfang and Felix Roth held.
 */

const { tokens, ids } = demoWorld();
const PAGE = "/compliance/retention";
const LATER = new Date("2040-06-01T10:00:00Z");
const EMPFANG = "Brandt – Empfang";

let dataDir: string;
let restoreEnv: () => void;
let empfang: string;
let felix: typeof contacts.$inferSelect;

const page = (person: DemoPerson) => retentionLoader(routeArgs(tokens.get(person), PAGE, {}));
const post = (person: DemoPerson, fields: Record<string, string>) =>
  retentionAction(routeArgs(tokens.get(person), PAGE, {}, formBody(fields)));

/** The rules form as the page sends it (every rule off, as shipped), with some fields changed. */
function rulesForm(changes: Record<string, string> = {}) {
  return {
    intent: "rules",
    "entries.years": "6",
    "entries.trigger": "created",
    "documents.years": "10",
    "documents.trigger": "created",
    "requests.years": "6",
    "requests.trigger": "resolved",
    "contacts.years": "6",
    "contacts.trigger": "lastContact",
    "auditEvents.years": "10",
    "auditEvents.trigger": "created",
    ...changes,
  };
}

const ALL_ON = Object.fromEntries(
  ["entries", "documents", "requests", "contacts", "auditEvents"].map((type) => [
    `${type}.enabled`,
    "on",
  ]),
);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ambit-retention-"));
  restoreEnv = setEnv({ DATA_DIR: dataDir });
  useStorage(localStorage(path.join(dataDir, "files")));
  empfang = ids.projectIds.get(EMPFANG)!;
  felix = (await db().select().from(contacts).where(eq(contacts.name, "Felix Roth")))[0]!;
  // A stored file behind one of Gastraum's documents: retention removes it with the document.
  const [gastraumDoc] = await db()
    .select({ storageKey: documentVersions.storageKey })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(eq(documents.projectId, ids.projectIds.get("Morgenrot – Umbau Gastraum")!))
    .limit(1);
  const local = path.join(dataDir, "upload.bin");
  await writeFile(local, "plan");
  const { storage } = await import("~/kernel/storage/storage.server");
  await (
    await storage()
  ).put(gastraumDoc!.storageKey, {
    path: local,
    size: 4,
    contentType: "application/pdf",
    name: "x",
  });
});

afterAll(async () => {
  useStorage(undefined);
  restoreEnv();
  await rm(dataDir, { recursive: true, force: true });
});

describe("retention rules", () => {
  test("German defaults, with their sources; a bad period is refused next to its field", async () => {
    const loaded = await page("clara");
    // Shipped off: nothing is deleted before someone has looked at what would be.
    expect(
      loaded.preview.map(({ rule }) => [rule.recordType, rule.years, rule.trigger, rule.enabled]),
    ).toEqual([
      ["entries", 6, "created", false],
      ["documents", 10, "created", false],
      ["requests", 6, "resolved", false],
      ["contacts", 6, "lastContact", false],
      ["auditEvents", 10, "created", false],
    ]);
    // Today nothing the demo world holds is due.
    expect(loaded.preview.every((row) => row.figures.due === 0)).toBe(true);
    const refused = (await post(
      "clara",
      rulesForm({ "entries.years": "0", "contacts.trigger": "projectClosed" }),
    )) as {
      errors: Record<string, string>;
      typed: Record<string, { years: string }>;
    };
    expect(refused.errors).toEqual({
      "entries.years": "Enter a whole number of years from 1 to 30.",
      "contacts.trigger": "Choose when the period starts.",
    });
    expect(refused.typed.entries!.years).toBe("0");
    const [stored] = await db()
      .select()
      .from(retentionRules)
      .where(eq(retentionRules.recordType, "entries"));
    expect(stored!.years).toBe(6);

    const saved = (await post(
      "ida",
      rulesForm({ "entries.years": "7", "entries.trigger": "projectClosed" }),
    )) as Response;
    expect(saved.status).toBe(302);
    const [changed] = await db()
      .select()
      .from(retentionRules)
      .where(eq(retentionRules.recordType, "entries"));
    expect(changed).toMatchObject({ years: 7, trigger: "projectClosed" });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "retention.rules_changed"));
    expect(event!.details).toMatchObject({
      changes: [
        { recordType: "entries", from: { years: 6 }, to: { years: 7, trigger: "projectClosed" } },
      ],
    });
    await post("ida", rulesForm());
  });

  test("only compliance officers and administrators see, change or run retention", async () => {
    for (const person of DEMO_PEOPLE) {
      const allowed = person === "clara" || person === "ida";
      expect(await statusOf(() => page(person)), person).toBe(allowed ? 200 : 404);
      if (!allowed) {
        expect(
          await statusOf(() => post(person, rulesForm({ "entries.years": "1" }))),
          person,
        ).toBe(404);
        expect(await statusOf(() => post(person, { intent: "run" })), person).toBe(404);
      }
    }
    const [stored] = await db()
      .select()
      .from(retentionRules)
      .where(eq(retentionRules.recordType, "entries"));
    expect(stored!.years).toBe(6);
    expect(await db().select().from(retentionRuns)).toEqual([]);
  });
});

describe("a retention run", () => {
  test("the dry run counts what is due and what holds keep; the run takes exactly that", async () => {
    // However old, a request still open is never due.
    const beforeResolving = await previewRetention(LATER);
    expect(beforeResolving.find((row) => row.rule.recordType === "requests")!.figures).toEqual({
      due: 0,
      heldBack: 0,
    });
    // Gastraum's request is resolved.
    const [resolved] = await db()
      .select({ id: requests.id })
      .from(requests)
      .where(eq(requests.projectId, ids.projectIds.get("Morgenrot – Umbau Gastraum")!))
      .limit(1);
    await db()
      .update(requests)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(requests.id, resolved!.id));
    // Off, a rule removes nothing even when run; the dry run still says what it would take.
    expect((await runRetention({}, null, LATER)).total).toBe(0);
    expect(
      Object.fromEntries(
        (await previewRetention(LATER)).map((row) => [row.rule.recordType, row.figures.due > 0]),
      ),
    ).toEqual({
      entries: true,
      documents: true,
      requests: true,
      contacts: true,
      auditEvents: true,
    });
    await post("clara", rulesForm(ALL_ON));

    // Empfang is under a legal hold, and so is Felix Roth (who took part in a Gastraum meeting).
    for (const [scope, scopeId] of [
      ["project", empfang],
      ["contact", felix.id],
    ] as const) {
      await holdsAction(
        routeArgs(
          tokens.get("clara"),
          "/compliance/holds",
          {},
          formBody({ intent: "place", scope, scopeId, reason: "Rechtsstreit" }),
        ),
      );
    }
    const [meeting] = await db()
      .select({ id: entries.id })
      .from(entries)
      .where(
        and(
          eq(entries.projectId, ids.projectIds.get("Morgenrot – Umbau Gastraum")!),
          isNull(entries.redactedAt),
        ),
      )
      .limit(1);
    await db().insert(entryParticipants).values({ entryId: meeting!.id, contactId: felix.id });

    const entryTexts = () =>
      db()
        .select({
          id: entries.id,
          projectId: entries.projectId,
          subject: entries.subject,
          bodyText: entries.bodyText,
        })
        .from(entries)
        .orderBy(entries.id);
    const allEntries = await entryTexts();
    const kept = allEntries.filter((row) => row.projectId === empfang || row.id === meeting!.id);
    const preview = await previewRetention(LATER);
    const figures = Object.fromEntries(preview.map((row) => [row.rule.recordType, row.figures]));
    expect(figures.entries).toEqual({
      due: allEntries.length - kept.length,
      heldBack: kept.length,
    });
    // Felix by his own hold; Paul Brandt by the hold on a project of his account.
    expect(figures.contacts!.heldBack).toBe(2);
    expect(preview.find((row) => row.rule.recordType === "entries")!.sample.length).toBeGreaterThan(
      0,
    );

    const run = await runRetention({}, null, LATER);
    expect(run.total).toBeGreaterThan(0);

    // Exactly the held entries are left, word for word: no held person's name was rewritten.
    expect(await entryTexts()).toEqual(kept);
    const otherProjects = await db()
      .select({ id: projects.id })
      .from(projects)
      .where(sql`${projects.id} <> ${empfang}`);
    const otherIds = otherProjects.map((row) => row.id);
    // Resolved and closed requests go; open ones stay, however old; Empfang keeps all of its.
    const otherRequests = await db()
      .select({ status: requests.status })
      .from(requests)
      .where(inArray(requests.projectId, otherIds));
    expect(otherRequests.every((row) => !["resolved", "closed"].includes(row.status))).toBe(true);
    expect(await db().select().from(requests).where(eq(requests.id, resolved!.id))).toEqual([]);
    expect(await db().select().from(requests).where(eq(requests.projectId, empfang))).not.toEqual(
      [],
    );
    expect(
      await db()
        .select()
        .from(documents)
        .where(and(inArray(documents.projectId, otherIds), isNull(documents.entryId))),
    ).toEqual([]);
    expect(await db().select().from(documents).where(eq(documents.projectId, empfang))).not.toEqual(
      [],
    );
    // The stored file went with its document.
    const files = (
      await readdir(path.join(dataDir, "files"), { recursive: true, withFileTypes: true })
    ).filter((entry) => entry.isFile());
    expect(files).toEqual([]);
    // Contact persons are erased under a pseudonym, except the two who are held.
    const people = await db().select().from(contacts);
    expect(
      people
        .filter((row) => row.erasedAt === null)
        .map((row) => row.name)
        .sort(),
    ).toEqual(["Felix Roth", "Paul Brandt"]);
    // Audit events keep everything but their personal part, except those of the held project.
    const personal = await db()
      .select({ projectId: auditEvents.projectId })
      .from(auditEvents)
      .where(and(isNotNull(auditEvents.personalDigest), isNotNull(auditEvents.personal)));
    expect(personal.every((row) => row.projectId === empfang || row.projectId === null)).toBe(true);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    // The run's certificate, signed; the page shows it; the console counts nothing due now.
    const loaded = await runLoader(
      routeArgs(tokens.get("clara"), `${PAGE}/runs/${run.id}`, { runId: run.id }),
    );
    const certificate = loaded.certificate as RetentionCertificate;
    expect(certificateValid(certificate, auditSigningKey().publicKeyHex)).toBe(true);
    const result = (type: string) => certificate.results.find((row) => row.recordType === type)!;
    expect(result("entries")).toMatchObject({
      action: "delete",
      rows: allEntries.length - kept.length,
      heldBack: kept.length,
    });
    expect(result("contacts").heldBack).toBe(2);
    expect(certificate.ranBy).toBeNull();
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "retention.ran"),
          sql`${auditEvents.details}->>'runId' = ${run.id}`,
        ),
      );
    expect(certificate.audit.chainHeadAfter).toEqual({ seq: event!.seq, hash: event!.hash });
    expect(
      await statusOf(() =>
        runLoader(routeArgs(tokens.get("anna"), `${PAGE}/runs/${run.id}`, { runId: run.id })),
      ),
    ).toBe(404);

    // Nothing more is due (but the run's own audit event); the held records stay held.
    const again = await previewRetention(LATER);
    expect(
      again
        .filter((row) => row.figures.due > 0)
        .map((row) => [row.rule.recordType, row.figures.due]),
    ).toEqual([["auditEvents", 1]]);
    expect(again.find((row) => row.rule.recordType === "entries")!.figures.heldBack).toBe(
      kept.length,
    );
  });

  test("the daily job runs as the job, and by hand Clara's run names her", async () => {
    await retentionWorker.handler({});
    const byHand = (await post("clara", { intent: "run" })) as Response;
    expect(byHand.status).toBe(302);
    expect(byHand.headers.get("Location")).toMatch(
      /^\/compliance\/retention\/runs\/[0-9a-f-]{36}$/,
    );
    const listed = await page("clara");
    // Newest first: the two runs "in 2040" above, Clara's, then the job's today.
    expect(listed.runs.map((run) => run.ranBy)).toEqual([null, null, "Clara Vogt", null]);
    const consolePage = await consoleLoader(routeArgs(tokens.get("ida"), "/compliance", {}));
    expect(consolePage.due).toBe(0);
    expect(retentionWorker.schedule).toBe("30 3 * * *");
  });
});

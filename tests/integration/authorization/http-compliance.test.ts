import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { contacts, subjectExports, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { eraseDataSubject } from "~/features/erasure/index.server";
import { runRetention } from "~/features/retention/index.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { storage } from "~/kernel/storage/storage.server";
import { DEMO_PEOPLE, type DemoPerson } from "../../support/demo-people";
import { demoSessions } from "../../support/http-as";
import { actorByEmail } from "../../support/world";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * The compliance console, its audit explorer and the explorer's CSV export, asked through the
 * whole app for every demo user: compliance officers and administrators get in (and find it in
 * the menu); everyone else gets 404 on the pages, their `.data` and the export, with nothing of
 * the log in the answer. A data-subject export's file goes to the one who asked for it alone.
 */

let app: RemixApp;
let tokens: Map<DemoPerson, string>;
let cells = 0;

let claraExport: string;
let felixId: string;
let erasureId: string;
let runId: string;

beforeAll(async () => {
  tokens = await demoSessions();
  app = await startRemixApp();
  claraExport = await finishedExportOfClara();
  ({ felixId, erasureId, runId } = await certificates());
});

/** A contact person of their own erased by Clara, and a retention run: two certificates. */
async function certificates() {
  const [clara] = await db().select().from(users).where(eq(users.email, "clara@hansen.example"));
  const [felix] = await db().select().from(contacts).where(eq(contacts.name, "Felix Roth"));
  const [leaving] = await db()
    .insert(contacts)
    .values({ accountId: felix!.accountId, name: "Jonas Weggang", legalBasis: "consent" })
    .returning({ id: contacts.id });
  const actor = { userId: clara!.id, organizationId: clara!.organizationId };
  const ability = defineAbilityFor(await actorByEmail(db(), "clara@hansen.example"));
  const erased = await eraseDataSubject(ability, actor, {
    kind: "contact",
    id: leaving!.id,
    reference: "DSR-1",
  });
  const run = await runRetention(actor, clara!.id);
  return { felixId: felix!.id, erasureId: erased, runId: run.id };
}

/** A finished export Clara asked for, its file in the storage the app reads. */
async function finishedExportOfClara() {
  const [clara] = await db().select().from(users).where(eq(users.email, "clara@hansen.example"));
  const [felix] = await db().select().from(contacts).where(eq(contacts.name, "Felix Roth"));
  const key = `subject-export-${randomUUID()}`;
  const dir = await mkdtemp(path.join(tmpdir(), "ambit-http-export-"));
  const file = path.join(dir, "export.zip");
  await writeFile(file, "PK-not-really-a-zip");
  await (
    await storage()
  ).put(key, { path: file, size: 19, contentType: "application/zip", name: "export.zip" });
  await rm(dir, { recursive: true, force: true });
  const [row] = await db()
    .insert(subjectExports)
    .values({
      subjectKind: "contact",
      subjectId: felix!.id,
      requestedById: clara!.id,
      language: "en",
      timeZone: "Europe/Berlin",
      status: "done",
      fileKey: key,
      sizeBytes: 19,
      finishedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .returning({ id: subjectExports.id });
  return row!.id;
}

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, compliance): ${cells} cells`);
});

const cookieOf = (person: DemoPerson) => `${SESSION_COOKIE}=${tokens.get(person)}`;
const PATHS = [
  "/compliance",
  "/compliance.data",
  "/compliance/audit?group=read",
  "/compliance/audit.data?group=read",
  "/compliance/audit.csv?group=read",
  "/compliance/reviews",
  "/compliance/holds",
  "/compliance/holds.data",
  "/compliance/reviews.data",
  "/compliance/subject-requests",
  "/compliance/subject-requests.data",
  "/compliance/subject-requests?q=felix",
  "/compliance/erasures",
  "/compliance/erasures.data",
  "/compliance/retention",
  "/compliance/retention.data",
];
const AUDITORS: DemoPerson[] = ["ida", "clara"];

describe("the compliance console", () => {
  for (const person of DEMO_PEOPLE) {
    const allowed = AUDITORS.includes(person);
    test(`${person} ${allowed ? "opens it, its explorer and the export" : "gets 404 everywhere"}`, async () => {
      for (const path of PATHS) {
        const response = await app.get(path, cookieOf(person));
        const body = await response.text();
        cells += 1;
        expect(response.status, path).toBe(allowed ? 200 : 404);
        if (!allowed) expect(body, path).not.toContain("login_succeeded");
      }
      const home = await (await app.get("/", cookieOf(person))).text();
      expect(home.includes('href="/compliance"'), "menu entry").toBe(allowed);
    });
  }

  for (const person of DEMO_PEOPLE) {
    const allowed = person === "clara";
    test(`${person} ${allowed ? "downloads" : "gets 404 for"} the export Clara asked for`, async () => {
      const response = await app.get(
        `/compliance/subject-requests/${claraExport}/download`,
        cookieOf(person),
      );
      cells += 1;
      expect(response.status).toBe(allowed ? 200 : 404);
      if (allowed) expect(await response.text()).toBe("PK-not-really-a-zip");
      else expect(await response.text()).not.toContain("PK-not");
    });
  }

  for (const person of DEMO_PEOPLE) {
    const allowed = AUDITORS.includes(person);
    test(`${person} ${allowed ? "opens" : "gets 404 for"} an erasure's preview and the certificates`, async () => {
      for (const path of [
        `/compliance/erasures/contact/${felixId}`,
        `/compliance/erasures/${erasureId}`,
        `/compliance/erasures/${erasureId}/certificate.json`,
        `/compliance/retention/runs/${runId}`,
        `/compliance/retention/runs/${runId}/certificate.json`,
      ]) {
        const response = await app.get(path, cookieOf(person));
        const body = await response.text();
        cells += 1;
        expect(response.status, path).toBe(allowed ? 200 : 404);
        if (!allowed) expect(body, path).not.toContain("chainHeadAfter");
      }
    });
  }

  test("a signed-out visitor is sent to sign in, with nothing of the log", async () => {
    for (const path of PATHS) {
      const response = await app.get(path);
      // Single fetch answers a redirect of a `.data` request with 202 and the redirect inside.
      expect(response.status, path).toBe(path.includes(".data") ? 202 : 302);
      expect(await response.text(), path).not.toContain("login_succeeded");
    }
  });
});

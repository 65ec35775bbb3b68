import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { audienceIdFor } from "#db/audiences";
import { databaseKind, db, queryRows, type DatabaseHandle } from "#db/client.server";
import {
  auditEvents,
  contacts,
  entries,
  entryParticipants,
  requestComments,
  requests,
  subjectExports,
  users,
} from "#db/schema";
import { runSubjectExport, SUBJECT_EXPORT } from "~/features/compliance/index.server";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { localStorage, useStorage } from "~/kernel/storage/storage.server";
import { sweepStorage } from "~/kernel/storage/sweep.server";
import { loader as contactLoader } from "~/routes/_app.accounts.$accountId_.contacts.$contactId";
import { loader as consoleLoader } from "~/routes/_app.compliance._index";
import {
  action as requestsAction,
  loader as requestsLoader,
} from "~/routes/_app.compliance.subject-requests";
import { loader as downloadLoader } from "~/routes/compliance.subject-requests.$exportId.download";
import { DEMO_PEOPLE, demoEmails, type DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";
import { setEnv } from "../support/env";

/*
 * The data-subject export (issue 15, part 7): Felix Roth asks what Ambit stores about him; Clara
 * finds him, starts the export, follows it, and downloads a ZIP with everything that names him
 * and who accessed it. Only she may take the file, and only for a day.
 */

const { tokens, ids } = demoWorld();
const handle = () => ({ kind: databaseKind()!, db: db() }) as DatabaseHandle;
const PAGE = "/compliance/subject-requests";
const FELIX_EMAIL = "felix@cafe-morgenrot.example";
const PLANTED = "Rückruf an felix@cafe-morgenrot.example <script>alert('felix')</script> PLANTED";

let dataDir: string;
let restoreEnv: () => void;
let felix: typeof contacts.$inferSelect;

beforeAll(async () => {
  // A storage of this file's own: the sweep below deletes files, never the shared folder's.
  dataDir = await mkdtemp(path.join(tmpdir(), "ambit-subject-export-"));
  restoreEnv = setEnv({ DATA_DIR: dataDir });
  useStorage(localStorage(path.join(dataDir, "files")));
  const [row] = await db().select().from(contacts).where(eq(contacts.name, "Felix Roth"));
  felix = row!;
  await plantMentions();
  await startJobs(handle(), [{ name: SUBJECT_EXPORT, handler: async () => undefined }]);
});

afterAll(async () => {
  await stopJobs();
  useStorage(undefined);
  restoreEnv();
  await rm(dataDir, { recursive: true, force: true });
});

async function userOf(person: DemoPerson) {
  const [row] = await db().select().from(users).where(eq(users.email, demoEmails[person]));
  return row!;
}

/**
 * Besides MAPLE (his name and number): a note naming his address (with markup in it), an email
 * from him that names him only in its headers, a meeting he took part in that names him
 * nowhere, and a comment on CORAL naming him.
 */
async function plantMentions() {
  const anna = await userOf("anna");
  const aurora = ids.markers.get("AURORA")!;
  const entry = async (values: Partial<typeof entries.$inferInsert> & { subject: string }) => {
    const [row] = await db()
      .insert(entries)
      .values({
        projectId: aurora.projectId,
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
  await entry({ subject: "Notiz PLANTED", bodyText: PLANTED });
  // Another man whose name begins like his: his texts must not go to Felix.
  await entry({ subject: "Notiz NEARMISS", bodyText: "Rückruf an Felix Rothmann, Einkauf" });
  await entry({
    subject: "Grundrisse HEADERS",
    channel: "email",
    direction: "inbound",
    bodyText: "Anbei die Grundrisse.",
    details: { from: `Einkauf <${FELIX_EMAIL}>`, to: ["anna@hansen.example"] },
  });
  const meeting = await entry({ subject: "Aufmaß PARTICIPANT", channel: "meeting" });
  await db().insert(entryParticipants).values({ entryId: meeting, contactId: felix.id });
  const [coral] = await db()
    .select()
    .from(requests)
    .where(sql`${requests.title} like '%CORAL'`);
  await db()
    .insert(requestComments)
    .values({
      requestId: coral!.id,
      authorId: anna.id,
      authorOrganizationId: anna.organizationId,
      audienceId: await audienceIdFor(db(), "internal"),
      bodyText: "Felix Roth will die Stühle selbst abholen",
    });
}

const page = (person: DemoPerson, query = "") =>
  requestsLoader(routeArgs(tokens.get(person), `${PAGE}${query}`, {}));

const download = (person: DemoPerson, exportId: string) =>
  downloadLoader(
    routeArgs(tokens.get(person), `${PAGE}/${exportId}/download`, { exportId }),
  ) as Promise<Response>;

/** Starts Felix's export as Clara and runs its job here, as the worker would. */
async function exportFelix() {
  const post = await requestsAction(
    routeArgs(tokens.get("clara"), PAGE, {}, formBody({ kind: "contact", id: felix.id })),
  );
  expect((post as Response).status).toBe(302);
  const [row] = await db()
    .select()
    .from(subjectExports)
    .orderBy(desc(subjectExports.createdAt))
    .limit(1);
  const queued = await page("clara");
  expect(queued.exports[0]).toMatchObject({
    id: row!.id,
    name: "Felix Roth",
    status: "queued",
    downloadHref: null,
  });
  const jobs = await queryRows<{ data: { id: string } }>(
    db(),
    sql`select data from pgboss.job where name = ${SUBJECT_EXPORT} and data->>'id' = ${row!.id}`,
  );
  expect(jobs).toHaveLength(1);
  await runSubjectExport(jobs[0]!.data);
  return row!.id;
}

async function unzip(response: Response) {
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return {
    names: Object.keys(files).sort(),
    html: strFromU8(files["summary.html"]!),
    json: JSON.parse(strFromU8(files["data.json"]!)) as {
      person: { name: string; record: Record<string, unknown> };
      entries: { subject: string; reasons: string[] }[];
      documents: { title: string }[];
      requests: { title: string }[];
      comments: { bodyText: string; requestTitle: string }[];
      accessLog: { events: { action: string; actor: string | null; sentence: string }[] };
      documentFilesIncluded: boolean;
    },
  };
}

describe("Felix Roth's data-subject export", () => {
  let exportId: string;

  test("Clara finds him by address, starts it, and downloads a ZIP of what names him", async () => {
    // Anna opens his contact page first: the export must say so.
    await contactLoader(
      routeArgs(tokens.get("anna"), `/accounts/${felix.accountId}/contacts/${felix.id}`, {
        accountId: felix.accountId,
        contactId: felix.id,
      }),
    );
    const found = await page("clara", `?q=${encodeURIComponent("felix@cafe")}`);
    expect(found.people).toEqual([
      expect.objectContaining({ kind: "contact", id: felix.id, name: "Felix Roth" }),
    ]);

    exportId = await exportFelix();
    const done = await page("clara");
    const row = done.exports.find((item) => item.id === exportId)!;
    expect(row).toMatchObject({ status: "done", progress: 6, total: 6 });
    expect(row.downloadHref).toBe(`${PAGE}/${exportId}/download`);
    expect(row.minutesLeft).toBeGreaterThan(23 * 60);

    const response = await download("clara", exportId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    const { names, html, json } = await unzip(response);
    expect(names).toEqual(["data.json", "summary.html"]);

    expect(json.person.record).toMatchObject({
      name: "Felix Roth",
      email: FELIX_EMAIL,
      roleTitle: "Einkauf",
      account: "Café Morgenrot GmbH",
    });
    const reasons = Object.fromEntries(json.entries.map((entry) => [entry.subject, entry.reasons]));
    // Exactly what names him, each with why: nothing of the other demo entries.
    expect(reasons).toEqual({
      "Rückruf Eva Terminwunsch MAPLE": ["name", "phone"],
      "Notiz PLANTED": ["email"],
      "Grundrisse HEADERS": ["emailHeader", "email"],
      "Aufmaß PARTICIPANT": ["participant"],
    });
    expect(json.requests.map((request) => request.title)).toEqual([]);
    expect(json.comments).toEqual([
      expect.objectContaining({ bodyText: "Felix Roth will die Stühle selbst abholen" }),
    ]);
    expect(json.comments[0]!.requestTitle).toMatch(/CORAL$/);
    expect(json.documentFilesIncluded).toBe(false);

    // Who accessed his data: Anna's visit, and Clara's request itself.
    const log = json.accessLog.events;
    expect(log).toContainEqual(
      expect.objectContaining({
        action: "contact.viewed",
        actor: "Anna Berg",
        sentence: "Anna Berg (Hansen Innenausbau GmbH) viewed the contact details of “Felix Roth”",
      }),
    );
    expect(log.map((event) => event.action)).toContain("subject_export.requested");

    // The summary is readable and escaped: the planted markup arrives as text.
    expect(html).toContain("What Ambit stores about Felix Roth");
    expect(html).toContain("&lt;script&gt;alert(&#39;felix&#39;)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("viewed the contact details of “Felix Roth”");
  });

  test("requesting and downloading are in the audit log, against his record", async () => {
    const clara = await userOf("clara");
    const events = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, "Contact"),
          eq(auditEvents.subjectId, felix.id),
          sql`${auditEvents.action} like 'subject_export.%'`,
        ),
      );
    expect(events.map((event) => [event.action, event.actorUserId])).toEqual([
      ["subject_export.requested", clara.id],
      ["subject_export.downloaded", clara.id],
    ]);
    expect(events[1]!.details).toMatchObject({ exportId });
  });

  test("nobody but Clara downloads it: Ida sees it listed, and gets 404 for the file", async () => {
    const listed = (await page("ida")).exports.find((item) => item.id === exportId)!;
    expect(listed).toMatchObject({ status: "done", downloadHref: null });
    for (const person of DEMO_PEOPLE.filter((name) => name !== "clara")) {
      expect(await statusOf(() => download(person, exportId)), person).toBe(404);
    }
    expect(await statusOf(() => download("clara", "not-a-uuid"))).toBe(404);
    expect(await statusOf(() => download("clara", crypto.randomUUID()))).toBe(404);
  });

  test("after 24 hours the file is refused, and the sweep removes it", async () => {
    const fresh = await exportFelix();
    await db()
      .update(subjectExports)
      .set({ expiresAt: new Date(Date.now() - 3_600_000) })
      .where(eq(subjectExports.id, exportId));
    const response = await statusOf(() => download("clara", exportId));
    expect(response).toBe(410);
    const listed = (await page("clara")).exports.find((item) => item.id === exportId)!;
    expect(listed).toMatchObject({ status: "expired", downloadHref: null });

    const keys = async () =>
      (await readdir(path.join(dataDir, "files"), { recursive: true })).filter((name) =>
        name.includes("subject-export-"),
      );
    const [expired] = await db()
      .select()
      .from(subjectExports)
      .where(eq(subjectExports.id, exportId));
    const [kept] = await db().select().from(subjectExports).where(eq(subjectExports.id, fresh));
    expect(await keys()).toHaveLength(2);
    // Two hours on: past the sweep's grace period, well within the fresh export's day.
    await sweepStorage({
      storage: localStorage(path.join(dataDir, "files")),
      now: new Date(Date.now() + 2 * 3_600_000),
    });
    const left = await keys();
    expect(left.some((name) => name.endsWith(expired!.fileKey!))).toBe(false);
    expect(left.some((name) => name.endsWith(kept!.fileKey!))).toBe(true);
    expect((await download("clara", fresh)).status).toBe(200);
  });

  test("the console counts the requests and links to them", async () => {
    const console = await consoleLoader(routeArgs(tokens.get("clara"), "/compliance", {}));
    expect(console.subjectRequests).toEqual({ open: 0, recent: 2 });
  });
});

describe("who may ask", () => {
  test("everyone but administrators and compliance officers gets 404, and starts nothing", async () => {
    for (const person of DEMO_PEOPLE) {
      const allowed = person === "ida" || person === "clara";
      expect(await statusOf(() => page(person)), person).toBe(allowed ? 200 : 404);
      if (allowed) continue;
      const before = await db().$count(subjectExports);
      const post = () =>
        requestsAction(
          routeArgs(tokens.get(person), PAGE, {}, formBody({ kind: "contact", id: felix.id })),
        );
      expect(await statusOf(post), person).toBe(404);
      expect(await db().$count(subjectExports)).toBe(before);
    }
  });

  test("a person who does not exist starts nothing", async () => {
    const before = await db().$count(subjectExports);
    for (const fields of [
      { kind: "contact", id: crypto.randomUUID() },
      { kind: "robot", id: felix.id },
      { kind: "user", id: "x" },
    ]) {
      const post = await requestsAction(routeArgs(tokens.get("clara"), PAGE, {}, formBody(fields)));
      expect((post as Response).status).toBe(302);
    }
    expect(await db().$count(subjectExports)).toBe(before);
  });
});

describe("a user's export", () => {
  test("Eva as a user: her record, sign-ins, and the request she opened", async () => {
    const eva = await userOf("eva");
    await requestsAction(
      routeArgs(tokens.get("ida"), PAGE, {}, formBody({ kind: "user", id: eva.id })),
    );
    const [row] = await db()
      .select()
      .from(subjectExports)
      .orderBy(desc(subjectExports.createdAt))
      .limit(1);
    expect(row!.subjectId).toBe(eva.id);
    await runSubjectExport({ id: row!.id });
    // Ida asked for this one: hers to take, not Clara's.
    expect(await statusOf(() => download("clara", row!.id))).toBe(404);
    const { json, html } = await unzip(await download("ida", row!.id));
    expect(json.person.record).toMatchObject({
      email: "eva@cafe-morgenrot.example",
      role: "customer",
    });
    expect(json.person.record).not.toHaveProperty("passwordHash");
    expect(json.person.record).not.toHaveProperty("totpKey");
    expect(Array.isArray(json.person.record.sessions)).toBe(true);
    expect(json.requests.map((request) => request.title)).toEqual([
      expect.stringMatching(/CORAL$/),
    ]);
    expect(json.requests.map((request) => request.title).join()).not.toMatch(/DELTA/);
    expect(html).toContain("What Ambit stores about Eva Roth");
  });
});

import { and, desc, eq, gt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, contacts, organizations, users } from "#db/schema";
import { loader as accountLoader } from "~/routes/_app.accounts.$accountId";
import {
  action as contactAction,
  loader as contactLoader,
} from "~/routes/_app.accounts.$accountId_.contacts.$contactId";
import { loader as listLoader } from "~/routes/_app.accounts._index";
import { verifyAuditChain } from "~/kernel/audit/audit.server";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { formRequest, makeRequestContext, setCookies } from "../support/request";

let morgenrotId: string;
let felixId: string;
const cookies = new Map<string, string>();

async function sessionCookie(email: string) {
  const cached = cookies.get(email);
  if (cached) return { [SESSION_COOKIE]: cached };
  const [user] = await db().select().from(users).where(eq(users.email, email));
  const { token } = await createSession(user!.id, {
    ip: "203.0.113.60",
    userAgent: "accounts-test",
    twoFactorVerified: true,
  });
  cookies.set(email, token);
  return { [SESSION_COOKIE]: token };
}

const ANNA = "anna@hansen.example";

async function get(email: string, path: string) {
  const cookie = await sessionCookie(email);
  return new Request(new URL(path, "http://localhost:3000"), {
    headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookie[SESSION_COOKIE]}` },
  });
}

async function post(email: string, path: string, fields: Record<string, string>) {
  return formRequest(path, fields, { cookies: await sessionCookie(email) });
}

async function lastSeq() {
  const [row] = await db()
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row?.seq ?? 0;
}

async function eventsAfter(seq: number) {
  return db().select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(auditEvents.seq);
}

async function contactRow(id: string) {
  const [row] = await db().select().from(contacts).where(eq(contacts.id, id));
  return row!;
}

async function contactCount() {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts);
  return row!.n;
}

function toastOf(response: Response) {
  const cookie = setCookies(response).get("ambit_toast");
  return cookie ? (JSON.parse(cookie.value) as { tone: string; message: string }) : null;
}

function createContact(email: string, fields: Record<string, string>) {
  const path = `/accounts/${morgenrotId}/contacts/new`;
  return post(email, path, fields).then((request) =>
    contactAction({
      request,
      params: { accountId: morgenrotId, contactId: "new" },
      context: makeRequestContext(),
    }),
  );
}

function editContact(email: string, contactId: string, fields: Record<string, string>) {
  const path = `/accounts/${morgenrotId}/contacts/${contactId}`;
  return post(email, path, fields).then((request) =>
    contactAction({
      request,
      params: { accountId: morgenrotId, contactId },
      context: makeRequestContext(),
    }),
  );
}

beforeAll(async () => {
  const [account] = await db()
    .select()
    .from(organizations)
    .where(eq(organizations.name, "Café Morgenrot GmbH"));
  morgenrotId = account!.id;
  const [felix] = await db().select().from(contacts).where(eq(contacts.name, "Felix Roth"));
  felixId = felix!.id;
});

describe("adding a contact person", () => {
  test("an account manager adds one; it is stored, audited without its values, and toasted", async () => {
    const before = await lastSeq();
    const response = await createContact(ANNA, {
      name: "  Jana Kühn ",
      roleTitle: "Schichtleitung",
      email: "jana@cafe-morgenrot.example",
      phone: "+49 40 555 0103",
      legalBasis: "legitimate_interest",
      notes: "Bevorzugt Anrufe vormittags.",
    });
    expect(response).toBeInstanceOf(Response);
    const redirect = response as Response;
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe(`/accounts/${morgenrotId}`);
    expect(toastOf(redirect)).toEqual({
      tone: "success",
      message: "Jana Kühn was added as a contact person.",
    });

    const [stored] = await db().select().from(contacts).where(eq(contacts.name, "Jana Kühn"));
    expect(stored).toMatchObject({
      accountId: morgenrotId,
      roleTitle: "Schichtleitung",
      email: "jana@cafe-morgenrot.example",
      phone: "+49 40 555 0103",
      legalBasis: "legitimate_interest",
      notes: "Bevorzugt Anrufe vormittags.",
    });

    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    const [anna] = await db().select().from(users).where(eq(users.email, ANNA));
    expect(events[0]).toMatchObject({
      action: "contact.created",
      subjectType: "Contact",
      subjectId: stored!.id,
      actorUserId: anna!.id,
      actorOrganizationId: anna!.organizationId,
    });
    expect(events[0]!.details).toEqual({
      accountId: morgenrotId,
      fields: ["name", "roleTitle", "email", "phone", "legalBasis", "notes"],
    });
    // No personal data in the append-only log.
    expect(JSON.stringify(events[0])).not.toContain("jana@");
    expect(JSON.stringify(events[0])).not.toContain("555 0103");
  });

  test("only name and legal basis are required", async () => {
    const response = (await createContact(ANNA, {
      name: "Tim Roth",
      legalBasis: "contract",
    })) as Response;
    expect(response.status).toBe(302);
    const [stored] = await db().select().from(contacts).where(eq(contacts.name, "Tim Roth"));
    expect(stored).toMatchObject({ roleTitle: "", email: null, phone: null, notes: "" });
  });

  test("bad input names each problem, keeps what was typed and stores nothing", async () => {
    const before = await lastSeq();
    const count = await contactCount();
    const fields = {
      name: "   ",
      roleTitle: "Aushilfe",
      email: "not-an-address",
      phone: "call me maybe",
      notes: "Nur dienstags erreichbar.",
    };
    const reply = await createContact(ANNA, fields);
    expect(reply).not.toBeInstanceOf(Response);
    const result = reply as Exclude<typeof reply, Response>;
    expect(result.status).toBe("error");
    expect(result.error).toEqual({
      name: ["Enter the contact person's name."],
      email: ["Enter an email address like name@company.com, or leave it empty."],
      phone: ["Enter a phone number with digits, spaces and + ( ) - / only, or leave it empty."],
      legalBasis: ["Choose the legal basis for keeping this person's details."],
    });
    expect(result.initialValue).toMatchObject({
      roleTitle: "Aushilfe",
      email: "not-an-address",
      phone: "call me maybe",
      notes: "Nur dienstags erreichbar.",
    });
    expect(await contactCount()).toBe(count);
    expect(await eventsAfter(before)).toHaveLength(0);
  });

  test("an unknown legal basis is refused", async () => {
    const count = await contactCount();
    const reply = await createContact(ANNA, { name: "Lia Roth", legalBasis: "because" });
    expect(reply).not.toBeInstanceOf(Response);
    expect((reply as { error?: Record<string, unknown> }).error).toHaveProperty("legalBasis");
    expect(await contactCount()).toBe(count);
  });
});

describe("editing a contact person", () => {
  test("an account manager changes fields; the event names the changed ones", async () => {
    const before = await lastSeq();
    const original = await contactRow(felixId);
    const response = (await editContact(ANNA, felixId, {
      name: "Felix Roth",
      roleTitle: "Einkauf und Lager",
      email: original.email!,
      phone: "+49 40 555 0199",
      legalBasis: original.legalBasis,
      notes: "Neue Durchwahl seit März.",
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/accounts/${morgenrotId}`);
    expect(toastOf(response)).toEqual({
      tone: "success",
      message: "The changes to Felix Roth were saved.",
    });

    const updated = await contactRow(felixId);
    expect(updated).toMatchObject({
      name: "Felix Roth",
      roleTitle: "Einkauf und Lager",
      email: original.email,
      phone: "+49 40 555 0199",
      notes: "Neue Durchwahl seit März.",
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(original.updatedAt.getTime());
    const events = await eventsAfter(before);
    expect(events.map((event) => event.action)).toEqual(["contact.updated"]);
    expect(events[0]).toMatchObject({ subjectType: "Contact", subjectId: felixId });
    expect(events[0]!.details).toEqual({
      accountId: morgenrotId,
      changed: ["roleTitle", "phone", "notes"],
    });
  });

  test("a validation error keeps the typed input and leaves the stored record as it was", async () => {
    const before = await lastSeq();
    const original = await contactRow(felixId);
    const reply = await editContact(ANNA, felixId, {
      name: "Felix R.",
      roleTitle: "Geschäftsleitung",
      email: "felix(at)cafe",
      phone: original.phone ?? "",
      legalBasis: "consent",
      notes: "Soll nicht gespeichert werden.",
    });
    expect(reply).not.toBeInstanceOf(Response);
    const result = reply as Exclude<typeof reply, Response>;
    expect(result.error).toEqual({
      email: ["Enter an email address like name@company.com, or leave it empty."],
    });
    expect(result.initialValue).toMatchObject({
      name: "Felix R.",
      roleTitle: "Geschäftsleitung",
      email: "felix(at)cafe",
      legalBasis: "consent",
      notes: "Soll nicht gespeichert werden.",
    });
    expect(await contactRow(felixId)).toEqual(original);
    expect(await eventsAfter(before)).toHaveLength(0);
  });

  test("saving without changes writes nothing and says so", async () => {
    const original = await contactRow(felixId);
    const before = await lastSeq();
    const response = (await editContact(ANNA, felixId, {
      name: original.name,
      roleTitle: original.roleTitle,
      email: original.email ?? "",
      phone: original.phone ?? "",
      legalBasis: original.legalBasis,
      notes: original.notes,
    })) as Response;
    expect(response.status).toBe(302);
    expect(toastOf(response)).toEqual({ tone: "info", message: "Nothing was changed." });
    expect(await contactRow(felixId)).toEqual(original);
    expect(await eventsAfter(before)).toHaveLength(0);
  });

  test("clearing optional fields stores them as empty", async () => {
    const original = await contactRow(felixId);
    const response = (await editContact(ANNA, felixId, {
      name: original.name,
      legalBasis: original.legalBasis,
    })) as Response;
    expect(response.status).toBe(302);
    expect(await contactRow(felixId)).toMatchObject({
      roleTitle: "",
      email: null,
      phone: null,
      notes: "",
    });
  });

  test("the edit page shows the stored values to a writer and records the read", async () => {
    const before = await lastSeq();
    const data = await contactLoader({
      request: await get(ANNA, `/accounts/${morgenrotId}/contacts/${felixId}`),
      params: { accountId: morgenrotId, contactId: felixId },
      context: makeRequestContext(),
    });
    expect(data.canEdit).toBe(true);
    expect(data.contact).toMatchObject({ id: felixId, name: "Felix Roth", detailsVisible: true });
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "contact.viewed",
      subjectType: "Contact",
      subjectId: felixId,
    });
  });
});

describe("reading an account", () => {
  test("the list counts what the reader may see and searches by name", async () => {
    const all = await listLoader({
      request: await get(ANNA, "/accounts"),
      params: {},
      context: makeRequestContext(),
    });
    const morgenrot = all.accounts.find((account) => account.id === morgenrotId)!;
    const stored = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.accountId, morgenrotId));
    expect(morgenrot.contactCount).toBe(stored[0]!.n);
    expect(morgenrot.projectCount).toBe(2);

    const found = await listLoader({
      request: await get(ANNA, "/accounts?q=brandt"),
      params: {},
      context: makeRequestContext(),
    });
    expect(found.accounts.map((account) => account.name)).toEqual(["Kanzlei Brandt"]);
    const none = await listLoader({
      request: await get(ANNA, "/accounts?q=%25"),
      params: {},
      context: makeRequestContext(),
    });
    expect(none.accounts).toEqual([]);
  });

  test("the account page records account.viewed and one contact.viewed per contact with details", async () => {
    const before = await lastSeq();
    const data = await accountLoader({
      request: await get(ANNA, `/accounts/${morgenrotId}`),
      params: { accountId: morgenrotId },
      context: makeRequestContext(),
    });
    const events = await eventsAfter(before);
    expect(events[0]).toMatchObject({
      action: "account.viewed",
      subjectType: "Account",
      subjectId: morgenrotId,
    });
    expect(events[0]!.details).toMatchObject({
      contactIds: data.contacts.map((contact) => contact.id),
    });
    expect(
      events
        .slice(1)
        .map((event) => [event.action, event.subjectId])
        .sort(),
    ).toEqual(data.contacts.map((contact) => ["contact.viewed", contact.id]).sort());
  });

  test("a reader without the contacts section leaves no contact.viewed", async () => {
    const before = await lastSeq();
    const data = await accountLoader({
      request: await get("jonas@holzwerk-meyer.example", `/accounts/${morgenrotId}`),
      params: { accountId: morgenrotId },
      context: makeRequestContext(),
    });
    expect(data.contacts.length).toBeGreaterThan(0);
    const events = await eventsAfter(before);
    expect(events.map((event) => event.action)).toEqual(["account.viewed"]);
  });

  test("every write and read above kept the audit chain intact", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    const [contactEvents] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectType, "Contact"), eq(auditEvents.action, "contact.created")),
      );
    expect(contactEvents!.n).toBe(2);
  });
});

describe("who can see a contact person", () => {
  const visibilityOf = async (email: string, accountId: string, contactId: string) =>
    (
      await contactLoader({
        request: await get(email, `/accounts/${accountId}/contacts/${contactId}`),
        params: { accountId, contactId },
        context: makeRequestContext(),
      })
    ).visibility;

  test("each member organisation by the policy: details with the contacts section, else the name", async () => {
    const felix = await visibilityOf(ANNA, morgenrotId, felixId);
    expect(
      Object.fromEntries(felix!.organizations.map((org) => [org.organizationName, org.sees])),
    ).toEqual({
      "Café Morgenrot GmbH": "name",
      "Holzwerk Meyer KG": "name",
      "Studio Lumen": "details",
    });
    // Kanzlei Brandt's contact: Studio Lumen's membership there expired yesterday.
    const [brandt] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Kanzlei Brandt"));
    const [paul] = await db().select().from(contacts).where(eq(contacts.name, "Paul Brandt"));
    const paulSeen = await visibilityOf(ANNA, brandt!.id, paul!.id);
    expect(
      Object.fromEntries(paulSeen!.organizations.map((org) => [org.organizationName, org.sees])),
    ).toEqual({
      "Kanzlei Brandt": "name",
      "Mara Wolff Design": "name",
      "Studio Lumen": "nothing",
    });
  });

  test("partners and customers are not told", async () => {
    expect(await visibilityOf("lena@studio-lumen.example", morgenrotId, felixId)).toBeNull();
    expect(await visibilityOf("eva@cafe-morgenrot.example", morgenrotId, felixId)).toBeNull();
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { demoContacts } from "#db/seed/demo-world";
import { auditEvents, contacts, organizations, projects, users } from "#db/schema";
import { loader as accountLoader } from "~/routes/_app.accounts.$accountId";
import {
  action as contactAction,
  loader as contactLoader,
} from "~/routes/_app.accounts.$accountId_.contacts.$contactId";
import { loader as listLoader } from "~/routes/_app.accounts._index";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { formRequest, makeRequestContext } from "../../support/request";
import { demoEmails } from "../../support/demo-people";

/*
 * The HTTP layer of the authorization matrix for accounts and contacts: every demo user calls the
 * real loaders and actions with a real session cookie, and every answer is compared with
 * shared/DEMO_WORLD.md — which accounts are listed (with which counts), which account and contact
 * pages open or answer 404, whose email and phone and which projects a page carries, and which
 * writes are refused (403 where the record is visible, 404 where it is not) without storing a
 * thing. The CASL and SQL layer of the same rules is matrix.test.ts.
 */

const HOST = ["ida", "anna", "tom", "clara"] as const;
const EVERYONE = [...HOST, "lena", "jonas", "mara", "eva", "paul"] as const;
type Person = (typeof EVERYONE)[number];
const WRITERS: readonly Person[] = ["ida", "anna", "tom"];

const emails: Record<Person, string> = demoEmails;

const MORGENROT = "Café Morgenrot GmbH";
const BRANDT = "Kanzlei Brandt";
const ACCOUNTS = [MORGENROT, BRANDT] as const;
type AccountName = (typeof ACCOUNTS)[number];
const G = "Morgenrot – Umbau Gastraum";
const E = "Brandt – Empfang";
const T = "Morgenrot – Terrasse";

const contactsOf: Record<AccountName, string[]> = {
  [MORGENROT]: ["Eva Roth", "Felix Roth"],
  [BRANDT]: ["Paul Brandt"],
};

/** Per person: the accounts they may open, and the projects each page lists for them. */
const visible: Record<Person, Partial<Record<AccountName, string[]>>> = {
  ida: { [MORGENROT]: [G, T], [BRANDT]: [E] },
  anna: { [MORGENROT]: [G, T], [BRANDT]: [E] },
  tom: { [MORGENROT]: [G, T], [BRANDT]: [E] },
  clara: { [MORGENROT]: [G, T], [BRANDT]: [E] },
  lena: { [MORGENROT]: [G] },
  jonas: { [MORGENROT]: [G] },
  eva: { [MORGENROT]: [G] },
  mara: { [BRANDT]: [E] },
  paul: { [BRANDT]: [E] },
};

/** Whose email and phone each person reads: the host, and Studio Lumen (contacts section). */
const detailed: Record<Person, AccountName[]> = {
  ida: [MORGENROT, BRANDT],
  anna: [MORGENROT, BRANDT],
  tom: [MORGENROT, BRANDT],
  clara: [MORGENROT, BRANDT],
  lena: [MORGENROT],
  jonas: [],
  eva: [],
  mara: [],
  paul: [],
};

const isHost = (person: Person) => (HOST as readonly string[]).includes(person);

/** The start of each refusal in the reader's language: Eva and Paul chose German. */
const refusals = (person: Person) =>
  person === "eva" || person === "paul"
    ? {
        create: /^Sie können keine Ansprechpartner hinzufügen/,
        edit: /^Sie können keine Ansprechpartner ändern/,
      }
    : { create: /^You cannot add contact persons/, edit: /^You cannot change contact persons/ };

let cells = 0;
/** One checked cell of the matrix. */
function cell<T>(actual: T, expected: T, message: string) {
  cells += 1;
  expect.soft(actual, message).toEqual(expected);
}

const accountIds = new Map<AccountName, string>();
const contactIds = new Map<string, string>();
const tokens = new Map<Person, string>();
const secrets = demoContacts.flatMap((contact) => [contact.email, contact.phone]);

beforeAll(async () => {
  for (const org of await db().select().from(organizations)) {
    if ((ACCOUNTS as readonly string[]).includes(org.name)) {
      accountIds.set(org.name as AccountName, org.id);
    }
  }
  for (const row of await db().select().from(contacts)) contactIds.set(row.name, row.id);
  for (const person of EVERYONE) {
    const [user] = await db().select().from(users).where(eq(users.email, emails[person]));
    const { token } = await createSession(user!.id, {
      ip: "203.0.113.70",
      userAgent: "http-accounts-test",
      twoFactorVerified: true,
    });
    tokens.set(person, token);
  }
});

afterAll(() => {
  // The closing note quotes this number.
  console.info(`accounts HTTP matrix: ${cells} cells checked`);
});

function getRequest(person: Person, path: string) {
  return new Request(new URL(path, "http://localhost:3000"), {
    headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${tokens.get(person)}` },
  });
}

function postRequest(person: Person, path: string, fields: Record<string, string>) {
  return formRequest(path, fields, { cookies: { [SESSION_COOKIE]: tokens.get(person)! } });
}

type Outcome<T> = { status: number; data?: T; body?: string };

/** A loader's or action's answer: its data, a returned Response, or a thrown Response. */
async function outcome<T>(run: () => Promise<T>): Promise<Outcome<Exclude<T, Response>>> {
  try {
    const data = await run();
    if (data instanceof Response) return { status: data.status, body: await data.text() };
    return { status: 200, data: data as Exclude<T, Response> };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: await error.text() };
    throw error;
  }
}

const context = () => makeRequestContext();

function openAccount(person: Person, accountId: string) {
  return outcome(() =>
    accountLoader({
      request: getRequest(person, `/accounts/${accountId}`),
      params: { accountId },
      context: context(),
    }),
  );
}

function openContact(person: Person, accountId: string, contactId: string) {
  return outcome(() =>
    contactLoader({
      request: getRequest(person, `/accounts/${accountId}/contacts/${contactId}`),
      params: { accountId, contactId },
      context: context(),
    }),
  );
}

function postContact(
  person: Person,
  accountId: string,
  contactId: string,
  fields: Record<string, string>,
) {
  return outcome(() =>
    contactAction({
      request: postRequest(person, `/accounts/${accountId}/contacts/${contactId}`, fields),
      params: { accountId, contactId },
      context: context(),
    }),
  );
}

async function contactSnapshot() {
  return db().select().from(contacts).orderBy(contacts.id);
}

describe("/accounts lists exactly the visible accounts, with counts of what the reader sees", () => {
  for (const person of EVERYONE) {
    test(person, async () => {
      const data = await listLoader({
        request: getRequest(person, "/accounts"),
        params: {},
        context: context(),
      });
      for (const name of ACCOUNTS) {
        const row = data.accounts.find((account) => account.name === name);
        const projectsSeen = visible[person][name];
        cell(Boolean(row), Boolean(projectsSeen), `${person} lists ${name}`);
        if (row && projectsSeen) {
          cell(row.contactCount, contactsOf[name].length, `${person}: contacts of ${name}`);
          cell(row.projectCount, projectsSeen.length, `${person}: projects of ${name}`);
        }
      }
      cell(data.accounts.length, Object.keys(visible[person]).length, `${person}: list length`);
    });
  }
});

describe("/accounts/:id opens for readers, answers 404 to everyone else", () => {
  for (const person of EVERYONE) {
    test(person, async () => {
      for (const name of ACCOUNTS) {
        const result = await openAccount(person, accountIds.get(name)!);
        const projectsSeen = visible[person][name];
        cell(result.status, projectsSeen ? 200 : 404, `${person} opens ${name}`);
        if (!result.data || !projectsSeen) {
          // The 404 says nothing about the account.
          expect(result.body ?? "").not.toContain(name);
          continue;
        }
        const data = result.data;
        cell(
          data.projects.map((project) => project.name).sort(),
          [...projectsSeen].sort(),
          `${person}: projects on ${name}`,
        );
        const withDetails = detailed[person].includes(name);
        for (const contactName of contactsOf[name]) {
          const contact = data.contacts.find((row) => row.name === contactName);
          const seed = demoContacts.find((row) => row.name === contactName)!;
          cell(Boolean(contact), true, `${person} sees ${contactName} on ${name}`);
          cell(contact?.roleTitle, seed.roleTitle, `${person}: role of ${contactName}`);
          cell(contact?.email ?? null, withDetails ? seed.email : null, `${person}: email`);
          cell(contact?.phone ?? null, withDetails ? seed.phone : null, `${person}: phone`);
          cell(
            contact?.legalBasis ?? null,
            isHost(person) ? seed.legalBasis : null,
            `${person}: legal basis of ${contactName}`,
          );
          cell(contact?.canEdit, WRITERS.includes(person), `${person} may edit ${contactName}`);
        }
        cell(data.contacts.length, contactsOf[name].length, `${person}: contacts on ${name}`);
        cell(data.canCreateContact, WRITERS.includes(person), `${person} may add to ${name}`);
        if (!withDetails) {
          const page = JSON.stringify(data);
          for (const secret of secrets) {
            cell(page.includes(secret), false, `${person}'s ${name} page carries ${secret}`);
          }
        }
      }
    });
  }

  test("Jonas sees Eva Roth's and Felix Roth's names and roles, and no email or phone", async () => {
    const result = await openAccount("jonas", accountIds.get(MORGENROT)!);
    expect(
      result.data!.contacts.map(({ name, roleTitle, email, phone, notes }) => ({
        name,
        roleTitle,
        email,
        phone,
        notes,
      })),
    ).toEqual([
      { name: "Eva Roth", roleTitle: "Geschäftsführerin", email: null, phone: null, notes: null },
      { name: "Felix Roth", roleTitle: "Einkauf", email: null, phone: null, notes: null },
    ]);
  });

  test("a malformed or unknown id is the same 404", async () => {
    for (const accountId of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const result = await openAccount("anna", accountId);
      cell(result.status, 404, `anna opens ${accountId}`);
    }
    // A project id is not an account.
    const [project] = await db().select().from(projects).limit(1);
    cell((await openAccount("ida", project!.id)).status, 404, "a project id as account");
    // Nor is the host or a partner organisation.
    const [host] = await db().select().from(organizations).where(eq(organizations.kind, "host"));
    cell((await openAccount("ida", host!.id)).status, 404, "the host as account");
  });
});

describe("a contact person's page opens only for its readers, with only their fields", () => {
  for (const person of EVERYONE) {
    test(person, async () => {
      for (const name of ACCOUNTS) {
        const accountId = accountIds.get(name)!;
        const readable = Boolean(visible[person][name]);
        for (const contactName of contactsOf[name]) {
          const contactId = contactIds.get(contactName)!;
          const result = await openContact(person, accountId, contactId);
          cell(result.status, readable ? 200 : 404, `${person} opens ${contactName}`);
          if (!result.data) continue;
          const seed = demoContacts.find((row) => row.name === contactName)!;
          const withDetails = detailed[person].includes(name);
          cell(result.data.contact?.email ?? null, withDetails ? seed.email : null, "email");
          cell(result.data.contact?.phone ?? null, withDetails ? seed.phone : null, "phone");
          cell(result.data.canEdit, WRITERS.includes(person), `${person} may edit`);
        }
        // A contact under the wrong account is not found either.
        const other = contactsOf[name === MORGENROT ? BRANDT : MORGENROT][0]!;
        const crossed = await openContact(person, accountId, contactIds.get(other)!);
        cell(crossed.status, 404, `${person} opens ${other} under ${name}`);
        // The "new" form is for writers.
        const form = await openContact(person, accountId, "new");
        cell(
          form.status,
          !readable ? 404 : WRITERS.includes(person) ? 200 : 403,
          `${person} opens the new-contact form of ${name}`,
        );
      }
    });
  }
});

const crafted = {
  name: "Mallory Crafted",
  roleTitle: "Injected",
  email: "mallory@example.com",
  phone: "+49 30 000 0000",
  legalBasis: "consent",
  notes: "should never be stored",
};

describe("crafted writes by anyone but admins and account managers are refused and store nothing", () => {
  for (const person of EVERYONE.filter((p) => !WRITERS.includes(p))) {
    test(person, async () => {
      const before = await contactSnapshot();
      const [{ n: eventsBefore }] = (await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(sql`${auditEvents.action} in ('contact.created', 'contact.updated')`)) as [
        { n: number },
      ];
      for (const name of ACCOUNTS) {
        const accountId = accountIds.get(name)!;
        const readable = Boolean(visible[person][name]);
        const create = await postContact(person, accountId, "new", crafted);
        cell(create.status, readable ? 403 : 404, `${person} creates a contact in ${name}`);
        if (create.status === 403) {
          expect(create.body).toMatch(refusals(person).create);
        }
        for (const contactName of contactsOf[name]) {
          const edit = await postContact(person, accountId, contactIds.get(contactName)!, crafted);
          cell(edit.status, readable ? 403 : 404, `${person} edits ${contactName}`);
          if (edit.status === 403) {
            expect(edit.body).toMatch(refusals(person).edit);
          }
        }
      }
      cell(await contactSnapshot(), before, `${person} changed no contact`);
      const [{ n: eventsAfter }] = (await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(sql`${auditEvents.action} in ('contact.created', 'contact.updated')`)) as [
        { n: number },
      ];
      cell(eventsAfter, eventsBefore, `${person} caused no write event`);
    });
  }
});

describe("admins and account managers write contacts of every account", () => {
  for (const person of WRITERS) {
    test(person, async () => {
      for (const name of ACCOUNTS) {
        const accountId = accountIds.get(name)!;
        const contactName = `Neu ${person} ${name}`;
        const create = await postContact(person, accountId, "new", {
          ...crafted,
          name: contactName,
        });
        cell(create.status, 302, `${person} creates a contact in ${name}`);
        const [row] = await db().select().from(contacts).where(eq(contacts.name, contactName));
        cell(row?.accountId, accountId, `${person}'s contact belongs to ${name}`);
        const edit = await postContact(person, accountId, row!.id, {
          ...crafted,
          name: contactName,
          roleTitle: `Edited by ${person}`,
        });
        cell(edit.status, 302, `${person} edits a contact in ${name}`);
      }
    });
  }
});

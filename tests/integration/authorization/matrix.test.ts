import { permittedFieldsOf } from "@casl/ability/extra";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { contacts, documents, entries } from "#db/schema";
import { defineAbilityFor, type Action, type SubjectName } from "#policies/ability";
import { subjectTables } from "#policies/subjects";
import { accessibleWhere } from "#policies/to-sql";
import { actorByEmail, loadWorld } from "../../support/world";
import { demoEmails } from "../../support/demo-people";

/*
 * The authorization matrix of shared/DEMO_WORLD.md: every demo user × every project, account,
 * contact and membership × every action, each cell checked twice — CASL in memory and the SQL
 * filter — against the expected answer. Cells not listed as allowed are explicit `false`.
 */

const HOST = ["ida", "anna", "tom", "clara"] as const;
const EVERYONE = [...HOST, "lena", "jonas", "mara", "eva", "paul"] as const;
type Person = (typeof EVERYONE)[number];

const emails: Record<Person, string> = demoEmails;

const G = "Morgenrot – Umbau Gastraum";
const E = "Brandt – Empfang";
const T = "Morgenrot – Terrasse";
const MORGENROT = "Café Morgenrot GmbH";
const BRANDT = "Kanzlei Brandt";
const writers = ["ida", "anna", "tom"] as const;

type Grants = Partial<Record<Person, string[]>>;
const all = (names: string[], people: readonly Person[]): Grants =>
  Object.fromEntries(people.map((person) => [person, names]));

const projectNames = [G, E, T];
const projectGrants: Record<string, Grants> = {
  read: { ...all(projectNames, HOST), lena: [G], jonas: [G], mara: [E], eva: [G], paul: [E] },
  create: all(projectNames, writers),
  update: all(projectNames, writers),
  manage: { ida: projectNames },
};

const accountNames = [MORGENROT, BRANDT];
const accountGrants: Record<string, Grants> = {
  read: {
    ...all(accountNames, HOST),
    lena: [MORGENROT],
    jonas: [MORGENROT],
    mara: [BRANDT],
    eva: [MORGENROT],
    paul: [BRANDT],
  },
  create: all(accountNames, writers),
  update: all(accountNames, writers),
  manage: { ida: accountNames },
};

const contactNames = ["Eva Roth", "Felix Roth", "Paul Brandt"];
const morgenrotContacts = ["Eva Roth", "Felix Roth"];
const contactGrants: Record<string, Grants> = {
  read: {
    ...all(contactNames, HOST),
    lena: morgenrotContacts,
    jonas: morgenrotContacts,
    mara: ["Paul Brandt"],
    eva: morgenrotContacts,
    paul: ["Paul Brandt"],
  },
  create: all(contactNames, writers),
  update: all(contactNames, writers),
  manage: { ida: contactNames },
};
/** Who reads a contact's email and phone (the `contacts` section, or the host). */
const contactDetailGrants: Grants = { ...all(contactNames, HOST), lena: morgenrotContacts };

// Memberships are named "<project> · <organisation>".
const m = (project: string, org: string) => `${project} · ${org}`;
const G_MEMBERS = [m(G, "Studio Lumen"), m(G, "Holzwerk Meyer KG"), m(G, MORGENROT)];
const E_LIVE = [m(E, "Mara Wolff Design"), m(E, BRANDT)];
const E_ALL = [...E_LIVE, m(E, "Studio Lumen")];
const membershipNames = [...G_MEMBERS, ...E_ALL];
const membershipGrants: Record<string, Grants> = {
  read: {
    ...all(membershipNames, HOST),
    lena: G_MEMBERS,
    jonas: G_MEMBERS,
    eva: G_MEMBERS,
    mara: E_LIVE,
    paul: E_LIVE,
  },
  create: { ida: membershipNames, anna: G_MEMBERS, tom: E_ALL },
  update: { ida: membershipNames, anna: G_MEMBERS, tom: E_ALL },
  manage: { ida: membershipNames, anna: G_MEMBERS, tom: E_ALL },
  // Owners manage their project's memberships, which includes reviewing them.
  review: { ida: membershipNames, clara: membershipNames, anna: G_MEMBERS, tom: E_ALL },
};

// History entries, by the marker word in their subject.
const ENTRY = [
  "AURORA",
  "KESTREL",
  "BIRCH",
  "LUPIN",
  "OSPREY",
  "MAPLE",
  "QUARTZ",
  "TUNDRA",
  "GLACIER",
];
const e = (...numbers: number[]) => numbers.map((n) => ENTRY[n - 1]!);
const entryGrants: Record<string, Grants> = {
  read: {
    ...all(ENTRY, HOST),
    lena: e(1, 4, 6),
    jonas: e(1, 3, 5, 6),
    mara: e(7),
    eva: e(1, 4, 6),
    paul: e(7),
  },
  // Could add an entry to this entry's project: contributors with the history section.
  create: {
    ...all(ENTRY, writers),
    lena: e(1, 2, 3, 4, 5, 6),
    jonas: e(1, 2, 3, 4, 5, 6),
    eva: e(1, 2, 3, 4, 5, 6),
    mara: e(7, 8),
    paul: e(7, 8),
  },
  update: { ...all(ENTRY, writers), lena: e(4), jonas: e(3), mara: e(7) },
  redact: { ida: ENTRY },
};

// Documents (DEMO_WORLD.md), and attachments this file adds to six entries: an attachment is
// read by whoever reads its entry, added by contributors with the history section, and only host
// staff change it afterwards.
const DOCUMENT = ["HERON", "FALCON", "IBIS"];
const documentGrants: Record<string, Grants> = {
  read: { ...all(DOCUMENT, HOST), lena: ["HERON"], eva: ["HERON"], paul: ["IBIS"] },
  // Could upload to this document's project: contributors with the documents section.
  create: {
    ...all(DOCUMENT, writers),
    lena: ["HERON", "FALCON"],
    eva: ["HERON", "FALCON"],
    mara: ["IBIS"],
    paul: ["IBIS"],
  },
  // A new version: host staff who write, and an uploader (every demo document is the host's).
  update: all(DOCUMENT, writers),
};
const ATTACHED_TO = ["AURORA", "KESTREL", "BIRCH", "LUPIN", "QUARTZ", "GLACIER"];
const attachment = (marker: string) => `attachment of ${marker}`;
const ATTACHMENT = ATTACHED_TO.map(attachment);
const attachmentGrants: Record<string, Grants> = {
  read: {
    ...all(ATTACHMENT, HOST),
    lena: ["AURORA", "LUPIN"].map(attachment),
    jonas: ["AURORA", "BIRCH"].map(attachment),
    eva: ["AURORA", "LUPIN"].map(attachment),
    mara: [attachment("QUARTZ")],
    paul: [attachment("QUARTZ")],
  },
  create: {
    ...all(ATTACHMENT, writers),
    lena: ["AURORA", "KESTREL", "BIRCH", "LUPIN"].map(attachment),
    jonas: ["AURORA", "KESTREL", "BIRCH", "LUPIN"].map(attachment),
    eva: ["AURORA", "KESTREL", "BIRCH", "LUPIN"].map(attachment),
    mara: [attachment("QUARTZ")],
    paul: [attachment("QUARTZ")],
  },
  update: all(ATTACHMENT, writers),
};

type Row = Record<string, unknown> & { id: string };
let world: Awaited<ReturnType<typeof loadWorld>>;
let cells = 0;

beforeAll(async () => {
  await attachToEntries(ATTACHED_TO);
  world = await loadWorld(db());
});

/** One attachment per named entry, with the entry's audience, as the history writes them. */
async function attachToEntries(markers: string[]) {
  const rows = await db().select().from(entries);
  for (const marker of markers) {
    const entry = rows.find((row) => row.subject.endsWith(` ${marker}`))!;
    await db()
      .insert(documents)
      .values({
        projectId: entry.projectId,
        entryId: entry.id,
        title: attachment(marker),
        kind: "pdf",
        audienceId: entry.audienceId,
        uploaderId: entry.authorId,
        uploaderOrganizationId: entry.authorOrganizationId,
      });
  }
}

afterAll(() => {
  // The closing note quotes this number.
  console.info(`authorization matrix: ${cells} cells checked (CASL and SQL each)`);
});

async function sqlAllowedIds(person: Person, action: Action, subject: SubjectName, field?: string) {
  const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
  const table = subjectTables[subject]!.table as PgTable;
  const rows = await queryRows<{ id: string }>(
    db(),
    sql`select id from ${table} where ${accessibleWhere(ability, action, subject, { field })}`,
  );
  return new Set(rows.map((row) => row.id));
}

function checkSubject(
  subject: SubjectName,
  grants: Record<string, Grants>,
  rows: () => Row[],
  label: (row: Row) => string,
) {
  describe(subject, () => {
    for (const [action, byPerson] of Object.entries(grants) as [Action, Grants][]) {
      for (const person of EVERYONE) {
        test(`${person} · ${action}`, async () => {
          const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
          const viaSql = await sqlAllowedIds(person, action, subject);
          const expected = new Set(byPerson[person] ?? []);
          for (const row of rows()) {
            const want = expected.has(label(row));
            cells += 1;
            expect.soft(ability.can(action, row as never), `CASL ${label(row)}`).toBe(want);
            expect.soft(viaSql.has(row.id), `SQL ${label(row)}`).toBe(want);
          }
        });
      }
    }
  });
}

const orgName = (id: unknown) => world.organizations.find((org) => org.id === id)!.name;

checkSubject(
  "Entry",
  entryGrants,
  () => world.entries,
  (row) => String(row.subject).split(" ").at(-1)!,
);
checkSubject(
  "Document",
  documentGrants,
  () => world.documents.filter((row) => row.entryId === null),
  (row) => String(row.title).split(" ").at(-1)!,
);
describe("attachments", () => {
  checkSubject(
    "Document",
    attachmentGrants,
    () => world.documents.filter((row) => row.entryId !== null),
    (row) => String(row.title),
  );
});
checkSubject(
  "Project",
  projectGrants,
  () => world.projects,
  (row) => String(row.name),
);
checkSubject(
  "Account",
  accountGrants,
  () => world.accounts,
  (row) => String(row.name),
);
checkSubject(
  "Contact",
  contactGrants,
  () => world.contacts,
  (row) => String(row.name),
);
checkSubject(
  "Membership",
  membershipGrants,
  () => world.memberships,
  (row) => m((row.project as { name: string }).name, orgName(row.organizationId)),
);

describe("contact email and phone", () => {
  const allFields = [
    "id",
    "accountId",
    "name",
    "roleTitle",
    "email",
    "phone",
    "legalBasis",
    "notes",
  ];
  for (const person of EVERYONE) {
    test(`${person} reads email and phone only with the contacts section`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      const readable = new Set(contactGrants.read![person] ?? []);
      const detailed = new Set(contactDetailGrants[person] ?? []);
      const emailRows = await queryRows<{ id: string; email: string | null }>(
        db(),
        sql`select id, case when ${accessibleWhere(ability, "read", "Contact", { field: "email" })}
              then email end as email
            from ${contacts} where ${accessibleWhere(ability, "read", "Contact")}`,
      );
      for (const contact of world.contacts) {
        const fields = permittedFieldsOf(ability, "read", contact as never, {
          fieldsFrom: (rule) => rule.fields ?? allFields,
        });
        const name = String(contact.name);
        cells += 2;
        expect.soft(fields.includes("name"), `CASL name of ${name}`).toBe(readable.has(name));
        expect
          .soft(fields.includes("email") && fields.includes("phone"), `CASL email of ${name}`)
          .toBe(detailed.has(name));
        cells += 1;
        expect
          .soft(fields.includes("notes") || fields.includes("legalBasis"), `CASL notes of ${name}`)
          .toBe((HOST as readonly string[]).includes(person));
        const sqlRow = emailRows.find((row) => row.id === contact.id);
        expect.soft(Boolean(sqlRow), `SQL row ${name}`).toBe(readable.has(name));
        expect.soft(sqlRow?.email != null, `SQL email of ${name}`).toBe(detailed.has(name));
      }
    });
  }
});

// The development outbox has no rows to filter: the subject as a whole, administrators only
// (its HTTP answers: http-outbox.test.ts).
describe("MailOutbox", () => {
  for (const person of EVERYONE) {
    test(`${person} · read`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      cells += 1;
      expect(ability.can("read", "MailOutbox")).toBe(person === "ida");
    });
  }
});

// One row for the whole installation (its default language): administrators only.
describe("HostSettings", () => {
  for (const person of EVERYONE) {
    test(`${person} · update`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      cells += 1;
      expect(ability.can("update", "HostSettings")).toBe(person === "ida");
    });
  }
});

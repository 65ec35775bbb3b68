import { permittedFieldsOf } from "@casl/ability/extra";
import { and, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { audienceIdFor } from "#db/audiences";
import { db, queryRows } from "#db/client.server";
import {
  accessReviewItems,
  accessReviews,
  contacts,
  documents,
  entries,
  erasures,
  requestComments,
  requestStatuses,
  subjectExports,
  unresolvedMails,
  users,
} from "#db/schema";
import { captureAddressFor } from "~/features/capture/index.server";
import { startReview } from "~/features/reviews/index.server";
import { defineAbilityFor, subject, type Action, type SubjectName } from "#policies/ability";
import { subjectTables } from "#policies/subjects";
import { accessibleWhere } from "#policies/to-sql";
import { actorByEmail, loadWorld, rowIdOf } from "../../support/world";
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
  // Seeing a project through a member organisation's eyes: its owner, admins, compliance.
  preview: { ida: projectNames, clara: projectNames, anna: [G, T], tom: [E] },
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
  // Could write an email from this entry's project: host staff but Clara, and contributors with
  // the contact details section (Studio Lumen in Umbau Gastraum).
  send: { ...all(ENTRY, writers), lena: e(1, 2, 3, 4, 5, 6) },
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

// Customer requests, by the marker word in their title: CORAL (Umbau Gastraum, Eva's, in
// progress, assigned to Studio Lumen) and DELTA (Brandt – Empfang, Paul's, new).
const REQUEST = ["CORAL", "DELTA"];
const requestGrants: Record<string, Grants> = {
  read: { ...all(REQUEST, HOST), lena: ["CORAL"], eva: ["CORAL"], paul: ["DELTA"] },
  // Could open a request in this request's project for its customer.
  create: { ...all(REQUEST, writers), eva: ["CORAL"], paul: ["DELTA"] },
  comment: { ...all(REQUEST, writers), lena: ["CORAL"], eva: ["CORAL"], paul: ["DELTA"] },
  assign: all(REQUEST, writers),
  // Customers rate resolved or closed requests; neither is.
  rate: {},
  update: all(REQUEST, writers),
  // `transition:<status>`: moving it to that status (the field of the action). Lena works on
  // the one assigned to her organisation until it is resolved (the workflow rejects moving it to
  // its own status later); customers only reopen or close resolved ones.
  ...Object.fromEntries(
    requestStatuses.map((status) => [
      `transition:${status}`,
      {
        ...all(REQUEST, writers),
        ...(["in_progress", "waiting_on_customer", "resolved"].includes(status)
          ? { lena: ["CORAL"] }
          : {}),
      } satisfies Grants,
    ]),
  ),
};

// Comments on requests, "<marker> <kind>": the demo's public reply and internal note on CORAL,
// and a partner note on CORAL and Paul's public reply on DELTA that this file adds.
const COMMENT = ["CORAL public", "CORAL internal", "CORAL partners", "DELTA public"];
const commentGrants: Record<string, Grants> = {
  read: {
    ...all(COMMENT, HOST),
    lena: ["CORAL public", "CORAL partners"],
    eva: ["CORAL public"],
    paul: ["DELTA public"],
  },
  // Could write a comment of this kind on this request.
  create: {
    ...all(COMMENT, writers),
    lena: ["CORAL public", "CORAL partners"],
    eva: ["CORAL public"],
    paul: ["DELTA public"],
  },
};

// Files sent with a request (this file adds one to each): read by whoever reads the request.
const requestFile = (marker: string) => `file of ${marker}`;
const REQUEST_FILE = REQUEST.map(requestFile);
const requestFileGrants: Record<string, Grants> = {
  read: {
    ...all(REQUEST_FILE, HOST),
    lena: [requestFile("CORAL")],
    eva: [requestFile("CORAL")],
    paul: [requestFile("DELTA")],
  },
  create: {
    ...all(REQUEST_FILE, writers),
    eva: [requestFile("CORAL")],
    paul: [requestFile("DELTA")],
  },
  update: all(REQUEST_FILE, writers),
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
    sql`select ${rowIdOf(subject)} as id from ${table}
        where ${accessibleWhere(ability, action, subject, { field })}`,
  );
  return new Set(rows.map((row) => row.id));
}

/** Grants are keyed by action, or by `action:field` for field-level actions (`transition:resolved`). */
function checkSubject(
  subject: SubjectName,
  grants: Record<string, Grants>,
  rows: () => Row[],
  label: (row: Row) => string,
) {
  describe(subject, () => {
    for (const [key, byPerson] of Object.entries(grants)) {
      const [action, field] = key.split(":") as [Action, string | undefined];
      for (const person of EVERYONE) {
        test(`${person} · ${key}`, async () => {
          const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
          const viaSql = await sqlAllowedIds(person, action, subject, field);
          const expected = new Set(byPerson[person] ?? []);
          const checked = rows();
          expect(checked.length, "rows to check").toBeGreaterThan(0);
          for (const row of checked) {
            const want = expected.has(label(row));
            cells += 1;
            expect.soft(ability.can(action, row as never, field), `CASL ${label(row)}`).toBe(want);
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
  () => world.documents.filter((row) => row.entryId === null && row.requestId === null),
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

const markerOf = (title: unknown) => String(title).split(" ").at(-1)!;
const requestRow = (marker: string) =>
  world.requests.find((row) => markerOf(row.title) === marker)!;

checkSubject(
  "Request",
  requestGrants,
  () => world.requests,
  (row) => markerOf(row.title),
);

describe("request comments", () => {
  beforeAll(async () => {
    const [anna] = await db().select().from(users).where(eq(users.email, emails.anna));
    const [paul] = await db().select().from(users).where(eq(users.email, emails.paul));
    const coral = requestRow("CORAL");
    const delta = requestRow("DELTA");
    await db()
      .insert(requestComments)
      .values([
        {
          requestId: coral.id,
          authorId: anna!.id,
          authorOrganizationId: anna!.organizationId,
          audienceId: await audienceIdFor(db(), "partners"),
          bodyText: "Farbmuster an Studio Lumen",
        },
        {
          requestId: delta.id,
          authorId: paul!.id,
          authorOrganizationId: paul!.organizationId,
          audienceId: await audienceIdFor(db(), "all_members"),
          bodyText: "Rechnung liegt bei",
        },
      ]);
    world = await loadWorld(db());
  });
  const kindLabel: Record<string, string> = {
    all_members: "public",
    partners: "partners",
    internal: "internal",
  };
  checkSubject(
    "RequestComment",
    commentGrants,
    () => world.requestComments,
    (row) => {
      const request = row.request as { title: string };
      const audience = row.audience as { kind: string };
      return `${markerOf(request.title)} ${kindLabel[audience.kind] ?? audience.kind}`;
    },
  );
});

describe("request files", () => {
  beforeAll(async () => {
    // As openRequest stores them: internal audience, uploaded by whoever opened the request.
    const audienceId = await audienceIdFor(db(), "internal");
    for (const marker of REQUEST) {
      const request = requestRow(marker);
      await db()
        .insert(documents)
        .values({
          projectId: request.projectId,
          requestId: request.id,
          title: requestFile(marker),
          kind: "image",
          audienceId,
          uploaderId: request.openedById,
          uploaderOrganizationId: request.openedByOrganizationId,
        });
    }
    world = await loadWorld(db());
  });
  checkSubject(
    "Document",
    requestFileGrants,
    () => world.documents.filter((row) => row.requestId !== null),
    (row) => String(row.title),
  );
});

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

// Capture addresses, "<project> · <organisation>": the host's in every project, and each member
// organisation's (also where its membership lapsed). An organisation sees its own where it
// contributes to the history; host staff see all; the project's owner and administrators give
// one a new token.
const HOST_ORG = "Hansen Innenausbau GmbH";
const captureNames = [...[G, E, T].map((project) => m(project, HOST_ORG)), ...membershipNames];
const captureGrants: Record<string, Grants> = {
  read: {
    ...all(captureNames, HOST),
    lena: [m(G, "Studio Lumen")],
    jonas: [m(G, "Holzwerk Meyer KG")],
    eva: [m(G, MORGENROT)],
    mara: [m(E, "Mara Wolff Design")],
    paul: [m(E, BRANDT)],
  },
  update: {
    ida: captureNames,
    anna: captureNames.filter((name) => !name.startsWith(E)),
    tom: captureNames.filter((name) => name.startsWith(E)),
  },
  manage: { ida: captureNames },
};

describe("capture addresses", () => {
  beforeAll(async () => {
    const host = world.organizations.find((org) => org.kind === "host")!;
    for (const project of world.projects) {
      await captureAddressFor(project.id, host.id);
      for (const membership of world.memberships.filter((row) => row.projectId === project.id)) {
        await captureAddressFor(project.id, membership.organizationId as string);
      }
    }
    world = await loadWorld(db());
  });
  checkSubject(
    "CaptureAddress",
    captureGrants,
    () => world.captureAddresses,
    (row) => m((row.project as { name: string }).name, orgName(row.organizationId)),
  );
});

// Mail nobody could place, one waiting and one already decided: account managers and
// administrators only; nobody else may know it exists.
describe("unresolved mail", () => {
  beforeAll(async () => {
    await db()
      .insert(unresolvedMails)
      .values(
        ["open", "discarded"].map((status) => ({
          receivedAt: new Date(),
          fromAddress: "stranger@elsewhere.example",
          recipients: ["nobody@in.example"],
          subject: `Waiting ${status}`,
          previewText: "",
          rawSize: 1,
          reason: "unknownAddress" as const,
          status: status as "open" | "discarded",
        })),
      );
    world = await loadWorld(db());
  });
  const WAITING = ["Waiting open", "Waiting discarded"];
  checkSubject(
    "UnresolvedMail",
    { read: all(WAITING, writers), update: all(WAITING, writers), manage: { ida: WAITING } },
    () => world.unresolvedMails,
    (row) => String(row.subject),
  );
});

// Data-subject exports, "<subject> for <requester>": one Clara and one Ida asked for. Both see
// and start them; the file goes only to whoever asked (its HTTP answers: subject-export.test.ts
// and http-compliance.test.ts).
describe("data-subject exports", () => {
  let rows: Row[] = [];
  beforeAll(async () => {
    const person = (name: Person) => world.users.find((user) => user.email === emails[name])!;
    const felix = world.contacts.find((contact) => contact.name === "Felix Roth")!;
    for (const requester of ["clara", "ida"] as const) {
      await db()
        .insert(subjectExports)
        .values({
          subjectKind: "contact",
          subjectId: felix.id as string,
          requestedById: person(requester).id,
          language: "en",
          timeZone: "Europe/Berlin",
        });
    }
    const stored = await db().select().from(subjectExports);
    rows = stored.map((row) => subject("SubjectExport", row));
  });
  const requesterName = (id: unknown) =>
    (Object.keys(emails) as Person[]).find(
      (name) => world.users.find((user) => user.email === emails[name])!.id === id,
    );
  const EXPORTS = ["Felix for clara", "Felix for ida"];
  checkSubject(
    "SubjectExport",
    {
      read: { ida: EXPORTS, clara: EXPORTS },
      create: { ida: EXPORTS, clara: EXPORTS },
      download: { ida: ["Felix for ida"], clara: ["Felix for clara"] },
      update: {},
      manage: {},
    },
    () => rows,
    (row) => `Felix for ${requesterName(row.requestedById)}`,
  );
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

// The compliance console (the whole audit log and its exports): compliance officers and
// administrators (its HTTP answers: http-compliance.test.ts).
describe("ComplianceConsole", () => {
  for (const person of EVERYONE) {
    test(`${person} · read`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      cells += 1;
      expect(ability.can("read", "ComplianceConsole")).toBe(person === "ida" || person === "clara");
    });
  }
});

// An access review over every external membership (started as Clara): who may open, run and
// close it, and whose memberships in it each person may read and decide.
describe("AccessReview", () => {
  let reviewId: string;
  let items: (typeof accessReviewItems.$inferSelect)[];
  beforeAll(async () => {
    const [clara] = await db().select().from(users).where(eq(users.email, emails.clara));
    const started = await startReview(
      { userId: clara!.id, organizationId: clara!.organizationId },
      {
        title: "Matrix",
        scope: "all",
        scopeId: null,
        reviewerId: null,
        dueOn: "2099-01-01",
        defaultDecision: "keep",
      },
    );
    if (started.empty) throw new Error("the demo world has external memberships");
    reviewId = started.review.id;
    items = await db()
      .select()
      .from(accessReviewItems)
      .where(eq(accessReviewItems.reviewId, reviewId));
  });
  const ownerOf = async (person: Person) =>
    (await db().select().from(users).where(eq(users.email, emails[person])))[0]!.id;
  const RUNNERS: Person[] = ["ida", "clara"];
  for (const person of EVERYONE) {
    test(`${person} · the review, and the memberships in it`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      const me = await ownerOf(person);
      const mine = items.filter((row) => row.reviewerId === me);
      const runs = RUNNERS.includes(person);
      const review = subject("AccessReview", { id: reviewId, items: items });
      cells += 3;
      expect(ability.can("create", "AccessReview"), "create").toBe(runs);
      expect(ability.can("update", review), "close").toBe(runs);
      expect(ability.can("read", review), "read").toBe(runs || mine.length > 0);
      const [found] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(accessReviews)
        .where(
          and(eq(accessReviews.id, reviewId), accessibleWhere(ability, "read", "AccessReview")),
        );
      expect(found!.n === 1, "read (SQL)").toBe(runs || mine.length > 0);
      const expected = runs ? items : mine;
      for (const action of ["read", "update"] as const) {
        const inMemory = items.filter((row) =>
          ability.can(action, subject("AccessReviewItem", row)),
        );
        const inSql = await db()
          .select({ id: accessReviewItems.id })
          .from(accessReviewItems)
          .where(
            and(
              eq(accessReviewItems.reviewId, reviewId),
              accessibleWhere(ability, action, "AccessReviewItem"),
            ),
          );
        cells += 2 * items.length;
        const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
        expect(idsOf(inMemory), `${action} items`).toEqual(idsOf(expected));
        expect(idsOf(inSql), `${action} items (SQL)`).toEqual(idsOf(expected));
      }
    });
  }
  test("reviewers are the projects' owners: Anna decides Gastraum's three, Tom Empfang's two", async () => {
    const anna = await ownerOf("anna");
    const tom = await ownerOf("tom");
    expect(items.filter((row) => row.reviewerId === anna)).toHaveLength(3);
    expect(items.filter((row) => row.reviewerId === tom)).toHaveLength(2);
  });
});

// Legal holds (no erasure, no retention of what they cover): compliance officers and
// administrators place, read and release them; nobody else learns of them.
describe("LegalHold", () => {
  for (const person of EVERYONE) {
    test(`${person} · create, read, update`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      const allowed = person === "ida" || person === "clara";
      for (const action of ["create", "read", "update"] as const) {
        cells += 1;
        expect(ability.can(action, "LegalHold"), action).toBe(allowed);
      }
    });
  }
});

// Disabling a user: administrators anyone, compliance officers external users (dormant ones
// found in access reviews), nobody else.
describe("User · disable", () => {
  for (const person of EVERYONE) {
    test(`${person} · disable`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      for (const target of EVERYONE) {
        const [row] = await db().select().from(users).where(eq(users.email, emails[target]));
        const external = !HOST.includes(target as (typeof HOST)[number]);
        cells += 1;
        expect(ability.can("disable", subject("User", row!)), target).toBe(
          person === "ida" || (person === "clara" && external),
        );
      }
    });
  }
});

// Erasure (a person forgotten for good, with a signed certificate): administrators and
// compliance officers erase any contact person and external users, never host staff; only they
// read the certificates (its HTTP answers: erasure.test.ts).
describe("Erasure", () => {
  const ERASERS: Person[] = ["ida", "clara"];
  for (const person of EVERYONE) {
    test(`${person} · erase contacts and users, read and create erasures`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      const erases = ERASERS.includes(person);
      for (const action of ["create", "read"] as const) {
        cells += 1;
        expect(ability.can(action, "Erasure"), action).toBe(erases);
      }
      const [found] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(erasures)
        .where(accessibleWhere(ability, "read", "Erasure"));
      expect(found!.n, "read (SQL)").toBe(0);
      for (const contact of world.contacts) {
        cells += 1;
        expect(ability.can("erase", subject("Contact", contact)), String(contact.name)).toBe(
          erases,
        );
      }
      for (const target of EVERYONE) {
        const [row] = await db().select().from(users).where(eq(users.email, emails[target]));
        const external = !HOST.includes(target as (typeof HOST)[number]);
        cells += 1;
        expect(ability.can("erase", subject("User", row!)), target).toBe(erases && external);
      }
    });
  }
  test("nobody changes an erased contact person, not even an administrator", async () => {
    const felix = world.contacts.find((contact) => contact.name === "Felix Roth")!;
    for (const person of EVERYONE) {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      cells += 1;
      expect(ability.can("update", subject("Contact", { ...felix, erasedAt: new Date() }))).toBe(
        false,
      );
    }
  });
});

// Retention: its rules and its runs, compliance officers and administrators only (the HTTP
// answers: retention.test.ts).
describe("Retention", () => {
  for (const person of EVERYONE) {
    test(`${person} · rules and runs`, async () => {
      const ability = defineAbilityFor(await actorByEmail(db(), emails[person]));
      const allowed = person === "ida" || person === "clara";
      for (const [action, subjectName] of [
        ["read", "RetentionRule"],
        ["update", "RetentionRule"],
        ["read", "RetentionRun"],
        ["create", "RetentionRun"],
      ] as const) {
        cells += 1;
        expect(ability.can(action, subjectName), `${action} ${subjectName}`).toBe(allowed);
      }
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

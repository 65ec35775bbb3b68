import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { audienceIdFor } from "#db/audiences";
import { contacts, entries, entryRevisions, users } from "#db/schema";
import type { EmlImportAnswer } from "~/features/history/components/eml-import";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId_.edit";
import { loader as entryLoader } from "~/routes/_app.projects.$projectId.history.$entryId";
import { loader as timelineLoader } from "~/routes/_app.projects.$projectId.history._index";
import { action as importAction } from "~/routes/_app.projects.$projectId.history.import";
import { loader as searchLoader } from "~/routes/_app.search";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import type { RichTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText } from "~/kernel/rich-text/rich-text.server";
import {
  BRANDT,
  DEMO_PEOPLE,
  demoEmails,
  EMPFANG,
  GASTRAUM,
  HOST_PEOPLE,
  MORGENROT,
  type DemoPerson,
} from "../../support/demo-people";
import { demoWorld, formBody, routeArgs } from "../../support/http-as";
import { makeRequestContext } from "../../support/request";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * The contacts field rule everywhere (DEMO_WORLD.md): a contact person's email address and phone
 * number reach a reader only with the `contacts` section — host staff everywhere, Studio Lumen
 * (Lena) for Café Morgenrot's contacts — and a reader's own address always. Every demo user opens
 * every page that can carry Eva's, Felix's or Paul's address or number (contact and account
 * pages, entries with their revisions, timelines, search, edit forms), as the page and as its
 * `.data`, and each value must be there exactly when the reader may read it.
 *
 * The fixture's MAPLE mentions Felix's number and QUARTZ is addressed to Paul. This file adds two
 * email entries of its own to Umbau Gastraum: SPRUCE (Anna, all members: from Felix, cc Eva and a
 * third party, with an edit that once named Paul) and WILLOW (Jonas, for his organisation: to
 * Felix, with Felix's number in the notes).
 */

type Value =
  "eva.email" | "eva.phone" | "felix.email" | "felix.phone" | "paul.email" | "paul.phone";
const VALUES: Value[] = [
  "eva.email",
  "eva.phone",
  "felix.email",
  "felix.phone",
  "paul.email",
  "paul.phone",
];
// However the number is written: "+49 40 555 0102", "040 555-0102", "+49 (0)40 555 01 01".
const digits = (a: string, b: string) => new RegExp(`555\\D{0,3}${a}\\D{0,3}${b}`);
const patterns: Record<Value, RegExp> = {
  "eva.email": /eva@cafe-morgenrot\.example/i,
  "eva.phone": digits("01", "01"),
  "felix.email": /felix@cafe-morgenrot\.example/i,
  "felix.phone": digits("01", "02"),
  "paul.email": /paul@kanzlei-brandt\.example/i,
  "paul.phone": digits("02", "01"),
};

const HOST: readonly DemoPerson[] = HOST_PEOPLE;
const WRITERS: DemoPerson[] = ["ida", "anna", "tom"];
const GASTRAUM_READERS: DemoPerson[] = [...HOST, "lena", "jonas", "eva"];
const EMPFANG_READERS: DemoPerson[] = [...HOST, "mara", "paul"];

/** Who reads a value: the host; Lena for Café Morgenrot's contacts (the contacts section). */
function reads(person: DemoPerson, value: Value) {
  if (HOST.includes(person)) return true;
  return person === "lena" && !value.startsWith("paul.");
}
/** The reader's own address is theirs to see, whatever the field rule says of the contact. */
const own = (person: DemoPerson, value: Value) =>
  (person === "eva" && value === "eva.email") || (person === "paul" && value === "paul.email");

const { tokens, ids, org } = demoWorld();
let app: RemixApp;
let cells = 0;
const accountIds = new Map<string, string>();
const contactIds = new Map<string, string>();
let spruce = "";
let willow = "";

const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };

function body(doc: unknown) {
  const rendered = renderRichText(doc);
  if (!rendered.ok) throw new Error(rendered.error);
  return {
    body: rendered.value.doc as RichTextDoc,
    bodyHtml: rendered.value.html,
    bodyText: rendered.value.text,
  };
}

async function userId(email: string) {
  const [row] = await db().select().from(users).where(eq(users.email, email));
  return row!;
}

beforeAll(async () => {
  app = await startRemixApp();
  accountIds.set(MORGENROT, org.get(MORGENROT)!);
  accountIds.set(BRANDT, org.get(BRANDT)!);
  for (const row of await db().select().from(contacts)) contactIds.set(row.name, row.id);
  const projectId = ids.projectIds.get(GASTRAUM)!;
  const anna = await userId(demoEmails.anna);
  const jonas = await userId(demoEmails.jonas);
  const [spruceRow] = await db()
    .insert(entries)
    .values({
      projectId,
      channel: "email",
      direction: "inbound",
      occurredAt: new Date(Date.now() - 3 * 3600_000),
      subject: "Maße Sitzbank SPRUCE",
      ...body({
        type: "doc",
        content: [
          paragraph(
            text("Felix Roth schickt die Maße der Sitzbank. Rückfragen an "),
            text("felix@cafe-morgenrot.example", [
              { type: "link", attrs: { href: "mailto:felix@cafe-morgenrot.example" } },
            ]),
            text(" oder +49 40 555 0102."),
          ),
          paragraph(text("Eva Roth ist unter +49 (0)40 555 01 01 erreichbar.")),
        ],
      }),
      details: {
        from: "felix@cafe-morgenrot.example",
        to: ["anna@hansen.example", "jonas@holzwerk-meyer.example"],
        cc: ["eva@cafe-morgenrot.example", "info@polster-nord.example"],
      },
      authorId: anna.id,
      authorOrganizationId: anna.organizationId,
      audienceId: await audienceIdFor(db(), "all_members"),
    })
    .returning({ id: entries.id });
  spruce = spruceRow!.id;
  await db()
    .insert(entryRevisions)
    .values({
      entryId: spruce,
      editorId: anna.id,
      before: {
        subject: "Maße Sitzbank, Rückruf +49 30 555 0201 SPRUCE",
        details: { from: "felix@cafe-morgenrot.example", to: ["paul@kanzlei-brandt.example"] },
      },
      after: {
        subject: "Maße Sitzbank SPRUCE",
        details: {
          from: "felix@cafe-morgenrot.example",
          to: ["anna@hansen.example", "jonas@holzwerk-meyer.example"],
        },
      },
    });
  const [willowRow] = await db()
    .insert(entries)
    .values({
      projectId,
      channel: "email",
      direction: "outbound",
      occurredAt: new Date(Date.now() - 2 * 3600_000),
      subject: "Lieferung Sitzbank WILLOW",
      ...body({
        type: "doc",
        content: [paragraph(text("Lieferung mit Felix Roth abgestimmt, Tel. 040 5550102."))],
      }),
      details: {
        from: "jonas@holzwerk-meyer.example",
        to: ["felix@cafe-morgenrot.example", "anna@hansen.example"],
      },
      authorId: jonas.id,
      authorOrganizationId: jonas.organizationId,
      audienceId: await audienceIdFor(db(), "custom", [jonas.organizationId]),
    })
    .returning({ id: entries.id });
  willow = willowRow!.id;
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, contact details): ${cells} cells`);
});

type Page = { name: string; path: () => string; readers: DemoPerson[]; mentions: Value[] };

const G = () => ids.projectIds.get(GASTRAUM)!;
const entryPath = (marker: string) => {
  const { id, projectId } = ids.markers.get(marker)!;
  return `/projects/${projectId}/history/${id}`;
};
const onTimeline: Value[] = ["felix.email", "felix.phone", "eva.phone"];

const pages: Page[] = [
  {
    name: "Eva's contact page",
    path: () => `/accounts/${accountIds.get(MORGENROT)}/contacts/${contactIds.get("Eva Roth")}`,
    readers: GASTRAUM_READERS,
    mentions: ["eva.email", "eva.phone"],
  },
  {
    name: "Felix's contact page",
    path: () => `/accounts/${accountIds.get(MORGENROT)}/contacts/${contactIds.get("Felix Roth")}`,
    readers: GASTRAUM_READERS,
    mentions: ["felix.email", "felix.phone"],
  },
  {
    name: "Paul's contact page",
    path: () => `/accounts/${accountIds.get(BRANDT)}/contacts/${contactIds.get("Paul Brandt")}`,
    readers: EMPFANG_READERS,
    mentions: ["paul.email", "paul.phone"],
  },
  {
    name: "Café Morgenrot's account page",
    path: () => `/accounts/${accountIds.get(MORGENROT)}`,
    readers: GASTRAUM_READERS,
    mentions: ["eva.email", "eva.phone", "felix.email", "felix.phone"],
  },
  {
    name: "Kanzlei Brandt's account page",
    path: () => `/accounts/${accountIds.get(BRANDT)}`,
    readers: EMPFANG_READERS,
    mentions: ["paul.email", "paul.phone"],
  },
  {
    name: "SPRUCE (email from Felix, cc Eva; a revision names Paul)",
    path: () => `/projects/${G()}/history/${spruce}`,
    readers: GASTRAUM_READERS,
    mentions: VALUES,
  },
  {
    name: "MAPLE (Felix's number in the notes)",
    path: () => entryPath("MAPLE"),
    readers: GASTRAUM_READERS,
    mentions: ["felix.phone"],
  },
  {
    name: "QUARTZ (an email to Paul)",
    path: () => entryPath("QUARTZ"),
    readers: EMPFANG_READERS,
    mentions: ["paul.email"],
  },
  {
    name: "WILLOW (Jonas's email to Felix)",
    path: () => `/projects/${G()}/history/${willow}`,
    readers: [...HOST, "jonas"],
    mentions: ["felix.email", "felix.phone"],
  },
  {
    name: "Umbau Gastraum's timeline",
    path: () => `/projects/${G()}/history`,
    readers: GASTRAUM_READERS,
    mentions: onTimeline,
  },
  {
    name: "Café Morgenrot's account timeline",
    path: () => `/accounts/${accountIds.get(MORGENROT)}/history`,
    readers: GASTRAUM_READERS,
    mentions: onTimeline,
  },
  {
    name: "Brandt – Empfang's timeline",
    path: () => `/projects/${ids.projectIds.get(EMPFANG)}/history`,
    readers: EMPFANG_READERS,
    mentions: [],
  },
  {
    name: "search for Sitzbank (MAPLE, SPRUCE, WILLOW)",
    path: () => `/search?q=Sitzbank`,
    readers: DEMO_PEOPLE,
    mentions: onTimeline,
  },
  {
    name: "SPRUCE's edit form",
    path: () => `/projects/${G()}/history/${spruce}/edit`,
    readers: WRITERS,
    mentions: ["felix.email", "felix.phone", "eva.email", "eva.phone"],
  },
  {
    name: "WILLOW's edit form (Jonas wrote it)",
    path: () => `/projects/${G()}/history/${willow}/edit`,
    readers: [...WRITERS, "jonas"],
    mentions: ["felix.email", "felix.phone"],
  },
  {
    name: "QUARTZ's edit form (Mara wrote it)",
    path: () => `${entryPath("QUARTZ")}/edit`,
    readers: [...WRITERS, "mara"],
    mentions: ["paul.email"],
  },
];

async function fetchBoth(person: DemoPerson, path: string) {
  const [pathname, query] = path.split("?");
  const answers = [];
  for (const url of [path, `${pathname}.data${query ? `?${query}` : ""}`]) {
    const response = await app.get(url, `${SESSION_COOKIE}=${tokens.get(person)}`);
    answers.push({ url, status: response.status, body: await response.text() });
  }
  return answers;
}

describe("contact emails and phones on every page, as HTML and as .data", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} sees them exactly where they hold the contacts section`, async () => {
      for (const page of pages) {
        const opens = page.readers.includes(person);
        for (const { url, status, body } of await fetchBoth(person, page.path())) {
          if (opens) expect(status, `${page.name}: ${url}`).toBe(200);
          for (const value of VALUES) {
            if (own(person, value)) continue;
            cells += 1;
            const expected = opens && page.mentions.includes(value) && reads(person, value);
            expect
              .soft(patterns[value].test(body), `${value} on ${page.name} (${url})`)
              .toBe(expected);
          }
        }
      }
    });
  }
});

const loaderArgs = (person: DemoPerson, path: string, params: Record<string, string>) =>
  routeArgs(tokens.get(person), path, params);

async function entryData(person: DemoPerson, entryId: string, projectId = G()) {
  const path = `/projects/${projectId}/history/${entryId}`;
  return entryLoader(loaderArgs(person, path, { projectId, entryId }));
}

describe("email headers show a contact's name instead of the address", () => {
  test("Jonas reads SPRUCE from Felix Roth, the host's and his own address, and no third party", async () => {
    const { entry, revisions } = await entryData("jonas", spruce);
    expect(entry.details).toMatchObject({
      from: "Felix Roth",
      to: "anna@hansen.example, jonas@holzwerk-meyer.example",
      cc: "Eva Roth, external address",
    });
    expect(entry.bodyHtml).toBe(
      "<p>Felix Roth schickt die Maße der Sitzbank. Rückfragen an Felix Roth oder Felix Roth.</p><p>Eva Roth ist unter Eva Roth erreichbar.</p>",
    );
    // Paul Brandt is no contact Jonas may read at all: not even his name.
    const change = (field: string) => revisions[0]!.changes.find((item) => item.field === field);
    expect(change("to")).toEqual({
      field: "to",
      before: "external address",
      after: "anna@hansen.example, jonas@holzwerk-meyer.example",
    });
    expect(change("subject")?.before).toBe("Maße Sitzbank, Rückruf hidden phone number SPRUCE");
  });

  test("Lena (contacts section on Umbau Gastraum) reads every address of it, but nothing of Paul", async () => {
    const { entry, revisions } = await entryData("lena", spruce);
    expect(entry.details).toMatchObject({
      from: "felix@cafe-morgenrot.example",
      cc: "eva@cafe-morgenrot.example, info@polster-nord.example",
    });
    expect(entry.bodyHtml).toContain('href="mailto:felix@cafe-morgenrot.example"');
    expect(entry.bodyHtml).toContain("+49 40 555 0102");
    const to = revisions[0]!.changes.find((item) => item.field === "to");
    expect(to?.before).toBe("external address");
  });

  test("Eva reads her own address and Felix's name; Clara reads everything as stored", async () => {
    const eva = await entryData("eva", spruce);
    // Eva chose German: the third party is an "externe Adresse" to her.
    expect(eva.entry.details).toMatchObject({
      from: "Felix Roth",
      cc: "eva@cafe-morgenrot.example, externe Adresse",
    });
    const clara = await entryData("clara", spruce);
    expect(clara.entry.details).toMatchObject({
      from: "felix@cafe-morgenrot.example",
      cc: "eva@cafe-morgenrot.example, info@polster-nord.example",
    });
    expect(clara.revisions[0]!.changes.find((item) => item.field === "to")?.before).toBe(
      "paul@kanzlei-brandt.example",
    );
  });

  test("QUARTZ is to Paul Brandt for Mara, and to his own address for Paul", async () => {
    const { id, projectId } = ids.markers.get("QUARTZ")!;
    expect((await entryData("mara", id, projectId)).entry.details?.to).toBe("Paul Brandt");
    expect((await entryData("paul", id, projectId)).entry.details?.to).toBe(
      "paul@kanzlei-brandt.example",
    );
  });
});

describe("free text: excerpts and search snippets", () => {
  test("MAPLE's excerpt names Felix Roth for Jonas and Eva, and shows the number to Lena", async () => {
    const projectId = G();
    const excerpt = async (person: DemoPerson) => {
      const data = await timelineLoader(
        loaderArgs(person, `/projects/${projectId}/history`, { projectId }),
      );
      return data.entries.find((row) => row.subject?.endsWith("MAPLE"))!.excerpt;
    };
    expect(await excerpt("jonas")).toMatch(/Sitzbank klärt Felix Roth: Felix Roth\.$/);
    expect(await excerpt("eva")).toMatch(/Sitzbank klärt Felix Roth: Felix Roth\.$/);
    expect(await excerpt("lena")).toMatch(/klärt Felix Roth: 040 555-0102\.$/);
  });

  test("a search snippet is highlighted again from the redacted text", async () => {
    const search = async (person: DemoPerson) => {
      const data = await searchLoader(loaderArgs(person, "/search?q=Sitzbank", {}));
      if (data.state !== "results") throw new Error(data.state);
      return data.results.map((result) => result.snippet.map((part) => part.text).join(""));
    };
    const jonas = (await search("jonas")).join("\n");
    expect(jonas).not.toMatch(/555|felix@/);
    for (const snippet of [
      "Tel. Felix Roth.",
      "klärt Felix Roth: Felix Roth.",
      "an Felix Roth oder",
    ]) {
      expect(jonas).toContain(snippet);
    }
    const anna = (await search("anna")).join("\n");
    expect(anna).toContain("Tel. 040 5550102.");
    expect(anna).toContain("an felix@cafe-morgenrot.example oder");
  });
});

describe("Jonas edits his email to Felix without seeing or losing Felix's address", () => {
  const path = () => `/projects/${G()}/history/${willow}/edit`;
  const params = () => ({ projectId: G(), entryId: willow });
  const stored = async () => {
    const [row] = await db().select().from(entries).where(eq(entries.id, willow));
    return row!;
  };

  /** The form as the browser sends it: the defaults, the ticked names, and our changes. */
  async function submit(changes: Record<string, string | string[] | undefined>) {
    const { defaults } = await editLoader(loaderArgs("jonas", path(), params()));
    const fields: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(defaults)) {
      if (value === null || key === "occurredAtIso") continue;
      fields[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    // The page keeps the stored time when its script has not filled the field in.
    fields.occurredAtFallback = defaults.occurredAtIso!;
    return editAction(
      routeArgs(
        tokens.get("jonas"),
        path(),
        params(),
        formBody({ ...fields, withheldShown: "to", keepTo: "0", ...changes }),
      ),
    );
  }

  test("the form shows Felix Roth, read-only, and neither his address nor his number", async () => {
    const { defaults, withheld } = await editLoader(loaderArgs("jonas", path(), params()));
    expect(defaults.emailFrom).toBe("jonas@holzwerk-meyer.example");
    expect(defaults.emailTo).toBe("anna@hansen.example");
    expect(withheld.to).toEqual([{ index: 0, label: "Felix Roth" }]);
    // The notes mention Felix's number: shown redacted instead of in the editor.
    expect(defaults.body).toBe("");
    expect(withheld.bodyHtml).toBe("<p>Lieferung mit Felix Roth abgestimmt, Tel. Felix Roth.</p>");
  });

  test("saving it unchanged changes nothing; a new recipient joins Felix; unticked, he goes", async () => {
    const before = await stored();
    await submit({});
    expect((await stored()).details).toEqual(before.details);
    expect(
      await db().select().from(entryRevisions).where(eq(entryRevisions.entryId, willow)),
    ).toEqual([]);

    await submit({ emailTo: "anna@hansen.example, ida@hansen.example" });
    const added = await stored();
    expect(added.details.to).toEqual([
      "felix@cafe-morgenrot.example",
      "anna@hansen.example",
      "ida@hansen.example",
    ]);
    expect(added.bodyText).toBe(before.bodyText);

    await submit({ keepTo: undefined });
    expect((await stored()).details.to).toEqual(["anna@hansen.example", "ida@hansen.example"]);
  });

  test("a form that offers no choice (an old page, no script) keeps Paul on QUARTZ for Mara", async () => {
    const { id: entryId, projectId } = ids.markers.get("QUARTZ")!;
    const quartzPath = `${entryPath("QUARTZ")}/edit`;
    const { defaults } = await editLoader(loaderArgs("mara", quartzPath, { projectId, entryId }));
    expect(defaults.emailTo).toBe("");
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(defaults)) {
      if (typeof value === "string") fields[key] = value;
    }
    await editAction(
      routeArgs(
        tokens.get("mara"),
        quartzPath,
        { projectId, entryId },
        formBody({ ...fields, subject: "Empfangstresen Entwurf v2 QUARTZ" }),
      ),
    );
    const [row] = await db().select().from(entries).where(eq(entries.id, entryId));
    expect(row!.subject).toBe("Empfangstresen Entwurf v2 QUARTZ");
    expect(row!.details.to).toEqual(["paul@kanzlei-brandt.example"]);
  });
});

test("an imported email's answer names Felix Roth, not his number, to Jonas", async () => {
  const projectId = G();
  const eml = [
    "From: Felix Roth <felix@cafe-morgenrot.example>",
    "To: jonas@holzwerk-meyer.example",
    "Subject: Sitzbank Rückruf +49 40 555 0102",
    "Date: Mon, 16 Nov 2026 09:30:00 +0100",
    "Message-ID: <sitzbank-1@cafe-morgenrot.example>",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Bitte zurückrufen.",
  ].join("\r\n");
  const send = async () => {
    const form = new FormData();
    form.append("eml", new File([eml], "Sitzbank.eml", { type: "message/rfc822" }));
    const result = (await importAction({
      request: new Request(`http://localhost:3000/projects/${projectId}/history/import`, {
        method: "POST",
        headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${tokens.get("jonas")}` },
        body: form,
      }),
      params: { projectId },
      context: makeRequestContext(),
    })) as unknown as { data: EmlImportAnswer };
    return JSON.stringify(result.data);
  };
  const first = await send();
  expect(first).toContain("Sitzbank Rückruf Felix Roth");
  expect(first).not.toMatch(/555/);
  // The second time it is a duplicate, and the link to the entry names it the same way.
  const again = await send();
  expect(again).toContain("Sitzbank Rückruf Felix Roth");
  expect(again).not.toMatch(/555/);
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, projects, users } from "#db/schema";
import { loader as entryLoader } from "~/routes/_app.projects.$projectId.history.$entryId";
import { loader as timelineLoader } from "~/routes/_app.projects.$projectId.history._index";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import {
  DEMO_PEOPLE,
  demoEmails,
  EMPFANG,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  GASTRAUM,
  MARKERS_BY_PROJECT,
  PROJECTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import { makeRequestContext } from "../../support/request";

/*
 * The HTTP layer of the authorization matrix for the contact history: the timeline and entry
 * loaders, called as the browser calls them, for every demo user of DEMO_WORLD.md.
 */

const G = GASTRAUM;
const E = EMPFANG;
const T = TERRASSE;
const byProject = MARKERS_BY_PROJECT;
const ALL = ENTRY_MARKERS;
const people = Object.fromEntries(
  DEMO_PEOPLE.map((person) => [
    person,
    {
      email: demoEmails[person],
      projects: PROJECTS_SEEN_BY[person],
      entries: ENTRIES_SEEN_BY[person],
    },
  ]),
) as Record<DemoPerson, { email: string; projects: readonly string[]; entries: readonly string[] }>;
type Person = DemoPerson;
const everyone = DEMO_PEOPLE;

const cookies: Partial<Record<Person, string>> = {};
const projectIds = new Map<string, string>();
/** Marker word → entry id and project name. */
const markers = new Map<string, { id: string; projectId: string; project: string }>();
let cells = 0;

const marker = (subject: string | null) => subject?.split(" ").at(-1) ?? "";

beforeAll(async () => {
  for (const [person, { email }] of Object.entries(people)) {
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.81",
      userAgent: "matrix",
      twoFactorVerified: true,
    });
    cookies[person as Person] = token;
  }
  for (const project of await db().select().from(projects)) {
    projectIds.set(project.name, project.id);
  }
  const rows = await db()
    .select({ id: entries.id, subject: entries.subject, projectId: entries.projectId })
    .from(entries);
  for (const row of rows) {
    const project = [...projectIds].find(([, id]) => id === row.projectId)![0];
    markers.set(marker(row.subject), { id: row.id, projectId: row.projectId, project });
  }
});

afterAll(() => {
  console.info(`authorization matrix (HTTP, history): ${cells} cells`);
});

function args(person: Person, path: string, params: Record<string, string>) {
  return {
    request: new Request(new URL(path, "http://localhost:3000"), {
      headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookies[person]}` },
    }),
    params,
    context: makeRequestContext(),
  };
}

async function status(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("GET /projects/:projectId/history", () => {
  for (const person of everyone) {
    test(`${person} lists exactly their entries in each project, and 404 outside their projects`, async () => {
      for (const name of [G, E, T]) {
        const projectId = projectIds.get(name)!;
        const visible = (people[person].projects as readonly string[]).includes(name);
        const call = () =>
          timelineLoader(args(person, `/projects/${projectId}/history`, { projectId }));
        cells += 1;
        if (!visible) {
          expect(await status(call), name).toBe(404);
          continue;
        }
        const data = await call();
        const expected = byProject[name]!.filter((word) =>
          (people[person].entries as readonly string[]).includes(word),
        );
        expect(data.entries.map((entry) => marker(entry.subject)).sort(), name).toEqual(
          [...expected].sort(),
        );
        // Only the host learns who an entry is shared with.
        const host = ["ida", "anna", "tom", "clara"].includes(person);
        expect(data.entries.every((entry) => (entry.audience !== undefined) === host)).toBe(true);
      }
    });
  }

  test("lena on Brandt – Empfang (membership expired yesterday) is a 404", async () => {
    const projectId = projectIds.get(E)!;
    cells += 1;
    expect(
      await status(() =>
        timelineLoader(args("lena", `/projects/${projectId}/history`, { projectId })),
      ),
    ).toBe(404);
  });
});

describe("GET /projects/:projectId/history/:entryId", () => {
  for (const person of everyone) {
    test(`${person}: every entry page is 200 exactly when the entry is readable`, async () => {
      for (const word of ALL) {
        const { id: entryId, projectId } = markers.get(word)!;
        const readable = (people[person].entries as readonly string[]).includes(word);
        const answer = await status(() =>
          entryLoader(
            args(person, `/projects/${projectId}/history/${entryId}`, { projectId, entryId }),
          ),
        );
        cells += 1;
        expect(answer, word).toBe(readable ? 200 : 404);
      }
    });
  }

  test("an entry asked for under another project is a 404, even for the host", async () => {
    const { id: entryId } = markers.get("QUARTZ")!;
    const projectId = projectIds.get(G)!;
    cells += 1;
    expect(
      await status(() =>
        entryLoader(
          args("ida", `/projects/${projectId}/history/${entryId}`, { projectId, entryId }),
        ),
      ),
    ).toBe(404);
  });

  test("the explain panel for LUPIN names Studio Lumen and Café Morgenrot as able, Holzwerk Meyer as not", async () => {
    const { id: entryId, projectId } = markers.get("LUPIN")!;
    const data = await entryLoader(
      args("anna", `/projects/${projectId}/history/${entryId}`, { projectId, entryId }),
    );
    const verdict = Object.fromEntries(
      data.explain!.organizations.map((org) => [org.organizationName, org.canRead]),
    );
    cells += 3;
    expect(verdict).toEqual({
      "Café Morgenrot GmbH": true,
      "Holzwerk Meyer KG": false,
      "Studio Lumen": true,
    });
    for (const org of data.explain!.organizations) {
      expect(org.reason === null, org.organizationName).toBe(!org.canRead);
    }
    // Holzwerk Meyer reads the history: LUPIN is simply not shared with it.
    const holzwerk = data.explain!.organizations.find((org) =>
      org.organizationName.startsWith("Holz"),
    );
    expect(holzwerk?.why).toBe("notShared");
  });

  test("externals get no explain panel", async () => {
    const { id: entryId, projectId } = markers.get("LUPIN")!;
    const data = await entryLoader(
      args("lena", `/projects/${projectId}/history/${entryId}`, { projectId, entryId }),
    );
    cells += 1;
    expect(data.explain).toBeNull();
  });
});

describe("GET /projects/:projectId/history: request activity among the entries", () => {
  /*
   * DEMO_WORLD.md's requests: CORAL in Umbau Gastraum (host, Studio Lumen by its assignment,
   * Café Morgenrot), DELTA in Brandt – Empfang (host, Kanzlei Brandt). A timeline shows a
   * request's opening, status changes and public replies to its readers only, and never a note.
   */
  const host = ["ida", "anna", "tom", "clara"];
  const requestsSeenBy = (person: Person): Record<string, string[]> => ({
    [G]: host.includes(person) || person === "lena" || person === "eva" ? ["CORAL"] : [],
    [E]: host.includes(person) || person === "paul" ? ["DELTA"] : [],
    [T]: [],
  });
  const REQUEST_WORDS = /CORAL|DELTA|Stuhlfarbe|Anzahlung|SECRETNOTE|Kulanz/g;

  for (const person of everyone) {
    test(`${person}: the request lines of exactly their requests, and no note`, async () => {
      for (const name of people[person].projects) {
        const projectId = projectIds.get(name)!;
        const data = await timelineLoader(
          args(person, `/projects/${projectId}/history`, { projectId }),
        );
        const lines = data.lines.filter((line) => line.kind === "request");
        const expected = requestsSeenBy(person)[name]!;
        cells += 1;
        expect([...new Set(lines.map((line) => marker(line.title)))], name).toEqual(expected);
        // Opened, the status change and the public reply: never the assignment nor a note.
        expect(
          lines.map((line) => line.activity),
          name,
        ).toEqual(
          expected.includes("CORAL") ? ["reply", "status", "opened"] : expected.map(() => "opened"),
        );
        const words = [...new Set(JSON.stringify(data).match(REQUEST_WORDS) ?? [])].sort();
        expect(words, name).toEqual(
          expected
            .flatMap((word) =>
              word === "CORAL" ? ["CORAL", "Stuhlfarbe"] : ["Anzahlung", "DELTA"],
            )
            .sort(),
        );
      }
    });
  }
});

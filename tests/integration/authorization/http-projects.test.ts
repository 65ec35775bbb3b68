import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { memberships, organizations, projects, users } from "#db/schema";
import { loader as projectLoader } from "~/routes/_app.projects.$projectId";
import { loader as projectsLoader } from "~/routes/_app.projects._index";
import {
  action as membersAction,
  loader as membersLoader,
} from "~/routes/_app.projects.$projectId.members";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { formRequest, makeRequestContext } from "../../support/request";

/*
 * The HTTP layer of the authorization matrix for projects and memberships: the real loaders and
 * actions, called as the browser calls them, for every demo user of DEMO_WORLD.md.
 */

const G = "Morgenrot – Umbau Gastraum";
const E = "Brandt – Empfang";
const T = "Morgenrot – Terrasse";
const people = {
  ida: { email: "ida@hansen.example", projects: [E, T, G], manages: [G, E, T] },
  anna: { email: "anna@hansen.example", projects: [E, T, G], manages: [G, T] },
  tom: { email: "tom@hansen.example", projects: [E, T, G], manages: [E] },
  clara: { email: "clara@hansen.example", projects: [E, T, G], manages: [] },
  lena: { email: "lena@studio-lumen.example", projects: [G], manages: [] },
  jonas: { email: "jonas@holzwerk-meyer.example", projects: [G], manages: [] },
  mara: { email: "mara@wolff-design.example", projects: [E], manages: [] },
  eva: { email: "eva@cafe-morgenrot.example", projects: [G], manages: [] },
  paul: { email: "paul@kanzlei-brandt.example", projects: [E], manages: [] },
} as const;
type Person = keyof typeof people;

const membersSeen: Record<Person, Record<string, string[]>> = {
  ida: {},
  anna: {},
  tom: {},
  clara: {},
  lena: { [G]: ["Café Morgenrot GmbH", "Holzwerk Meyer KG", "Studio Lumen"] },
  jonas: { [G]: ["Café Morgenrot GmbH", "Holzwerk Meyer KG", "Studio Lumen"] },
  eva: { [G]: ["Café Morgenrot GmbH", "Holzwerk Meyer KG", "Studio Lumen"] },
  mara: { [E]: ["Kanzlei Brandt", "Mara Wolff Design"] },
  paul: { [E]: ["Kanzlei Brandt", "Mara Wolff Design"] },
};
const ALL_MEMBERS: Record<string, string[]> = {
  [G]: ["Café Morgenrot GmbH", "Holzwerk Meyer KG", "Studio Lumen"],
  [E]: ["Kanzlei Brandt", "Mara Wolff Design", "Studio Lumen"],
  [T]: [],
};
for (const host of ["ida", "anna", "tom", "clara"] as const) membersSeen[host] = ALL_MEMBERS;

const cookies: Partial<Record<Person, string>> = {};
const projectIds = new Map<string, string>();
let cells = 0;

beforeAll(async () => {
  for (const [person, { email }] of Object.entries(people)) {
    const [user] = await db().select().from(users).where(eq(users.email, email));
    const { token } = await createSession(user!.id, {
      ip: "198.51.100.80",
      userAgent: "matrix",
      twoFactorVerified: true,
    });
    cookies[person as Person] = token;
  }
  for (const project of await db().select().from(projects))
    projectIds.set(project.name, project.id);
});

afterAll(() => {
  console.info(`authorization matrix (HTTP, projects and memberships): ${cells} cells`);
});

function get(person: Person, path: string) {
  return new Request(new URL(path, "http://localhost:3000"), {
    headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${cookies[person]}` },
  });
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

const everyone = Object.keys(people) as Person[];

describe("GET /projects", () => {
  for (const person of everyone) {
    test(`${person} lists exactly their projects`, async () => {
      const data = await projectsLoader({
        request: get(person, "/projects"),
        params: {},
        context: makeRequestContext(),
      });
      cells += 1;
      expect(data.projects.map((project) => project.name)).toEqual(people[person].projects);
    });
  }
});

describe("GET /projects/:projectId and its members", () => {
  for (const person of everyone) {
    test(`${person}: a project outside their scope is a 404, inside it shows the members they may see`, async () => {
      for (const name of [G, E, T]) {
        const projectId = projectIds.get(name)!;
        const visible = (people[person].projects as readonly string[]).includes(name);
        const args = {
          request: get(person, `/projects/${projectId}`),
          params: { projectId },
          context: makeRequestContext(),
        };
        cells += 2;
        expect(await status(() => projectLoader(args)), `${name} page`).toBe(visible ? 200 : 404);
        const members = await status(() => membersLoader(args));
        expect(members, `${name} members`).toBe(visible ? 200 : 404);
        if (!visible) continue;
        const data = await membersLoader(args);
        cells += 2;
        expect(data.members.map((member) => member.name).sort(), `${name} member names`).toEqual(
          membersSeen[person][name] ?? [],
        );
        // Scopes (access, sections, expiry) are for the host only.
        const host = ["ida", "anna", "tom", "clara"].includes(person);
        expect(
          data.members.every((member) => "sections" in member === host),
          `${name} scopes`,
        ).toBe(true);
      }
    });
  }
});

// The project's tabs: History for every member with the history section (all of them in the
// demo world), Documents only with the documents section (not Holzwerk Meyer), host staff always.
const tabsSeen: Record<Person, Record<string, { history: boolean; documents: boolean }>> = {
  ida: {},
  anna: {},
  tom: {},
  clara: {},
  lena: { [G]: { history: true, documents: true } },
  jonas: { [G]: { history: true, documents: false } },
  mara: { [E]: { history: true, documents: true } },
  eva: { [G]: { history: true, documents: true } },
  paul: { [E]: { history: true, documents: true } },
};
for (const host of ["ida", "anna", "tom", "clara"] as const) {
  for (const name of [G, E, T]) tabsSeen[host][name] = { history: true, documents: true };
}

describe("the project's tabs", () => {
  for (const person of everyone) {
    test(`${person} is offered the History and Documents tabs the policy opens to them`, async () => {
      for (const name of people[person].projects) {
        const projectId = projectIds.get(name)!;
        const data = await projectLoader({
          request: get(person, `/projects/${projectId}`),
          params: { projectId },
          context: makeRequestContext(),
        });
        cells += 2;
        expect(
          { history: data.showHistory, documents: data.showDocuments },
          `${name} tabs`,
        ).toEqual(tabsSeen[person][name]);
      }
    });
  }
});

describe("POST /projects/:projectId/members", () => {
  for (const person of everyone) {
    test(`${person}: changing a membership is allowed only to the owner and admins, and a refusal changes nothing`, async () => {
      for (const name of [G, E]) {
        const projectId = projectIds.get(name)!;
        const [target] = await db()
          .select({ membership: memberships })
          .from(memberships)
          .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
          .where(eq(memberships.projectId, projectId))
          .orderBy(organizations.name)
          .limit(1);
        const before = target!.membership;
        const visible = (people[person].projects as readonly string[]).includes(name);
        const allowed = (people[person].manages as readonly string[]).includes(name);
        const request = formRequest(
          `/projects/${projectId}/members`,
          {
            intent: "update",
            membershipId: before.id,
            access: "contribute",
            sections: "history",
          },
          { cookies: { [SESSION_COOKIE]: cookies[person]! } },
        );
        const answer = await status(() =>
          membersAction({ request, params: { projectId }, context: makeRequestContext() }),
        );
        cells += 1;
        expect(answer, `${name}`).toBe(allowed ? 302 : visible ? 403 : 404);
        const [after] = await db().select().from(memberships).where(eq(memberships.id, before.id));
        if (allowed) {
          expect(after!.sections).toEqual(["history"]);
          await db()
            .update(memberships)
            .set({ sections: before.sections, access: before.access })
            .where(eq(memberships.id, before.id));
        } else {
          expect(after).toEqual(before);
        }
      }
    });
  }
});

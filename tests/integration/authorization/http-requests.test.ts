import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { requests } from "#db/schema";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import {
  action as requestAction,
  loader as requestLoader,
} from "~/routes/_app.requests.$requestId";
import { loader as listLoader } from "~/routes/_app.requests._index";
import { loader as projectTabLoader } from "~/routes/_app.projects.$projectId.requests";
import { loader as filterOptionsLoader } from "~/routes/requests.filter-options";
import {
  DEMO_PEOPLE,
  EMPFANG,
  GASTRAUM,
  HOST_PEOPLE,
  BRANDT,
  MORGENROT,
  PROJECTS_SEEN_BY,
  REQUEST_MARKERS,
  REQUESTS_SEEN_BY,
  SECRETNOTE_READERS,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import { demoWorld, formBody, markerOf, routeArgs, statusOf } from "../../support/http-as";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * The requests part of DEMO_WORLD.md's matrix over HTTP: every demo user × the list, each
 * request's page and its `.data`, the projects' Requests tabs, and every write on the request
 * page. SECRETNOTE reaches host staff only; DELTA never Lena, Jonas, Mara or Eva.
 */

const world = demoWorld();
const requestIds = new Map<string, string>();
let studioLumenId = "";
let app: RemixApp;
let cells = 0;

beforeAll(async () => {
  for (const row of await db().select().from(requests)) {
    requestIds.set(markerOf(row.title), row.id);
    if (row.assignedOrganizationId) studioLumenId = row.assignedOrganizationId;
  }
  app = await startRemixApp();
});

afterAll(async () => {
  await app?.close();
  console.info(`authorization matrix (HTTP, requests): ${cells} cells`);
});

const cookie = (person: DemoPerson) => `${SESSION_COOKIE}=${world.tokens.get(person)}`;
const isHost = (person: DemoPerson) => (HOST_PEOPLE as readonly string[]).includes(person);

/** Exactly the requests named reach `body`; SECRETNOTE only where expected. */
function expectMarkers(body: string, where: string, markers: readonly string[], note: boolean) {
  for (const marker of REQUEST_MARKERS) {
    cells += 1;
    expect(body.includes(marker), `${marker} in ${where}`).toBe(markers.includes(marker));
  }
  cells += 1;
  expect(body.includes("SECRETNOTE"), `SECRETNOTE in ${where}`).toBe(note);
}

describe("the requests list", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} lists exactly their requests`, async () => {
      const data = await listLoader(routeArgs(world.tokens.get(person), "/requests", {}));
      expect(data.requests.map((row) => markerOf(row.title)).sort()).toEqual(
        [...REQUESTS_SEEN_BY[person]].sort(),
      );
      for (const path of ["/requests", "/requests.data"]) {
        const response = await app.get(path, cookie(person));
        expect(response.status, path).toBe(200);
        // A list shows titles, never a comment.
        expectMarkers(await response.text(), path, REQUESTS_SEEN_BY[person], false);
      }
    });
  }
});

describe("the queue's searched filters", () => {
  const accountOf: Record<string, string> = {
    [GASTRAUM]: MORGENROT,
    [TERRASSE]: MORGENROT,
    [EMPFANG]: BRANDT,
  };
  const names = async (person: DemoPerson, filter: string, q = "") => {
    const path = `/requests/filter-options?filter=${filter}&q=${encodeURIComponent(q)}`;
    const data = await filterOptionsLoader(routeArgs(world.tokens.get(person), path, {}));
    return data.options.map((option) => option.name).sort();
  };

  for (const person of DEMO_PEOPLE) {
    test(`${person} is offered only the projects and accounts they may read`, async () => {
      const projects = [...PROJECTS_SEEN_BY[person]].sort();
      cells += 2;
      expect(await names(person, "project")).toEqual(projects);
      expect(await names(person, "account")).toEqual(
        [...new Set(projects.map((name) => accountOf[name]!))].sort(),
      );
    });
  }

  test("typed words narrow the choices, in any order and either name", async () => {
    expect(await names("anna", "project", "terrasse")).toEqual([TERRASSE]);
    expect(await names("anna", "project", "gastraum morgenrot")).toEqual([GASTRAUM]);
    // A project is found by its account's name too.
    expect(await names("anna", "project", "kanzlei")).toEqual([EMPFANG]);
    expect(await names("anna", "assigned", "lumen")).toEqual(["Studio Lumen"]);
    expect(await names("anna", "project", "%")).toEqual([]);
  });

  test("an unknown filter is a 404", async () => {
    const response = await app.get("/requests/filter-options?filter=users", cookie("anna"));
    expect(response.status).toBe(404);
  });
});

describe("a request's page and its .data", () => {
  for (const person of DEMO_PEOPLE) {
    for (const marker of REQUEST_MARKERS) {
      const reads = REQUESTS_SEEN_BY[person].includes(marker);
      test(`${person} · ${marker}: ${reads ? "200" : "404"}`, async () => {
        const id = requestIds.get(marker)!;
        cells += 1;
        expect(
          await statusOf(() =>
            requestLoader(
              routeArgs(world.tokens.get(person), `/requests/${id}`, { requestId: id }),
            ),
          ),
        ).toBe(reads ? 200 : 404);
        for (const path of [`/requests/${id}`, `/requests/${id}.data`]) {
          const response = await app.get(path, cookie(person));
          cells += 1;
          expect(response.status, path).toBe(reads ? 200 : 404);
          const body = await response.text();
          const note = reads && marker === "CORAL" && SECRETNOTE_READERS.includes(person);
          expectMarkers(body, path, reads ? [marker] : [], note);
        }
      });
    }
  }
});

describe("the projects' Requests tabs", () => {
  const opens: Record<string, readonly DemoPerson[]> = {
    [GASTRAUM]: ["ida", "anna", "tom", "clara", "lena", "eva"],
    [EMPFANG]: ["ida", "anna", "tom", "clara", "paul"],
    [TERRASSE]: ["ida", "anna", "tom", "clara"],
  };
  for (const person of DEMO_PEOPLE) {
    for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
      const expected = opens[project]!.includes(person) ? 200 : 404;
      test(`${person} · ${project}: ${expected}`, async () => {
        const projectId = world.ids.projectIds.get(project)!;
        const path = `/projects/${projectId}/requests`;
        cells += 1;
        expect(
          await statusOf(() =>
            projectTabLoader(routeArgs(world.tokens.get(person), path, { projectId })),
          ),
        ).toBe(expected);
      });
    }
  }
});

/** A write on a request page as the browser posts it; the answer's status. */
async function post(person: DemoPerson, marker: string, fields: Record<string, string>) {
  const id = requestIds.get(marker)!;
  return statusOf(() =>
    requestAction(
      routeArgs(world.tokens.get(person), `/requests/${id}`, { requestId: id }, formBody(fields)),
    ),
  );
}

const body = JSON.stringify({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "Matrix" }] }],
});

describe("writes on a request page", () => {
  for (const person of DEMO_PEOPLE) {
    for (const marker of REQUEST_MARKERS) {
      const reads = REQUESTS_SEEN_BY[person].includes(marker);
      test(`${person} · ${marker}: internal note, assignment and rating`, async () => {
        // Each case starts from DEMO_WORLD.md: CORAL assigned to Studio Lumen, DELTA to nobody.
        await db()
          .update(requests)
          .set({ assignedOrganizationId: studioLumenId })
          .where(eq(requests.id, requestIds.get("CORAL")!));
        const writer = isHost(person) && person !== "clara";
        cells += 3;
        // Not readable: 404 before anything else; readable but not allowed: 403.
        const refused = reads ? 403 : 404;
        expect(await post(person, marker, { intent: "comment", audience: "internal", body })).toBe(
          writer ? 302 : refused,
        );
        const assignment = await post(person, marker, { intent: "assign", organizationId: "" });
        // Neither request moves: un-assigning DELTA changes nothing (400), CORAL is handed back.
        expect(assignment).toBe(writer ? (marker === "DELTA" ? 400 : 302) : refused);
        // Nobody rates an unresolved request, not even the customer.
        expect(await post(person, marker, { intent: "rate", rating: "5", comment: "" })).toBe(
          refused,
        );
      });
    }
  }

  test("Jonas's refused write leaves CORAL as it was", async () => {
    const [before] = await db()
      .select()
      .from(requests)
      .where(eq(requests.id, requestIds.get("CORAL")!));
    expect(await post("jonas", "CORAL", { intent: "transition", to: "resolved" })).toBe(404);
    const [after] = await db()
      .select()
      .from(requests)
      .where(eq(requests.id, requestIds.get("CORAL")!));
    expect(after!.status).toBe(before!.status);
  });
});

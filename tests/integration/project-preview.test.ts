import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { auditEvents, users } from "#db/schema";
import { loader as previewLoader } from "~/routes/_app.projects.$projectId_.preview";
import {
  DEMO_PEOPLE,
  demoEmails,
  DOCUMENTS_BY_PROJECT,
  DOCUMENTS_SEEN_BY,
  EMPFANG,
  ENTRIES_SEEN_BY,
  GASTRAUM,
  MARKERS_BY_PROJECT,
  PROJECTS_SEEN_BY,
  REQUESTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../support/demo-people";
import { demoWorld, markerOf, routeArgs, statusOf } from "../support/http-as";

/*
 * "Preview as" (issue 15, part 5): the project's owner, administrators and compliance officers
 * see a project through a member organisation's (or one of its users') own permissions. The
 * preview must show exactly what that person sees on their own pages (DEMO_WORLD.md's table),
 * write nothing but its audit event, and be a 404 to everyone else.
 */

const { tokens, ids, org } = demoWorld();

type Loaded = Awaited<ReturnType<typeof previewLoader>>;

function preview(person: DemoPerson, project: string, query: Record<string, string> = {}) {
  const projectId = ids.projectIds.get(project)!;
  const search = new URLSearchParams(query);
  return previewLoader(
    routeArgs(tokens.get(person), `/projects/${projectId}/preview?${search}`, { projectId }),
  ) as Promise<Loaded>;
}

const PREVIEWERS: Record<DemoPerson, string[]> = {
  ida: [GASTRAUM, EMPFANG, TERRASSE],
  clara: [GASTRAUM, EMPFANG, TERRASSE],
  anna: [GASTRAUM, TERRASSE],
  tom: [EMPFANG],
  lena: [],
  jonas: [],
  mara: [],
  eva: [],
  paul: [],
};

describe("who may preview a project", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person}: ${PREVIEWERS[person].join(", ") || "none"}`, async () => {
      for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
        expect(await statusOf(() => preview(person, project)), project).toBe(
          PREVIEWERS[person].includes(project) ? 200 : 404,
        );
      }
    });
  }
});

/** The external demo users and the organisation each belongs to. */
const MEMBERS: Partial<Record<DemoPerson, string>> = {
  lena: "Studio Lumen",
  jonas: "Holzwerk Meyer KG",
  mara: "Mara Wolff Design",
  eva: "Café Morgenrot GmbH",
  paul: "Kanzlei Brandt",
};

async function userIdOf(person: DemoPerson) {
  const [row] = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmails[person]));
  return row!.id;
}

describe("the preview shows what each member sees on their own pages", () => {
  for (const [person, organization] of Object.entries(MEMBERS) as [DemoPerson, string][]) {
    for (const project of [GASTRAUM, EMPFANG]) {
      test(`${project} as ${person} (${organization}), and as any user of it`, async () => {
        const organizationId = org.get(organization)!;
        const loaded = await preview("ida", project);
        if (!loaded.choices.some((row) => row.organizationId === organizationId)) {
          // Not a member at all: the preview offers no such choice.
          expect(PROJECTS_SEEN_BY[person]).not.toContain(project);
          return;
        }
        const queries: Record<string, string>[] = [
          { organization: organizationId, person: await userIdOf(person) },
          { organization: organizationId },
        ];
        for (const query of queries) {
          const { preview: seen, party } = await preview("ida", project, query);
          expect(party?.organizationId).toBe(organizationId);
          if (!PROJECTS_SEEN_BY[person].includes(project)) {
            expect(seen).toEqual({ opens: false });
            continue;
          }
          if (!seen?.opens) throw new Error(`${person} should open ${project}`);
          const entries = (seen.entries?.items ?? []).map((entry) => markerOf(entry.subject));
          expect(entries.sort()).toEqual(
            ENTRIES_SEEN_BY[person].filter((m) => MARKERS_BY_PROJECT[project]!.includes(m)).sort(),
          );
          const documents = (seen.documents?.items ?? []).map((row) => row.title.split(" ").at(-1));
          expect(documents.sort()).toEqual(
            DOCUMENTS_SEEN_BY[person]
              .filter((m) => DOCUMENTS_BY_PROJECT[project]!.includes(m))
              .sort(),
          );
          const requests = (seen.requests?.items ?? []).map((row) => markerOf(row.title));
          const inProject = project === GASTRAUM ? ["CORAL"] : ["DELTA"];
          expect(requests.sort()).toEqual(
            REQUESTS_SEEN_BY[person].filter((m) => inProject.includes(m) && seen.sections.requests),
          );
        }
      });
    }
  }
});

describe("what the preview shows beyond the lists", () => {
  test("contact details only with the contacts section: Studio Lumen yes, Holzwerk no", async () => {
    const asLumen = await preview("anna", GASTRAUM, { organization: org.get("Studio Lumen")! });
    const asHolzwerk = await preview("anna", GASTRAUM, {
      organization: org.get("Holzwerk Meyer KG")!,
    });
    if (!asLumen.preview?.opens || !asHolzwerk.preview?.opens) throw new Error("both open it");
    const felix = (loaded: typeof asLumen.preview) =>
      loaded.opens ? loaded.contacts.find((row) => row.name === "Felix Roth") : undefined;
    expect(felix(asLumen.preview)?.email).toBe("felix@cafe-morgenrot.example");
    expect(felix(asHolzwerk.preview)).toMatchObject({ name: "Felix Roth", email: null });
    expect(asHolzwerk.preview.sections).toEqual({
      history: true,
      documents: false,
      requests: false,
    });
    expect(asHolzwerk.preview.documents).toBeNull();
  });

  test("Studio Lumen's expired Brandt membership: offered, and the project stays closed", async () => {
    const loaded = await preview("tom", EMPFANG, { organization: org.get("Studio Lumen")! });
    expect(loaded.choices.find((row) => row.name === "Studio Lumen")?.state).toBe("expired");
    expect(loaded.preview).toEqual({ opens: false });
  });

  test("an internal project offers no one to preview as", async () => {
    const loaded = await preview("anna", TERRASSE);
    expect(loaded.choices).toEqual([]);
    expect(loaded.preview).toBeNull();
  });

  test("an organisation the project does not have falls back to its first member", async () => {
    const loaded = await preview("anna", GASTRAUM, { organization: org.get("Kanzlei Brandt")! });
    expect(loaded.party?.organizationId).toBe(loaded.choices[0]!.organizationId);
  });
});

/** Rows in every table of the app's schema (the audit log apart). */
async function rowCounts() {
  const tables = await queryRows<{ name: string }>(
    db(),
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'audit_events'
        order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    );
    counts[name] = row!.n;
  }
  return counts;
}

describe("a preview writes nothing but its audit event", () => {
  test("no row changes anywhere; the log says who previewed as whom", async () => {
    const projectId = ids.projectIds.get(GASTRAUM)!;
    const lena = await userIdOf("lena");
    const before = await rowCounts();
    const [{ n: logged }] = (await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_events`,
    )) as [{ n: number }];

    await preview("anna", GASTRAUM, { organization: org.get("Studio Lumen")!, person: lena });

    expect(await rowCounts()).toEqual(before);
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.subjectId, lena)));
    expect(events.map((event) => event.action)).toContain("project.previewed_as");
    const [{ n: after }] = (await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_events`,
    )) as [{ n: number }];
    expect(after).toBe(logged + 1);
  });
});

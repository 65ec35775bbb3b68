import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, outboundEmails } from "#db/schema";
import {
  action as composeAction,
  loader as composeLoader,
} from "~/routes/_app.projects.$projectId.history.email";
import {
  DEMO_PEOPLE,
  EMPFANG,
  GASTRAUM,
  PROJECTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../../support/http-as";

/*
 * The HTTP layer of the authorization matrix for writing emails from a project: every demo user
 * × every project, through the compose page's loader and action. Host staff (but Clara) write
 * from every project; a partner needs `contribute` with the contacts section (DEMO_WORLD:
 * Studio Lumen in Umbau Gastraum); customers never. Readable but not allowed is 403, anything
 * else 404, and nothing is written or queued unless allowed. The recipients offered are exactly
 * the people whose address the writer may read.
 */

const G = GASTRAUM;
const E = EMPFANG;
const T = TERRASSE;

const maySend: Record<DemoPerson, string[]> = {
  ida: [G, E, T],
  anna: [G, E, T],
  tom: [G, E, T],
  clara: [],
  lena: [G],
  jonas: [],
  mara: [],
  eva: [],
  paul: [],
};

const { tokens, ids } = demoWorld();
let cells = 0;

afterAll(() => {
  console.info(`authorization matrix (HTTP, email sending): ${cells} cells`);
});

const expected = (readable: boolean, allowed: boolean) => (allowed ? 302 : readable ? 403 : 404);

describe("GET/POST /projects/:projectId/history/email", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} writes emails exactly where the policy lets them`, async () => {
      for (const project of [G, E, T]) {
        const projectId = ids.projectIds.get(project)!;
        const path = `/projects/${projectId}/history/email`;
        const token = tokens.get(person);
        const want = expected(
          PROJECTS_SEEN_BY[person].includes(project),
          maySend[person].includes(project),
        );
        cells += 2;
        expect(
          await statusOf(() => composeLoader(routeArgs(token, path, { projectId }))),
          project,
        ).toBe(want === 302 ? 200 : want);
        const subject = `Matrix mail ${person} ${project}`;
        let to = "user:00000000-0000-0000-0000-000000000000";
        let audience = "internal";
        if (want === 302) {
          const page = await composeLoader(routeArgs(token, path, { projectId }));
          to = page.choices.recipients[0]!.key;
          audience = page.choices.audience.defaultPreset;
        }
        const body = formBody({ to, subject, bodyPlain: "Guten Tag", audience });
        expect(
          await statusOf(() => composeAction(routeArgs(token, path, { projectId }, body))),
          project,
        ).toBe(want);
        const stored = await db()
          .select({ status: outboundEmails.status })
          .from(entries)
          .innerJoin(outboundEmails, eq(outboundEmails.entryId, entries.id))
          .where(eq(entries.subject, subject));
        expect(stored, project).toEqual(want === 302 ? [{ status: "queued" }] : []);
      }
    });
  }

  test("recipients are the people whose address the writer may read", async () => {
    const projectId = ids.projectIds.get(G)!;
    const path = `/projects/${projectId}/history/email`;
    const offered = async (person: DemoPerson) =>
      (await composeLoader(routeArgs(tokens.get(person), path, { projectId }))).choices.recipients
        .map((row) => row.email)
        .sort();
    const anna = await offered("anna");
    // The account's two contact persons, the host's people and the members' people.
    expect(anna).toEqual(
      expect.arrayContaining([
        "felix@cafe-morgenrot.example",
        "eva@cafe-morgenrot.example",
        "lena@studio-lumen.example",
        "jonas@holzwerk-meyer.example",
        "tom@hansen.example",
      ]),
    );
    expect(anna).not.toContain("paul@kanzlei-brandt.example");
    expect(anna).not.toContain("mara@wolff-design.example");
    // Lena reads the contact persons' addresses (contacts section) and her own colleagues only.
    const lena = await offered("lena");
    expect(lena).toEqual(
      expect.arrayContaining(["felix@cafe-morgenrot.example", "eva@cafe-morgenrot.example"]),
    );
    for (const address of lena) {
      expect(
        address.endsWith("@cafe-morgenrot.example") || address.endsWith("@studio-lumen.example"),
        address,
      ).toBe(true);
    }
  });

  test("a recipient or document the page did not offer is refused, and nothing is sent", async () => {
    const projectId = ids.projectIds.get(G)!;
    const path = `/projects/${projectId}/history/email`;
    const token = tokens.get("lena");
    for (const [field, value] of [
      ["to", "user:00000000-0000-0000-0000-000000000001"],
      ["documentIds", "00000000-0000-0000-0000-000000000002"],
    ] as const) {
      const subject = `Forged ${field}`;
      const body = formBody({
        to:
          field === "to"
            ? value
            : (await composeLoader(routeArgs(token, path, { projectId }))).choices.recipients[0]!
                .key,
        ...(field === "documentIds" ? { documentIds: value } : {}),
        subject,
        bodyPlain: "Hallo",
        audience: "own",
      });
      expect(await statusOf(() => composeAction(routeArgs(token, path, { projectId }, body)))).toBe(
        400,
      );
      expect(await db().select().from(entries).where(eq(entries.subject, subject))).toEqual([]);
    }
  });
});

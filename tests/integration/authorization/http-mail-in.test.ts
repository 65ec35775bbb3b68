import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { captureAddresses, unresolvedMails } from "#db/schema";
import {
  action as overviewAction,
  loader as overviewLoader,
} from "~/routes/_app.projects.$projectId._index";
import {
  action as unresolvedAction,
  loader as unresolvedLoader,
} from "~/routes/_app.mail.unresolved";
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
 * The HTTP layer of the authorization matrix for mail that comes in: which capture addresses
 * each demo user sees on each project's overview (their own organisation's, where it contributes
 * to the history; host staff every one), who may give one a new token (administrators, and the
 * project's owner), and the unresolved queue, which only account managers and administrators
 * may know of (everyone else: 404, and nothing changes).
 */

const HOST = "Hansen Innenausbau GmbH";
const seesAddresses: Record<string, Record<DemoPerson, string[]>> = {
  [GASTRAUM]: {
    ...hostStaff([HOST, "Café Morgenrot GmbH", "Holzwerk Meyer KG", "Studio Lumen"]),
    lena: ["Studio Lumen"],
    jonas: ["Holzwerk Meyer KG"],
    mara: [],
    eva: ["Café Morgenrot GmbH"],
    paul: [],
  },
  [EMPFANG]: {
    ...hostStaff([HOST, "Kanzlei Brandt", "Mara Wolff Design"]),
    lena: [],
    jonas: [],
    mara: ["Mara Wolff Design"],
    eva: [],
    paul: ["Kanzlei Brandt"],
  },
  [TERRASSE]: {
    ...hostStaff([HOST]),
    lena: [],
    jonas: [],
    mara: [],
    eva: [],
    paul: [],
  },
};

function hostStaff(names: string[]) {
  return { ida: names, anna: names, tom: names, clara: names };
}

/** Who may rotate addresses where: administrators everywhere, owners in their projects. */
const rotates: Record<DemoPerson, string[]> = {
  ida: [GASTRAUM, EMPFANG, TERRASSE],
  anna: [GASTRAUM, TERRASSE],
  tom: [EMPFANG],
  clara: [],
  lena: [],
  jonas: [],
  mara: [],
  eva: [],
  paul: [],
};

const placesMail: DemoPerson[] = ["ida", "anna", "tom"];

const { tokens, ids } = demoWorld();
let cells = 0;

afterAll(() => {
  console.info(`authorization matrix (HTTP, mail in): ${cells} cells`);
});

describe("capture addresses on the project overview", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} sees exactly the addresses of their organisation (host staff: all)`, async () => {
      for (const project of [GASTRAUM, EMPFANG, TERRASSE]) {
        const projectId = ids.projectIds.get(project)!;
        const args = () => routeArgs(tokens.get(person), `/projects/${projectId}`, { projectId });
        cells += 1;
        if (!PROJECTS_SEEN_BY[person].includes(project)) {
          expect(await statusOf(() => overviewLoader(args())), project).toBe(404);
          continue;
        }
        const page = await overviewLoader(args());
        expect(page.captureAddresses.map((row) => row.organizationName).sort(), project).toEqual(
          [...seesAddresses[project]![person]].sort(),
        );
        for (const row of page.captureAddresses) {
          expect(row.address).toMatch(
            /^[a-z0-9-]+\.[a-z0-9-]+\.[a-z2-7]{10}@in\.ambit\.localhost$/,
          );
          expect(row.mayRotate, `${project} ${row.organizationName}`).toBe(
            rotates[person].includes(project),
          );
        }
      }
    });
  }

  test("a new address only for administrators and the project's owner; 403 or 404 otherwise", async () => {
    for (const project of [GASTRAUM, EMPFANG]) {
      const projectId = ids.projectIds.get(project)!;
      for (const person of DEMO_PEOPLE) {
        const visible = PROJECTS_SEEN_BY[person].includes(project)
          ? seesAddresses[project]![person]
          : [];
        // Each person asks for their own organisation's address (host staff: the first member's).
        const anna = await overviewLoader(
          routeArgs(tokens.get("anna"), `/projects/${projectId}`, { projectId }),
        );
        const target = anna.captureAddresses.find((row) =>
          visible.length && !["ida", "anna", "tom", "clara"].includes(person)
            ? row.organizationName === visible[0]
            : row.organizationName !== HOST,
        )!;
        const tokenNow = async () =>
          (
            await db()
              .select({ token: captureAddresses.token })
              .from(captureAddresses)
              .where(
                and(
                  eq(captureAddresses.projectId, projectId),
                  eq(captureAddresses.organizationId, target.organizationId),
                ),
              )
          )[0]!.token;
        const before = await tokenNow();
        const body = formBody({ intent: "rotate-capture", organizationId: target.organizationId });
        const allowed = rotates[person].includes(project);
        const want = allowed ? 302 : visible.length ? 403 : 404;
        cells += 1;
        expect(
          await statusOf(() =>
            overviewAction(
              routeArgs(tokens.get(person), `/projects/${projectId}`, { projectId }, body),
            ),
          ),
          `${person} ${project}`,
        ).toBe(want);
        // A refused rotation leaves the address working; an allowed one replaces it.
        if (allowed) expect(await tokenNow()).not.toBe(before);
        else expect(await tokenNow()).toBe(before);
      }
    }
  });
});

describe("the unresolved queue", () => {
  let waiting = "";

  beforeAll(async () => {
    const [row] = await db()
      .insert(unresolvedMails)
      .values({
        providerId: "matrix-unresolved-1",
        receivedAt: new Date(),
        fromAddress: "sales@stranger.example",
        recipients: ["x@in.ambit.localhost"],
        subject: "Angebot MATRIXMAIL",
        previewText: "Kaufen Sie MATRIXMAIL",
        raw: Buffer.from(
          "From: sales@stranger.example\r\nSubject: Angebot MATRIXMAIL\r\n\r\nKaufen Sie\r\n",
        ),
        rawSize: 64,
        reason: "unknownAddress",
      })
      .returning({ id: unresolvedMails.id });
    waiting = row!.id;
  });

  for (const person of DEMO_PEOPLE) {
    test(`${person} ${placesMail.includes(person) ? "sees and decides" : "never learns of"} the queue`, async () => {
      const args = (body?: URLSearchParams) =>
        routeArgs(tokens.get(person), "/mail/unresolved", {}, body);
      cells += 2;
      if (!placesMail.includes(person)) {
        expect(await statusOf(() => unresolvedLoader(args()))).toBe(404);
        const body = formBody({ intent: "discard", id: waiting, reason: "probe" });
        expect(await statusOf(() => unresolvedAction(args(body)))).toBe(404);
        const [row] = await db()
          .select()
          .from(unresolvedMails)
          .where(eq(unresolvedMails.id, waiting));
        expect(row!.status).toBe("open");
        return;
      }
      const page = await unresolvedLoader(args());
      expect(page.items.map((item) => item.subject)).toContain("Angebot MATRIXMAIL");
      // A discard without a reason is refused next to its field; nothing changes.
      const empty = formBody({ intent: "discard", id: waiting, reason: " " });
      expect(await statusOf(() => unresolvedAction(args(empty)))).toBe(400);
    });
  }
});

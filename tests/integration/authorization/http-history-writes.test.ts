import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { entries, entryRevisions } from "#db/schema";
import { action as redactAction } from "~/routes/_app.projects.$projectId.history.$entryId";
import {
  action as editAction,
  loader as editLoader,
} from "~/routes/_app.projects.$projectId.history.$entryId_.edit";
import {
  action as logAction,
  loader as logLoader,
} from "~/routes/_app.projects.$projectId.history.new";
import {
  DEMO_PEOPLE,
  EMPFANG,
  ENTRIES_SEEN_BY,
  ENTRY_MARKERS,
  GASTRAUM,
  PROJECTS_SEEN_BY,
  TERRASSE,
  type DemoPerson,
} from "../../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../../support/http-as";

/*
 * The HTTP layer of the authorization matrix for writing the contact history: every demo user ×
 * every project (log an entry) and × the nine entries (edit, redact), through the real loaders
 * and actions. Allowed writes redirect (302); a readable but forbidden one is 403 and changes
 * nothing; anything the user may not read is 404.
 */

const G = GASTRAUM;
const E = EMPFANG;
const T = TERRASSE;

/** Who may log entries where (DEMO_WORLD memberships: contribute + history; host staff but Clara). */
const mayLog: Record<DemoPerson, string[]> = {
  ida: [G, E, T],
  anna: [G, E, T],
  tom: [G, E, T],
  clara: [],
  lena: [G],
  jonas: [G],
  mara: [E],
  eva: [G],
  paul: [E],
};
const reads = PROJECTS_SEEN_BY;
const ALL = ENTRY_MARKERS;
const readsEntry = ENTRIES_SEEN_BY;
/** Authors edit their own entries; host staff (but Clara) any. */
const editsEntry: Record<DemoPerson, readonly string[]> = {
  ida: ALL,
  anna: ALL,
  tom: ALL,
  clara: [],
  lena: ["LUPIN"],
  jonas: ["BIRCH"],
  mara: ["QUARTZ"],
  eva: [],
  paul: [],
};

const { tokens, ids } = demoWorld();
let cells = 0;

afterAll(() => {
  console.info(`authorization matrix (HTTP, history writes): ${cells} cells`);
});

const expected = (readable: boolean, allowed: boolean) => (allowed ? 302 : readable ? 403 : 404);

/** A form the way the page would submit it: the loader's defaults with our own subject. */
function filledForm(defaults: Record<string, unknown>, subject: string) {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (value === null || key === "occurredAtIso") continue;
    fields[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return formBody({ ...fields, subject, body: "", bodyPlain: `${subject} — Notiz` });
}

const anyForm = () =>
  formBody({ channel: "note", direction: "internal", audience: "internal", subject: "probe" });

describe("POST /projects/:projectId/history/new", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} logs entries exactly where they contribute to the history`, async () => {
      for (const project of [G, E, T]) {
        const projectId = ids.projectIds.get(project)!;
        const path = `/projects/${projectId}/history/new`;
        const allowed = mayLog[person].includes(project);
        const readable = reads[person].includes(project);
        const token = tokens.get(person);
        const want = expected(readable, allowed);

        cells += 2;
        expect(
          await statusOf(() => logLoader(routeArgs(token, path, { projectId }))),
          project,
        ).toBe(want === 302 ? 200 : want);
        const subject = `Matrix ${person} ${project}`;
        const body = allowed
          ? filledForm((await logLoader(routeArgs(token, path, { projectId }))).defaults, subject)
          : anyForm();
        const answer = await statusOf(() => logAction(routeArgs(token, path, { projectId }, body)));
        expect(answer, project).toBe(want);
        const stored = await db().select().from(entries).where(eq(entries.subject, subject));
        expect(stored.length, project).toBe(allowed ? 1 : 0);
      }
    });
  }
});

describe("POST /projects/:projectId/history/:entryId/edit", () => {
  for (const person of DEMO_PEOPLE) {
    test(`${person} edits exactly the entries they wrote (host staff: any), else 403/404`, async () => {
      for (const word of ALL) {
        const { id: entryId, projectId } = ids.markers.get(word)!;
        const path = `/projects/${projectId}/history/${entryId}/edit`;
        const params = { projectId, entryId };
        const token = tokens.get(person);
        const want = expected(readsEntry[person].includes(word), editsEntry[person].includes(word));
        const [before] = await db().select().from(entries).where(eq(entries.id, entryId));
        const revisionsBefore = await db()
          .select()
          .from(entryRevisions)
          .where(eq(entryRevisions.entryId, entryId));

        cells += 2;
        expect(await statusOf(() => editLoader(routeArgs(token, path, params))), word).toBe(
          want === 302 ? 200 : want,
        );
        // The marker word stays last in the subject, so the other cells still find the entry.
        const subject = `${before!.subject.split(" ").slice(0, -1).join(" ")} (${person}) ${word}`;
        const body =
          want === 302
            ? filledForm((await editLoader(routeArgs(token, path, params))).defaults, subject)
            : anyForm();
        expect(await statusOf(() => editAction(routeArgs(token, path, params, body))), word).toBe(
          want,
        );
        const [after] = await db().select().from(entries).where(eq(entries.id, entryId));
        const revisionsAfter = await db()
          .select()
          .from(entryRevisions)
          .where(eq(entryRevisions.entryId, entryId));
        if (want === 302) {
          expect(after!.subject).toBe(subject);
          expect(after!.audienceId, "an edit keeps the sharing").toBe(before!.audienceId);
          expect(revisionsAfter.length).toBe(revisionsBefore.length + 1);
        } else {
          expect(after!.subject).toBe(before!.subject);
          expect(revisionsAfter.length).toBe(revisionsBefore.length);
        }
      }
    });
  }
});

describe("POST /projects/:projectId/history/:entryId (redact)", () => {
  test("only Ida (admin) redacts; everyone else gets 403 on what they read and 404 otherwise", async () => {
    // Ida goes last for each entry: after her, there is nothing left to redact.
    const order = [...DEMO_PEOPLE.filter((person) => person !== "ida"), "ida" as const];
    for (const word of ALL) {
      const { id: entryId, projectId } = ids.markers.get(word)!;
      const path = `/projects/${projectId}/history/${entryId}`;
      for (const person of order) {
        const want = expected(readsEntry[person].includes(word), person === "ida");
        const body = formBody({ reason: `Matrix ${person}` });
        cells += 1;
        expect(
          await statusOf(() =>
            redactAction(routeArgs(tokens.get(person), path, { projectId, entryId }, body)),
          ),
          `${person} ${word}`,
        ).toBe(want);
        const [row] = await db().select().from(entries).where(eq(entries.id, entryId));
        expect(row!.redactedAt !== null, `${person} ${word}`).toBe(person === "ida");
      }
    }
  });
});

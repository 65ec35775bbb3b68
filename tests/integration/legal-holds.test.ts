import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, contacts, legalHolds } from "#db/schema";
import { holdsInForce } from "~/features/compliance/index.server";
import { action as holdsAction, loader as holdsLoader } from "~/routes/_app.compliance.holds";
import { loader as optionsLoader } from "~/routes/compliance.audit.filter-options";
import { DEMO_PEOPLE, MORGENROT, type DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * Legal holds (issue 15, parts 8 and 9): compliance officers and administrators place a hold on
 * a customer account, a project or a contact person, with a reason, and release it; both are
 * audited; erasure and retention ask `holdsInForce` before they touch anything.
 */

const { tokens, org } = demoWorld();

const post = (person: DemoPerson, fields: Record<string, string>) =>
  holdsAction(routeArgs(tokens.get(person), "/compliance/holds", {}, formBody(fields)));
const page = (person: DemoPerson) =>
  holdsLoader(routeArgs(tokens.get(person), "/compliance/holds", {}));

async function felix() {
  const [row] = await db().select().from(contacts).where(eq(contacts.name, "Felix Roth"));
  return row!;
}

describe("legal holds", () => {
  test("Clara holds Felix Roth's data with a reason; the log and erasure know it", async () => {
    const contact = await felix();
    // Found by typing, as the form's field asks.
    const { options } = await optionsLoader(
      routeArgs(tokens.get("clara"), "/compliance/audit/filter-options?filter=contact&q=felix", {}),
    );
    expect(options).toEqual([
      expect.objectContaining({ id: contact.id, name: "Felix Roth", detail: MORGENROT }),
    ]);
    const response = (await post("clara", {
      intent: "place",
      scope: "contact",
      scopeId: contact.id,
      reason: "Dispute over the chairs, case 4 O 123/26",
    })) as Response;
    expect(response.status).toBe(302);

    const listed = await page("clara");
    expect(listed.holds[0]).toMatchObject({
      scope: "contact",
      heldName: "Felix Roth",
      reason: "Dispute over the chairs, case 4 O 123/26",
      placedBy: "Clara Vogt",
      releasedAt: null,
    });
    expect((await holdsInForce({ contactIds: [contact.id] })).map((row) => row.scope)).toEqual([
      "contact",
    ]);
    const [placed] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "legal_hold.placed"), eq(auditEvents.subjectId, contact.id)),
      );
    expect(placed).toMatchObject({ subjectType: "Contact" });

    // Ida releases it: no longer in force, kept on the record, released once only.
    const holdId = listed.holds[0]!.id;
    await post("ida", { intent: "release", holdId });
    expect(await holdsInForce({ contactIds: [contact.id] })).toEqual([]);
    const [row] = await db().select().from(legalHolds).where(eq(legalHolds.id, holdId));
    expect(row!.releasedAt).not.toBeNull();
    expect(await statusOf(() => post("ida", { intent: "release", holdId }))).toBe(404);
    const [released] = await db()
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "legal_hold.released"), eq(auditEvents.subjectId, contact.id)),
      );
    expect(released).toBeDefined();
  });

  test("a hold on the account covers it; nothing else is held", async () => {
    const account = org.get(MORGENROT)!;
    await post("clara", {
      intent: "place",
      scope: "account",
      scopeId: account,
      reason: "Tax audit 2026",
    });
    expect(await holdsInForce({ accountIds: [account] })).toHaveLength(1);
    expect(await holdsInForce({ accountIds: [org.get("Kanzlei Brandt")!] })).toEqual([]);
    expect(await holdsInForce({})).toEqual([]);
  });

  test("bad input is refused next to its field, keeping what was typed", async () => {
    const before = (await db().select().from(legalHolds)).length;
    const refused = (await post("clara", {
      intent: "place",
      scope: "contact",
      scopeId: "",
      reason: "x",
    })) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(refused.result.error).toMatchObject({
      scopeId: ["Choose what the hold covers from the list."],
      reason: ["Give a reason of a few words."],
    });
    expect(refused.result.initialValue.reason).toBe("x");
    // An id of something that is not there (or not a contact) holds nothing.
    const unknown = (await post("clara", {
      intent: "place",
      scope: "contact",
      scopeId: org.get(MORGENROT)!,
      reason: "Wrong kind of thing",
    })) as { result: { error: Record<string, string[]> } };
    expect(unknown.result.error.scopeId).toEqual(["Choose what the hold covers from the list."]);
    expect((await db().select().from(legalHolds)).length).toBe(before);
  });

  test("only compliance officers and administrators see or change holds", async () => {
    for (const person of DEMO_PEOPLE) {
      const allowed = person === "ida" || person === "clara";
      expect(await statusOf(() => page(person)), person).toBe(allowed ? 200 : 404);
      if (allowed) continue;
      const contact = await felix();
      expect(
        await statusOf(() =>
          post(person, { intent: "place", scope: "contact", scopeId: contact.id, reason: "Mine" }),
        ),
        person,
      ).toBe(404);
    }
  });
});

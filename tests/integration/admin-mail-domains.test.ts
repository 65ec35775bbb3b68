import { count, desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, organizations, users } from "#db/schema";
import { action, loader } from "~/routes/_app.admin.organizations";
import type { DemoPerson } from "../support/demo-people";
import { demoWorld, formBody, routeArgs, statusOf } from "../support/http-as";

/*
 * An administrator sets each organisation's verified mail domains on the organisations page;
 * a refused value changes nothing, and nobody else may change them.
 */

const world = demoWorld();
const PATH = "/admin/organizations";
const LUMEN = "Studio Lumen";

const token = (person: DemoPerson) => world.tokens.get(person)!;

function save(person: DemoPerson, organizationId: string, mailDomains: string | undefined) {
  return action(
    routeArgs(
      token(person),
      PATH,
      {},
      formBody({ intent: "mailDomains", organizationId, mailDomains }),
    ),
  );
}

async function storedDomains(name: string) {
  const [row] = await db()
    .select({ mailDomains: organizations.mailDomains })
    .from(organizations)
    .where(eq(organizations.name, name));
  return row!.mailDomains;
}

async function auditCount() {
  const [row] = await db().select({ n: count() }).from(auditEvents);
  return row!.n;
}

async function lastAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event!;
}

/** The `data(…, { status })` an action answers a refusal with, as its body. */
function bodyOf(result: unknown) {
  return (result as { data: unknown }).data;
}

describe("an organisation's mail domains", () => {
  test("Ida saves studio-lumen.example for Studio Lumen: stored, audited, shown", async () => {
    const lumen = world.org.get(LUMEN)!;
    const from = await storedDomains(LUMEN);
    const response = await save("ida", lumen, " Studio-Lumen.example,\nstudio-lumen.example ");
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe(PATH);
    expect(await storedDomains(LUMEN)).toEqual(["studio-lumen.example"]);

    const [ida] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
    expect(await lastAudit()).toMatchObject({
      action: "organization.mail_domains_changed",
      subjectType: "Organization",
      subjectId: lumen,
      actorUserId: ida!.id,
      details: { from, to: ["studio-lumen.example"] },
    });

    const page = await loader(routeArgs(token("ida"), PATH, {}));
    expect(page.canEditMailDomains).toBe(true);
    expect(page.organizations.find((row) => row.id === lumen)?.mailDomains).toEqual([
      "studio-lumen.example",
    ]);
  });

  test("saving the same domains again changes nothing and records nothing", async () => {
    const lumen = world.org.get(LUMEN)!;
    await save("ida", lumen, "studio-lumen.example");
    const before = await auditCount();
    const response = await save("ida", lumen, "STUDIO-LUMEN.EXAMPLE");
    expect((response as Response).status).toBe(302);
    expect(await storedDomains(LUMEN)).toEqual(["studio-lumen.example"]);
    expect(await auditCount()).toBe(before);
  });

  test("a value that is no domain is refused with 400, kept for the form, nothing stored", async () => {
    const lumen = world.org.get(LUMEN)!;
    const stored = await storedDomains(LUMEN);
    const before = await auditCount();
    const typed = "studio-lumen.example, lena@studio-lumen.example";
    expect(await statusOf(() => save("ida", lumen, typed))).toBe(400);
    const body = JSON.stringify(bodyOf(await save("ida", lumen, typed)));
    expect(body).toContain(
      "“lena@studio-lumen.example” is an email address. Enter only the domain, the part after the @.",
    );
    expect(body).toContain(JSON.stringify(typed).slice(1, -1));
    expect(body).toContain(lumen);

    for (const bad of ["https://studio-lumen.example", "*.studio-lumen.example", "lumen"]) {
      expect(await statusOf(() => save("ida", lumen, bad)), bad).toBe(400);
    }
    expect(await storedDomains(LUMEN)).toEqual(stored);
    expect(await auditCount()).toBe(before);
  });

  test("a public mail provider such as gmail.com is refused with a clear message", async () => {
    const lumen = world.org.get(LUMEN)!;
    const stored = await storedDomains(LUMEN);
    const before = await auditCount();
    const result = await save("ida", lumen, "studio-lumen.example gmail.com");
    expect(await statusOf(async () => result)).toBe(400);
    expect(JSON.stringify(bodyOf(result))).toContain(
      "gmail.com is a public mail provider: anyone can get an address there.",
    );
    expect(await statusOf(() => save("ida", lumen, "Mail.GMX.de"))).toBe(400);
    expect(await storedDomains(LUMEN)).toEqual(stored);
    expect(await auditCount()).toBe(before);
  });

  test("more than 20 domains are refused", async () => {
    const lumen = world.org.get(LUMEN)!;
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.studio-lumen.example`).join(" ");
    const result = await save("ida", lumen, many);
    expect(await statusOf(async () => result)).toBe(400);
    expect(JSON.stringify(bodyOf(result))).toContain("Enter at most 20 domains.");
  });

  test("the host organisation may have domains too, and an emptied field clears them", async () => {
    const hansen = world.org.get("Hansen Innenausbau GmbH")!;
    expect(
      (await save("ida", hansen, "hansen.example hansen-innenausbau.example")) as Response,
    ).toHaveProperty("status", 302);
    expect(await storedDomains("Hansen Innenausbau GmbH")).toEqual([
      "hansen.example",
      "hansen-innenausbau.example",
    ]);
    // An emptied textarea is sent empty (or, by conform in the browser, not at all).
    expect(((await save("ida", hansen, "")) as Response).status).toBe(302);
    expect(await storedDomains("Hansen Innenausbau GmbH")).toEqual([]);
    expect(await lastAudit()).toMatchObject({
      action: "organization.mail_domains_changed",
      subjectId: hansen,
      details: { from: ["hansen.example", "hansen-innenausbau.example"], to: [] },
    });
  });

  test("an unknown organisation is not found", async () => {
    expect(
      await statusOf(() => save("ida", "00000000-0000-4000-8000-000000000000", "x.example")),
    ).toBe(404);
    expect(await statusOf(() => save("ida", "not-an-id", "x.example"))).toBe(404);
  });

  test("Anna (account manager) and Lena (partner) cannot change them", async () => {
    const lumen = world.org.get(LUMEN)!;
    await save("ida", lumen, "studio-lumen.example");
    const before = await auditCount();
    for (const person of ["anna", "lena"] as const) {
      expect(await statusOf(() => save(person, lumen, "attacker.example")), person).toBe(403);
      expect(await statusOf(() => save(person, lumen, "")), person).toBe(403);
      // The page itself does not exist for them.
      expect(await statusOf(() => loader(routeArgs(token(person), PATH, {}))), person).toBe(404);
    }
    const message = await save("anna", lumen, "x.example").then(
      () => "",
      (thrown: Response) => thrown.text(),
    );
    expect(message).toBe("Only administrators can change an organisation's mail domains.");
    expect(await storedDomains(LUMEN)).toEqual(["studio-lumen.example"]);
    expect(await auditCount()).toBe(before);
  });
});

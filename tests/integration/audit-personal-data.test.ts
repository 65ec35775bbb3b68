import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, queryRows } from "#db/client.server";
import { auditEvents, organizations, users } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed/demo-world";
import { inviteUser } from "~/features/identity/invitation.server";
import { requestPasswordReset } from "~/features/identity/password-reset.server";
import { verifyAuditChain } from "~/kernel/audit/audit.server";
import { eraseAuditPersonalData } from "~/kernel/audit/erase-personal.server";
import { action as loginAction } from "~/routes/_auth.login";
import { loader as explorerLoader } from "~/routes/_app.compliance.audit";
import { loader as searchLoader } from "~/routes/_app.search";
import { demoWorld, routeArgs } from "../support/http-as";
import { formRequest, makeRequestContext } from "../support/request";

/*
 * Issue 15, part 8 (ADR 26): what the chain hashes holds no personal data, so erasing a person
 * cannot break it. After the demo world and the fixture are seeded and people sign in, mistype,
 * invite, search and ask the log, no event's hashed details hold an address or a search word;
 * they are in the erasable personal part, and after an erasure no row holds them at all.
 */

const { tokens } = demoWorld();
const TYPED = "mistyped.person@example.test";
const INVITED = "new.colleague@example.test";
const QUERY = "Eichenholz";
const ip = "198.51.100.201";

const signIn = (email: string, password: string) =>
  loginAction({
    request: formRequest("/login", { email, password }),
    context: makeRequestContext({ ip }),
    params: {},
  } as ActionFunctionArgs);

const EMAIL = /[^\s"@<>]+@[^\s"@<>]+\.[a-z]{2,}/i;

async function allEvents() {
  return db().select().from(auditEvents);
}

describe("personal data in the audit log", () => {
  test("stays out of what the chain hashes, and is erased without breaking it", async () => {
    await signIn("lena@studio-lumen.example", DEMO_PASSWORD);
    await signIn("lena@studio-lumen.example", "not her password");
    await signIn(TYPED, "whatever");
    await requestPasswordReset(TYPED, { ip });
    const [ida] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
    const [host] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.id, ida!.organizationId));
    const invited = await inviteUser(
      {
        email: INVITED,
        name: "New Colleague",
        role: "account_manager",
        locale: "en",
        organization: host!,
      },
      { user: ida!, organization: host! },
      { ip, userId: ida!.id, organizationId: host!.id },
    );
    expect(invited.kind).toBe("ok");
    await searchLoader(routeArgs(tokens.get("anna"), `/search?q=${QUERY}`, {}));
    await explorerLoader(
      routeArgs(tokens.get("clara"), `/compliance/audit?ip=10.1.2.3&item=${QUERY}`, {}),
    );

    const events = await allEvents();
    const hashed = events.map((event) => JSON.stringify(event.details));
    expect(hashed.filter((details) => EMAIL.test(details))).toEqual([]);
    expect(hashed.filter((details) => details.includes(QUERY))).toEqual([]);
    expect(hashed.filter((details) => details.includes("10.1.2.3"))).toEqual([]);
    // They were recorded, in the personal part.
    const personal = events.map((event) => JSON.stringify(event.personal ?? {})).join("\n");
    for (const value of [TYPED, INVITED, QUERY, "10.1.2.3", "lena@studio-lumen.example"]) {
      expect(personal).toContain(value);
    }

    // The person who mistyped their address asks to be forgotten.
    const erased = await db().transaction((tx) =>
      eraseAuditPersonalData(tx, { mentions: [TYPED] }),
    );
    expect(erased.events).toBeGreaterThanOrEqual(2);
    expect(erased.unerasable).toBe(0);
    const [left] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_events e where e::text ilike ${`%${TYPED}%`}`,
    );
    expect(left!.n).toBe(0);
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
  });
});

import { desc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, invitations, organizations, users } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { actorOf as policyActor } from "#policies/actor";
import { action as acceptAction, loader as acceptLoader } from "~/routes/_auth.invitations.$token";
import {
  acceptInvitation,
  inviteUser,
  lookUpInvitation,
  resendInvitation,
} from "~/features/identity/invitation.server";
import { validateSessionToken } from "~/kernel/session.server";
import { requireUser } from "~/kernel/auth.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { hashToken } from "~/kernel/crypto.server";
import { env } from "~/kernel/env.server";
import { verifyPassword } from "~/kernel/password.server";
import { newestMailTo } from "../support/mail";
import { formRequest, makeRequestContext, setCookies } from "../support/request";

const DAY = 86_400_000;
const actor = { ip: "203.0.113.60", userAgent: "invitations-test" };

async function organization(name: string) {
  const [row] = await db().select().from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row;
}

async function ida() {
  const [user] = await db().select().from(users).where(eq(users.email, "ida@hansen.example"));
  const host = await organization("Hansen Innenausbau GmbH");
  return { user: user!, organization: host };
}

async function invite(
  email: string,
  name: string,
  orgName: string,
  role: "partner" | "customer" | "account_manager",
) {
  const inviter = await ida();
  const result = await inviteUser(
    { email, name, role, locale: "en", organization: await organization(orgName) },
    inviter,
    { ...actor, userId: inviter.user.id, organizationId: inviter.user.organizationId },
  );
  if (result.kind !== "ok") throw new Error(`invitation refused: ${result.kind}`);
  const mail = await newestMailTo(email.toLowerCase());
  return { invitation: result.invitation, mail, token: tokenFrom(mail.text) };
}

function tokenFrom(text: string) {
  const match = /\/invitations\/([a-z0-9]+)/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1]!;
}

async function lastAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event!;
}

function load(token: string, cookies: Record<string, string> = {}) {
  const headers = new Headers({ "Accept-Language": "en-GB" });
  const cookie = Object.entries(cookies)
    .map(([key, value]) => `${key}=${value}`)
    .join("; ");
  if (cookie) headers.set("Cookie", cookie);
  return acceptLoader({
    request: new Request(`http://localhost:3000/invitations/${token}`, { headers }),
    params: { token },
    context: makeRequestContext(),
  });
}

function accept(token: string, fields: Record<string, string>) {
  return acceptAction({
    request: formRequest(`/invitations/${token}`, fields),
    params: { token },
    context: makeRequestContext(),
  });
}

const goodPassword = {
  newPassword: "correct horse battery",
  confirmPassword: "correct horse battery",
};

describe("invitations", () => {
  test("the token is stored only as its SHA-256, the link works for 7 days and arrives by email", async () => {
    const { invitation, mail, token } = await invite(
      "Nora@Studio-Lumen.example",
      "Nora Lind",
      "Studio Lumen",
      "partner",
    );
    const [stored] = await db().select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.email).toBe("nora@studio-lumen.example");
    const days = (stored!.expiresAt.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    expect(mail).toMatchObject({ template: "invitation", status: "outbox" });
    expect(mail.subject).toBe("Ida Hansen invited you to join Studio Lumen on Ambit");
    expect(mail.text).toContain(`${env().APP_URL}/invitations/${token}`);
    expect(mail.html).toContain(`${env().APP_URL}/invitations/${token}`);
    expect(mail.text).toContain(
      "Ida Hansen (Hansen Innenausbau GmbH) invited you to join Studio Lumen",
    );
    expect(mail.text).toContain("Hello Nora Lind,");
  });

  test("the page names who invited whom into which organisation; an unknown link reveals nothing", async () => {
    const { token } = await invite(
      "olaf@holzwerk-meyer.example",
      "Olaf Meyer",
      "Holzwerk Meyer KG",
      "partner",
    );
    const page = await load(token);
    expect(page).toMatchObject({
      state: "usable",
      email: "olaf@holzwerk-meyer.example",
      name: "Olaf Meyer",
      role: "partner",
      organizationName: "Holzwerk Meyer KG",
      inviterName: "Ida Hansen",
      twoFactorNext: false,
      signedInAs: null,
    });
    const unknown = await load("a".repeat(32));
    expect(unknown).toEqual({ state: "unknown", inviterName: null, days: 7 });
  });

  test("accepting creates the user with an Argon2id password and signs them in; the link then stops working", async () => {
    const { invitation, token } = await invite(
      "greta@cafe-morgenrot.example",
      "Greta Roth",
      "Café Morgenrot GmbH",
      "customer",
    );
    const response = (await accept(token, {
      name: "  Greta M. Roth ",
      ...goodPassword,
    })) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    const cookies = setCookies(response);
    expect(cookies.has("ambit_device")).toBe(true);
    expect(cookies.has("ambit_toast")).toBe(true);
    const session = await validateSessionToken(cookies.get(SESSION_COOKIE)!.value);
    expect(session?.user).toMatchObject({
      email: "greta@cafe-morgenrot.example",
      name: "Greta M. Roth",
      role: "customer",
      organizationId: invitation.organizationId,
      twoFactorExempt: false,
      disabledAt: null,
    });
    expect(session!.user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(session!.user.passwordHash!, goodPassword.newPassword)).toBe(true);

    const [used] = await db().select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(used!.acceptedAt).not.toBeNull();
    expect(used!.userId).toBe(session!.user.id);
    const [accepted] = await db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "invitation.accepted"))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(accepted).toMatchObject({ subjectId: invitation.id, actorUserId: session!.user.id });
    expect((await lastAudit()).action).toBe("auth.login_succeeded");

    // Second use: refused, and the page says so.
    const again = await accept(token, { name: "Mallory", ...goodPassword });
    expect(again).not.toBeInstanceOf(Response);
    expect(JSON.stringify(again)).toContain("This invitation no longer works.");
    expect(await load(token)).toMatchObject({ state: "accepted" });
    const named = await db()
      .select()
      .from(users)
      .where(eq(users.email, "greta@cafe-morgenrot.example"));
    expect(named).toHaveLength(1);
  });

  test("host staff are led into two-factor enrolment right after accepting", async () => {
    const { token } = await invite(
      "kai@hansen.example",
      "Kai Brenner",
      "Hansen Innenausbau GmbH",
      "account_manager",
    );
    expect(await load(token)).toMatchObject({ twoFactorNext: true });
    const response = (await accept(token, { name: "Kai Brenner", ...goodPassword })) as Response;
    const sessionToken = setCookies(response).get(SESSION_COOKIE)!.value;
    const next = await requireUser(
      new Request("http://localhost:3000/", {
        headers: { "Accept-Language": "en-GB", Cookie: `${SESSION_COOKIE}=${sessionToken}` },
      }),
      makeRequestContext(),
    ).then(
      () => null,
      (thrown: unknown) => thrown as Response,
    );
    expect(next?.headers.get("Location")).toBe("/account/two-factor");
  });

  test("an expired invitation is refused and the page says whom to ask", async () => {
    const { invitation, token } = await invite(
      "ute@kanzlei-brandt.example",
      "Ute",
      "Kanzlei Brandt",
      "customer",
    );
    await db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));
    expect(await load(token)).toEqual({ state: "expired", inviterName: "Ida Hansen", days: 7 });
    const reply = await accept(token, { name: "Ute", ...goodPassword });
    expect(JSON.stringify(reply)).toContain("This invitation no longer works.");
    expect(
      await db().select().from(users).where(eq(users.email, "ute@kanzlei-brandt.example")),
    ).toEqual([]);
  });

  test("resending issues a new link and the old one stops working", async () => {
    const { invitation, token: oldToken } = await invite(
      "pia@wolff-design.example",
      "Pia",
      "Mara Wolff Design",
      "partner",
    );
    const inviter = await ida();
    const ability = defineAbilityFor(policyActor(inviter.user, inviter.organization));
    const result = await resendInvitation(ability, invitation.id, inviter, actor);
    expect(result.kind).toBe("ok");
    expect((await lastAudit()).action).toBe("invitation.resent");
    const newToken = tokenFrom((await newestMailTo("pia@wolff-design.example")).text);
    expect(newToken).not.toBe(oldToken);

    expect(await lookUpInvitation(oldToken)).toEqual({ state: "unknown" });
    expect(
      await acceptInvitation(oldToken, { name: "Pia", password: "correct horse battery" }, actor),
    ).toEqual({
      kind: "gone",
    });
    expect((await load(newToken)).state).toBe("usable");
    const response = await accept(newToken, { name: "Pia", ...goodPassword });
    expect((response as Response).status).toBe(302);
  });

  test("a revoked invitation no longer works", async () => {
    const { invitation, token } = await invite(
      "rolf@studio-lumen.example",
      "Rolf",
      "Studio Lumen",
      "partner",
    );
    await db()
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(eq(invitations.id, invitation.id));
    expect(await load(token)).toEqual({ state: "revoked", inviterName: "Ida Hansen", days: 7 });
    expect(JSON.stringify(await accept(token, { name: "Rolf", ...goodPassword }))).toContain(
      "This invitation no longer works.",
    );
  });

  test("bad input keeps the name, says what is wrong and leaves the link usable", async () => {
    const { token } = await invite(
      "sven@holzwerk-meyer.example",
      "Sven",
      "Holzwerk Meyer KG",
      "partner",
    );
    const reply = await accept(token, {
      name: "Sven Meyer",
      newPassword: "short",
      confirmPassword: "different",
    });
    const text = JSON.stringify(reply);
    expect(text).toContain("Use at least 12 characters.");
    expect(text).toContain("The two passwords do not match.");
    expect(text).toContain("Sven Meyer");
    expect(text).not.toContain("short");
    expect((await load(token)).state).toBe("usable");
  });

  test("an address that became a user in the meantime cannot accept a second account", async () => {
    const { token } = await invite(
      "tina@cafe-morgenrot.example",
      "Tina",
      "Café Morgenrot GmbH",
      "customer",
    );
    const morgenrot = await organization("Café Morgenrot GmbH");
    await db().insert(users).values({
      organizationId: morgenrot.id,
      role: "customer",
      name: "Tina",
      email: "TINA@cafe-morgenrot.example",
    });
    const reply = await accept(token, { name: "Tina", ...goodPassword });
    expect(JSON.stringify(reply)).toContain("An account with this email address exists already.");
    expect((await load(token)).state).toBe("usable");
  });
});

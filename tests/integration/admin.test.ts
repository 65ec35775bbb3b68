import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, invitations, mailMessages, organizations, users } from "#db/schema";
import {
  action as organizationsAction,
  loader as organizationsLoader,
} from "~/routes/_app.admin.organizations";
import { action as usersAction, loader as usersLoader } from "~/routes/_app.admin.users";
import { createSession, validateSessionToken } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { formRequest, makeRequestContext } from "../support/request";

async function userByEmail(email: string) {
  const [row] = await db().select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

async function orgByName(name: string) {
  const [row] = await db().select().from(organizations).where(eq(organizations.name, name));
  return row;
}

/** A fully signed-in session (second factor done) for a demo user, as its cookie. */
async function cookiesFor(email: string) {
  const user = await userByEmail(email);
  const { token } = await createSession(user.id, {
    ip: "203.0.113.5",
    userAgent: "admin-test",
    twoFactorVerified: true,
  });
  return { [SESSION_COOKIE]: token };
}

function getRequest(path: string, cookies: Record<string, string>) {
  return new Request(new URL(path, "http://localhost:3000"), {
    headers: {
      "Accept-Language": "en-GB",
      Cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join("; "),
    },
  });
}

async function post(
  act: typeof usersAction | typeof organizationsAction,
  path: string,
  fields: Record<string, string>,
  cookies: Record<string, string>,
) {
  return act({
    request: formRequest(path, fields, { cookies }),
    params: {},
    context: makeRequestContext(),
  });
}

async function lastAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event!;
}

async function tableCounts() {
  const [orgs] = await db().select({ n: count() }).from(organizations);
  const [invites] = await db().select({ n: count() }).from(invitations);
  const [disabled] = await db()
    .select({ n: count() })
    .from(users)
    .where(sql`${users.disabledAt} is not null`);
  const [audit] = await db().select({ n: count() }).from(auditEvents);
  return { orgs: orgs!.n, invites: invites!.n, disabled: disabled!.n, audit: audit!.n };
}

async function expectThrownStatus(promise: Promise<unknown>, status: number) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
  return (thrown as Response).text();
}

describe("organisations", () => {
  test("the administrator sees every organisation with its kind and user count", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const data = await organizationsLoader({
      request: getRequest("/admin/organizations", ida),
      params: {},
      context: makeRequestContext(),
    });
    const byName = new Map(data.organizations.map((row) => [row.name, row]));
    expect(byName.get("Hansen Innenausbau GmbH")).toMatchObject({ kind: "host", userCount: 4 });
    expect(byName.get("Studio Lumen")).toMatchObject({
      kind: "partner",
      partnerType: "agency",
      userCount: 1,
    });
    expect(byName.get("Kanzlei Brandt")).toMatchObject({ kind: "customer", userCount: 1 });
    expect(data.organizations[0]!.kind).toBe("host");
  });

  test("creating a partner organisation stores it and audits organization.created", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const response = await post(
      organizationsAction,
      "/admin/organizations",
      { name: "  Tischlerei   Nord GmbH ", type: "supplier" },
      ida,
    );
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/admin/organizations");
    const created = await orgByName("Tischlerei Nord GmbH");
    expect(created).toMatchObject({ kind: "partner", partnerType: "supplier" });
    const event = await lastAudit();
    expect(event).toMatchObject({
      action: "organization.created",
      subjectType: "Organization",
      subjectId: created!.id,
      actorUserId: (await userByEmail("ida@hansen.example")).id,
    });
  });

  test("a customer account is created without a partner type", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    await post(
      organizationsAction,
      "/admin/organizations",
      { name: "Bäckerei Sonnenschein", type: "customer" },
      ida,
    );
    expect(await orgByName("Bäckerei Sonnenschein")).toMatchObject({
      kind: "customer",
      partnerType: null,
    });
  });

  test("a name in use, ignoring case and spacing, is refused with a clear message", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const before = await tableCounts();
    const reply = await post(
      organizationsAction,
      "/admin/organizations",
      { name: "studio  LUMEN", type: "agency" },
      ida,
    );
    expect(reply).not.toBeInstanceOf(Response);
    expect(JSON.stringify(reply)).toContain(
      "An organisation called “Studio Lumen” already exists.",
    );
    // The input is kept for the form.
    expect(JSON.stringify(reply)).toContain("studio  LUMEN");
    expect(await tableCounts()).toEqual(before);
  });

  test("missing name and type are field errors", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const reply = await post(organizationsAction, "/admin/organizations", { name: " " }, ida);
    const text = JSON.stringify(reply);
    expect(text).toContain("Enter the organisation's name.");
    expect(text).toContain("Choose what kind of organisation this is.");
  });

  test("no one but administrators sees the page or may create organisations", async () => {
    for (const email of [
      "anna@hansen.example",
      "clara@hansen.example",
      "lena@studio-lumen.example",
      "eva@cafe-morgenrot.example",
    ]) {
      const cookies = await cookiesFor(email);
      await expectThrownStatus(
        organizationsLoader({
          request: getRequest("/admin/organizations", cookies),
          params: {},
          context: makeRequestContext(),
        }),
        404,
      );
      const before = await tableCounts();
      const message = await expectThrownStatus(
        post(
          organizationsAction,
          "/admin/organizations",
          { name: `Schatten ${email}`, type: "agency" },
          cookies,
        ),
        403,
      );
      // Eva chose German; the others read their English browser's language.
      expect(message).toBe(
        email.startsWith("eva")
          ? "Nur Administrator(inn)en können Organisationen anlegen."
          : "Only administrators can create organisations.",
      );
      expect(await tableCounts()).toEqual(before);
    }
  });
});

describe("users and invitations", () => {
  test("inviting a user stores a pending invitation, mails it and audits user.invited", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const lumen = (await orgByName("Studio Lumen"))!;
    const response = await post(
      usersAction,
      `/admin/users?organization=${lumen.id}`,
      {
        intent: "invite",
        email: "Nora@Studio-Lumen.example",
        name: "Nora Lind",
        organizationId: lumen.id,
        role: "partner",
      },
      ida,
    );
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe(
      `/admin/users?organization=${lumen.id}`,
    );
    const [invitation] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.email, "nora@studio-lumen.example"));
    expect(invitation).toMatchObject({
      name: "Nora Lind",
      organizationId: lumen.id,
      role: "partner",
      acceptedAt: null,
      revokedAt: null,
    });
    expect(await lastAudit()).toMatchObject({
      action: "user.invited",
      subjectType: "Invitation",
      subjectId: invitation!.id,
    });
    const [mail] = await db()
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "nora@studio-lumen.example"));
    expect(mail).toMatchObject({ template: "invitation", status: "outbox" });

    const organizationsPage = await organizationsLoader({
      request: getRequest("/admin/organizations", ida),
      params: {},
      context: makeRequestContext(),
    });
    expect(organizationsPage.organizations.find((row) => row.id === lumen.id)).toMatchObject({
      userCount: 1,
      pendingInvitations: 1,
    });

    // The list shows the invitation as pending, within the organisation filter.
    const data = await usersLoader({
      request: getRequest(`/admin/users?organization=${lumen.id}`, ida),
      params: {},
      context: makeRequestContext(),
    });
    expect(data.filter).toEqual({ id: lumen.id, name: "Studio Lumen" });
    expect(data.people.map((p) => [p.email, p.status])).toEqual([
      ["lena@studio-lumen.example", "active"],
      ["nora@studio-lumen.example", "invited"],
    ]);
  });

  test("an email already used by a user is refused, ignoring case, and nothing is stored", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const meyer = (await orgByName("Holzwerk Meyer KG"))!;
    const before = await tableCounts();
    const reply = await post(
      usersAction,
      "/admin/users",
      {
        intent: "invite",
        email: "  JONAS@Holzwerk-Meyer.example ",
        name: "Jonas again",
        organizationId: meyer.id,
        role: "partner",
      },
      ida,
    );
    expect(reply).not.toBeInstanceOf(Response);
    const text = JSON.stringify(reply);
    expect(text).toContain("jonas@holzwerk-meyer.example already belongs to a user.");
    expect(text).toContain("Jonas again");
    expect(await tableCounts()).toEqual(before);
  });

  test("a second invitation to an address with one waiting is refused", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const brandt = (await orgByName("Kanzlei Brandt"))!;
    const fields = {
      intent: "invite",
      email: "sekretariat@kanzlei-brandt.example",
      name: "Sekretariat",
      organizationId: brandt.id,
      role: "customer",
    };
    expect(((await post(usersAction, "/admin/users", fields, ida)) as Response).status).toBe(302);
    const reply = await post(
      usersAction,
      "/admin/users",
      { ...fields, email: "Sekretariat@kanzlei-brandt.example" },
      ida,
    );
    expect(JSON.stringify(reply)).toContain("already has an invitation waiting");
  });

  test("the role must fit the organisation's kind", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const lumen = (await orgByName("Studio Lumen"))!;
    const hansen = (await orgByName("Hansen Innenausbau GmbH"))!;
    const before = await tableCounts();
    const partnerAsAdmin = await post(
      usersAction,
      "/admin/users",
      {
        intent: "invite",
        email: "boss@studio-lumen.example",
        name: "Boss",
        organizationId: lumen.id,
        role: "admin",
      },
      ida,
    );
    expect(JSON.stringify(partnerAsAdmin)).toContain(
      "People of a partner organisation have the partner role.",
    );
    const staffAsCustomer = await post(
      usersAction,
      "/admin/users",
      {
        intent: "invite",
        email: "neu@hansen.example",
        name: "Neu",
        organizationId: hansen.id,
        role: "customer",
      },
      ida,
    );
    expect(JSON.stringify(staffAsCustomer)).toContain(
      "Your own staff are administrators, account managers or compliance officers.",
    );
    const missing = await post(
      usersAction,
      "/admin/users",
      { intent: "invite", email: "not-an-email", name: "", organizationId: "", role: "" },
      ida,
    );
    const text = JSON.stringify(missing);
    expect(text).toContain("Enter an email address like name@company.com.");
    expect(text).toContain("Enter their name.");
    expect(text).toContain("Choose the organisation they belong to.");
    expect(text).toContain("Choose their role.");
    expect(await tableCounts()).toEqual(before);
  });

  test("disabling ends the user's sessions at once; re-enabling lets them sign in again", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const jonas = await userByEmail("jonas@holzwerk-meyer.example");
    const jonasCookies = await cookiesFor(jonas.email);
    expect(await validateSessionToken(jonasCookies[SESSION_COOKIE])).not.toBeNull();

    const disabled = await post(
      usersAction,
      "/admin/users",
      { intent: "disable", id: jonas.id },
      ida,
    );
    expect((disabled as Response).status).toBe(302);
    expect((await userByEmail(jonas.email)).disabledAt).not.toBeNull();
    expect(await validateSessionToken(jonasCookies[SESSION_COOKIE])).toBeNull();
    expect(await lastAudit()).toMatchObject({
      action: "user.disabled",
      subjectId: jonas.id,
      details: { endedSessions: 1 },
    });

    const listed = await usersLoader({
      request: getRequest("/admin/users", ida),
      params: {},
      context: makeRequestContext(),
    });
    expect(listed.people.find((p) => p.id === jonas.id)?.status).toBe("disabled");

    const enabled = await post(
      usersAction,
      "/admin/users",
      { intent: "enable", id: jonas.id },
      ida,
    );
    expect((enabled as Response).status).toBe(302);
    expect((await userByEmail(jonas.email)).disabledAt).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "user.enabled", subjectId: jonas.id });
  });

  test("an administrator cannot disable themselves", async () => {
    const idaUser = await userByEmail("ida@hansen.example");
    const ida = await cookiesFor(idaUser.email);
    const before = await tableCounts();
    const reply = await post(
      usersAction,
      "/admin/users",
      { intent: "disable", id: idaUser.id },
      ida,
    );
    expect(reply).toMatchObject({ init: { status: 400 } });
    expect(JSON.stringify(reply)).toContain("You cannot disable your own account.");
    expect((await userByEmail(idaUser.email)).disabledAt).toBeNull();
    expect(await validateSessionToken(ida[SESSION_COOKIE])).not.toBeNull();
    expect(await tableCounts()).toEqual(before);
  });

  test("revoking a pending invitation is audited and takes it off the list", async () => {
    const ida = await cookiesFor("ida@hansen.example");
    const morgenrot = (await orgByName("Café Morgenrot GmbH"))!;
    await post(
      usersAction,
      "/admin/users",
      {
        intent: "invite",
        email: "felix@cafe-morgenrot.example",
        name: "Felix Roth",
        organizationId: morgenrot.id,
        role: "customer",
      },
      ida,
    );
    const [invitation] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.email, "felix@cafe-morgenrot.example"));
    const response = await post(
      usersAction,
      "/admin/users",
      { intent: "revoke", id: invitation!.id },
      ida,
    );
    expect((response as Response).status).toBe(302);
    expect(await lastAudit()).toMatchObject({
      action: "invitation.revoked",
      subjectId: invitation!.id,
    });
    const [row] = await db().select().from(invitations).where(eq(invitations.id, invitation!.id));
    expect(row!.revokedAt).not.toBeNull();
    const listed = await usersLoader({
      request: getRequest("/admin/users", ida),
      params: {},
      context: makeRequestContext(),
    });
    expect(listed.people.some((p) => p.id === invitation!.id)).toBe(false);

    const again = await post(
      usersAction,
      "/admin/users",
      { intent: "revoke", id: invitation!.id },
      ida,
    );
    expect(JSON.stringify(again)).toContain("That invitation was already accepted or revoked.");
  });

  test("non-administrators get 404 for the page and 403 for every change, and nothing changes", async () => {
    const USERS_DE =
      "Nur Administrator(inn)en können Benutzer einladen, deaktivieren oder reaktivieren.";
    const INVITATIONS_DE =
      "Nur Administrator(inn)en können Einladungen erneut senden oder zurückziehen.";
    const idaCookies = await cookiesFor("ida@hansen.example");
    const lumen = (await orgByName("Studio Lumen"))!;
    await post(
      usersAction,
      "/admin/users",
      {
        intent: "invite",
        email: "pending@studio-lumen.example",
        name: "Pending Person",
        organizationId: lumen.id,
        role: "partner",
      },
      idaCookies,
    );
    const [pending] = await db()
      .select()
      .from(invitations)
      .where(
        and(eq(invitations.email, "pending@studio-lumen.example"), isNull(invitations.revokedAt)),
      );
    const jonas = await userByEmail("jonas@holzwerk-meyer.example");
    // Each refusal in English, and in German for Paul, who chose German.
    const forms: [Record<string, string>, string, string][] = [
      [
        {
          intent: "invite",
          email: "sneaky@studio-lumen.example",
          name: "Sneaky",
          organizationId: lumen.id,
          role: "partner",
        },
        "Only administrators can invite, disable or re-enable users.",
        USERS_DE,
      ],
      [
        { intent: "disable", id: jonas.id },
        "Only administrators can invite, disable or re-enable users.",
        USERS_DE,
      ],
      [
        { intent: "enable", id: jonas.id },
        "Only administrators can invite, disable or re-enable users.",
        USERS_DE,
      ],
      [
        { intent: "resend", id: pending!.id },
        "Only administrators can resend or revoke invitations.",
        INVITATIONS_DE,
      ],
      [
        { intent: "revoke", id: pending!.id },
        "Only administrators can resend or revoke invitations.",
        INVITATIONS_DE,
      ],
    ];
    for (const email of [
      "anna@hansen.example",
      "clara@hansen.example",
      "lena@studio-lumen.example",
      "paul@kanzlei-brandt.example",
    ]) {
      const cookies = await cookiesFor(email);
      await expectThrownStatus(
        usersLoader({
          request: getRequest("/admin/users", cookies),
          params: {},
          context: makeRequestContext(),
        }),
        404,
      );
      for (const [fields, english, german] of forms) {
        const message = email.startsWith("paul") ? german : english;
        const before = await tableCounts();
        const [mailsBefore] = await db().select({ n: count() }).from(mailMessages);
        expect(
          await expectThrownStatus(post(usersAction, "/admin/users", fields, cookies), 403),
        ).toBe(message);
        expect(await tableCounts()).toEqual(before);
        const [mailsAfter] = await db().select({ n: count() }).from(mailMessages);
        expect(mailsAfter!.n).toBe(mailsBefore!.n);
      }
    }
    const [unchanged] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.id, pending!.id));
    expect(unchanged!.tokenHash).toBe(pending!.tokenHash);
    expect(unchanged!.revokedAt).toBeNull();
    expect((await userByEmail(jonas.email)).disabledAt).toBeNull();
  });
});

import { and, desc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { auditEvents, memberships, organizations, projects, users } from "#db/schema";
import { loader as projectLoader } from "~/routes/_app.projects.$projectId";
import { formatCalendarDay } from "~/components/local-time";
import { membershipState } from "~/features/projects/project.server";
import {
  action as membersAction,
  loader as membersLoader,
} from "~/routes/_app.projects.$projectId.members";
import { action as newProjectAction } from "~/routes/_app.projects.new";
import { createSession } from "~/kernel/session.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { formRequest, makeRequestContext } from "../support/request";

const G = "Morgenrot – Umbau Gastraum";
let gastraum: string;
let wolff: string;

async function cookieFor(email: string) {
  const [user] = await db().select().from(users).where(eq(users.email, email));
  const { token } = await createSession(user!.id, {
    ip: "198.51.100.90",
    userAgent: "t",
    twoFactorVerified: true,
  });
  return { [SESSION_COOKIE]: token };
}

async function status(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const viewProject = async (email: string) => {
  const cookies = await cookieFor(email);
  return status(() =>
    projectLoader({
      request: new Request(`http://localhost:3000/projects/${gastraum}`, {
        headers: {
          "Accept-Language": "en-GB",
          Cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}`,
        },
      }),
      params: { projectId: gastraum },
      context: makeRequestContext(),
    }),
  );
};

async function postMembers(email: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  const request = formRequest(
    `/projects/${gastraum}/members`,
    {},
    { cookies: await cookieFor(email) },
  );
  const withBody = new Request(request, { body, method: "POST" });
  return membersAction({
    request: withBody,
    params: { projectId: gastraum },
    context: makeRequestContext(),
  });
}

async function lastAudit() {
  const [event] = await db().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return event!;
}

beforeAll(async () => {
  const [project] = await db().select().from(projects).where(eq(projects.name, G));
  gastraum = project!.id;
  const [org] = await db()
    .select()
    .from(organizations)
    .where(eq(organizations.name, "Mara Wolff Design"));
  wolff = org!.id;
  // A second person at Mara Wolff Design, to narrow a membership to Mara alone.
  await db().insert(users).values({
    organizationId: wolff,
    role: "partner",
    name: "Nils Wolff",
    email: "nils@wolff-design.example",
  });
});

describe("managing who is in a project", () => {
  test("Anna lets Mara Wolff Design in, narrows it to Mara, and revokes it — each on the next request", async () => {
    expect(await viewProject("mara@wolff-design.example")).toBe(404);

    const added = await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: wolff,
      access: "view",
      sections: ["history", "documents"],
    });
    expect((added as Response).status).toBe(302);
    expect(await lastAudit()).toMatchObject({ action: "membership.created", projectId: gastraum });
    expect(await viewProject("mara@wolff-design.example")).toBe(200);
    expect(await viewProject("nils@wolff-design.example")).toBe(200);

    const [membership] = await db()
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.projectId, gastraum),
          eq(memberships.organizationId, wolff),
          isNull(memberships.revokedAt),
        ),
      );
    const [mara] = await db()
      .select()
      .from(users)
      .where(eq(users.email, "mara@wolff-design.example"));
    await postMembers("anna@hansen.example", {
      intent: "update",
      membershipId: membership!.id,
      access: "view",
      sections: ["history"],
      userIds: [mara!.id],
    });
    expect(await lastAudit()).toMatchObject({ action: "membership.updated" });
    expect(await viewProject("mara@wolff-design.example")).toBe(200);
    expect(await viewProject("nils@wolff-design.example")).toBe(404);

    await postMembers("anna@hansen.example", { intent: "revoke", membershipId: membership!.id });
    expect(await lastAudit()).toMatchObject({
      action: "membership.revoked",
      subjectId: membership!.id,
    });
    expect(await viewProject("mara@wolff-design.example")).toBe(404);
  });

  test("bad input gets field errors and stores nothing", async () => {
    const before = await db().select().from(memberships);
    const noSections = await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: wolff,
      access: "view",
    });
    expect(JSON.stringify(noSections)).toContain("Choose at least one section.");
    const past = await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: wolff,
      access: "view",
      sections: "history",
      expiresOn: "2020-01-01",
    });
    expect(JSON.stringify(past)).toContain("The expiry must be in the future.");
    const [lumen] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Studio Lumen"));
    const twice = await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: lumen!.id,
      access: "view",
      sections: "history",
    });
    expect(JSON.stringify(twice)).toContain("already a member");
    expect(await db().select().from(memberships)).toEqual(before);
  });
});

describe("a membership's last day", () => {
  test("access chosen to end on 12 Dec lasts through 12 Dec in Berlin and reads “Until Dec 12”", async () => {
    const year = new Date().getFullYear() + 1;
    const [holzwerk] = await db()
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.projectId, gastraum), eq(organizations.name, "Holzwerk Meyer KG")));
    await postMembers("anna@hansen.example", {
      intent: "update",
      membershipId: holzwerk!.id,
      access: "contribute",
      sections: ["history"],
      expiresOn: `${year}-12-12`,
    });
    const [stored] = await db().select().from(memberships).where(eq(memberships.id, holzwerk!.id));
    // 23:59:59.999 in Berlin (CET, UTC+1), not in UTC.
    expect(stored!.expiresAt!.toISOString()).toBe(`${year}-12-12T22:59:59.999Z`);
    expect(membershipState(stored!, new Date(`${year}-12-12T22:59:59Z`))).toBe("active");
    expect(membershipState(stored!, new Date(`${year}-12-12T23:00:00Z`))).toBe("expired");

    const cookies = await cookieFor("anna@hansen.example");
    const page = await membersLoader({
      request: new Request(`http://localhost:3000/projects/${gastraum}/members`, {
        headers: {
          "Accept-Language": "en-GB",
          Cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}`,
        },
      }),
      params: { projectId: gastraum },
      context: makeRequestContext(),
    });
    const row = page.members.find((member) => member.id === holzwerk!.id)!;
    expect(row.expiresOn).toBe(`${year}-12-12`);
    expect(formatCalendarDay(row.expiresOn!, "en")).toBe(`Dec 12, ${year}`);
  });

  test("a day that does not exist is refused as such", async () => {
    const reply = await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: wolff,
      access: "view",
      sections: "history",
      expiresOn: "2031-02-30",
    });
    expect(JSON.stringify(reply)).toContain("Enter a date like 31/12/2026.");
  });

  test("the day may be typed as German or British readers write it; a mistake comes back as typed", async () => {
    const year = new Date().getFullYear() + 1;
    const [holzwerk] = await db()
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.projectId, gastraum), eq(organizations.name, "Holzwerk Meyer KG")));
    for (const typed of [`12.12.${year}`, `12/12/${year}`, ` 12.12.${String(year).slice(2)} `]) {
      await postMembers("anna@hansen.example", {
        intent: "update",
        membershipId: holzwerk!.id,
        access: "contribute",
        sections: ["history"],
        expiresOn: typed,
      });
      const [stored] = await db()
        .select()
        .from(memberships)
        .where(eq(memberships.id, holzwerk!.id));
      expect(stored!.expiresAt!.toISOString(), typed).toBe(`${year}-12-12T22:59:59.999Z`);
    }
    const reply = (await postMembers("anna@hansen.example", {
      intent: "add",
      organizationId: wolff,
      access: "view",
      sections: "history",
      expiresOn: "31.02.2031",
    })) as { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } };
    expect(reply.result.error.expiresOn).toEqual(["Enter a date like 31/12/2026."]);
    expect(reply.result.initialValue.expiresOn).toBe("31.02.2031");
  });
});

describe("creating projects", () => {
  const fields = (accountId: string, ownerId: string) => ({
    name: "Morgenrot – Küche",
    accountId,
    ownerId,
    status: "planning",
    description: "",
  });

  test("an account manager creates a project; compliance and partners are refused with 403", async () => {
    const [account] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Café Morgenrot GmbH"));
    const [anna] = await db().select().from(users).where(eq(users.email, "anna@hansen.example"));
    for (const email of ["clara@hansen.example", "lena@studio-lumen.example"]) {
      const request = formRequest("/projects/new", fields(account!.id, anna!.id), {
        cookies: await cookieFor(email),
      });
      expect(
        await status(() =>
          newProjectAction({ request, params: {}, context: makeRequestContext() }),
        ),
      ).toBe(403);
    }
    const request = formRequest("/projects/new", fields(account!.id, anna!.id), {
      cookies: await cookieFor("anna@hansen.example"),
    });
    const response = (await newProjectAction({
      request,
      params: {},
      context: makeRequestContext(),
    })) as Response;
    expect(response.status).toBe(302);
    const created = await db()
      .select()
      .from(projects)
      .where(eq(projects.name, "Morgenrot – Küche"));
    expect(created).toHaveLength(1);
    expect(response.headers.get("Location")).toBe(`/projects/${created[0]!.id}`);
    expect(await lastAudit()).toMatchObject({
      action: "project.created",
      projectId: created[0]!.id,
    });
  });

  test("an end date before the start date is refused next to the field", async () => {
    const [account] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Kanzlei Brandt"));
    const [tom] = await db().select().from(users).where(eq(users.email, "tom@hansen.example"));
    const request = formRequest(
      "/projects/new",
      {
        ...fields(account!.id, tom!.id),
        name: "Brandt – Archiv",
        startsOn: "2027-03-01",
        endsOn: "2027-02-01",
      },
      { cookies: await cookieFor("tom@hansen.example") },
    );
    const reply = await newProjectAction({ request, params: {}, context: makeRequestContext() });
    expect(JSON.stringify(reply)).toContain("The end date must be on or after the start date.");
    expect(
      await db().select().from(projects).where(eq(projects.name, "Brandt – Archiv")),
    ).toHaveLength(0);
  });

  test("dates are read as the reader writes them, stored as days, and a mistake comes back as typed", async () => {
    const [account] = await db()
      .select()
      .from(organizations)
      .where(eq(organizations.name, "Kanzlei Brandt"));
    const [tom] = await db().select().from(users).where(eq(users.email, "tom@hansen.example"));
    const create = async (name: string, startsOn: string, endsOn: string) =>
      newProjectAction({
        request: formRequest(
          "/projects/new",
          { ...fields(account!.id, tom!.id), name, startsOn, endsOn },
          { cookies: await cookieFor("tom@hansen.example") },
        ),
        params: {},
        context: makeRequestContext(),
      });
    const before = await create("Brandt – Umzug früh", "01.03.2027", "1/2/2027");
    expect(JSON.stringify(before)).toContain("The end date must be on or after the start date.");

    const response = (await create("Brandt – Umzug", "1.3.27", "31/12/2027")) as Response;
    expect(response.status).toBe(302);
    const [created] = await db().select().from(projects).where(eq(projects.name, "Brandt – Umzug"));
    expect([created!.startsOn, created!.endsOn]).toEqual(["2027-03-01", "2027-12-31"]);

    const refused = (await create("Brandt – Umzug spät", "31.02.2027", "")) as {
      initialValue: Record<string, unknown>;
      error: Record<string, string[]>;
    };
    expect(refused.error.startsOn).toEqual(["Enter a date like 31/12/2026."]);
    expect(refused.initialValue.startsOn).toBe("31.02.2027");
  });
});

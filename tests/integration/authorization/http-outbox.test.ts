import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { mailMessages } from "#db/schema";
import { loader as appLoader } from "~/routes/_app";
import { loader as outboxLoader } from "~/routes/dev.outbox";
import { loader as messageLoader } from "~/routes/dev.outbox.$messageId";
import { requestPasswordReset } from "~/features/identity/password-reset.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { DEMO_PEOPLE, demoEmails, type DemoPerson } from "../../support/demo-people";
import { setEnv } from "../../support/env";
import { demoSessions, routeArgs, statusOf } from "../../support/http-as";
import { startRemixApp, type RemixApp } from "../../support/remix-app";

/*
 * The development mail outbox holds live password-reset and invitation links for everyone: only
 * those the policy lets read it (administrators) get in, and never in production. Asked through
 * the whole Remix app, as a browser asks.
 */

let app: RemixApp;
let tokens: Map<DemoPerson, string>;
let resetMailId: string;

beforeAll(async () => {
  tokens = await demoSessions();
  app = await startRemixApp();
  // A live reset link for an administrator: what a visitor must not be able to read.
  await requestPasswordReset(demoEmails.ida, { ip: "198.51.100.5", userAgent: "x" });
  const [mail] = await db()
    .select({ id: mailMessages.id, to: mailMessages.to })
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  expect(mail?.to).toBe(demoEmails.ida);
  resetMailId = mail!.id;
});

afterAll(async () => {
  await app?.close();
});

const cookieOf = (person: DemoPerson) => `${SESSION_COOKIE}=${tokens.get(person)}`;
const OUTBOX_LINK = 'href="/dev/outbox"';

describe("the development mail outbox", () => {
  test("a signed-out visitor is sent to sign in and sees no mail", async () => {
    for (const path of ["/dev/outbox", `/dev/outbox/${resetMailId}`]) {
      const response = await app.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location")).toBe(
        `/login?${new URLSearchParams({ redirectTo: path })}`,
      );
    }
  });

  for (const person of DEMO_PEOPLE) {
    const admin = person === "ida";
    test(`${person} ${admin ? "reads it and finds it in the menu" : "gets 404 and no menu entry"}`, async () => {
      const list = await app.get("/dev/outbox", cookieOf(person));
      const message = await app.get(`/dev/outbox/${resetMailId}`, cookieOf(person));
      const data = await app.get(`/dev/outbox/${resetMailId}.data`, cookieOf(person));
      const home = await (await app.get("/", cookieOf(person))).text();
      if (admin) {
        expect(list.status).toBe(200);
        expect(message.status).toBe(200);
        // The page is English for Ida's browser, but the mail is in German: she has not chosen a
        // language and never signed in from a browser, so it goes in the host's default.
        const page = await message.text();
        expect(page).toContain("Plain-text version");
        expect(page).toContain("Ihr Ambit-Passwort zurücksetzen");
        expect(data.status).toBe(200);
        expect(home).toContain(OUTBOX_LINK);
      } else {
        expect(list.status).toBe(404);
        expect(message.status).toBe(404);
        expect(await message.text()).not.toContain("reset-password/");
        expect(data.status).toBe(404);
        expect(await data.text()).not.toContain("reset-password/");
        expect(home).not.toContain(OUTBOX_LINK);
      }
    });
  }

  // The app under test loaded its own copy of the settings, so production is asked of the loaders.
  test("in production it does not exist, even for an administrator", async () => {
    const ida = tokens.get("ida");
    const restore = setEnv({
      NODE_ENV: "production",
      APP_URL: "https://ambit.example",
      ENCRYPTION_KEY: "b".repeat(64),
    });
    try {
      expect(await statusOf(() => outboxLoader(routeArgs(ida, "/dev/outbox", {})))).toBe(404);
      expect(await statusOf(() => outboxLoader(routeArgs(undefined, "/dev/outbox", {})))).toBe(404);
      const messageArgs = routeArgs(ida, `/dev/outbox/${resetMailId}`, {
        messageId: resetMailId,
      });
      expect(await statusOf(() => messageLoader(messageArgs))).toBe(404);
      const layout = await appLoader(routeArgs(ida, "/", {}));
      expect(layout.sections.development).toBe(false);
    } finally {
      restore();
    }
    // The same administrator in development.
    expect(await statusOf(() => outboxLoader(routeArgs(ida, "/dev/outbox", {})))).toBe(200);
    expect((await appLoader(routeArgs(ida, "/", {}))).sections.development).toBe(true);
  });
});

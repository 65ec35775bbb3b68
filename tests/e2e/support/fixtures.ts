// The fixtures every story uses:
// - each test (and each extra browser it opens) signs in from an address of its own, sent as
//   X-Forwarded-For (the server trusts one proxy hop), so per-IP sign-in throttles never leak
//   from one test into another;
// - any console error or uncaught page error in any of its browsers fails the test, unless the
//   test allowed that exact message;
// - `login(as)` signs in: by default it posts the sign-in form's fields over HTTP with the
//   browser's own cookies (the real sign-in action, its throttles and its cookies, without
//   loading and typing into /login first), then opens the page the app sends the visitor to.
//   Stories about signing in use the form like a person would: `test.use({ loginThroughForm:
//   true })` for a whole file, or `login(as, { throughForm: true })` for one sign-in.
import { createHash } from "node:crypto";
import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type TestInfo,
} from "@playwright/test";
import { PASSWORD, users, type Person, type UserKey } from "./users";

export { expect };

/** A browser problem the test expects: its text, and optionally the URL it came from. */
export type AllowedProblem = { text: RegExp; url?: RegExp };

type Problem = { kind: "console.error" | "pageerror"; text: string; url: string; page: string };

type LoginOptions = {
  /** The page to sign in on; the test's own page by default. */
  page?: Page;
  password?: string;
  /** Signs in through the /login form like a person, whatever `loginThroughForm` says. */
  throughForm?: boolean;
  /**
   * Signs in through the form, and waits until React has taken over the form before typing (a
   * development server is slow to).
   */
  waitForHydration?: boolean;
};

type Fixtures = {
  /** This test's client address (X-Forwarded-For); each extra browser gets another one. */
  clientIp: string;
  /** Console errors this test expects; anything else fails it. */
  allowedProblems: AllowedProblem[];
  browserProblems: Problem[];
  /** Whether `login` goes through the /login form in this file (sign-in stories); false by default. */
  loginThroughForm: boolean;
  /** Signs in and waits until the visitor is on the page the app sends them to after /login. */
  login: (as: UserKey | Person, options?: LoginOptions) => Promise<void>;
  /** A fresh browser (its own cookies and its own address), watched like the test's own page. */
  openBrowser: (options?: BrowserContextOptions) => Promise<{ page: Page; ip: string }>;
};

/** 10.x.y.z derived from the test and `slot`: stable for a test, distinct between tests. */
export function ipFor(testInfo: TestInfo, slot = 0) {
  const digest = createHash("sha256")
    .update(`${testInfo.testId}:${testInfo.retry}:${testInfo.repeatEachIndex}:${slot}`)
    .digest();
  return `10.${digest[0]}.${digest[1]}.${(digest[2]! % 254) + 1}`;
}

function watch(context: BrowserContext, problems: Problem[]) {
  const attach = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      problems.push({
        kind: "console.error",
        text: message.text(),
        url: message.location().url,
        page: page.url(),
      });
    });
    page.on("pageerror", (error) => {
      problems.push({
        kind: "pageerror",
        text: String(error.stack ?? error),
        url: "",
        page: page.url(),
      });
    });
  };
  context.pages().forEach(attach);
  context.on("page", attach);
}

export const test = base.extend<Fixtures>({
  // Playwright requires the destructuring pattern, even when a fixture needs no other fixture.
  clientIp: async ({}, provide, testInfo) => {
    await provide(ipFor(testInfo));
  },

  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, provide) => {
    await provide({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp });
  },

  allowedProblems: [[], { option: true }],

  loginThroughForm: [false, { option: true }],

  browserProblems: async ({ allowedProblems }, provide, testInfo) => {
    const problems: Problem[] = [];
    await provide(problems);
    const unexpected = problems.filter(
      (problem) =>
        !allowedProblems.some(
          (allowed) =>
            allowed.text.test(problem.text) && (!allowed.url || allowed.url.test(problem.url)),
        ),
    );
    if (unexpected.length > 0) {
      await testInfo.attach("browser-problems", {
        body: JSON.stringify(unexpected, null, 2),
        contentType: "application/json",
      });
    }
    expect(unexpected, "console errors or page errors in the browser").toEqual([]);
  },

  context: async ({ context, browserProblems }, provide) => {
    watch(context, browserProblems);
    await provide(context);
  },

  openBrowser: async (
    {
      browser,
      browserProblems,
      baseURL,
      viewport,
      locale,
      timezoneId,
      userAgent,
      deviceScaleFactor,
    },
    provide,
    testInfo,
  ) => {
    const opened: BrowserContext[] = [];
    let slot = 0;
    await provide(async (options = {}) => {
      slot += 1;
      const ip = ipFor(testInfo, slot);
      const context = await browser.newContext({
        baseURL,
        viewport,
        locale,
        timezoneId,
        userAgent,
        deviceScaleFactor,
        ...options,
        extraHTTPHeaders: { ...options.extraHTTPHeaders, "X-Forwarded-For": ip },
      });
      opened.push(context);
      watch(context, browserProblems);
      return { page: await context.newPage(), ip };
    });
    for (const context of opened) await context.close();
  },

  login: async ({ page: ownPage, loginThroughForm }, provide) => {
    await provide(async (as, options = {}) => {
      const person = typeof as === "string" ? users[as] : as;
      const page = options.page ?? ownPage;
      const password = options.password ?? PASSWORD;
      if (options.throughForm || options.waitForHydration || loginThroughForm) {
        await page.goto("/login");
        if (options.waitForHydration)
          await expect(page.locator("html[data-hydrated]")).toBeAttached();
        await page.getByLabel("Email").fill(person.email);
        await page.getByLabel("Password").fill(password);
        await page.getByRole("button", { name: "Sign in" }).click();
        try {
          await page.waitForURL((url) => url.pathname !== "/login");
        } catch (error) {
          const alert = await page.getByRole("alert").allTextContents();
          throw new Error(`${person.email} could not sign in: ${alert.join(" ") || String(error)}`);
        }
        return;
      }
      // The form's own fields, posted as the form posts them without JavaScript: the browser
      // context's request shares its cookies (the session and device cookies land in the
      // browser) and its X-Forwarded-For address.
      const response = await page.request.post("/login", {
        form: { redirectTo: "", email: person.email, password },
        maxRedirects: 0,
      });
      const location = response.headers()["location"];
      if (response.status() < 300 || response.status() >= 400 || !location) {
        // 200: the form again, with "do not match"; 429: throttled or locked.
        throw new Error(`${person.email} could not sign in: HTTP ${response.status()}`);
      }
      await page.goto(location);
    });
  },
});

/** Clicks a submit button and waits for the server's answer to the POST it sends. */
export async function submit(page: Page, button: ReturnType<Page["getByRole"]>) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await button.click();
  await answered;
}

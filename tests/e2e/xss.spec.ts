// The XSS corpus (tests/support/xss-corpus.ts) rendered in Chromium: every accepted payload is an
// entry of the internal project "Sicherheitsprobe", and no page that shows them runs a line of
// it. The corpus lives in a server of this spec's own (same build, same server.js and CSP), so the
// shared e2e database and everything the other specs count stay as they are.
import type { Page } from "@playwright/test";
import {
  allowedAttributes,
  allowedElements,
  allowedSchemes,
  corpus,
  PROBE_PROJECT,
  probeEntries,
  textVectors,
  TRIPWIRE,
  type CorpusCase,
} from "../support/xss-corpus";
import { withoutNul } from "~/kernel/rich-text/rich-text.server";
import { expect, test } from "./support/fixtures";
import { startOwnServer, type OwnServer } from "./support/own-server";

test.describe.configure({ mode: "serial" });

let server: OwnServer | undefined;
let baseURL = "";

test.beforeAll(async () => {
  // Seeding a database of its own and starting a server: minutes on a loaded machine.
  test.setTimeout(300_000);
  server = await startOwnServer("xss-corpus", { E2E_XSS_CORPUS: "1" });
  baseURL = server.baseURL;
});

test.afterAll(async () => {
  await server?.stop();
});

type Watch = { dialogs: string[] };

/** Before any page script: the tripwire, stubs for the dialogs, and a log of CSP violations. */
async function arm(page: Page): Promise<Watch> {
  const watch: Watch = { dialogs: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript((tripwire: string) => {
    const state = window as unknown as Record<string, unknown>;
    const hits: string[] = [];
    const violations: { directive: string; blocked: string; sample: string }[] = [];
    state.__xss = hits;
    state.__csp = violations;
    state[tripwire] = (id: unknown) => {
      hits.push(String(id));
    };
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      state[name] = (...args: unknown[]) => {
        hits.push(`${name}(${args.map(String).join(", ")})`);
      };
    }
    document.addEventListener(
      "securitypolicyviolation",
      (event) =>
        violations.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          sample: event.sample,
        }),
      true,
    );
  }, TRIPWIRE);
  return watch;
}

async function tripwire(page: Page) {
  return page.evaluate(() => {
    const state = window as unknown as { __xss?: string[]; __csp?: { directive: string }[] };
    return { hits: state.__xss ?? null, csp: state.__csp ?? null };
  });
}

/** Nothing ran, nothing was even blocked, and no element carries an event handler or a stray script. */
async function expectQuiet(page: Page, watch: Watch) {
  const where = page.url();
  const state = await tripwire(page);
  expect(state.hits, `tripwire on ${where}`).toEqual([]);
  expect(state.csp, `CSP violations on ${where}`).toEqual([]);
  expect(watch.dialogs, `dialogs on ${where}`).toEqual([]);
  const strays = await page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`${attribute.name} on <${element.localName}>`);
      }
      if (["iframe", "object", "embed", "frame", "base", "template"].includes(element.localName)) {
        found.push(`<${element.localName}>`);
      }
      if (element instanceof HTMLScriptElement && !element.nonce)
        found.push("script without nonce");
    }
    return found;
  });
  expect(strays, `injected markup on ${where}`).toEqual([]);
}

/** Chromium's own parse of an entry body: only the editor's elements, attributes and links. */
async function expectStrictBody(page: Page) {
  const problems = await page.evaluate(
    ({ elements, attributes, schemes }) => {
      const body = document.querySelector("article .entry-body");
      if (!body) return ["no entry body"];
      const found: string[] = [];
      for (const element of body.querySelectorAll("*")) {
        const name = element.localName;
        if (!elements.includes(name)) found.push(`<${name}>`);
        for (const attribute of element.attributes) {
          if (!(attributes[name] ?? []).includes(attribute.name)) {
            found.push(`${attribute.name} on <${name}>`);
          }
        }
        if (name === "a") {
          let scheme = "";
          try {
            scheme = new URL(element.getAttribute("href") ?? "").protocol;
          } catch {
            scheme = "unparsable";
          }
          if (!schemes.includes(scheme)) found.push(`href ${element.getAttribute("href")}`);
        }
      }
      return found;
    },
    {
      elements: [...allowedElements],
      attributes: Object.fromEntries(
        Object.entries(allowedAttributes).map(([name, set]) => [name, [...set]]),
      ),
      schemes: [...allowedSchemes],
    },
  );
  expect(problems, `entry body on ${page.url()}`).toEqual([]);
}

const expected = probeEntries();
// As the page shows it: the HTML parser turns CR into LF, and PGlite drops one leading U+FEFF
// (a byte-order mark) from text values it reads.
const normalise = (value: string) => value.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
const expectedSubjects = expected.map((entry) => normalise(entry.subject)).sort();
/**
 * Entries worth their own page: the batches (each body and subject joins 60 cases, with payloads
 * in the channel fields too) and the cases too big to join.
 */
const pageWorthy = (subject: string) =>
  subject.startsWith("Sammelprobe ") || /^(many-paragraphs|node-limit|text-limit): /.test(subject);

type Row = { href: string; subject: string };

async function rowsOn(page: Page): Promise<Row[]> {
  return page.getByTestId("entry-row").evaluateAll((links) =>
    links.map((link) => ({
      href: link.getAttribute("href") ?? "",
      // The subject is the last span of the row's title line (a "new" badge may precede it).
      subject: link.querySelector("p.font-semibold > span:last-child")?.textContent ?? "",
    })),
  );
}

async function signedIn(
  openBrowser: (options?: { baseURL?: string }) => Promise<{ page: Page }>,
  login: (as: "anna", options: { page: Page }) => Promise<void>,
) {
  const { page } = await openBrowser({ baseURL });
  const watch = await arm(page);
  await login("anna", { page });
  await page.goto("/projects");
  const link = page.getByRole("link", { name: new RegExp(PROBE_PROJECT) });
  const projectPath = new URL((await link.getAttribute("href"))!, baseURL).pathname;
  return { page, watch, projectPath };
}

test("timeline pages loaded in the browser (Load more) run no payload", async ({
  openBrowser,
  login,
}) => {
  const { page, watch, projectPath } = await signedIn(openBrowser, login);
  await page.goto(`${projectPath}/history`);
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expectQuiet(page, watch);
  // A few pages rendered by React in the browser; the next test reads all of them server-side.
  for (const shown of [50, 75, 100]) {
    await page.getByTestId("load-more").click();
    await expect(page.getByTestId("entry-row")).toHaveCount(shown);
    await expectQuiet(page, watch);
  }
  const rows = await rowsOn(page);
  const subjects = new Set(expectedSubjects);
  expect(rows.filter((row) => !subjects.has(row.subject))).toEqual([]);
});

test("every timeline page as the server renders it, and every payload's entry page, run nothing", async ({
  openBrowser,
  login,
}) => {
  // Dozens of full page loads: minutes on a loaded 2-core machine.
  test.setTimeout(240_000);
  const { page, watch, projectPath } = await signedIn(openBrowser, login);
  // Following the cursor links as a browser without JavaScript would: each page server-rendered.
  const rows: Row[] = [];
  await page.goto(`${projectPath}/history`);
  for (let pages = 0; ; pages += 1) {
    expect(pages, "the timeline ends").toBeLessThan(60);
    await expect(page.getByTestId("timeline")).toBeVisible();
    await expectQuiet(page, watch);
    rows.push(...(await rowsOn(page)));
    const more = page.getByTestId("load-more");
    if ((await more.count()) === 0) break;
    const next = (await more.getAttribute("href"))!;
    await page.goto(new URL(next, page.url()).toString());
  }
  expect(rows.map((row) => row.subject).sort()).toEqual(expectedSubjects);

  const toOpen = rows.filter((row) => pageWorthy(row.subject));
  expect(toOpen.length).toBe(expectedSubjects.filter(pageWorthy).length);
  expect(toOpen.length).toBeGreaterThan(10);
  for (const row of toOpen) {
    await page.goto(row.href);
    const heading = page.locator("article header h2");
    await expect(heading).toBeVisible();
    expect(await heading.textContent()).toBe(row.subject);
    await expectQuiet(page, watch);
    if (await page.locator("article .entry-body").count()) await expectStrictBody(page);
    const entry = expected.find((candidate) => normalise(candidate.subject) === row.subject);
    if (entry?.texts.length) {
      const shown = (await page.locator("article .entry-body").textContent()) ?? "";
      const missing = entry.texts.filter((text) => !shown.includes(text));
      expect(missing, `payloads shown verbatim on ${row.href}`).toEqual([]);
    }
  }
});

/** Posts the log form the way a browser without JavaScript does, and waits for the answer. */
async function postEntry(page: Page, projectPath: string, subject: string, body: string) {
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.url().includes("/new"),
  );
  await page.evaluate(
    ({ action, fields }) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = action;
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    {
      action: `${projectPath}/history/new`,
      fields: {
        channel: "note",
        direction: "internal",
        timezone: "Europe/Berlin",
        subject,
        body,
        audience: "internal",
      },
    },
  );
  const response = await answered;
  await page.waitForLoadState("load");
  return response.status();
}

test.describe("the log form", () => {
  // A refused entry answers 400 with the form, which the browser reports as a failed load.
  test.use({
    allowedProblems: [
      [{ text: /status of 400 \(Bad Request\)$/, url: /\/history\/new$/ }],
      { scope: "test" },
    ],
  });

  test("payloads logged through the form run nothing, accepted or refused and kept", async ({
    openBrowser,
    login,
  }) => {
    test.setTimeout(240_000);
    const { page, watch, projectPath } = await signedIn(openBrowser, login);
    const pick = (id: string) => corpus.find((entry) => entry.id === id)!;
    const asField = (entry: CorpusCase) =>
      "field" in entry.input ? entry.input.field : JSON.stringify(entry.input.json);
    const subjectOf = (entry: CorpusCase) => withoutNul(entry.subject).slice(0, 200);
    for (const id of [
      "text-0",
      "text-7",
      "attrs-on-every-node",
      "marks-with-attrs",
      "href-accepted-1",
      "field-proto",
    ]) {
      const entry = pick(id);
      await page.goto(`${projectPath}/history/new`);
      expect(await postEntry(page, projectPath, subjectOf(entry), asField(entry)), id).toBe(302);
      await expect(page).toHaveURL(/\/history\/[0-9a-f-]{36}$/);
      expect(await page.locator("article header h2").textContent(), id).toBe(subjectOf(entry));
      await expectQuiet(page, watch);
      if (await page.locator("article .entry-body").count()) await expectStrictBody(page);
    }
    // Refused: the form comes back with the author's input kept, in the subject and the editor.
    for (const id of [
      "href-refused-0",
      "href-refused-19",
      "node-unsupported-0",
      "field-html",
      "field-img",
    ]) {
      const entry = pick(id);
      await page.goto(`${projectPath}/history/new`);
      expect(await postEntry(page, projectPath, subjectOf(entry), asField(entry)), id).toBe(400);
      await expect(page.locator("#body-error"), id).not.toBeEmpty();
      await expect(page.locator("#subject")).toHaveValue(subjectOf(entry));
      await expectQuiet(page, watch);
    }
  });
});

test("search results quoting the payloads run nothing", async ({ openBrowser, login }) => {
  const { page, watch } = await signedIn(openBrowser, login);
  const queries = ["onerror", "javascript", "svg onload", textVectors[0]!];
  for (const query of queries) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The query found corpus entries: payloads with highlights in them are on the page.
    await expect(page.locator("mark").first()).toBeVisible();
    await expectQuiet(page, watch);
  }
});

test.describe("the CSP", () => {
  test.use({
    allowedProblems: [
      [
        {
          text: /^(Executing inline event handler|Executing inline script|Running the JavaScript URL) violates the following Content Security Policy directive/,
        },
      ],
      { scope: "test" },
    ],
  });

  const plant = (page: Page) =>
    page.evaluate((tripwire) => {
      const call = (id: string) => `window.${tripwire}('${id}')`;
      const image = document.createElement("img");
      image.setAttribute("onerror", call("planted-onerror"));
      image.src = "data:,";
      document.body.append(image);
      const script = document.createElement("script");
      script.textContent = call("planted-script");
      document.body.append(script);
      const link = document.createElement("a");
      link.href = `javascript:${call("planted-href")}`;
      document.body.append(link);
      link.click();
    }, TRIPWIRE);

  test("blocks an inline handler, an inline script and a javascript: link planted in a corpus page", async ({
    openBrowser,
    login,
  }) => {
    const { page } = await openBrowser({ baseURL });
    const watch = await arm(page);
    await login("anna", { page });
    await page.goto("/projects");
    await page.getByRole("link", { name: new RegExp(PROBE_PROJECT) }).click();
    await page.getByRole("link", { name: "History", exact: true }).click();
    await page.getByTestId("entry-row").first().click();
    await expect(page.locator("article")).toBeVisible();
    await expectQuiet(page, watch);

    await plant(page);
    await expect
      .poll(async () => (await tripwire(page)).csp?.map((violation) => violation.directive))
      .toEqual(expect.arrayContaining(["script-src-attr", "script-src-elem"]));
    // Every planted handler has met the policy once three violations are in; none may have run.
    await expect
      .poll(async () => (await tripwire(page)).csp?.length ?? 0)
      .toBeGreaterThanOrEqual(3);
    const state = await tripwire(page);
    expect(state.hits).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });

  test("without it, the same planted handler would run: the tripwire works", async ({
    openBrowser,
  }) => {
    const { page } = await openBrowser({ baseURL, bypassCSP: true });
    await arm(page);
    await page.goto("/login");
    await plant(page);
    await expect
      .poll(async () => (await tripwire(page)).hits)
      .toEqual(expect.arrayContaining(["planted-onerror", "planted-script", "planted-href"]));
  });
});

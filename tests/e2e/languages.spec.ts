// Ambit in German and English: Eva (who chose German) and Lena (who chose English) walk the same
// pages; each page must speak only their language, with dates in its format, and hold its layout
// at laptop and phone width. Then the language switches on the sign-in page and in the menu.
import path from "node:path";
import type { Page } from "@playwright/test";
import { de } from "../../app/locales/de";
import { en } from "../../app/locales/en";
import { expect, test } from "./support/fixtures";
import { GASTRAUM, openHistory } from "./support/history";
import { PASSWORD, users } from "./support/users";

const screenshotDir = path.resolve("test-results/languages");

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") result.set(name, value);
    else for (const [inner, text] of flatten(value, name)) result.set(inner, text);
  }
  return result;
}

/**
 * Pieces of the other language's interface that must not appear on a page: the fixed text
 * between placeholders of each string that differs between the languages, if it is long enough
 * to be unmistakable (two words or more) and appears nowhere in the reader's own catalogue.
 */
function foreignPhrases(own: Catalogue, other: Catalogue) {
  const ownValues = [...flatten(own).values()];
  const phrases = new Set<string>();
  for (const text of flatten(other).values()) {
    for (const piece of text.split(/\{\{[^}]+\}\}/)) {
      const phrase = piece.replace(/^[\s.,:;·–—“”„"()]+|[\s.,:;·–—“”„"()]+$/g, "");
      if (phrase.length < 8 || !phrase.includes(" ")) continue;
      if (ownValues.some((value) => value.includes(phrase))) continue;
      phrases.add(phrase);
    }
  }
  return [...phrases];
}

const englishPhrases = foreignPhrases(de, en);
const germanPhrases = foreignPhrases(en, de);

/** Single words of the other language's interface ("Save", "Speichern") that ours never uses. */
function foreignWords(own: Catalogue, other: Catalogue) {
  const ownValues = new Set(flatten(own).values());
  return new Set(
    [...flatten(other).values()].filter(
      (text) => !text.includes(" ") && !text.includes("{{") && !ownValues.has(text),
    ),
  );
}

const englishWords = foreignWords(de, en);
const germanWords = foreignWords(en, de);

/** The texts of the page's controls: buttons, labels, headers, options, menus and tabs. */
async function controlTexts(page: Page) {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        "button, label, th, option, summary, nav a, [role=tab], [role=menuitem]",
      ),
    ].map((element) => (element.textContent ?? "").replace(/\s+/g, " ").trim()),
  );
}

/** Everything a reader can see or hear on the page: its text, labels, hints and title. */
async function visibleWords(page: Page) {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll("[aria-label],[placeholder],[title],[alt]")]
      .flatMap((element) =>
        ["aria-label", "placeholder", "title", "alt"].map((name) => element.getAttribute(name)),
      )
      .filter(Boolean);
    return [document.title, document.body.innerText, ...attributes].join("\n");
  });
}

async function expectOnlyLanguage(page: Page, language: "de" | "en") {
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  const words = await visibleWords(page);
  const foreign = (language === "de" ? englishPhrases : germanPhrases).filter((phrase) =>
    words.includes(phrase),
  );
  const single = language === "de" ? englishWords : germanWords;
  foreign.push(...(await controlTexts(page)).filter((text) => single.has(text)));
  expect(foreign, `${language === "de" ? "English" : "German"} on ${page.url()}`).toEqual([]);
}

const GERMAN_MONTHS =
  /\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}/;
const ENGLISH_MONTHS =
  /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;

// What a date may look like besides a month name: 31.12.2026 / 31/12/2026, or a time alone.
const GERMAN_SHORT = /\d{2}\.\d{2}\.\d{4}|^\d{2}:\d{2}$/;
const ENGLISH_SHORT =
  /\d{2}\/\d{2}\/\d{4}|^\d{2}:\d{2}$|\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}/;

async function expectDatesIn(page: Page, language: "de" | "en") {
  const times = await page.locator("main time").allInnerTexts();
  expect(times.length, `dates on ${page.url()}`).toBeGreaterThan(0);
  for (const text of times) {
    // Never a 12-hour clock, in either language.
    expect(text).not.toMatch(/\b[AP]M\b/i);
    const own =
      language === "de"
        ? GERMAN_MONTHS.test(text) || GERMAN_SHORT.test(text)
        : ENGLISH_MONTHS.test(text) || ENGLISH_SHORT.test(text);
    expect(own, `"${text}" as a ${language} reader writes dates on ${page.url()}`).toBe(true);
  }
}

/** Nothing is wider than the screen: long German words wrap instead of pushing the page out. */
async function expectNoOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

const sizes = [
  { name: "laptop", use: { viewport: { width: 1280, height: 800 } } },
  {
    name: "phone",
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];

// Each signs in from a browser in their own language, through the sign-in form.
const journeys = [
  {
    person: "eva",
    language: "de",
    browser: "de-DE",
    form: { email: "E-Mail", password: "Passwort", signIn: "Anmelden" },
  },
  {
    person: "lena",
    language: "en",
    browser: "en-GB",
    form: { email: "Email", password: "Password", signIn: "Sign in" },
  },
] as const;

for (const size of sizes) {
  for (const { person, language, browser, form } of journeys) {
    test.describe(`${person} in ${language === "de" ? "German" : "English"} (${size.name})`, () => {
      test.use({ ...size.use, locale: browser });

      test(`${person}'s journey speaks ${language}, ${size.name}`, async ({ page }) => {
        const look = async (name: string) => {
          await expectOnlyLanguage(page, language);
          await expectNoOverflow(page);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({
            path: path.join(screenshotDir, `${person}-${name}-${size.name}.png`),
            fullPage: true,
            animations: "disabled",
            caret: "hide",
          });
        };

        await page.goto("/login");
        await expect(page.locator("html[data-hydrated]")).toBeAttached();
        await look("sign-in");
        await page.getByLabel(form.email).fill(users[person].email);
        await page.getByLabel(form.password).fill(PASSWORD);
        await page.getByRole("button", { name: form.signIn }).click();
        await expect(page).toHaveURL("/");
        await look("home");
        await expectDatesIn(page, language);

        await page.goto("/projects");
        await look("projects");

        await page
          .getByRole("link", { name: new RegExp(GASTRAUM) })
          .first()
          .click();
        await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
        const project = new URL(page.url()).pathname;
        await look("overview");

        await page.goto(`${project}/history`);
        const entries = page.locator('a[data-testid="entry-row"]');
        await expect(entries.first()).toBeVisible();
        await look("timeline");
        await expectDatesIn(page, language);

        await entries.first().click();
        await expect(page).toHaveURL(/\/history\/[0-9a-f-]{36}$/);
        await look("entry");
        await expectDatesIn(page, language);

        await page.goto(`${project}/documents`);
        await expect(page.getByTestId("document-list")).toBeVisible();
        await look("documents");
        await expectDatesIn(page, language);

        await page.getByTestId("document-row").first().getByRole("link").first().click();
        await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
        await look("document");

        await page.goto(`/search?${new URLSearchParams({ q: "AURORA" })}`);
        await expect(page.getByTestId("search-result").first()).toBeVisible();
        await look("search");

        await page.goto(`${project}/members`);
        await expect(page.getByTestId("member-list")).toBeVisible();
        await look("members");

        // The logging form: the most words of any page.
        await page.goto(`${project}/history/new?channel=call`);
        await expect(page.locator(".ProseMirror")).toBeVisible();
        await look("log-call");

        for (const [path, name] of [
          ["/account", "account"],
          ["/account/two-factor", "two-factor"],
          ["/account/sessions", "sessions"],
        ] as const) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await look(name);
        }
      });
    });
  }
}

test.describe("choosing the language", () => {
  test("the sign-in page follows the browser, and its switch sticks", async ({ openBrowser }) => {
    const german = (await openBrowser({ locale: "de-DE" })).page;
    await german.goto("/login");
    await expect(german.getByRole("heading", { name: "Bei Ambit anmelden" })).toBeVisible();
    await expect(german).toHaveTitle("Anmelden · Ambit");
    await expectOnlyLanguage(german, "de");

    const english = (await openBrowser({ locale: "en-GB" })).page;
    await english.goto("/login");
    await expect(english.getByRole("heading", { name: "Sign in to Ambit" })).toBeVisible();
    await expectOnlyLanguage(english, "en");

    // Switched to German on an English browser: the choice outlives a reload.
    await english.getByRole("button", { name: "Deutsch" }).click();
    await expect(english.getByRole("heading", { name: "Bei Ambit anmelden" })).toBeVisible();
    await expect(english.getByRole("button", { name: "Deutsch" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await english.reload();
    await expect(english.getByRole("heading", { name: "Bei Ambit anmelden" })).toBeVisible();
    await english.getByLabel("E-Mail").fill("nobody@nowhere.example");
    await english.getByLabel("Passwort").fill("wrong password");
    await english.getByRole("button", { name: "Anmelden" }).click();
    await expect(english.getByRole("alert")).toContainText("E-Mail-Adresse und Passwort");
  });

  test("the account menu's switch is stored on the user and follows them to another browser", async ({
    page,
    login,
    openBrowser,
  }) => {
    // Tom has not chosen: his English browser decides.
    await login("tom");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    try {
      await page.getByRole("button", { name: "Deutsch" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "de");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Willkommen");

      // Another browser, also English: Tom's choice is German.
      const other = (await openBrowser({ locale: "en-GB" })).page;
      await login("tom", { page: other });
      await expect(other.locator("html")).toHaveAttribute("lang", "de");
      await other.goto("/account");
      await expect(other.getByRole("combobox", { name: "Sprache" })).toHaveValue("de");
    } finally {
      // Back to "as my browser", so no other story meets a German Tom.
      await page.goto("/account");
      await page.getByRole("combobox", { name: /^(Sprache|Language)$/ }).selectOption("");
      await page
        .getByRole("button", { name: /^(Speichern|Save)$/ })
        .first()
        .click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
  });
});

test.describe("the reader's clock", () => {
  test.use({ timezoneId: "America/New_York" });

  test("a browser in New York reads New York times, and an entry saved there keeps its time", async ({
    page,
    login,
  }) => {
    await login("anna");
    await openHistory(page);
    // The first page is drawn on the host's clock; once the page has told the server the
    // browser's zone, every time is New York's.
    const aurora = page
      .locator('a[data-testid="entry-row"]')
      .filter({ hasText: "AURORA" })
      .locator("time");
    const occurredAt = new Date((await aurora.getAttribute("datetime"))!);
    const inNewYork = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "America/New_York" }).format(
        occurredAt,
      );
    await expect(aurora).toHaveText(inNewYork({ timeStyle: "short" }));

    // Its edit form shows the same moment on the same clock, and saving it unchanged changes
    // nothing: the time goes back in the zone it was written in, not shifted by six hours.
    await page.locator('a[data-testid="entry-row"]').filter({ hasText: "AURORA" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    const when = page.getByLabel("When", { exact: true });
    await expect(when).toHaveValue(
      `${inNewYork({ day: "2-digit", month: "2-digit", year: "numeric" })} ${inNewYork({ timeStyle: "short" })}`,
    );
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Nothing was changed.")).toBeVisible();
  });
});

import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

// Eva's complaint from opening to rating, as Eva, Anna, Lena and Clara see it (DEMO_WORLD.md:
// Eva and Lena must never see an internal note; Lena only what is assigned to her).

const screenshotDir = path.resolve("docs/screenshots");
const TITLE = "Stuhlfarbe falsch geliefert";
const NOTE = "Kulanz bis 200 Euro mit Studio Lumen abstimmen";

async function photo(color: string) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

async function picture(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: path.join(screenshotDir, name),
    fullPage: true,
    animations: "disabled",
    caret: "hide",
  });
}

/** Writes into the request page's reply box and sends it as the chosen kind. */
async function reply(page: Page, kind: RegExp, text: string, send: RegExp) {
  const kindChoice = page.getByRole("radio", { name: kind });
  if (await kindChoice.isVisible()) await kindChoice.check();
  await page.locator(".ProseMirror").click();
  await page.keyboard.type(text);
  await page.getByRole("button", { name: send }).click();
  await expect(page.getByText(text)).toBeVisible();
}

test("Eva's complaint: opened with photos, answered, assigned, resolved, rated and reopened", async ({
  page,
  login,
  openBrowser,
}) => {
  // Four people in turn: more than one story's time on a busy machine.
  test.slow();
  // Eva (German) opens the complaint with two photos.
  await login("eva");
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "Anfragen", exact: true })).toBeVisible();
  await expect(page.getByText("Reklamation Stuhlfarbe CORAL")).toBeVisible();
  await expect(page.getByText(/DELTA/)).toHaveCount(0);
  await page.getByRole("link", { name: "Neue Anfrage" }).click();
  await expect(page.getByRole("heading", { name: "Neue Anfrage" })).toBeVisible();
  await page.getByLabel("Projekt").selectOption({ label: "Morgenrot – Umbau Gastraum" });
  await page.getByLabel("Art").selectOption({ label: "Reklamation" });
  await page.getByLabel("Priorität").selectOption({ label: "Hoch" });
  await expect(page.getByText(/Eine erste Antwort innerhalb von 2 Geschäftsstunden/)).toBeVisible();
  await page.getByLabel("Titel").fill(TITLE);
  await page.locator(".ProseMirror").click();
  await page.keyboard.type("Die Stühle sind grau statt salbeigrün. Fotos anbei.");
  await page.getByLabel("Fotos und Dateien").setInputFiles([
    { name: "stuhl-vorne.jpg", mimeType: "image/jpeg", buffer: await photo("#8a8a8a") },
    { name: "stuhl-seite.jpg", mimeType: "image/jpeg", buffer: await photo("#7a7a7a") },
  ]);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Anfrage senden" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByText(/Anfrage R-\d{4}-\d{4} gesendet/)).toBeVisible();
  await expect(page.getByText("Neu", { exact: true })).toBeVisible();
  await expect(page.getByText(/Antwort erwartet bis/)).toBeVisible();
  await expect(page.getByText("stuhl-vorne.jpg")).toBeVisible();
  await expect(page.getByText("stuhl-seite.jpg")).toBeVisible();
  const requestUrl = page.url();

  // Anna finds it in her queue, assigns it, notes internally and answers publicly.
  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await anna.page.goto("/requests");
  await expect(anna.page.getByRole("heading", { name: "Request queue" })).toBeVisible();
  const row = anna.page.getByRole("listitem").filter({ hasText: TITLE });
  await expect(row.getByText(/^due in /)).toBeVisible();
  await expect(
    anna.page
      .getByRole("listitem")
      .filter({ hasText: "CORAL" })
      .getByText(/due in|overdue by/),
  ).toBeVisible();
  await expectNoAxeViolations(anna.page);
  await row.getByRole("link", { name: TITLE }).click();
  await anna.page.getByLabel("Partner organisation").selectOption({ label: "Studio Lumen" });
  await anna.page.getByRole("button", { name: "Assign" }).click();
  await expect(anna.page.getByText("Assignment saved.")).toBeVisible();
  await expect(anna.page.getByText("Anna Berg assigned the request to Studio Lumen")).toBeVisible();
  await reply(anna.page, /Internal note/, NOTE, /^Send$/);
  await reply(
    anna.page,
    /Public reply/,
    "Wir tauschen die Stühle aus, Studio Lumen meldet sich.",
    /^Send$/,
  );
  await expect(anna.page.getByText(/First response · Met/)).toBeVisible();

  // Lena sees the complaint assigned to her organisation, never the internal note or DELTA.
  const lena = await openBrowser();
  await login("lena", { page: lena.page });
  await lena.page.goto("/requests");
  await expect(lena.page.getByText(TITLE)).toBeVisible();
  await expect(lena.page.getByText(/DELTA/)).toHaveCount(0);
  await lena.page.getByRole("link", { name: TITLE }).click();
  await expect(lena.page.getByText("Wir tauschen die Stühle aus")).toBeVisible();
  await expect(lena.page.getByText(NOTE)).toHaveCount(0);
  await expect(lena.page.getByRole("radio", { name: /Internal note/ })).toHaveCount(0);
  await reply(lena.page, /Public reply/, "Neue Stühle in Salbeigrün kommen am Montag.", /^Send$/);
  const clock = lena.page
    .locator("section")
    .filter({ has: lena.page.getByRole("heading", { name: "Who held it" }) });
  await expect(clock.getByText("Studio Lumen")).toBeVisible();
  await expect(clock.getByText("Hansen Innenausbau GmbH")).toHaveCount(0);

  // Anna resolves it; Eva sees every public reply and status change, rates and reopens.
  await anna.page.reload();
  await anna.page.getByLabel("Move to").selectOption({ label: "Resolved" });
  await anna.page.getByLabel(/Why/).fill("Neue Stühle geliefert");
  await anna.page.getByRole("button", { name: "Change status" }).click();
  await expect(anna.page.getByText("Status changed to Resolved.")).toBeVisible();

  await page.goto(requestUrl);
  await expect(page.getByText("Gelöst", { exact: true })).toBeVisible();
  await expect(page.getByText("Neue Stühle in Salbeigrün kommen am Montag.")).toBeVisible();
  await expect(page.getByText(NOTE)).toHaveCount(0);
  await expect(page.getByText(/„Neue Stühle geliefert“/)).toBeVisible();
  await page.getByRole("radio", { name: "4 Sterne" }).check();
  await page.getByLabel("Kommentar (optional)").fill("Schnell gelöst, danke!");
  await page.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(page.getByText("Vielen Dank für Ihre Bewertung.")).toBeVisible();
  await expect(page.getByText("Mit 4 von 5 bewertet", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await anna.page.reload();
  await expect(anna.page.getByText("Rated 4 of 5", { exact: true })).toBeVisible();
  await expect(anna.page.getByText("Eva Roth rated the resolution 4 of 5")).toBeVisible();
  await expect(anna.page.getByText("„Schnell gelöst, danke!“").first()).toBeVisible();

  await expect(page.getByText(/wieder öffnen/)).toBeVisible();
  await page.getByRole("button", { name: "Wieder öffnen" }).click();
  await expect(page.getByText("In Bearbeitung", { exact: true })).toBeVisible();
  await expect(page.getByText("Eva Roth hat die Anfrage wieder geöffnet")).toBeVisible();

  // Clara reads all of it, the internal note included, and changes nothing.
  const clara = await openBrowser();
  await login("clara", { page: clara.page });
  await clara.page.goto(requestUrl);
  await expect(clara.page.getByText(NOTE)).toBeVisible();
  await expect(
    clara.page.getByRole("button", { name: /Send|Assign|Change status|Save/ }),
  ).toHaveCount(0);
});

test("Anna narrows her queue to a project by typing part of its account's name", async ({
  page,
  login,
}) => {
  await login("anna");
  await page.goto("/requests");
  await expect(page.getByText("Reklamation Stuhlfarbe CORAL")).toBeVisible();
  const project = page.getByRole("combobox", { name: "Project" });
  await project.fill("kanzlei");
  const choices = page.getByRole("listbox", { name: "Project" }).getByRole("option");
  const choice = choices.filter({ hasText: "Brandt – Empfang" });
  await expect(choice).toBeVisible();
  await expect(choices).toHaveCount(1);
  await expectNoAxeViolations(page);
  await choice.click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]project=[0-9a-f-]{36}/);
  await expect(page.getByText("Frage Rechnung Anzahlung DELTA")).toBeVisible();
  await expect(page.getByText("Reklamation Stuhlfarbe CORAL")).toHaveCount(0);

  // The filter lives in the URL: a reload shows the project's name, not its id.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Project" })).toHaveValue("Brandt – Empfang");
  await page.getByRole("button", { name: "Clear Project" }).click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Reklamation Stuhlfarbe CORAL")).toBeVisible();
  await expect(page).not.toHaveURL(/project=[0-9a-f]/);
});

const sizes = [
  { name: "laptop", use: { viewport: { width: 1280, height: 800 } } },
  {
    name: "phone",
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];

for (const size of sizes) {
  test.describe(`request screenshots (${size.name})`, () => {
    test.use(size.use);

    test(`Eva's request page, ${size.name}`, async ({ page, login }) => {
      await login("eva");
      await page.goto("/requests");
      await page.getByRole("link", { name: "Reklamation Stuhlfarbe CORAL" }).click();
      await expect(page.getByText("Danke für die Fotos")).toBeVisible();
      await expect(page.getByText("SECRETNOTE")).toHaveCount(0);
      await picture(page, `request-eva-${size.name}.png`);
    });

    test(`Anna's request queue, ${size.name}`, async ({ page, login }) => {
      await login("anna");
      await page.goto("/requests");
      await expect(page.getByText("Frage Rechnung Anzahlung DELTA")).toBeVisible();
      await picture(page, `request-queue-anna-${size.name}.png`);
    });
  });
}

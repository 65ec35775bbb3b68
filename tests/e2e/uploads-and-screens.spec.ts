// Issue 10's upload and screen defects, as a person meets them: everyday file names, the logging
// form on a phone, the folded .eml import, a membership's last day, a version of another type.
// Pictures of every page touched go to SHOTS_DIR (outside the repository) for review.
import path from "node:path";
import type { Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

const shotsDir = path.resolve(process.env.SHOTS_DIR ?? "test-results/shots");
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const GASTRAUM = "Morgenrot – Umbau Gastraum";
const TERRASSE = "Morgenrot – Terrasse";

async function samplePdf(text: string) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(text, {
    x: 60,
    y: 760,
    size: 14,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

/** The whole page from its top, or (`screen`) just what the viewport shows now. */
async function shoot(page: Page, name: string, { screen = false } = {}) {
  await page.evaluate(() => document.fonts.ready);
  // A full-page picture taken while scrolled draws sticky bars in the middle of the page.
  if (!screen) await page.evaluate(() => window.scrollTo(0, 0));
  const size = page.viewportSize()?.width === PHONE.width ? "phone" : "laptop";
  await page.screenshot({
    path: path.join(shotsDir, `${name}-${size}${screen ? "-screen" : ""}.png`),
    animations: "disabled",
    caret: "hide",
    fullPage: !screen,
  });
}

/** The page at both sizes, then back to the size it had. */
async function shootBoth(page: Page, name: string) {
  const before = page.viewportSize() ?? LAPTOP;
  for (const viewport of [LAPTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await shoot(page, name);
  }
  await page.setViewportSize(before);
}

async function openProject(
  page: Page,
  project: string,
  tab: "History" | "Documents" | "Members" | "Kontakthistorie",
) {
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(project) }).click();
  await page.getByRole("link", { name: tab, exact: true }).click();
}

/**
 * The first entry starts high enough on the screen to be read without a scroll, whatever banner
 * ("new since your last visit") stands above it.
 */
/** The timeline's first line (an entry, or a request's activity among them) is in view. */
async function expectFirstEntryAboveTheFold(page: Page) {
  const firstEntry = await page
    .getByTestId("entry-row")
    .or(page.getByTestId("request-activity"))
    .first()
    .boundingBox();
  expect(firstEntry!.y + 120).toBeLessThan(page.viewportSize()!.height);
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("Anna logs calls at the Terrasse: Save stays in view, Cancel goes back, her last contact is offered and never ticked", async ({
    page,
    login,
  }) => {
    // Five forms and as many page loads: a long story for a loaded machine.
    test.setTimeout(120_000);
    await login("anna");
    await openProject(page, TERRASSE, "History");
    await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();
    // The .eml import is one folded line; the first entry is on the first screen.
    const importZone = page.getByTestId("eml-import");
    await expect(importZone.locator("summary")).toHaveText("Import an email (.eml)");
    await expect(page.locator("#eml-file")).toBeHidden();
    await expectFirstEntryAboveTheFold(page);
    await shoot(page, "history-terrasse");

    await page.getByRole("link", { name: "Log a call" }).click();
    await expect(page.getByRole("heading", { name: "Log a call" })).toBeVisible();
    const save = page.getByRole("button", { name: "Save call" });
    await expect(save).toBeInViewport({ ratio: 1 });
    await shoot(page, "log-call-top", { screen: true });
    await page.getByRole("checkbox", { name: /Felix Roth/ }).scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport({ ratio: 1 });
    await shoot(page, "log-call-middle", { screen: true });
    await expect(page.getByRole("link", { name: "Cancel" })).toBeInViewport({ ratio: 1 });
    // Nobody logged a contact here yet: nothing is offered.
    await expect(page.getByTestId("contact-suggestion")).toHaveCount(0);
    await shoot(page, "log-call");

    await page.getByRole("checkbox", { name: /Felix Roth/ }).check();
    await page.getByLabel("Subject").fill("Rückruf Terrasse SUGGEST");
    await save.click();
    await expect(page.getByRole("heading", { name: "Rückruf Terrasse SUGGEST" })).toBeVisible();
    const entryUrl = page.url();

    // Cancel on the edit page goes back to the entry.
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: "Edit entry" })).toBeVisible();
    await shoot(page, "edit-entry");
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page).toHaveURL(entryUrl);
    await expect(page.getByRole("heading", { name: "Rückruf Terrasse SUGGEST" })).toBeVisible();

    // The next call offers Felix without ticking him; saved untouched, it names nobody.
    await page.getByRole("link", { name: "Back to the history" }).click();
    await page.getByRole("link", { name: "Log a call" }).click();
    const offer = page.getByRole("button", { name: "Add Felix Roth" });
    await expect(offer).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /Felix Roth/ })).not.toBeChecked();
    await shoot(page, "log-call-suggestion");
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();

    await page.getByRole("link", { name: "Log a call" }).click();
    await page.getByLabel("Subject").fill("Ohne Kontakt SUGGEST");
    await page.getByRole("button", { name: "Save call" }).click();
    await expect(page.getByRole("heading", { name: "Ohne Kontakt SUGGEST" })).toBeVisible();
    await expect(page.getByRole("main").getByText("Felix Roth")).toHaveCount(0);

    // Taking the offer ticks him, once.
    await page.getByRole("link", { name: "Back to the history" }).click();
    await page.getByRole("link", { name: "Log a call" }).click();
    await page.getByRole("button", { name: "Add Felix Roth" }).click();
    await expect(page.getByRole("checkbox", { name: /Felix Roth/ })).toBeChecked();
    await expect(page.getByRole("button", { name: "Add Felix Roth" })).toHaveCount(0);
    await page.getByLabel("Subject").fill("Mit Vorschlag SUGGEST");
    await page.getByRole("button", { name: "Save call" }).click();
    await expect(page.getByRole("heading", { name: "Mit Vorschlag SUGGEST" })).toBeVisible();
    await expect(page.getByRole("main").getByText("Felix Roth")).toBeVisible();
    await shoot(page, "entry-page");
  });

  test("Eva, a customer, finds the .eml import folded under the log buttons too", async ({
    page,
    login,
  }) => {
    await login("eva");
    // Eva chose German.
    await openProject(page, GASTRAUM, "Kontakthistorie");
    await expect(page.getByRole("link", { name: /AURORA/ })).toBeVisible();
    await expect(page.locator("#eml-file")).toBeHidden();
    await expectFirstEntryAboveTheFold(page);
    await page.getByTestId("eml-import").locator("summary").click();
    await expect(page.locator("#eml-file")).toBeVisible();
    await shoot(page, "history-eva-import-open");
  });
});

test("the internal direction reads “Within the team” next to the audience", async ({
  page,
  login,
}) => {
  await login("anna");
  await openProject(page, GASTRAUM, "History");
  const kestrel = page.getByTestId("entry-row").filter({ hasText: "KESTREL" });
  await expect(kestrel).toContainText("Within the team");
  await expect(kestrel).not.toContainText(/Internal only.*Internal\b/);
  await shootBoth(page, "history-gastraum");

  await page.getByRole("link", { name: "Log a call" }).click();
  await expect(page.getByRole("radio", { name: "Within the team" })).toBeVisible();
  await shootBoth(page, "log-call");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();

  await page.getByRole("link", { name: /KESTREL/ }).click();
  await expect(page.locator("dl")).toContainText("Within the team");
  await shootBoth(page, "entry-page");
  const entryUrl = page.url();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit entry" })).toBeVisible();
  await shootBoth(page, "edit-entry");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(entryUrl);
});

test("Anna lets Holzwerk Meyer in until 12 Dec: the members page says so, without a hydration warning", async ({
  page,
  login,
}) => {
  const year = new Date().getFullYear() + 1;
  await login("anna");
  await openProject(page, GASTRAUM, "Members");
  const row = page.getByTestId("member-row").filter({ hasText: "Holzwerk Meyer KG" });
  await row.getByText("Change scope").click();
  await row.getByLabel("Expires").fill(`${year}-12-12`);
  await row.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "access was changed" })).toBeVisible();
  await expect(row).toContainText(`Until 12 Dec ${year}`);
  // A fresh load hydrates the page (any console error fails the test).
  await page.reload();
  await expect(row).toContainText(`Until 12 Dec ${year}`);
  await row.getByText("Change scope").click();
  await expect(row.getByLabel("Expires")).toHaveValue(`12/12/${year}`);
  await expectNoAxeViolations(page);
  await shootBoth(page, "members");
});

test("Anna uploads “Angebot v=2.pdf” and “Kunde; Entwurf.pdf”, then a PNG as version 2: the page says the type changed", async ({
  page,
  login,
}) => {
  test.setTimeout(120_000);
  await login("anna");
  await openProject(page, GASTRAUM, "Documents");
  await expect(page.getByRole("heading", { name: "Documents", exact: true })).toBeVisible();
  const files = [
    { name: "Angebot v=2.pdf", mimeType: "application/pdf", buffer: await samplePdf("Angebot") },
    { name: "Kunde; Entwurf.pdf", mimeType: "application/pdf", buffer: await samplePdf("Entwurf") },
  ];
  await page.getByTestId("upload-panel").locator('input[type="file"]').setInputFiles(files);
  await page.getByTestId("upload-submit").click();
  for (const file of files) await expect(page.getByText(`“${file.name}” uploaded.`)).toBeVisible();
  const list = page.getByTestId("document-list");
  await expect(list.getByRole("link", { name: "Kunde; Entwurf", exact: true })).toBeVisible();
  await shootBoth(page, "documents");

  await list.getByRole("link", { name: "Angebot v=2", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Angebot v=2" })).toBeVisible();
  const png = await sharp({
    create: { width: 320, height: 200, channels: 3, background: { r: 60, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "Angebot v=2.png",
    mimeType: "image/png",
    buffer: png,
  });
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByText("Version 2 uploaded.")).toBeVisible();
  await expect(page.getByLabel("File", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("document-type")).toHaveText("PNG image (earlier versions: PDF)");
  await expect(page.getByTestId("version-row").first()).toContainText(
    "Type changed: PDF → PNG image",
  );
  await expect(page.getByTestId("image-preview")).toBeVisible();
  const [older] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Version 1" }).click(),
  ]);
  expect(older.suggestedFilename()).toBe("Angebot v=2.pdf");
  await expectNoAxeViolations(page);
  await shootBoth(page, "document-version-type");
});

import path from "node:path";
import type { Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

const GASTRAUM = "Morgenrot – Umbau Gastraum";
const HERON = "Grundriss Gastraum v2 (PDF) HERON";
const screenshotDir = path.resolve("docs/screenshots");

// Jonas's direct URL answers 404, and a refused upload 400: the browser logs both.
test.use({
  // A list of two is read as [value, options]: the list goes in a list of its own.
  allowedProblems: [
    [
      { text: /status of 404 \(Not Found\)$/ },
      { text: /status of 400 \(Bad Request\)$/, url: /\/documents\/upload$/ },
    ],
    { scope: "test" },
  ],
});

/** The documents tab; `tab` is its name in the reader's language (Eva chose German). */
async function openDocuments(page: Page, tab = "Documents") {
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(GASTRAUM) }).click();
  await page.getByRole("link", { name: tab, exact: true }).click();
  await expect(page.getByRole("heading", { name: tab, exact: true })).toBeVisible();
}

async function pdf(text: string) {
  const document = await PDFDocument.create();
  document.addPage([420, 297]).drawText(text, { x: 30, y: 150, size: 18 });
  return Buffer.from(await document.save());
}

/** Drops files on an element the way a browser does: a real DataTransfer on a `drop` event. */
async function dropFiles(
  page: Page,
  selector: string,
  files: { name: string; type: string; bytes: Buffer }[],
) {
  const transfer = await page.evaluateHandle(
    (items) => {
      const data = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
        data.items.add(new File([bytes], item.name, { type: item.type }));
      }
      return data;
    },
    files.map((file) => ({
      name: file.name,
      type: file.type,
      base64: file.bytes.toString("base64"),
    })),
  );
  await page.dispatchEvent(selector, "dragenter", { dataTransfer: transfer });
  await page.dispatchEvent(selector, "dragover", { dataTransfer: transfer });
  await page.dispatchEvent(selector, "drop", { dataTransfer: transfer });
}

test("Lena drops three files and shares them with the customer; Eva previews and downloads; Jonas sees no documents", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("lena");
  await openDocuments(page);
  await expect(page.getByTestId("upload-panel")).toBeVisible();
  // A partner's smallest audience is the default: the host and Studio Lumen.
  await expect(page.getByTestId("sharing").locator("summary")).toHaveText(
    /^Shared with:\s*Hansen Innenausbau GmbH and Studio Lumen$/,
  );
  await expect(page.getByRole("radio", { name: /^Internal:/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const png = await sharp({
    create: { width: 64, height: 40, channels: 3, background: { r: 200, g: 120, b: 60 } },
  })
    .png()
    .toBuffer();
  await dropFiles(page, '[data-testid="drop-zone"]', [
    { name: "Lichtplanung_Gastraum_LUMEN.pdf", type: "application/pdf", bytes: await pdf("Licht") },
    { name: "Farbmuster_Wand_LUMEN.png", type: "image/png", bytes: png },
    {
      name: "Notizen_Termin_LUMEN.txt",
      type: "text/plain",
      bytes: Buffer.from("Termin am Freitag.\n"),
    },
  ]);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(3);
  await expect(items.first()).toHaveAttribute("data-status", "waiting");
  // Queued files open the sharing choice: Lena shares them with the customer as well.
  await expect(
    page.getByRole("radio", { name: /Hansen Innenausbau GmbH and Studio Lumen/ }),
  ).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Internal:/ })).toHaveCount(0);
  await page.getByRole("radio", { name: /Selected organisations/ }).check();
  await page.getByRole("checkbox", { name: /Café Morgenrot GmbH/ }).check();
  await expect(page.getByRole("checkbox", { name: /Studio Lumen/ })).toBeChecked();
  await page.getByTestId("upload-submit").click();

  // One progress bar per file, each run to the end, and each file's result in place.
  await expect(page.getByRole("progressbar")).toHaveCount(3);
  for (const name of [
    "Lichtplanung_Gastraum_LUMEN.pdf",
    "Farbmuster_Wand_LUMEN.png",
    "Notizen_Termin_LUMEN.txt",
  ]) {
    await expect(
      page.getByRole("progressbar", { name: `Upload progress of ${name}` }),
    ).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByText(`“${name}” uploaded.`)).toBeVisible();
  }
  await expect(items.and(page.locator('[data-status="done"]'))).toHaveCount(3);
  // The list below revalidates: the new documents are there without a reload.
  const list = page.getByTestId("document-list");
  await expect(list.getByRole("link", { name: "Lichtplanung Gastraum LUMEN" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Farbmuster Wand LUMEN" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Notizen Termin LUMEN" })).toBeVisible();
  // The image has a thumbnail.
  await expect(list.locator('img[src$="/thumbnail"]')).toHaveCount(1);

  // A refused file names itself and the reason; nothing else changes.
  await dropFiles(page, '[data-testid="drop-zone"]', [
    {
      name: "evil.pdf",
      type: "application/pdf",
      bytes: Buffer.from("<!doctype html><script>1</script>"),
    },
  ]);
  await page.getByTestId("upload-submit").click();
  await expect(page.getByText("“evil.pdf” is an HTML page; HTML is not accepted.")).toBeVisible();

  // Eva (Café Morgenrot) sees them, opens the PDF and downloads it.
  const eva = (await openBrowser()).page;
  await login("eva", { page: eva });
  await openDocuments(eva, "Dokumente");
  const evaList = eva.getByTestId("document-list");
  await expect(evaList.getByRole("link", { name: "Farbmuster Wand LUMEN" })).toBeVisible();
  await expect(evaList.getByRole("link", { name: "Notizen Termin LUMEN" })).toBeVisible();
  await expect(evaList.getByRole("link", { name: HERON })).toBeVisible();
  await expect(evaList.getByText(/FALCON/)).toHaveCount(0);
  // Externals learn nothing about who else a document is shared with.
  await expect(evaList.getByTitle("Geteilt mit")).toHaveCount(0);
  await evaList.getByRole("link", { name: "Lichtplanung Gastraum LUMEN" }).click();
  await expect(eva.getByRole("heading", { name: "Lichtplanung Gastraum LUMEN" })).toBeVisible();
  await expect(eva.getByTestId("pdf-preview")).toBeVisible();
  await expect(eva.getByTestId("open-preview")).toHaveAttribute("href", /\/preview$/);
  const preview = await eva.request.get(
    (await eva.getByTestId("open-preview").getAttribute("href"))!,
  );
  expect(preview.headers()["content-security-policy"]).toMatch(/^sandbox/);
  expect(preview.headers()["content-disposition"]).toMatch(/^inline/);
  await expect(eva.getByRole("heading", { name: "Zugriffsprotokoll" })).toHaveCount(0);
  await expectNoAxeViolations(eva);
  const [download] = await Promise.all([
    eva.waitForEvent("download"),
    eva.getByTestId("download-current").click(),
  ]);
  expect(download.suggestedFilename()).toBe("Lichtplanung_Gastraum_LUMEN.pdf");

  // Jonas's membership has no documents section: no tab, and the URL is a 404.
  const jonas = (await openBrowser()).page;
  await login("jonas", { page: jonas });
  await jonas.goto("/projects");
  await jonas.getByRole("link", { name: new RegExp(GASTRAUM) }).click();
  await expect(jonas.getByRole("link", { name: "History", exact: true })).toBeVisible();
  await expect(jonas.getByRole("link", { name: "Documents", exact: true })).toHaveCount(0);
  const response = await jonas.goto(`${new URL(jonas.url()).pathname}/documents`);
  expect(response?.status()).toBe(404);
});

test("Anna uploads version 2 of HERON; Eva sees it and downloads version 1; the access history shows Clara the addresses, Anna not", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("anna");
  await openDocuments(page);
  await page.getByTestId("document-list").getByRole("link", { name: HERON }).click();
  await expect(page.getByRole("heading", { name: HERON })).toBeVisible();
  // Who can see it, and why: Holzwerk Meyer is a member, but not of the documents.
  const explain = page.getByTestId("explain-organization");
  await expect(explain.filter({ hasText: "Studio Lumen" })).toContainText(
    "Shared with all members, and their membership includes “Documents”.",
  );
  await expect(explain.filter({ hasText: "Holzwerk Meyer KG" })).toContainText(
    "Shared with this organisation, but its membership does not include the section “Documents”.",
  );
  await page.screenshot({ path: "test-results/screens/document-explain-anna.png", fullPage: true });
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "Grundriss_Gastraum_v3.pdf",
    mimeType: "application/pdf",
    buffer: await pdf("Grundriss v3"),
  });
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByText("Version 2 uploaded.")).toBeVisible();
  const versions = page.getByTestId("version-row");
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText("Version 2");
  await expect(versions.first()).toContainText("current");
  await expectNoAxeViolations(page);

  const eva = (await openBrowser()).page;
  await login("eva", { page: eva });
  await openDocuments(eva, "Dokumente");
  const row = eva.getByTestId("document-row").filter({ hasText: HERON });
  await expect(row).toContainText("Version 2");
  await row.getByRole("link", { name: HERON }).click();
  await expect(eva.getByTestId("version-row")).toHaveCount(2);
  await expect(eva.getByText("Wer dies sehen kann und warum")).toHaveCount(0);
  const [current] = await Promise.all([
    eva.waitForEvent("download"),
    eva.getByTestId("download-current").click(),
  ]);
  expect(current.suggestedFilename()).toBe("Grundriss_Gastraum_v3.pdf");
  const [older] = await Promise.all([
    eva.waitForEvent("download"),
    eva.getByRole("link", { name: "Version 1 herunterladen" }).click(),
  ]);
  expect(older.suggestedFilename()).toBe("Grundriss-Gastraum-v2.pdf");

  const clara = (await openBrowser()).page;
  await login("clara", { page: clara });
  await clara.goto(page.url());
  await expect(clara.getByRole("heading", { name: "Access history" })).toBeVisible();
  const history = clara.getByTestId("access-history");
  await expect(
    history.getByRole("row").filter({ hasText: "Eva Roth" }).filter({ hasText: "downloaded" }),
  ).toHaveCount(2);
  await expect(
    history.getByRole("row").filter({ hasText: "Anna Berg" }).filter({ hasText: "new version" }),
  ).toHaveCount(1);
  await expect(history.getByRole("columnheader", { name: "IP address" })).toBeVisible();
  // Clara reads everything and writes nothing.
  await expect(clara.getByRole("heading", { name: "Upload a new version" })).toHaveCount(0);
  await expectNoAxeViolations(clara);

  // Anna sees who downloaded it too, but not from which address.
  await page.reload();
  const annasHistory = page.getByTestId("access-history");
  await expect(
    annasHistory.getByRole("row").filter({ hasText: "Eva Roth" }).filter({ hasText: "downloaded" }),
  ).toHaveCount(2);
  await expect(annasHistory.getByRole("columnheader", { name: "IP address" })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await annasHistory.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: "test-results/screens/document-access-anna-phone.png",
    fullPage: true,
  });
});

test("an upload on its way can be cancelled, and then nothing is stored", async ({
  page,
  login,
}) => {
  await login("anna");
  await openDocuments(page);
  // Hold the file's request in the network so it is still on its way when Cancel is pressed.
  let held = false;
  await page.route("**/documents/upload", () => {
    held = true;
  });
  await dropFiles(page, '[data-testid="drop-zone"]', [
    { name: "Skizze_CANCEL.pdf", type: "application/pdf", bytes: await pdf("Skizze CANCEL") },
  ]);
  await page.getByTestId("upload-submit").click();
  const item = page.getByTestId("upload-item").filter({ hasText: "Skizze_CANCEL.pdf" });
  await expect(item).toHaveAttribute("data-status", "uploading");
  await expect.poll(() => held).toBe(true);
  await page.getByRole("button", { name: "Cancel upload of Skizze_CANCEL.pdf" }).click();
  await expect(item).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByText("Upload of “Skizze_CANCEL.pdf” cancelled.")).toBeVisible();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.reload();
  await expect(page.getByTestId("document-list")).toBeVisible();
  await expect(page.getByText("Skizze CANCEL")).toHaveCount(0);
});

test("without JavaScript the upload panel is a plain form that answers in place", async ({
  openBrowser,
  login,
}) => {
  const { page } = await openBrowser({ javaScriptEnabled: false });
  await login("lena", { page });
  await openDocuments(page);
  await page.getByTestId("file-input").setInputFiles([
    {
      name: "Stoffmuster_NOJS.pdf",
      mimeType: "application/pdf",
      buffer: await pdf("Stoffmuster"),
    },
    { name: "evil.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><p>x</p></html>") },
  ]);
  await page.getByText("Shared with:").click();
  await page.getByRole("radio", { name: /^All members/ }).check();
  await page.getByTestId("upload-submit").click();
  const results = page.getByTestId("upload-results");
  await expect(results.getByText("1 document uploaded.")).toBeVisible();
  await expect(results.getByRole("link", { name: "Stoffmuster NOJS" })).toBeVisible();
  await expect(
    results.getByText("“evil.pdf” is an HTML page; HTML is not accepted."),
  ).toBeVisible();
  // The chosen audience is kept for the next upload.
  await expect(page.getByTestId("sharing").locator("summary")).toHaveText(
    /^Shared with:\s*All members$/,
  );
  await expect(
    page.getByTestId("document-list").getByRole("link", { name: "Stoffmuster NOJS" }),
  ).toBeVisible();
});

const sizes = [
  { name: "laptop", use: { viewport: { width: 1280, height: 800 } } },
  {
    name: "phone",
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];

for (const size of sizes) {
  test.describe(`documents screenshots (${size.name})`, () => {
    test.use(size.use);

    test(`Anna's documents of a project, ${size.name}`, async ({ page, login }) => {
      await login("anna");
      await openDocuments(page);
      await expect(
        page.getByTestId("document-list").getByRole("link", { name: HERON }),
      ).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `documents-anna-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });
  });
}

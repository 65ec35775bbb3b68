import path from "node:path";
import type { Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { openHistory } from "./support/history";

const screenshotDir = path.resolve("docs/screenshots");
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

// A repeated import answers 409, which the browser reports in its console.
test.use({
  // Two entries: wrapped, or Playwright reads the array as [value, options].
  allowedProblems: [
    [
      { text: /status of 409 \(Conflict\)$/, url: /\/history\/import/ },
      // A refused attachment sends the form back with 400.
      { text: /status of 400 \(Bad Request\)$/, url: /\/history\/new\.data/ },
    ],
    { scope: "test" },
  ],
});

async function samplePdf(text: string) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 60, y: 760, size: 14, font });
  return Buffer.from(await pdf.save());
}

/** Both sizes of the README's pictures, from the page as it is now. */
async function screenshots(page: Page, name: string) {
  for (const [size, viewport] of [
    ["laptop", LAPTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({
      path: path.join(screenshotDir, `${name}-${size}.png`),
      animations: "disabled",
      caret: "hide",
      fullPage: size === "phone",
    });
  }
  await page.setViewportSize(LAPTOP);
}

test("Anna logs an inbound letter with its scan: the letter and its scan sit in the timeline and on the entry page", async ({
  page,
  login,
}) => {
  await login("anna");
  await openHistory(page, "Morgenrot – Umbau Gastraum");
  await page.getByRole("link", { name: "Log a letter" }).click();
  await expect(page.getByRole("heading", { name: "Log a letter" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Inbound/ })).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByLabel("Subject").fill("Bestätigung Liefertermin per Post HALCYON");
  await page.getByLabel("Reference").fill("CM-2026-114");
  await page.locator(".ProseMirror").click();
  await page.keyboard.type("Eva Roth bestätigt den Liefertermin der Stühle schriftlich.");

  // A web page renamed to .pdf is refused by name, and nothing typed is lost.
  await page.getByLabel("Scan of the letter").setInputFiles({
    name: "scan.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html><body><script>alert(1)</script></body></html>"),
  });
  await page.getByRole("button", { name: "Save letter" }).click();
  await expect(page.getByText(/“scan\.pdf”/)).toBeVisible();
  await expect(page.getByText(/choose the files again/)).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Bestätigung Liefertermin per Post HALCYON");
  await expect(page.getByLabel("Reference")).toHaveValue("CM-2026-114");
  await expect(page.locator(".ProseMirror")).toHaveText(
    "Eva Roth bestätigt den Liefertermin der Stühle schriftlich.",
  );
  await expectNoAxeViolations(page);

  // The scan comes first on a letter.
  await page.getByLabel("Scan of the letter").setInputFiles({
    name: "Brief Café Morgenrot.pdf",
    mimeType: "application/pdf",
    buffer: await samplePdf("Café Morgenrot GmbH – Bestätigung Liefertermin"),
  });
  await page.getByRole("radio", { name: /All members/ }).check();
  await page.getByRole("button", { name: "Save letter" }).click();

  await expect(
    page.getByRole("heading", { name: "Bestätigung Liefertermin per Post HALCYON" }),
  ).toBeVisible();
  const attachment = page.getByTestId("entry-attachment");
  await expect(attachment).toHaveCount(1);
  await expect(attachment).toContainText("Brief Café Morgenrot.pdf");
  const download = attachment.getByRole("link", { name: /^Download / });
  const href = await download.getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(attachment.getByRole("link", { name: /^Preview / })).toHaveAttribute(
    "href",
    /\/preview$/,
  );
  // The pictures without the one-time toast.
  await page.reload();
  await expect(page.getByTestId("entry-attachment")).toBeVisible();
  await screenshots(page, "letter-with-scan");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Back to the history" }).click();
  const row = page
    .getByTestId("timeline")
    .locator("li", { hasText: "Bestätigung Liefertermin per Post HALCYON" });
  await expect(row.getByTestId("timeline-attachments")).toContainText("Brief Café Morgenrot.pdf");
  await expect(
    row.getByRole("link", { name: "Download Brief Café Morgenrot.pdf" }),
  ).toHaveAttribute("href", href!);
});

async function brandtEml() {
  const pdf = (await samplePdf("Kanzlei Brandt – Mandatsvertrag Entwurf"))
    .toString("base64")
    .replace(/.{1,76}/g, "$&\r\n");
  return [
    "From: Paul Brandt <paul@kanzlei-brandt.example>",
    "To: Tom Kurz <tom@hansen.example>",
    "Cc: ida@hansen.example",
    "Subject: Unterlagen Empfangstresen KINGFISHER",
    "Date: Mon, 16 Nov 2026 09:30:00 +0100",
    "Message-ID: <kingfisher-e2e@kanzlei-brandt.example>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/html; charset=utf-8",
    "",
    "<p>Guten Tag Herr Kurz,</p><p>anbei die <b>Unterlagen</b> zum Empfangstresen.</p><script>alert(1)</script>",
    "--b1",
    'Content-Type: application/pdf; name="Unterlagen Empfang.pdf"',
    'Content-Disposition: attachment; filename="Unterlagen Empfang.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    pdf,
    "--b1--",
    "",
  ].join("\r\n");
}

/** Drops a file onto the import zone the way a browser does (a DataTransfer with a File). */
async function dropEml(page: Page, name: string, content: string) {
  const zone = page.getByTestId("eml-import");
  const transfer = await page.evaluateHandle(
    ({ name, content }) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: "message/rfc822" }));
      return data;
    },
    { name, content },
  );
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

test("Tom drops an .eml onto Brandt – Empfang: an email entry with sender, recipients, subject, body and attachment; dropping it again links to it", async ({
  page,
  login,
}) => {
  await login("tom");
  await openHistory(page, "Brandt – Empfang");
  const eml = await brandtEml();
  await dropEml(page, "Unterlagen Empfangstresen.eml", eml);
  const result = page.getByTestId("eml-import-result");
  await expect(result).toContainText(
    "The email “Unterlagen Empfangstresen KINGFISHER” is in the history.",
  );
  await expect(result).toContainText("Shared with: Kanzlei Brandt");
  // The timeline shows it at once, with its attachment.
  const row = page
    .getByTestId("timeline")
    .locator("li", { hasText: "Unterlagen Empfangstresen KINGFISHER" });
  await expect(row.getByTestId("timeline-attachments")).toContainText("Unterlagen Empfang.pdf");
  await screenshots(page, "eml-import");
  await expectNoAxeViolations(page);

  await result.getByRole("link", { name: "Open the entry" }).click();
  await expect(
    page.getByRole("heading", { name: "Unterlagen Empfangstresen KINGFISHER" }),
  ).toBeVisible();
  const details = page.locator("dl");
  await expect(details).toContainText("paul@kanzlei-brandt.example");
  await expect(details).toContainText("tom@hansen.example");
  await expect(details).toContainText("ida@hansen.example");
  await expect(details).toContainText("Inbound");
  await expect(page.getByText("anbei die Unterlagen zum Empfangstresen.")).toBeVisible();
  await expect(page.locator(".entry-body script")).toHaveCount(0);
  await expect(page.getByTestId("entry-attachment")).toContainText("Unterlagen Empfang.pdf");
  const entryUrl = page.url();

  await page.getByRole("link", { name: "Back to the history" }).click();
  await dropEml(page, "Kopie.eml", eml);
  await expect(page.getByTestId("eml-import-result")).toContainText(
    "This email is already in the history.",
  );
  await page
    .getByTestId("eml-import-result")
    .getByRole("link", { name: /Open “Unterlagen Empfangstresen KINGFISHER”/ })
    .click();
  await expect(page).toHaveURL(entryUrl);
  await page.goBack();
  await expect(page.getByTestId("timeline").locator("li", { hasText: "KINGFISHER" })).toHaveCount(
    1,
  );
});

import type { APIRequestContext, Page } from "@playwright/test";
import { fakeResendUrl } from "../../playwright.config";
import { signedEvent, type InboundMail } from "../support/fake-resend";
import { rawMail, type RawMailParts } from "../support/raw-mail";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";
import { GASTRAUM, openHistory } from "./support/history";

// Mail that comes in (issue 14): Lena puts Studio Lumen's capture address in BCC and her mail
// lands in the history; a stranger's mail to the same address waits in Unresolved mail until
// Anna places it. Resend is a local stand-in: the story hands it the mail, then sends the app
// Resend's signed `email.received` event, and the app fetches the mail through Resend's API.

const SHOTS = "test-results/email";

// Lena's look at the queue is answered 404, which the browser reports in its console.
test.use({
  allowedProblems: [{ text: /status of 404 \(Not Found\)$/, url: /\/mail\/unresolved$/ }],
});

/** The mail reaches Resend, and Resend tells the app (signed). */
async function deliverToInbound(
  request: APIRequestContext,
  parts: RawMailParts,
  envelope: Partial<InboundMail> = {},
) {
  const response = await fetch(`${fakeResendUrl}/__received`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      raw: rawMail(parts),
      from: parts.from,
      to: parts.to,
      cc: parts.cc,
      subject: parts.subject,
      ...envelope,
    }),
  });
  const { id } = (await response.json()) as { id: string };
  const event = signedEvent({ id: `msg_received_${id}`, type: "email.received", emailId: id });
  const accepted = await request.post("/webhooks/resend", {
    data: event.body,
    headers: event.headers,
  });
  expect(accepted.status()).toBe(200);
}

/** Reloads until the timeline lists `subject` (the app places the mail in the background). */
async function waitForEntry(page: Page, subject: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: new RegExp(subject) })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
}

/** The first capture address the reader sees on Umbau Gastraum's overview. */
async function firstCaptureAddress(page: Page) {
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(GASTRAUM) }).click();
  const card = page.getByTestId("capture-addresses");
  await expect(card).toBeVisible();
  return (await card.locator("code").first().innerText()).trim();
}

test("Lena's BCC to Studio Lumen's capture address lands in the history for the host and Studio Lumen", async ({
  page,
  login,
  request,
  openBrowser,
}) => {
  await login("lena");
  const address = await firstCaptureAddress(page);
  expect(address).toMatch(/@in\.ambit\.localhost$/);
  await expect(page.getByRole("heading", { name: "Add emails to this project" })).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "capture-address-laptop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, SHOTS, "capture-address-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await deliverToInbound(
    request,
    {
      from: "Lena Falk <lena@studio-lumen.example>",
      to: ["Eva Roth <eva@cafe-morgenrot.example>"],
      subject: "Lichtkonzept Entwurf SEQUOIA",
      text: "Hallo Eva,\nanbei das Lichtkonzept.\nLena",
    },
    { bcc: [address] },
  );
  await openHistory(page);
  await waitForEntry(page, "Lichtkonzept Entwurf SEQUOIA");

  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await openHistory(anna.page);
  await expect(anna.page.getByRole("link", { name: /Lichtkonzept Entwurf SEQUOIA/ })).toBeVisible();
  const eva = await openBrowser({ locale: "de-DE" });
  await login("eva", { page: eva.page });
  await openHistory(eva.page, GASTRAUM, "de");
  await expect(eva.page.getByRole("link", { name: /MAPLE/ })).toBeVisible();
  await expect(eva.page.getByRole("link", { name: /SEQUOIA/ })).toHaveCount(0);
});

test("a stranger's mail waits in Unresolved mail; Anna places it in the project", async ({
  page,
  login,
  request,
  openBrowser,
}) => {
  // The address as Anna sees it on the overview (host staff see every organisation's).
  await login("lena");
  const address = await firstCaptureAddress(page);
  await deliverToInbound(request, {
    from: "Olaf Stein <olaf@stein-leuchten.example>",
    to: [address],
    subject: "Angebot Leuchten CEDAR",
    text: "Guten Tag,\nanbei unser Angebot für die Pendelleuchten.",
  });

  const { page: annaPage } = await openBrowser();
  await login("anna", { page: annaPage });
  await expect(async () => {
    await annaPage.goto("/mail/unresolved");
    await expect(annaPage.getByRole("heading", { name: "Angebot Leuchten CEDAR" })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  const item = annaPage.getByRole("listitem").filter({ hasText: "Angebot Leuchten CEDAR" });
  await expect(item.getByText("Unknown sender.")).toBeVisible();
  await item.getByText("Show the text").click();
  await expect(item.getByText("anbei unser Angebot für die Pendelleuchten")).toBeVisible();
  await expectNoAxeViolations(annaPage);
  await shoot(annaPage, SHOTS, "unresolved-laptop");
  await expect(item.getByLabel("Project")).toHaveValue(/.+/);
  await item.getByLabel("Shared with").selectOption({ label: "Internal: host only" });
  await item.getByRole("button", { name: "Place in project" }).click();
  await expect(
    annaPage.getByText("The mail is now in the project's contact history."),
  ).toBeVisible();
  await expect(annaPage.getByRole("heading", { name: "Angebot Leuchten CEDAR" })).toHaveCount(0);
  await openHistory(annaPage);
  await expect(annaPage.getByRole("link", { name: /Angebot Leuchten CEDAR/ })).toBeVisible();

  // Lena never learns of the queue.
  const missing = await page.goto("/mail/unresolved");
  expect(missing?.status()).toBe(404);
});

test("Unresolved mail in German on a phone", async ({ login, openBrowser, request }) => {
  const { page } = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("anna", { page });
  // The host's own address, first on Anna's list; a stranger writes to it.
  const address = await firstCaptureAddress(page);
  await deliverToInbound(request, {
    from: "info@werbung.example",
    to: [address],
    subject: "Sonderangebot Stühle FIR",
    text: "Nur diese Woche!",
  });
  await expect(async () => {
    await page.goto("/mail/unresolved");
    await expect(page.getByRole("heading", { name: "Sonderangebot Stühle FIR" })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Ungeklärte E-Mails" })).toBeVisible();
  await expect(page.getByText("Unbekannter Absender.")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "unresolved-de-phone");
});

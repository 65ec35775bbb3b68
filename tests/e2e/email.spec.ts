import { fakeResendUrl } from "../../playwright.config";
import { signedEvent, type ResendCall } from "../support/fake-resend";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";
import { openHistory, typeNotes } from "./support/history";

// Writing an email from a project (issue 14): Anna writes to Felix Roth, the app sends it
// through Resend (a local stand-in), and Resend's signed webhook says it was delivered.

const SHOTS = "test-results/email";

// A form sent back with errors answers 400, which the browser reports in its console.
test.use({
  allowedProblems: [{ text: /status of 400 \(Bad Request\)$/, url: /\/history\/email\.data/ }],
});

async function sentTo(address: string, subject: string) {
  const calls = (await (await fetch(`${fakeResendUrl}/__calls`)).json()) as ResendCall[];
  return calls.find((call) => {
    const body = call.body as { to?: string[]; subject?: string } | undefined;
    return body?.subject === subject && body.to?.includes(address);
  });
}

test("Anna writes to Felix from the project; the entry says Sent, then Delivered after Resend's signed webhook", async ({
  page,
  login,
  request,
}) => {
  await login("anna");
  await openHistory(page);
  await page.getByRole("link", { name: "Write an email" }).click();
  await expect(page.getByRole("heading", { name: "Write an email" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing chosen yet: every missing field is named, and what was typed stays.
  await page.getByLabel("Subject").fill("Farbmuster für die Stühle");
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByText("Choose at least one recipient.")).toBeVisible();
  await expect(page.getByText("Write a message.")).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Farbmuster für die Stühle");

  await page.getByRole("checkbox", { name: /Felix Roth/ }).check();
  await typeNotes(page, "Guten Tag Herr Roth, anbei der Grundriss mit den Farbmustern.");
  await page.getByRole("checkbox", { name: /Grundriss Gastraum v2/ }).check();
  await shoot(page, SHOTS, "compose-laptop");
  await page.getByRole("button", { name: "Send email" }).click();

  await expect(page.getByRole("heading", { name: "Farbmuster für die Stühle" })).toBeVisible();
  await expect(page.getByText("Felix Roth <felix@cafe-morgenrot.example>")).toBeVisible();
  const status = page.getByTestId("delivery-status");
  // The worker sends it in the background; the page shows where it stands when reloaded.
  await expect(async () => {
    await page.reload();
    await expect(status).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  const call = await sentTo("felix@cafe-morgenrot.example", "Farbmuster für die Stühle");
  expect(call, "the email reached Resend's API").toBeDefined();
  const sent = call!.body as { reply_to: string; attachments?: { filename: string }[] };
  expect(sent.reply_to).toBe("anna@hansen.example");
  expect(sent.attachments?.map((file) => file.filename)).toHaveLength(1);

  // Resend reports the delivery, signed; a forged report changes nothing.
  const emailId = (call!.reply as { id: string }).id;
  const forged = signedEvent(
    { id: `msg_forged_${emailId}`, type: "email.bounced", emailId },
    { secret: `whsec_${Buffer.from("not the endpoint's secret at all!").toString("base64")}` },
  );
  const refused = await request.post("/webhooks/resend", {
    data: forged.body,
    headers: forged.headers,
  });
  expect(refused.status()).toBe(401);
  const delivered = signedEvent({
    id: `msg_delivered_${emailId}`,
    type: "email.delivered",
    emailId,
  });
  const accepted = await request.post("/webhooks/resend", {
    data: delivered.body,
    headers: delivered.headers,
  });
  expect(accepted.status()).toBe(200);
  await page.reload();
  await expect(status).toContainText("Delivered");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "delivered-laptop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, SHOTS, "delivered-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Anna follows up: the answer starts as one, to Felix, and joins the conversation.
  await page.getByRole("link", { name: "Reply" }).click();
  await expect(page.getByRole("heading", { name: "Answer an email" })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Re: Farbmuster für die Stühle");
  await expect(page.getByRole("checkbox", { name: /Felix Roth/ })).toBeChecked();
  await typeNotes(page, "Haben die Muster Sie erreicht?");
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByRole("heading", { name: "Re: Farbmuster für die Stühle" })).toBeVisible();
  const thread = page.getByTestId("email-thread");
  await expect(thread.getByRole("listitem")).toHaveCount(2);
  await expect(thread.getByRole("link", { name: "Farbmuster für die Stühle" })).toBeVisible();
  await shoot(page, SHOTS, "conversation-laptop");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(thread.getByRole("listitem")).toHaveCount(2);
  await shoot(page, SHOTS, "conversation-phone");
});

test("the compose page in German on a phone: Anna's browser speaks German", async ({
  login,
  openBrowser,
}) => {
  const { page } = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("anna", { page });
  await openHistory(page, undefined, "de");
  await page.getByRole("link", { name: "E-Mail schreiben" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail schreiben" })).toBeVisible();
  await expect(page.getByRole("button", { name: "E-Mail senden" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "compose-de-phone");

  // Sent, its entry speaks German too: the status, and that every recipient sees the others.
  await expect(page.getByText("Alle Empfänger sehen, an wen die E-Mail noch geht.")).toBeVisible();
  await page.getByRole("checkbox", { name: /Felix Roth/ }).check();
  await page.getByLabel("Betreff").fill("Termin Abnahme");
  await typeNotes(page, "Guten Tag Herr Roth, passt Ihnen Dienstag?");
  await page.getByRole("button", { name: "E-Mail senden" }).click();
  await expect(page.getByRole("heading", { name: "Termin Abnahme" })).toBeVisible();
  await expect(page.getByTestId("delivery-status")).toContainText(/Gesendet|Wartet auf Versand/);
  await shoot(page, SHOTS, "entry-de-phone");
});

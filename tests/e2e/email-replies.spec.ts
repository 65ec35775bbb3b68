import { fakeResendUrl } from "../../playwright.config";
import { signedEvent, type ResendCall } from "../support/fake-resend";
import { rawMail } from "../support/raw-mail";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Customers answer requests from their own mailbox (issue 14): Anna answers CORAL publicly,
// Ambit mails Eva through Resend (a local stand-in) with her own reply address, and Eva's
// answer to that email arrives at Resend, which tells the app (signed): it is a public reply on
// CORAL, without the history her mail program quoted.

const CORAL = "Reklamation Stuhlfarbe CORAL";

async function mailTo(address: string, subjectPart: string) {
  const calls = (await (await fetch(`${fakeResendUrl}/__calls`)).json()) as ResendCall[];
  return calls.findLast((call) => {
    const body = call.body as { to?: string | string[]; subject?: string } | undefined;
    const to = Array.isArray(body?.to) ? body.to : [body?.to];
    return to.includes(address) && (body?.subject ?? "").includes(subjectPart);
  });
}

test("Eva answers the email about CORAL from her mailbox: her reply lands on the request", async ({
  login,
  openBrowser,
  request,
}) => {
  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await anna.page.goto("/requests");
  await anna.page.getByRole("link", { name: CORAL }).click();
  await anna.page.getByRole("radio", { name: /Public reply/ }).check();
  await anna.page.locator(".ProseMirror").click();
  await anna.page.keyboard.type("Die Ersatzstühle sind bestellt. Passt Ihnen Dienstag?");
  await anna.page.getByRole("button", { name: /^Send$/ }).click();
  await expect(anna.page.getByText("Passt Ihnen Dienstag?")).toBeVisible();

  // The job mails Eva (in German) with her reply address.
  let replyTo = "";
  await expect(async () => {
    const mail = await mailTo("eva@cafe-morgenrot.example", "CORAL");
    replyTo = (mail?.body as { reply_to?: string } | undefined)?.reply_to ?? "";
    expect(replyTo).toMatch(/^reply\.[a-z2-7]{16}@in\.ambit\.localhost$/);
  }).toPass({ timeout: 60_000 });

  const response = await fetch(`${fakeResendUrl}/__received`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      raw: rawMail({
        from: "Eva Roth <eva@cafe-morgenrot.example>",
        to: [replyTo],
        subject: `AW: ${CORAL}`,
        text: "Dienstag passt gut, ab 9 Uhr.\n\nAm 6. Dez. 2026 schrieb Ambit:\n> Die Ersatzstühle sind bestellt.",
      }),
      from: "eva@cafe-morgenrot.example",
      to: [replyTo],
    }),
  });
  const { id } = (await response.json()) as { id: string };
  const event = signedEvent({ id: `msg_received_${id}`, type: "email.received", emailId: id });
  expect(
    (await request.post("/webhooks/resend", { data: event.body, headers: event.headers })).status(),
  ).toBe(200);

  const eva = await openBrowser({ locale: "de-DE" });
  await login("eva", { page: eva.page });
  // The request's own page, as the link in her email opens it.
  await eva.page.goto(new URL(anna.page.url()).pathname);
  await expect(async () => {
    await eva.page.reload();
    await expect(eva.page.getByText("Dienstag passt gut, ab 9 Uhr.")).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  // What her mail program quoted stays out.
  await expect(eva.page.getByText("schrieb Ambit")).toHaveCount(0);
  await shoot(eva.page, "test-results/email", "request-reply-de");
  await anna.page.reload();
  await expect(anna.page.getByText("Dienstag passt gut, ab 9 Uhr.")).toBeVisible();
});

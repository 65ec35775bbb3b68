import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Issue 15, part 8: a contact person asks to be forgotten. Anna added him and wrote his name
// into the history; Clara finds him among the data-subject requests, sees what erasing him
// changes, erases him, and keeps the signed deletion certificate. (A person of his own: the
// demo world's Felix Roth stays for the other tests.)

const SHOTS = "test-results/erasure";

test("Clara erases a contact person and keeps the deletion certificate", async ({
  page,
  login,
  openBrowser,
}) => {
  const suffix =
    test
      .info()
      .testId.replace(/[^a-z]/gi, "")
      .slice(0, 6) || "Erased";
  const name = `Jonas Keller${suffix}`;
  const email = `jonas.${suffix.toLowerCase()}@cafe-morgenrot.example`;

  // Anna adds him to Café Morgenrot.
  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await anna.page.goto("/accounts");
  await anna.page
    .getByRole("link", { name: /Café Morgenrot/ })
    .first()
    .click();
  await anna.page.getByRole("link", { name: "Add contact person" }).click();
  await anna.page.getByLabel("Name", { exact: true }).fill(name);
  await anna.page.getByLabel("Role or title").fill("Einkauf");
  await anna.page.getByLabel("Email").fill(email);
  await anna.page.getByLabel("Phone").fill("+49 40 555 0199");
  await anna.page.getByLabel("Contract").check();
  await anna.page.getByRole("button", { name: "Add contact person" }).click();
  await expect(anna.page.getByRole("link", { name: `Edit ${name}` })).toBeVisible();

  await login("clara");
  await page.goto("/compliance");
  await page.getByRole("link", { name: "Open data-subject requests" }).click();
  await page.getByLabel("Find a person").fill(name);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: `Erase ${name}` }).click();

  // The preview: what changes, before anything does.
  await expect(page.getByRole("heading", { name: `Erase ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText(/From then on, everywhere: Person [0-9A-F]{10}/)).toBeVisible();
  await expect(page.getByTestId("erasure-changes")).toContainText("Audit log");
  // Without a reference and the confirmation, nothing happens; each says why, next to it.
  await page.getByRole("button", { name: "Erase for good" }).click();
  await expect(
    page.getByText("Enter the reference of the request (3 to 200 characters)."),
  ).toBeVisible();
  await expect(page.getByText("Confirm that the erasure cannot be undone.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "erasure-preview-laptop");

  await page.getByLabel("Request reference").fill("DSR-2026-014");
  await page.getByLabel("I understand that this cannot be undone.").check();
  await page.getByRole("button", { name: "Erase for good" }).click();

  // The certificate: who, when, where, the chain's head before and after, the signature.
  await expect(page.getByRole("heading", { name: "Deletion certificate", level: 1 })).toBeVisible();
  await expect(page.getByText(/Person [0-9A-F]{10} has been erased/)).toBeVisible();
  const certificate = page.getByTestId("certificate");
  await expect(certificate).toContainText("DSR-2026-014");
  await expect(certificate).toContainText("Clara Vogt (Compliance officer)");
  await expect(certificate).toContainText("Chain head after");
  await expect(page.getByText(email)).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Opened again later, as it will be read: without the message of the moment.
  await page.reload();
  await expect(page.getByTestId("certificate")).toContainText("DSR-2026-014");
  await shoot(page, SHOTS, "certificate-laptop");

  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download signed certificate (JSON)" }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^deletion-certificate-[0-9a-f-]{36}\.json$/);
  const signed = JSON.parse(await readFile((await file.path())!, "utf8")) as {
    reference: string;
    subject: { pseudonym: string };
    signature: { algorithm: string };
  };
  expect(signed.reference).toBe("DSR-2026-014");
  expect(signed.signature.algorithm).toBe("Ed25519");
  expect(JSON.stringify(signed)).not.toContain(email);
  const certificateUrl = page.url();

  // Anna's account page now lists him by pseudonym only, and his record cannot be edited.
  await anna.page.reload();
  await expect(anna.page.getByText(name)).toHaveCount(0);
  await anna.page
    .getByRole("link", { name: `Open ${signed.subject.pseudonym}: who can see` })
    .click();
  await expect(anna.page.getByText(/Erased on .* at the person's request/)).toBeVisible();
  await expect(anna.page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

  // The certificate on a phone, in German.
  const phone = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("clara", { page: phone.page });
  await phone.page.goto(certificateUrl);
  await expect(phone.page.getByRole("heading", { name: "Löschnachweis", level: 1 })).toBeVisible();
  await expect(phone.page.getByTestId("certificate")).toContainText("Kettenende nachher");
  expect(
    await phone.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
  ).toBeLessThanOrEqual(0);
  await shoot(phone.page, SHOTS, "certificate-de-phone");
  await phone.page.goto("/compliance/erasures");
  await expect(phone.page.getByTestId("erasures")).toContainText(signed.subject.pseudonym);
  await shoot(phone.page, SHOTS, "erasures-de-phone");
});

import { expect, submit, test } from "./support/fixtures";
import { keyFromManualEntry, totpNow, waitForStepAfter } from "./support/totp";

const WELCOME = "Welcome, Erik Probe";

// Signing in is the story here: every sign-in goes through the form like a person's.
test.use({ loginThroughForm: true });

// Erik is host staff without the demo users' exemption, so his first sign-in makes him enrol.
test("host staff enrol in two-factor, then sign in with a code or a recovery code", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);

  await login("erik");
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole("alert")).toContainText("requires two-factor sign-in for its staff");
  await page.goto("/");
  await expect(page, "no other page before enrolment").toHaveURL(/\/account\/two-factor$/);

  // Enrol: the app's key, typed into an authenticator, gives the code that turns it on.
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  const manualKey = (await page.getByTestId("totp-key").textContent())!.trim();
  expect(manualKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const key = keyFromManualEntry(manualKey);
  const { step: enrolStep, code: enrolCode } = totpNow(key);
  await page.getByLabel("6-digit code").fill(enrolCode);
  await submit(page, page.getByRole("button", { name: "Turn on two-factor" }));

  const codeList = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codeList).toHaveCount(10);
  const recoveryCodes = await codeList.allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  expect(new Set(recoveryCodes).size).toBe(10);
  await page.getByRole("link", { name: "I have saved them" }).click();
  await expect(page.getByRole("heading", { name: WELCOME })).toBeVisible();
  await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();

  // Signed out and back: the password alone is not enough any more.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login("erik");
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { name: "Enter your sign-in code" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\/two-factor$/);

  // The code that turned two-factor on cannot be used again.
  await page.getByLabel("6-digit code").fill(enrolCode);
  await submit(page, page.getByRole("button", { name: "Verify" }));
  await expect(
    page.getByText("That code is not valid. Check the time on your phone and try the newest code."),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor/);

  // A recovery code signs in once.
  await page.getByRole("link", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await submit(page, page.getByRole("button", { name: "Verify" }));
  await expect(page.getByRole("heading", { name: WELCOME })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await login("erik");
  await page.getByRole("link", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await submit(page, page.getByRole("button", { name: "Verify" }));
  await expect(
    page.getByText("That recovery code is not valid or was already used."),
  ).toBeVisible();

  // A fresh code from the authenticator (the next 30-second step) signs in.
  await page.getByRole("link", { name: "Use your authenticator app instead" }).click();
  await waitForStepAfter(enrolStep);
  await page.getByLabel("6-digit code").fill(totpNow(key).code);
  await submit(page, page.getByRole("button", { name: "Verify" }));
  await expect(page.getByRole("heading", { name: WELCOME })).toBeVisible();

  await page.goto("/account/two-factor");
  await expect(page.getByText("9 recovery codes left")).toBeVisible();
});

import { expect, submit, test } from "./support/fixtures";
import { PASSWORD, users } from "./support/users";

// The outbox shows each mail in a sandboxed iframe (no scripts). Playwright's trace recorder tries
// to run its snapshot script in that frame too, and Chromium logs the refusal; that refusal, and
// only from the mail's own frame, is expected here.
test.use({
  allowedProblems: [
    {
      text: /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/,
      url: /^about:srcdoc$/,
    },
  ],
});

test("a forgotten password is reset through the emailed link, which works only once", async ({
  page,
  login,
  openBrowser,
}) => {
  const pia = users.pia;
  const newPassword = "lantern orchard fjord 42";

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(pia.email);
  await submit(page, page.getByRole("button", { name: "Send reset link" }));
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(pia.email);

  // The mail reaches Pia's inbox. Here it waits in the development outbox, which only an
  // administrator may open: Pia herself is sent to sign in.
  await page.goto("/dev/outbox");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdev%2Foutbox$/);
  const { page: admin } = await openBrowser();
  await login("ida", { page: admin });
  await admin.goto("/dev/outbox");
  const newest = admin
    .getByTestId("outbox-list")
    .getByRole("link")
    .filter({ hasText: pia.email })
    .first();
  // Pia has chosen no language and has never signed in: the host's default, German.
  await expect(newest).toContainText("Ihr Ambit-Passwort zurücksetzen");
  await newest.click();
  await admin.getByText("Plain-text version").click();
  const text = await admin.getByTestId("outbox-text").textContent();
  const resetLink = text?.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
  expect(resetLink, `a reset link in:\n${text}`).toBeDefined();

  await page.goto(resetLink!);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await submit(page, page.getByRole("button", { name: "Save new password" }));
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status")).toHaveText(
    "Your password was changed. Sign in with the new one.",
  );

  // The old password no longer works; the new one does.
  await page.getByLabel("Email").fill(pia.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await submit(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page.getByRole("alert")).toContainText("That email and password do not match");
  await login("pia", { password: newPassword, throughForm: true });
  await expect(page.getByRole("heading", { name: "Welcome, Pia Probe" })).toBeVisible();

  // The same link a second time.
  await page.goto(resetLink!);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(page.getByText("Reset links work once and for 30 minutes.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
});

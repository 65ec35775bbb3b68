import { expect, test } from "./support/fixtures";

test("signing out ends the session: its cookie no longer opens the app anywhere", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("jonas");
  await expect(page.getByRole("heading", { name: "Welcome, Jonas Meyer" })).toBeVisible();
  const cookie = (await page.context().cookies()).find(({ name }) => name === "ambit_session");
  expect(cookie, "the session cookie").toBeDefined();

  // Before: the copied cookie opens home in another browser.
  const { page: copy } = await openBrowser();
  await copy.context().addCookies([cookie!]);
  await copy.goto("/");
  await expect(copy.getByRole("heading", { name: "Welcome, Jonas Meyer" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).some(({ name }) => name === "ambit_session")).toBe(false);

  // After: a fresh browser with the old cookie is sent to sign in.
  const { page: replay } = await openBrowser();
  await replay.context().addCookies([cookie!]);
  await replay.goto("/");
  await expect(replay).toHaveURL(/\/login$/);
  await expect(replay.getByRole("heading", { name: "Sign in to Ambit" })).toBeVisible();
});

test("a session signed out on the sessions page is gone on its next click", async ({
  page,
  login,
  openBrowser,
  clientIp,
}) => {
  await login("mara");
  const { page: other, ip: otherIp } = await openBrowser();
  await login("mara", { page: other });
  await expect(other.getByRole("heading", { name: "Welcome, Mara Wolff" })).toBeVisible();

  await page.goto("/account/sessions");
  const rows = page.getByTestId("session-row");
  const otherRow = rows.filter({ has: page.getByText(otherIp, { exact: true }) });
  const ownRow = rows.filter({ has: page.getByText(clientIp, { exact: true }) });
  await expect(otherRow).toHaveCount(1);
  await expect(ownRow).toContainText("This device");

  await otherRow.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "That session was signed out." }),
  ).toBeVisible();
  await expect(otherRow).toHaveCount(0);
  await expect(ownRow).toHaveCount(1);

  await other.getByRole("link", { name: "Profile & password" }).click();
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

  // This browser is still signed in.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Profile & password" })).toBeVisible();
});

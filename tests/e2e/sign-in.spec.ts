import { expect, submit, test } from "./support/fixtures";
import { demoUsers, PASSWORD, users, type UserKey } from "./support/users";

const INVALID = "That email and password do not match an account. Check both and try again.";
const LOCKED = /This account is locked for 10 minutes after too many failed sign-in attempts/;
const THROTTLED =
  "Too many failed sign-in attempts from your network. Wait a minute, then try again.";

test.describe("every demo user", () => {
  for (const [key, person] of Object.entries(demoUsers)) {
    test(`${person.name} signs in and sees their name, organisation and role`, async ({
      page,
      login,
    }) => {
      await login(key as UserKey);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${person.name}`);
      const main = page.getByRole("main");
      await expect(main.getByText(person.organization, { exact: true }).first()).toBeVisible();
      await expect(page.getByTestId("home-role")).toHaveText(person.roleLabel);
      await expect(main.getByText(person.email, { exact: true })).toBeVisible();
    });
  }
});

test("a wrong password is refused with a message, the email stays and the password is cleared", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(users.anna.email);
  await page.getByLabel("Password").fill("not-the-password");
  await submit(page, page.getByRole("button", { name: "Sign in" }));

  await expect(page.getByRole("alert")).toHaveText(INVALID);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email")).toHaveValue(users.anna.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("ten wrong passwords lock the account, and then even the right one is refused", async ({
  page,
}) => {
  const { email } = users.lars;
  await page.goto("/login");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await submit(page, page.getByRole("button", { name: "Sign in" }));
    if (attempt < 10) await expect(page.getByRole("alert")).toHaveText(INVALID);
  }
  await expect(page.getByRole("alert")).toHaveText(LOCKED);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await submit(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page.getByRole("alert")).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/login$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("ten failures from one network throttle the next sign-in, whoever it is for", async ({
  page,
}) => {
  await page.goto("/login");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(`nobody-${attempt}@unknown.example`);
    await page.getByLabel("Password").fill("guessing-a-password");
    await submit(page, page.getByRole("button", { name: "Sign in" }));
    await expect(page.getByRole("alert")).toHaveText(INVALID);
  }

  // The eleventh attempt, with a real account's right password, is refused before any check.
  await page.getByLabel("Email").fill(users.tom.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await submit(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page.getByRole("alert")).toHaveText(THROTTLED);
  await expect(page).toHaveURL(/\/login$/);
});

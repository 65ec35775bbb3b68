import type { Page } from "@playwright/test";
import { expect, submit, test } from "./support/fixtures";
import { demoUsers, PASSWORD, users, type UserKey } from "./support/users";

const INVALID = "That email and password do not match an account. Check both and try again.";
const LOCKED =
  "This account is locked for 10 minutes after too many failed sign-in attempts. You can still sign in on a browser you have signed in with before, or reset your password to unlock it on this one.";
const THROTTLED =
  "Too many failed sign-in attempts from your network. Wait a minute, then try again.";

// Signing in is the story here: every sign-in goes through the form like a person's.
test.use({ loginThroughForm: true });

test.describe("every demo user", () => {
  for (const [key, person] of Object.entries(demoUsers)) {
    test(`${person.name} signs in and sees their name, organisation and role`, async ({
      page,
      login,
    }) => {
      await login(key as UserKey);
      await expect(page).toHaveURL("/");
      // Home greets each person in the language they chose (Eva and Paul: German).
      const welcome = "language" in person && person.language === "de" ? "Willkommen" : "Welcome";
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        `${welcome}, ${person.name}`,
      );
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

test.describe("refused sign-ins", () => {
  // A refused sign-in answers 429, which the browser reports on the console; nothing else may.
  test.use({
    allowedProblems: [{ text: /status of 429 \(Too Many Requests\)$/, url: /\/login(\.data)?$/ }],
  });

  /** Submits the sign-in form and returns the HTTP status of the answer. */
  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    return (await answered).status();
  }

  test("ten wrong passwords lock the account on new browsers; the usual browser still gets in", async ({
    page,
    login,
    openBrowser,
  }) => {
    const { email } = users.lars;
    // Lars signed in on his usual browser before, elsewhere.
    const { page: usual } = await openBrowser();
    await login("lars", { page: usual });
    await usual.getByRole("button", { name: "Sign out" }).first().click();
    await expect(usual).toHaveURL(/\/login$/);

    // Someone on another browser guesses his password.
    await page.goto("/login");
    for (let attempt = 1; attempt <= 9; attempt++) {
      expect(await signIn(page, email, `wrong-password-${attempt}`)).toBe(200);
      await expect(page.getByRole("alert")).toHaveText(INVALID);
    }
    expect(await signIn(page, email, "wrong-password-10")).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(LOCKED);

    // Now even the right password is refused there, with the same answer.
    expect(await signIn(page, email, PASSWORD)).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(LOCKED);
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);

    // His usual browser, from its own address, signs in as always.
    await login("lars", { page: usual });
    await expect(usual.getByRole("heading", { name: `Welcome, ${users.lars.name}` })).toBeVisible();
  });

  test("ten failures from one network throttle the next sign-in, whoever it is for", async ({
    page,
  }) => {
    await page.goto("/login");
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await signIn(page, `nobody-${attempt}@unknown.example`, "guessing-a-password")).toBe(
        200,
      );
      await expect(page.getByRole("alert")).toHaveText(INVALID);
    }

    // The eleventh attempt, with a real account's right password, is refused before any check.
    expect(await signIn(page, users.tom.email, PASSWORD)).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(THROTTLED);
    await expect(page).toHaveURL(/\/login$/);
  });
});

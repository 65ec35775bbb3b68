import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, submit, test } from "./support/fixtures";
import { users } from "./support/users";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const readable = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      summary: node.failureSummary,
    })),
  }));
  expect(readable, `axe violations on ${page.url()}`).toEqual([]);
}

test.describe("signed out, no accessibility violations on", () => {
  test("/login", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in to Ambit" })).toBeVisible();
    await expectNoViolations(page);
  });

  test("/login with a sign-in error", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(users.tom.email);
    await page.getByLabel("Password").fill("not-the-password");
    await submit(page, page.getByRole("button", { name: "Sign in" }));
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoViolations(page);
  });

  test("/forgot-password", async ({ page }) => {
    await page.goto("/forgot-password");
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await expectNoViolations(page);
  });
});

test.describe("signed in as Anna, no accessibility violations on", () => {
  const pages = [
    { path: "/", heading: "Welcome, Anna Berg" },
    { path: "/account", heading: "Profile & password" },
    { path: "/account/sessions", heading: "Sessions" },
    { path: "/account/two-factor", heading: "Two-factor sign-in" },
  ];
  for (const { path, heading } of pages) {
    test(path === "/" ? "home" : path, async ({ page, login }) => {
      await login("anna");
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoViolations(page);
    });
  }
});

test.describe("projects, accounts and administration, no accessibility violations on", () => {
  const pages = [
    { who: "anna", path: "/projects", heading: "Projects" },
    { who: "anna", path: "/projects/new", heading: "New project" },
    { who: "anna", path: "/accounts", heading: "Accounts" },
    { who: "ida", path: "/admin/organizations", heading: "Organisations" },
    { who: "ida", path: "/admin/users", heading: "Users" },
  ] as const;
  for (const { who, path, heading } of pages) {
    test(`${path} as ${who}`, async ({ page, login }) => {
      await login(who);
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoViolations(page);
    });
  }

  for (const who of ["anna", "jonas"] as const) {
    test(`a project's overview and members as ${who}`, async ({ page, login }) => {
      await login(who);
      await page.goto("/projects");
      await page.getByRole("link", { name: /Morgenrot – Umbau Gastraum/ }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: "Morgenrot – Umbau Gastraum" }),
      ).toBeVisible();
      await expectNoViolations(page);
      await page.getByRole("link", { name: "Members", exact: true }).click();
      await expect(page.getByTestId("member-list")).toBeVisible();
      await expectNoViolations(page);
    });
  }
});

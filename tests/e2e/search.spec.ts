import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const readable = violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(" ")),
  }));
  expect(readable, `axe violations on ${page.url()}`).toEqual([]);
}

test("Lena searches from the app shell with / and finds nothing of the internal KESTREL", async ({
  page,
  login,
}) => {
  await login("lena");
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search the contact history" });
  // The shortcut works once the page is hydrated; until then "/" does nothing.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass();
  await box.fill("Kalkulation");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Kalkulation$/);
  await expect(page.getByText("Nothing found for \u201cKalkulation\u201d")).toBeVisible();
  await expect(page.getByTestId("search-result")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /KESTREL/ })).toHaveCount(0);
  await expectNoViolations(page);

  // What client navigation fetches carries nothing of it either.
  const data = await page.request.get("/search.data?q=Kalkulation");
  expect(data.status()).toBe(200);
  expect(await data.text()).not.toContain("KESTREL");
});

test("Anna finds KESTREL for Kalkulation, highlighted, and opens the entry", async ({
  page,
  login,
}) => {
  await login("anna");
  await page.goto("/search");
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expectNoViolations(page);

  const field = page.getByLabel("Search for");
  await field.fill("K");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("Type at least 2 characters.")).toBeVisible();
  await expect(field).toHaveValue("K");
  await expect(field).toHaveAttribute("aria-invalid", "true");

  await field.fill("Kalkulation");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=Kalkulation/);
  await expect(page.getByTestId("search-count")).toHaveText(/results? for \u201cKalkulation\u201d/);
  const result = page.getByTestId("search-result").filter({ hasText: "KESTREL" });
  await expect(result).toHaveCount(1);
  await expect(result.locator("mark").first()).toHaveText("Kalkulation");
  await expect(result.locator("h2 mark")).toHaveText("Kalkulation");
  await expectNoViolations(page);

  await result.getByRole("link", { name: /Kalkulation Marge KESTREL/ }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]+\/history\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { name: /Kalkulation Marge KESTREL/ })).toBeVisible();
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const GASTRAUM = "Morgenrot – Umbau Gastraum";

async function openHistory(page: Page) {
  await page.goto("/projects");
  await page.getByRole("link", { name: new RegExp(GASTRAUM) }).click();
  await page.getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Contact history" })).toBeVisible();
}

test("Lena's timeline holds exactly the entries shared with Studio Lumen", async ({
  page,
  login,
}) => {
  await login("lena");
  await openHistory(page);
  const subjects = page.getByRole("link", { name: /AURORA|KESTREL|BIRCH|LUPIN|OSPREY|MAPLE/ });
  await expect(subjects).toHaveCount(3);
  for (const marker of ["MAPLE", "LUPIN", "AURORA"]) {
    await expect(page.getByRole("link", { name: new RegExp(marker) })).toBeVisible();
  }
  await page.getByRole("link", { name: /LUPIN/ }).click();
  await expect(page.getByRole("heading", { name: /Moodboard Farbkonzept LUPIN/ })).toBeVisible();
  await expect(page.getByText("Who can see this, and why")).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
});

test("Anna filters the timeline to calls and sees who can read an entry, and why", async ({
  page,
  login,
}) => {
  await login("anna");
  await openHistory(page);
  await page.getByLabel("Channel").selectOption({ label: "Call" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/channel=call/);
  await expect(page.getByRole("link", { name: /BIRCH|MAPLE/ })).toHaveCount(2);
  await expect(page.getByRole("link", { name: /AURORA/ })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  await page.getByRole("link", { name: /BIRCH/ }).click();
  await expect(page.getByText("Who can see this, and why")).toBeVisible();
  const panel = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Who can see this, and why" }) });
  await expect(panel).toContainText("Holzwerk Meyer KG");
  await expect(panel).toContainText("Studio Lumen");
});

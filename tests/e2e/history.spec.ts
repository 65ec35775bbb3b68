import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";
import { openHistory } from "./support/history";

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

test("Anna reads Café Morgenrot's account timeline across both projects and filters it to one", async ({
  page,
  login,
}) => {
  await login("anna");
  await page.goto("/accounts");
  await page.getByRole("link", { name: /Café Morgenrot GmbH/ }).click();
  await page.getByRole("link", { name: "Contact history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contact history" })).toBeVisible();
  await expect(page).toHaveURL(/\/accounts\/[\w-]+\/history$/);

  // Both Morgenrot projects meet in one timeline, each entry naming its project.
  const glacier = page.getByRole("link", { name: /GLACIER/ });
  const aurora = page.getByRole("link", { name: /AURORA/ });
  await expect(glacier).toContainText("Morgenrot – Terrasse");
  await expect(aurora).toContainText("Morgenrot – Umbau Gastraum");
  await expect(page.getByRole("link", { name: /QUARTZ|TUNDRA/ })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  await page.getByLabel("Project").selectOption({ label: "Morgenrot – Terrasse" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/project=/);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await expect(glacier).toBeVisible();
  await expect(aurora).toHaveCount(0);

  await page.getByLabel("Project").selectOption({ label: "Morgenrot – Umbau Gastraum" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(aurora).toBeVisible();
  await expect(glacier).toHaveCount(0);

  await aurora.click();
  await expect(page).toHaveURL(/\/projects\/[\w-]+\/history\/[\w-]+$/);
  await expect(page.getByRole("heading", { name: /Kickoff Gastraum AURORA/ })).toBeVisible();
});

test("the project timeline offers the logging forms, also by keyboard, but not while typing", async ({
  page,
  login,
}) => {
  await login("jonas");
  await openHistory(page);
  const actions = page.getByRole("group", { name: "Log a contact" });
  await expect(actions.getByRole("link", { name: /Log a call/ })).toHaveAttribute(
    "href",
    /\/history\/new\?channel=call$/,
  );
  for (const [name, channel] of [
    ["Log an email", "email"],
    ["Log a letter", "letter"],
    ["Log a meeting", "meeting"],
    ["Add a note", "note"],
  ] as const) {
    await expect(actions.getByRole("link", { name })).toHaveAttribute(
      "href",
      new RegExp(`/history/new\\?channel=${channel}$`),
    );
  }
  await page.getByLabel("From").press("e");
  await expect(page).not.toHaveURL(/\/history\/new/);
  await page.getByRole("heading", { name: "Contact history" }).click();
  await page.keyboard.press("l");
  await expect(page).toHaveURL(/\/history\/new\?channel=letter$/);
});

test("Clara, who may log nothing, sees no logging actions", async ({ page, login }) => {
  await login("clara");
  await openHistory(page);
  await expect(page.getByRole("link", { name: /AURORA/ })).toBeVisible();
  await expect(page.getByRole("group", { name: "Log a contact" })).toHaveCount(0);
  await page.keyboard.press("c");
  await expect(page).not.toHaveURL(/\/history\/new/);
});

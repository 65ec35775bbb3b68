import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { openHistory, typeNotes } from "./support/history";

// Two people sign in and write in each story.
test.slow();

/** The value next to a label of the entry's facts ("From", "To", …), not of its edits. */
const fact = (page: Page, label: string) =>
  page.getByRole("article").locator(`div:has(> dt:text-is("${label}")) > dd`);

test("Jonas reads Anna's email from Felix Roth by his name, never by his address or number", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("anna");
  await openHistory(page);
  await page.getByRole("link", { name: "Log an email" }).click();
  // The editor appears once the page is interactive; fields filled before that could be reset.
  await typeNotes(page, "Felix schickt die Maße. Rückruf bitte unter 040 555-0102.");
  await page.getByText("Inbound", { exact: true }).click();
  await page.getByLabel("From", { exact: true }).fill("felix@cafe-morgenrot.example");
  await page.getByLabel("To", { exact: true }).fill("anna@hansen.example");
  await page.getByLabel("Subject").fill("Maße Sitzbank per Mail");
  await page.getByRole("radio", { name: /Selected organisations/ }).check();
  await page.getByRole("checkbox", { name: /Holzwerk Meyer KG/ }).check();
  await page.getByRole("button", { name: "Save email" }).click();
  await expect(page.getByRole("heading", { name: "Maße Sitzbank per Mail" })).toBeVisible();
  // The host reads the contact's address and number as they were written.
  await expect(fact(page, "From")).toHaveText("felix@cafe-morgenrot.example");
  await expect(page.getByText("Rückruf bitte unter 040 555-0102.")).toBeVisible();
  const url = page.url();

  const jonas = await openBrowser();
  await login("jonas", { page: jonas.page });
  await openHistory(jonas.page);
  const row = jonas.page.getByTestId("entry-row").filter({ hasText: "Maße Sitzbank per Mail" });
  await expect(row).toContainText("Rückruf bitte unter Felix Roth.");
  await row.click();
  await expect(jonas.page).toHaveURL(url);
  await expect(fact(jonas.page, "From")).toHaveText("Felix Roth");
  await expect(fact(jonas.page, "To")).toHaveText("anna@hansen.example");
  await expect(jonas.page.getByText("Rückruf bitte unter Felix Roth.")).toBeVisible();
  await expect(jonas.page.locator("body")).not.toContainText("felix@cafe-morgenrot.example");
  await expect(jonas.page.locator("body")).not.toContainText("555-0102");
  await expectNoAxeViolations(jonas.page);
});

test("Jonas edits his email to Felix: the address stays hidden from him and stays stored", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("jonas");
  await openHistory(page);
  await page.getByRole("link", { name: "Log an email" }).click();
  await typeNotes(page, "Liefertermin Donnerstag bestätigt.");
  await page.getByLabel("To", { exact: true }).fill("felix@cafe-morgenrot.example");
  await page.getByLabel("Subject").fill("Liefertermin Sitzbank");
  await page.getByRole("button", { name: "Save email" }).click();
  await expect(page.getByRole("heading", { name: "Liefertermin Sitzbank" })).toBeVisible();
  await expect(fact(page, "To")).toHaveText("Felix Roth");

  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.locator(".ProseMirror")).toContainText("Liefertermin Donnerstag bestätigt.");
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("");
  const kept = page.getByTestId("withheld-to").getByRole("checkbox", { name: "Felix Roth" });
  await expect(kept).toBeChecked();
  await expect(
    page.getByText("Addresses you cannot see are kept; untick one to remove it."),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Cc", { exact: true }).fill("anna@hansen.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(fact(page, "Cc")).toHaveText("anna@hansen.example");
  await expect(fact(page, "To")).toHaveText("Felix Roth");
  await expect(page.getByTestId("revisions")).not.toContainText("felix@");
  const url = page.url();

  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await anna.page.goto(url);
  await expect(fact(anna.page, "To")).toHaveText("felix@cafe-morgenrot.example");
  await expect(fact(anna.page, "Cc")).toHaveText("anna@hansen.example");
});

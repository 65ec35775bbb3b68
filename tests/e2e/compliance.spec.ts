import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { openHistory } from "./support/history";
import { shoot } from "./support/screenshot";

// The compliance console (issue 15): Clara finds out who opened FALCON from her home page, and
// takes the same answer away as CSV. Lena does not learn the console exists.

const SHOTS = "test-results/compliance";

// Lena's visit to the console answers 404, which the browser reports in its console.
test.use({ allowedProblems: [{ text: /status of 404 \(Not Found\)$/, url: /\/compliance$/ }] });

test("Clara asks who opened FALCON and exports the answer", async ({
  page,
  login,
  openBrowser,
}) => {
  // Anna opens FALCON, so that there is an access to find.
  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await anna.page.goto("/projects");
  await anna.page.getByRole("link", { name: "Morgenrot – Umbau Gastraum" }).first().click();
  await anna.page.getByRole("link", { name: "Documents", exact: true }).click();
  await anna.page
    .getByRole("link", { name: /FALCON/ })
    .first()
    .click();
  await expect(anna.page.getByRole("heading", { name: /FALCON/ })).toBeVisible();

  await login("clara");
  await page.getByRole("link", { name: "Compliance", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Compliance console" })).toBeVisible();
  await expect(page.getByText("Reads this week")).toBeVisible();
  // The whole chain verified in the background; the page follows it to its verdict.
  await page.getByRole("button", { name: "Verify the whole chain now" }).click();
  await expect(page.getByTestId("last-verification")).toContainText(/events checked: all intact/, {
    timeout: 60_000,
  });
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "console-laptop");

  await page.getByRole("link", { name: "Who opened or downloaded documents" }).click();
  await expect(page.getByRole("heading", { name: "Audit explorer" })).toBeVisible();
  await page.getByLabel("Title or name contains").fill("FALCON");
  await page.getByRole("button", { name: "Show events" }).click();
  const events = page.getByTestId("audit-events").getByRole("listitem");
  await expect(
    events.filter({
      hasText: /Anna Berg \(Hansen Innenausbau GmbH\) viewed the document “.*FALCON”, version 1/,
    }),
  ).not.toHaveCount(0);
  await expect(page.getByLabel("Title or name contains")).toHaveValue("FALCON");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "explorer-laptop");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const rows = csv.trim().split("\n");
  expect(rows[0]).toContain("seq,occurred_at_utc");
  expect(rows.length - 1).toBe(await events.count());
  expect(csv).toContain("Anna Berg");

  // Whose accesses: the person is searched as Clara types, among thousands in a real company.
  const person = page.getByRole("combobox", { name: "Person" });
  await person.fill("berg anna");
  await page
    .getByRole("listbox", { name: "Person" })
    .getByRole("option", { name: /Anna Berg/ })
    .click();
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page).toHaveURL(/[?&]actor=[0-9a-f-]{36}/);
  await expect(events.first()).toContainText("Anna Berg");
  await expect(events.filter({ hasNotText: "Anna Berg" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Person" })).toHaveValue("Anna Berg");
  await page.getByRole("button", { name: "Clear Person" }).click();

  // A mistyped address is refused next to its field, and stays as typed.
  await page.getByLabel("IP address").fill("10.1.2");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.getByText("Enter an IP address like 10.1.2.3")).toBeVisible();
  await expect(page.getByLabel("IP address")).toHaveValue("10.1.2");

  // On the entry itself, beside who can see it: who has opened it.
  await openHistory(page);
  await page
    .getByRole("link", { name: /AURORA/ })
    .first()
    .click();
  const access = page.getByTestId("item-access");
  await expect(access.getByRole("heading", { name: "Who accessed this" })).toBeVisible();
  await expect(access).toContainText(/Clara Vogt \(Hansen Innenausbau GmbH\) viewed the entry/);
  await access.getByRole("link", { name: "Open in the audit explorer" }).click();
  await expect(page.getByLabel("Item", { exact: true })).toHaveValue("entry");
  await page.goBack();
  await expect(access).toBeVisible();
  await shoot(page, SHOTS, "entry-access-laptop");

  // A contact person: which organisations see the name, which also the email and phone.
  await page.goto("/accounts");
  await page
    .getByRole("link", { name: /Café Morgenrot/ })
    .first()
    .click();
  await page
    .getByRole("link", { name: /Felix Roth/ })
    .first()
    .click();
  const seen = page.getByTestId("contact-visibility-org");
  await expect(seen.filter({ hasText: "Studio Lumen" })).toContainText(
    "Name, role, email and phone",
  );
  await expect(seen.filter({ hasText: "Holzwerk Meyer KG" })).toContainText("Name and role only");
  await expect(page.getByTestId("item-access")).toContainText("viewed the contact details of");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "contact-access-laptop");

  const lena = await openBrowser();
  await login("lena", { page: lena.page });
  expect((await lena.page.goto("/compliance"))?.status()).toBe(404);
  await expect(lena.page.getByRole("link", { name: "Compliance", exact: true })).toHaveCount(0);
});

test("the console and the explorer in German on a phone", async ({ login, openBrowser }) => {
  const { page } = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("clara", { page });
  await page.goto("/compliance");
  await expect(page.getByRole("heading", { name: "Compliance-Konsole" })).toBeVisible();
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "console-de-phone");
  await page.getByRole("link", { name: "Alle fehlgeschlagenen Anmeldungen" }).click();
  await expect(page.getByRole("heading", { name: "Prüfprotokoll durchsuchen" })).toBeVisible();
  // Without filters the phone shows the answer first, the filters folded above it.
  await page.goto("/compliance/audit");
  await expect(page.getByLabel("Art des Ereignisses")).toBeHidden();
  await expect(page.getByTestId("audit-events")).toContainText("hat");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "explorer-de-phone");
  await page.getByText("Filter", { exact: true }).click();
  await page.getByLabel("Art des Ereignisses").selectOption({ label: "Lesezugriffe" });
  await page.getByRole("button", { name: "Ereignisse anzeigen" }).click();
  await expect(page).toHaveURL(/group=read/);
  await expect(page.getByLabel("Art des Ereignisses")).toBeVisible();
  await shoot(page, SHOTS, "explorer-filtered-de-phone");

  // Who accessed a request, and a project, on their own pages.
  await page.goto("/requests");
  await page.getByRole("link", { name: /CORAL/ }).first().click();
  await expect(page.getByRole("heading", { name: "Wer darauf zugegriffen hat" })).toBeVisible();
  await expect(page.getByTestId("item-access")).toContainText("hat die Anfrage");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "request-access-de-phone");
  await page.goto("/projects");
  await page
    .getByRole("link", { name: /Umbau Gastraum/ })
    .first()
    .click();
  await expect(page.getByTestId("item-access")).toContainText("hat das Projekt");
  await shoot(page, SHOTS, "project-access-de-phone");
});

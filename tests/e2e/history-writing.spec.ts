import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { GASTRAUM, openHistory, typeNotes } from "./support/history";

// A form sent back with errors answers 400, which the browser reports in its console.
test.use({
  allowedProblems: [{ text: /status of 400 \(Bad Request\)$/, url: /\/history\/new\.data/ }],
});

test("Jonas logs a call for the host and his organisation; Anna sees it, Lena and Eva do not; his edit shows a revision", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("jonas");
  await openHistory(page);
  await page.getByRole("link", { name: "Log a call" }).click();
  await expect(page.getByRole("heading", { name: "Log a call" })).toBeVisible();
  // The defaults: now, outbound, and the smallest audience Jonas may choose.
  await expect(page.getByRole("radio", { name: /Outbound/ })).toBeChecked();
  await expect(
    page.getByRole("radio", { name: /Hansen Innenausbau GmbH and Holzwerk Meyer KG/ }),
  ).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Internal:/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByLabel("Subject").fill("Aufmaß Tresen Rückruf");
  await page.getByLabel("Duration (minutes)").fill("2000");
  await page.getByText("Felix Roth").click();
  await typeNotes(page, "Aufmaß am Donnerstag, Zugang über den Hof.");
  await page.keyboard.press("Control+Enter");
  // A mistake is explained next to its field, and nothing typed is lost.
  await expect(page.getByText("Enter the duration in whole minutes (0 to 1440).")).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("Aufmaß Tresen Rückruf");
  await expect(page.locator(".ProseMirror")).toHaveText(
    "Aufmaß am Donnerstag, Zugang über den Hof.",
  );
  await expect(page.getByRole("checkbox", { name: /Felix Roth/ })).toBeChecked();

  await page.getByLabel("Duration (minutes)").fill("8");
  await page.getByLabel("Outcome").selectOption({ label: "Reached" });
  await page.getByRole("button", { name: "Save call" }).click();
  await expect(page.getByRole("heading", { name: "Aufmaß Tresen Rückruf" })).toBeVisible();
  await expect(page.getByText("8 minutes")).toBeVisible();
  await expect(page.getByText("Zugang über den Hof")).toBeVisible();

  const anna = await openBrowser();
  await login("anna", { page: anna.page });
  await openHistory(anna.page);
  await expect(anna.page.getByRole("link", { name: /Aufmaß Tresen Rückruf/ })).toBeVisible();

  for (const [person, language] of [
    ["lena", "en"],
    ["eva", "de"],
  ] as const) {
    const other = await openBrowser();
    await login(person, { page: other.page });
    await openHistory(other.page, GASTRAUM, language);
    await expect(other.page.getByRole("link", { name: /MAPLE/ })).toBeVisible();
    await expect(other.page.getByRole("link", { name: /Aufmaß Tresen Rückruf/ })).toHaveCount(0);
  }

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Subject").fill("Aufmaß Tresen Donnerstag");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Aufmaß Tresen Donnerstag" })).toBeVisible();
  const revisions = page.getByTestId("revisions");
  await expect(revisions).toContainText("Edited by Jonas Meyer");
  await expect(revisions).toContainText("Aufmaß Tresen Rückruf");
  await expect(revisions).toContainText("Aufmaß Tresen Donnerstag");
});

test("Lena logs an email shared with Café Morgenrot, and Eva sees it", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("lena");
  await openHistory(page);
  await page.getByRole("link", { name: "Log an email" }).click();
  await page.getByRole("radio", { name: /Selected organisations/ }).check();
  // Lena's own organisation stays in; she adds the customer.
  await expect(page.getByRole("checkbox", { name: /Studio Lumen/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Studio Lumen/ })).toBeDisabled();
  await page.getByRole("checkbox", { name: /Café Morgenrot GmbH/ }).check();
  await page.getByLabel("To", { exact: true }).fill("eva@cafe-morgenrot.example");
  await page.getByLabel("Subject").fill("Stoffmuster für die Bänke");
  await typeNotes(page, "Drei Muster gehen heute per Post raus.");
  await page.getByRole("button", { name: "Save email" }).click();
  await expect(page.getByRole("heading", { name: "Stoffmuster für die Bänke" })).toBeVisible();

  const eva = await openBrowser();
  await login("eva", { page: eva.page });
  await openHistory(eva.page, GASTRAUM, "de");
  await eva.page.getByRole("link", { name: /Stoffmuster für die Bänke/ }).click();
  await expect(eva.page.getByText("Drei Muster gehen heute per Post raus.")).toBeVisible();
});

test("Ida redacts an entry with a reason; a tombstone stays", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("anna");
  await openHistory(page);
  await page.getByRole("link", { name: "Add a note" }).click();
  await page.getByLabel("Subject").fill("Privatnummer Eva versehentlich notiert");
  await typeNotes(page, "Bitte nicht weitergeben.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("heading", { name: /Privatnummer/ })).toBeVisible();
  // Account managers cannot redact.
  await expect(page.getByRole("button", { name: "Redact entry" })).toHaveCount(0);
  const url = page.url();

  const ida = await openBrowser();
  await login("ida", { page: ida.page });
  await ida.page.goto(url);
  await ida.page.getByLabel("Reason").fill("Personenbezogene Daten ohne Rechtsgrundlage");
  ida.page.once("dialog", (dialog) => void dialog.accept());
  await ida.page.getByRole("button", { name: "Redact entry" }).click();
  await expect(ida.page.getByRole("heading", { name: "This entry was redacted" })).toBeVisible();
  await expect(ida.page.getByText("Personenbezogene Daten ohne Rechtsgrundlage")).toBeVisible();
  await expect(ida.page.getByText("Bitte nicht weitergeben.")).toHaveCount(0);
  await expect(ida.page.getByRole("link", { name: "Edit" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { name: "This entry was redacted" })).toBeVisible();
  await expect(page.getByText("Bitte nicht weitergeben.")).toHaveCount(0);
});

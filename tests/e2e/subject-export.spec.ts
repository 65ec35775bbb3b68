import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Issue 15, part 7: Felix Roth asks what Ambit stores about him. Clara finds him in the
// compliance console, starts the export, waits for it and downloads a ZIP with everything that
// mentions him and who accessed it.

const SHOTS = "test-results/subject-export";

test("Clara exports what Ambit stores about Felix Roth", async ({ page, login }) => {
  await login("clara");
  await page.goto("/compliance");
  await page.getByRole("link", { name: "Open data-subject requests" }).click();
  await expect(page.getByRole("heading", { name: "Data-subject requests" })).toBeVisible();

  await page.getByLabel("Find a person").fill("Felix");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Export the data of Felix Roth" }).click();
  await expect(page.getByText("The export of Felix Roth has started")).toBeVisible();

  // The page follows the job on its own, until the file is there.
  const exports = page.getByTestId("subject-exports");
  const download = exports.getByRole("link", { name: "Download the export of Felix Roth as ZIP" });
  await expect(download.first()).toBeVisible({ timeout: 60_000 });
  await expect(exports.getByText(/Available until .*\(in 2[34] hours\)/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "subject-requests-laptop");

  const [file] = await Promise.all([page.waitForEvent("download"), download.first().click()]);
  expect(file.suggestedFilename()).toMatch(/^data-subject-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = unzipSync(new Uint8Array(await readFile((await file.path())!)));
  expect(Object.keys(zip).sort()).toEqual(["data.json", "summary.html"]);
  const data = JSON.parse(strFromU8(zip["data.json"]!)) as {
    person: { name: string };
    entries: { subject: string }[];
  };
  expect(data.person.name).toBe("Felix Roth");
  expect(data.entries.map((entry) => entry.subject)).toContain("Rückruf Eva Terminwunsch MAPLE");

  // The summary as the person would read it, from the file itself (on a blank page: the app's
  // own content security policy is not the file's).
  const summary = await page.context().newPage();
  await summary.setContent(strFromU8(zip["summary.html"]!));
  await expect(
    summary.getByRole("heading", { name: "What Ambit stores about Felix Roth" }),
  ).toBeVisible();
  await shoot(summary, SHOTS, "summary-laptop");
});

test("the data-subject requests in German on a phone", async ({ login, openBrowser }) => {
  const { page } = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("clara", { page });
  await page.goto("/compliance/subject-requests?q=felix");
  await expect(page.getByRole("heading", { name: "Auskunftsersuchen" })).toBeVisible();
  await page.getByRole("button", { name: "Daten von Felix Roth exportieren" }).click();
  await expect(page.getByText("Der Export für Felix Roth läuft")).toBeVisible();
  // Done when nothing in the list is waiting or running any more.
  const exports = page.getByTestId("subject-exports");
  await expect(exports.getByText("Wartet")).toHaveCount(0, { timeout: 60_000 });
  await expect(exports.getByTestId("export-progress")).toHaveCount(0);
  await expect(exports.getByText("Bereit")).toHaveCount(2);
  // The note that it started goes by itself: the list is what the shot is of.
  await expect(page.getByText("Der Export für Felix Roth läuft")).toBeHidden();
  await expect(page.getByLabel("Person suchen")).toHaveValue("felix");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "subject-requests-de-phone");
  await page.goto("/compliance");
  const figures = page.getByTestId("subject-request-figures");
  await expect(figures).toContainText("In Bearbeitung0");
  await expect(figures).toContainText("In den letzten 30 Tagen angefordert2");
  await shoot(page, SHOTS, "console-de-phone");
});

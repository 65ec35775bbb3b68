import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Issue 15, part 9: Clara checks how long Ambit keeps each kind of record and what is due. (The
// demo world is young: nothing is due, so no run here; the runs are in retention.test.ts.)

const SHOTS = "test-results/retention";

test("Clara reads the retention rules and the dry run, and a bad period is refused", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("clara");
  await page.goto("/compliance");
  await expect(page.getByTestId("console-retention")).toContainText("0 records due for deletion");
  await page.getByRole("link", { name: "Retention", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Retention", level: 1 })).toBeVisible();
  const rules = page.getByTestId("retention-rules");
  await expect(rules).toContainText("Business letters: 6 years (§ 257 (1) no. 2–3, (4) HGB");
  await expect(page.getByLabel("Years to keep History entries")).toHaveValue("6");
  // Shipped off: each rule says what it would take once on (nothing, in this young world).
  await expect(page.getByTestId("retention-due")).toContainText("0 past their period (rule off)");
  await expect(page.getByText("Nothing is due under the rules that are on.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Run retention now" })).toHaveCount(0);

  await page.getByLabel("Years to keep History entries").fill("0");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Enter a whole number of years from 1 to 30.")).toBeVisible();
  await expect(page.getByLabel("Years to keep History entries")).toHaveValue("0");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "retention-clara-laptop");

  const phone = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("clara", { page: phone.page });
  await phone.page.goto("/compliance/retention");
  await expect(phone.page.getByRole("heading", { name: "Aufbewahrung", level: 1 })).toBeVisible();
  await expect(phone.page.getByLabel("Jahre, die Historieneinträge aufbewahrt werden")).toHaveValue(
    "6",
  );
  expect(
    await phone.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
  ).toBeLessThanOrEqual(0);
  await shoot(phone.page, SHOTS, "retention-clara-de-phone");
});

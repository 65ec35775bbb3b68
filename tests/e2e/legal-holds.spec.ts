import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Legal holds (issue 15): Clara holds Felix Roth's data for a dispute, from the console, and
// releases the hold when the dispute is settled.

const SHOTS = "test-results/legal-holds";

test("Clara places a legal hold on Felix Roth and releases it", async ({ page, login }) => {
  await login("clara");
  await page.goto("/compliance");
  await page.getByRole("link", { name: "Legal holds" }).click();
  await expect(page.getByRole("heading", { name: "Legal holds", level: 1 })).toBeVisible();
  const reason = `Dispute over the chairs ${test.info().testId.slice(0, 6)}`;
  // Without a choice and a reason the hold is refused, next to each field.
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByText("Choose what the hold covers from the list.")).toBeVisible();
  await expect(page.getByText("Give a reason of a few words.")).toBeVisible();

  const target = page.getByRole("combobox", { name: "Contact person" });
  await target.fill("felix");
  await page
    .getByRole("listbox", { name: "Contact person" })
    .getByRole("option", { name: /Felix Roth/ })
    .click();
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Place hold" }).click();
  await expect(page.getByText("The legal hold is in force.")).toBeVisible();
  const hold = page.getByTestId("legal-holds").getByRole("listitem").filter({ hasText: reason });
  // The form starts afresh for the next hold.
  await expect(page.getByLabel("Reason")).toHaveValue("");
  await expect(page.getByText("Give a reason of a few words.")).toHaveCount(0);
  await expect(hold).toContainText("Contact person: Felix Roth");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "holds-clara-laptop");

  page.once("dialog", (dialog) => dialog.accept());
  await hold.getByRole("button", { name: "Release" }).click();
  await expect(page.getByText("The legal hold is released.")).toBeVisible();
  await expect(hold).toContainText("Released by Clara Vogt");
  await expect(hold.getByRole("button", { name: "Release" })).toHaveCount(0);
});

import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// Access reviews (issue 15, part 6): Clara starts a review of Umbau Gastraum; Anna finds it on
// her home page and recertifies each membership with a reason; Clara closes it and takes the
// report away. Every decision keeps its access, so the demo world stays as other stories need it.

const SHOTS = "test-results/access-reviews";

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("Clara starts a review, Anna decides on her phone in German, Clara closes it", async ({
  page,
  login,
  openBrowser,
}) => {
  await login("clara");
  await page.getByRole("link", { name: "Compliance", exact: true }).first().click();
  await page.getByRole("link", { name: "Access reviews" }).click();
  await expect(page.getByRole("heading", { name: "Access reviews", level: 1 })).toBeVisible();
  const title = `Gastraum ${test.info().testId.slice(0, 6)}`;
  await page.getByLabel("Name").fill(title);
  await page.getByLabel("What it covers").selectOption({ label: "One project" });
  await page
    .getByLabel("Project", { exact: true })
    .selectOption({ label: "Morgenrot – Umbau Gastraum" });
  await page.getByLabel("Last day").fill(inDays(14));
  await page.getByLabel("Keep the access").check();
  await shoot(page, SHOTS, "reviews-clara-laptop");
  await page.getByRole("button", { name: "Start review" }).click();

  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByTestId("review-summary")).toContainText("0 of 3 decided");
  await expect(page.getByTestId("review-item")).toHaveCount(3);

  // Anna, on her phone, in German: the review waits for her on her home page.
  const anna = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("anna", { page: anna.page });
  await anna.page.goto("/");
  const waiting = anna.page.getByTestId("home-reviews");
  await expect(waiting).toContainText("3 Mitgliedschaften bis");
  await waiting.getByRole("link", { name: title }).click();
  await expect(anna.page.getByRole("heading", { name: title })).toBeVisible();
  const lumen = anna.page.getByTestId("review-item").filter({ hasText: "Studio Lumen" });
  // A decision without a reason is refused, next to the reason, and nothing is lost.
  await lumen.getByLabel("Behalten").check();
  await lumen.getByRole("button", { name: "Entscheidung speichern" }).click();
  await expect(lumen).toContainText("Begründen Sie die Entscheidung in wenigen Worten.");
  await expect(lumen.getByLabel("Behalten")).toBeChecked();
  const overflow = () =>
    anna.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(anna.page, SHOTS, "review-anna-de-phone");
  await lumen.getByLabel("Begründung").fill("Arbeitet weiter am Farbkonzept");
  await lumen.getByRole("button", { name: "Entscheidung speichern" }).click();
  await expect(lumen.getByTestId("decided")).toContainText("Behalten von Anna Berg");
  await expect(lumen.getByTestId("decided")).toContainText("Arbeitet weiter am Farbkonzept");

  const holzwerk = anna.page.getByTestId("review-item").filter({ hasText: "Holzwerk Meyer KG" });
  await holzwerk.getByLabel("Behalten").check();
  await holzwerk.getByLabel("Begründung").fill("Liefert noch die Theke");
  await holzwerk.getByRole("button", { name: "Entscheidung speichern" }).click();
  await expect(holzwerk.getByTestId("decided")).toContainText("Liefert noch die Theke");

  // Clara closes it: the customer's undecided membership keeps its access by default.
  await page.reload();
  await expect(page.getByTestId("review-summary")).toContainText("2 of 3 decided");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Close the review now" }).click();
  await expect(page.getByText(/Closed on/).first()).toBeVisible();
  await expect(
    page
      .getByTestId("review-item")
      .filter({ hasText: "Café Morgenrot GmbH" })
      .getByTestId("decided"),
  ).toContainText("Kept by the review's default");
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "review-closed-clara-laptop");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Report as CSV" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain("Arbeitet weiter am Farbkonzept");
  expect(csv.trim().split(/\r?\n/)).toHaveLength(4);
});

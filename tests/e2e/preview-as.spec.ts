import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { shoot } from "./support/screenshot";

// "Preview as" (issue 15, part 5): Anna sees her project exactly as Studio Lumen and Holzwerk
// Meyer see it, from the project page, without becoming either of them.

const SHOTS = "test-results/preview-as";

test("Anna previews Umbau Gastraum as Studio Lumen, then as Holzwerk Meyer", async ({
  page,
  login,
}) => {
  await login("anna");
  await page.goto("/projects");
  await page.getByRole("link", { name: "Morgenrot – Umbau Gastraum" }).first().click();
  // Who can see the project, and why, with a way to look through each member's eyes.
  const explain = page.getByTestId("explain");
  await expect(explain).toContainText("Its live membership lets it into the project.");
  await expect(explain).toContainText("Sections: Contact history, Documents, Contact details");
  await shoot(page, SHOTS, "project-who-can-see-laptop");
  await explain.getByRole("link", { name: "See it as Studio Lumen does" }).click();

  const banner = page.getByTestId("preview-banner");
  await expect(banner).toContainText(
    "Preview: you see “Morgenrot – Umbau Gastraum” as Studio Lumen sees it.",
  );
  const entries = page.getByTestId("preview-entries");
  await expect(entries).toContainText("LUPIN");
  await expect(entries).not.toContainText("KESTREL");
  await expect(entries).not.toContainText("BIRCH");
  await expect(page.getByTestId("preview-documents")).toContainText("HERON");
  await expect(page.getByTestId("preview-documents")).not.toContainText("FALCON");
  await expect(page.getByTestId("preview-contacts")).toContainText("felix@cafe-morgenrot.example");
  // The page offers nothing to change: the only form is the choice of whom to preview as.
  await expect(page.locator("main form[method=post]")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shoot(page, SHOTS, "studio-lumen-laptop");

  // Another organisation: the page follows the choice at once.
  await page.getByLabel("Organisation").selectOption({ label: "Holzwerk Meyer KG" });
  await expect(banner).toContainText("as Holzwerk Meyer KG sees it");
  await expect(entries).toContainText("BIRCH");
  await expect(entries).not.toContainText("LUPIN");
  await expect(page.getByTestId("preview-documents")).toHaveCount(0);
  await expect(page.getByTestId("preview-access")).toContainText("Documents");
  await expect(page.getByTestId("preview-contacts")).toContainText("Email and phone hidden");
  await page.getByLabel("As", { exact: true }).selectOption({ label: "Jonas Meyer" });
  await expect(banner).toContainText("as Jonas Meyer (Holzwerk Meyer KG) sees it");

  await page.getByRole("link", { name: "End preview" }).click();
  await expect(page.getByTestId("preview-banner")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Morgenrot – Umbau Gastraum" })).toBeVisible();
});

test("Tom sees that Studio Lumen no longer opens Brandt – Empfang, in German on a phone", async ({
  login,
  openBrowser,
}) => {
  const { page } = await openBrowser({
    locale: "de-DE",
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await login("tom", { page });
  await page.goto("/projects");
  await page.getByRole("link", { name: "Brandt – Empfang" }).first().click();
  await page.getByRole("link", { name: "Mitglieder", exact: true }).click();
  await shoot(page, SHOTS, "members-de-phone");
  await page.getByRole("link", { name: "So ansehen, wie Studio Lumen es sieht" }).click();
  await expect(page.getByTestId("preview-closed")).toContainText(
    "Studio Lumen kann dieses Projekt nicht öffnen.",
  );
  await expect(page.getByTestId("preview-closed")).toContainText("abgelaufen");
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "expired-de-phone");

  await page.getByLabel("Organisation").selectOption({ label: "Kanzlei Brandt" });
  await expect(page.getByTestId("preview-requests")).toContainText("DELTA");
  await expect(page.getByTestId("preview-entries")).toContainText("QUARTZ");
  await expect(page.getByTestId("preview-entries")).not.toContainText("TUNDRA");
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shoot(page, SHOTS, "kanzlei-brandt-de-phone");
});

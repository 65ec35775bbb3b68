// The README's screenshots, taken from the running app on every run.
import path from "node:path";
import { expect, test } from "./support/fixtures";

const screenshotDir = path.resolve("docs/screenshots");

const sizes = [
  { name: "laptop", use: { viewport: { width: 1280, height: 800 } } },
  {
    name: "phone",
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  },
];

for (const size of sizes) {
  test.describe(`screenshots (${size.name})`, () => {
    test.use(size.use);

    test(`sign-in page, ${size.name}`, async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { name: "Sign in to Ambit" })).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `login-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });

    test(`Anna's home, ${size.name}`, async ({ page, login }) => {
      await login("anna");
      // Earlier stories leave Anna signed in elsewhere; end those so the picture is the same every run.
      await page.goto("/account/sessions");
      const others = page.getByRole("button", { name: "Sign out all other sessions" });
      if (await others.isVisible()) await others.click();
      await expect(page.getByTestId("session-row")).toHaveCount(1);

      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Welcome, Anna Berg" })).toBeVisible();
      await expect(page.getByText("1 active session.")).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `home-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });

    test(`Anna's contact history of a project, ${size.name}`, async ({ page, login }) => {
      await login("anna");
      await page.goto("/projects");
      await page.getByRole("link", { name: /Morgenrot – Umbau Gastraum/ }).click();
      await page.getByRole("link", { name: "History", exact: true }).click();
      await expect(page.getByRole("link", { name: /AURORA/ })).toBeVisible();
      // A second look: the picture shows no "new since your last visit" left by other stories.
      await page.reload();
      await expect(page.getByTestId("log-actions")).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `project-history-anna-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });

    test(`Jonas logs a call, ${size.name}`, async ({ page, login }) => {
      await login("jonas");
      await page.goto("/projects");
      await page.getByRole("link", { name: /Morgenrot – Umbau Gastraum/ }).click();
      await page.getByRole("link", { name: "History", exact: true }).click();
      await page.getByRole("link", { name: "Log a call" }).click();
      await expect(page.locator(".ProseMirror")).toBeVisible();
      await page.getByRole("checkbox", { name: /Felix Roth/ }).check();
      await page.getByLabel("Duration (minutes)").fill("6");
      await page.locator(".ProseMirror").click();
      await page.keyboard.type("Liefertermin für die Sitzbänke bestätigt.");
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `log-call-jonas-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
        fullPage: size.name === "laptop",
      });
    });

    test(`Anna searches, ${size.name}`, async ({ page, login }) => {
      await login("anna");
      await page.goto("/search?q=Eichenholz");
      await expect(page.getByRole("link", { name: /BIRCH/ })).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `search-anna-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });

    test(`Eva's contact history in German, ${size.name}`, async ({ page, login }) => {
      await login("eva");
      await page.goto("/projects");
      await page.getByRole("link", { name: /Morgenrot – Umbau Gastraum/ }).click();
      await page.getByRole("link", { name: "Kontakthistorie", exact: true }).click();
      await expect(page.getByRole("heading", { level: 2, name: "Kontakthistorie" })).toBeVisible();
      await expect(page.getByRole("link", { name: /AURORA/ })).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({
        path: path.join(screenshotDir, `project-history-eva-de-${size.name}.png`),
        animations: "disabled",
        caret: "hide",
      });
    });

    // Stories elsewhere change Umbau Gastraum's members, so the members picture is Brandt's.
    for (const [who, tab, project] of [
      ["tom", "Members", "Brandt – Empfang"],
      ["jonas", "Overview", "Morgenrot – Umbau Gastraum"],
    ] as const) {
      test(`${who}'s view of ${project} (${tab}), ${size.name}`, async ({ page, login }) => {
        await login(who);
        await page.goto("/projects");
        await page.getByRole("link", { name: new RegExp(project) }).click();
        await expect(page.getByRole("heading", { level: 1, name: project })).toBeVisible();
        if (tab === "Members") {
          await page.getByRole("link", { name: "Members", exact: true }).click();
          await expect(page.getByTestId("member-list")).toBeVisible();
        }
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: path.join(screenshotDir, `project-${tab.toLowerCase()}-${who}-${size.name}.png`),
          animations: "disabled",
          caret: "hide",
          fullPage: tab === "Members" && size.name === "laptop",
        });
      });
    }
  });
}

// Hydration in React's development build: only there does React compare every attribute the
// server rendered with what the browser renders (the production build checks text alone). Each
// persona walks the pages its navigation and project pages link to on `npm run dev`'s server, and
// any warning React prints (console.error, which fails every story) fails the walk.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { GASTRAUM } from "./support/history";
import { startOwnServer, type OwnServer } from "./support/own-server";
import type { UserKey } from "./support/users";

test.describe.configure({ mode: "serial" });

let server: OwnServer | undefined;

test.beforeAll(async () => {
  // Seeding, then Vite's first transform of the app: minutes on a loaded machine.
  test.setTimeout(300_000);
  server = await startOwnServer("development", { AMBIT_DEV_SERVER: "1" });
});

test.afterAll(async () => {
  await server?.stop();
});

// Files (previews, downloads, exports) and sign-out are no pages; the rest is worth a full load each.
const notAPage = /^\/(logout|documents|files|api)\/|\/(download|export)\b|\.(eml|csv|pdf|png)$/;

async function linksOn(page: Page) {
  const hrefs = await page
    .locator("a[href^='/']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.split("#")[0]!).filter((href) => href && !notAPage.test(href));
}

/** Loads `start`, then every page it links to, and the pages those link to, up to `limit`. */
async function walk(page: Page, start: string, limit: number) {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < limit) {
    const next = queue.shift()!;
    const pathOnly = next.split("?")[0]!;
    if (seen.has(pathOnly)) continue;
    seen.add(pathOnly);
    const response = await page.goto(next);
    expect(response?.status(), next).toBeLessThan(400);
    // Hydrated: the root sets this once React has taken over the page.
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
    queue.push(...(await linksOn(page)));
  }
  return [...seen];
}

// One of each kind of organisation: host staff, a partner, a customer.
const walkers: UserKey[] = ["anna", "lena", "eva"];

for (const person of walkers) {
  test(`${person}'s pages hydrate without a warning on the development server`, async ({
    openBrowser,
    login,
  }) => {
    test.setTimeout(300_000);
    const { page } = await openBrowser({ baseURL: server!.baseURL });
    await login(person, { page, waitForHydration: true });
    const visited = await walk(page, "/", 20);
    expect(visited.length).toBeGreaterThan(3);
  });
}

test("the members page hydrates with a member's scope panel open", async ({
  openBrowser,
  login,
}) => {
  test.setTimeout(300_000);
  const { page } = await openBrowser({ baseURL: server!.baseURL });
  await login("anna", { page, waitForHydration: true });
  await page.goto("/projects");
  await page.getByRole("link", { name: GASTRAUM }).click();
  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  const row = page.getByTestId("member-row").filter({ hasText: "Holzwerk Meyer KG" });
  await row.getByText("Change scope").click();
  await expect(row.getByLabel("Expires")).toBeVisible();
  await page.reload();
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  await expect(row).toContainText("Holzwerk Meyer KG");
});

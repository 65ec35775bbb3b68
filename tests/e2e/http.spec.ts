import { expect, test } from "./support/fixtures";

test("a cross-site POST is refused, a same-origin one is not", async ({ page, login, baseURL }) => {
  await login("eva");
  await expect(page.getByRole("heading", { name: "Welcome, Eva Roth" })).toBeVisible();

  // page.request shares the browser's cookies: a forged sign-out from another site.
  const forged = await page.request.post("/logout", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toBe("Cross-site requests are not allowed.");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome, Eva Roth" })).toBeVisible();

  const own = await page.request.post("/logout", {
    headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(302);
  expect(own.headers()["location"]).toBe("/login");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("healthz answers 200 with status ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({ status: "ok" });
});

test.describe("an unknown address", () => {
  // The document itself answers 404, which the browser reports on the console; nothing else may.
  test.use({ allowedProblems: [{ text: /status of 404 \(Not Found\)/, url: /\/no-such-page$/ }] });

  test("shows the friendly not-found page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
    await expect(
      page.getByText("It may have moved, or you may not have access to it."),
    ).toBeVisible();
    await page.getByRole("link", { name: "Back to home" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});

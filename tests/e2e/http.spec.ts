import { request as httpRequest } from "node:http";
import { expect, test } from "./support/fixtures";

type RawAnswer = { status: number; type: string; body: string };

/**
 * A POST with exactly these headers, Host included (which browsers and fetch() will not let a
 * test choose): a browser that reached the server under another name than APP_URL's.
 */
function rawPost(baseURL: string, path: string, headers: Record<string, string>) {
  const url = new URL(path, baseURL);
  return new Promise<RawAnswer>((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers["content-type"] ?? "",
            body,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end("");
  });
}

test("a cross-site POST is refused, a same-origin one is not", async ({ page, login, baseURL }) => {
  await login("eva");
  await expect(page.getByRole("heading", { name: "Willkommen, Eva Roth" })).toBeVisible();

  // page.request shares the browser's cookies: a forged sign-out from another site.
  const forged = await page.request.post("/logout", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  // A bare request names no language and Express answers before any session is read: the
  // host's default, German.
  expect(await forged.text()).toBe("Websiteübergreifende Anfragen sind nicht zulässig.");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Willkommen, Eva Roth" })).toBeVisible();

  const own = await page.request.post("/logout", {
    headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(302);
  expect(own.headers()["location"]).toBe("/login");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test.describe("an Origin naming another host than the one the browser reached", () => {
  test("is refused as cross-site (403), never answered 500", async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    const appUrl = new URL(baseURL!).origin; // APP_URL, http://127.0.0.1:<port>
    // The browser reached the server as localhost while APP_URL names 127.0.0.1 (or the reverse).
    for (const fetchSite of [undefined, "same-origin"]) {
      const headers = {
        Host: `localhost:${port}`,
        Origin: appUrl,
        // As a browser says it; without it the host's default language (German) answers.
        "Accept-Language": "en-GB",
        ...(fetchSite ? { "Sec-Fetch-Site": fetchSite } : {}),
      };
      const plain = await rawPost(baseURL!, "/logout", { ...headers, Accept: "*/*" });
      expect(plain).toMatchObject({ status: 403, body: "Cross-site requests are not allowed." });
      const page = await rawPost(baseURL!, "/logout", {
        ...headers,
        Accept: "text/html,application/xhtml+xml,*/*;q=0.8",
      });
      expect(page.status).toBe(403);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.body).toContain("This form came from somewhere else");
    }
    // An Origin that is no URL at all (Remix would throw on it too).
    const garbled = await rawPost(baseURL!, "/logout", { Origin: "not a url" });
    expect(garbled.status).toBe(403);
  });

  test("same-origin posts through 127.0.0.1 and through localhost still work", async ({
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const answer = await rawPost(baseURL!, "/logout", {
        Host: host,
        Origin: `http://${host}`,
        "Sec-Fetch-Site": "same-origin",
      });
      // Sign-out without a session: straight to the sign-in page.
      expect(answer.status, host).toBe(302);
    }
  });
});

test.describe("a form another site sends", () => {
  // The refused document answers 403, which the browser reports on the console; nothing else may.
  test.use({ allowedProblems: [{ text: /status of 403 \(Forbidden\)/ }] });

  test("shows the friendly refusal page", async ({ page, baseURL }) => {
    await page.setContent(
      `<form method="post" action="${baseURL}/logout"><button>Send</button></form>`,
    );
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "Send" }).click();
    expect((await answered).status()).toBe(403);
    await expect(
      page.getByRole("heading", { name: "This form came from somewhere else" }),
    ).toBeVisible();
    await expect(page.getByText(/only accepts forms sent from its own pages/)).toBeVisible();
    await page.getByRole("link", { name: "Back to home" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});

test("signed-in pages are never cached; static assets keep their long cache", async ({
  page,
  login,
}) => {
  await login("anna");
  const home = await page.goto("/");
  expect(home?.headers()["cache-control"]).toBe("private, no-store");
  const data = await page.request.get("/projects.data");
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("private, no-store");
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expect(stylesheet).toMatch(/^\/assets\//);
  const asset = await page.request.get(stylesheet!);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
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

import { defineConfig, devices } from "@playwright/test";
import { TEST_WEBHOOK_SECRET } from "./tests/support/fake-resend";

// End-to-end stories against the built app on an embedded database of its own. One worker: every
// test shares that one database (and its sign-in throttles), so nothing runs in parallel.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? ".cache/e2e-data";
/** The stand-in for Resend's API the app sends its mail to (tests/e2e/fake-resend-server.ts). */
export const fakeResendUrl = `http://127.0.0.1:${port + 1}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Sized for a loaded 2-core CI box, where one page can take seconds; a test never waits for a
  // time, only for what the page shows, so a quiet machine still finishes as fast as it can.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: "list",
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // Without these Chromium keeps dialling out to a network it cannot reach.
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: [
    {
      command: "npx tsx tests/e2e/fake-resend-server.ts",
      env: { FAKE_RESEND_PORT: String(port + 1) },
      url: `${fakeResendUrl}/__calls`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A fresh database with the demo world and the e2e users, then `npm start` in test mode (it
      // builds when the build is missing or stale, and serves it) trusting X-Forwarded-For, so
      // every test can sign in from an address of its own.
      command: ["npx tsx tests/e2e/prepare.ts", "NODE_ENV=test npm start"].join(" && "),
      env: {
        E2E_DATA_DIR: dataDir,
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: String(port),
        APP_URL: baseURL,
        TRUST_PROXY: "1",
        LOG_LEVEL: "warn",
        // Mail goes to the fake Resend (and is still kept in the outbox the stories read).
        RESEND_API_KEY: "re_e2e_test_key",
        RESEND_BASE_URL: fakeResendUrl,
        RESEND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      },
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      timeout: 300_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});

import { defineConfig, devices } from "@playwright/test";

// End-to-end stories against the built app on an embedded database of its own. One worker: every
// test shares that one database (and its sign-in throttles), so nothing runs in parallel.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? ".cache/e2e-data";

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
  webServer: {
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
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});

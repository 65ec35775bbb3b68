import { availableParallelism } from "node:os";
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Separate from vite.config.ts so the Remix plugin never loads under vitest.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Vitest's default is one worker less than there are cores, which on a 2-core CI machine is
    // one: every file would run after the other on one core while the other one idles. Test
    // files are independent (each has its own database, and tests that look into a data folder
    // make their own), so use at least two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      // Tests pass their own mail transport and database; nothing reaches a real service.
      RESEND_API_KEY: "",
      DATABASE_URL: "",
    },
    setupFiles: ["tests/support/setup-console.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

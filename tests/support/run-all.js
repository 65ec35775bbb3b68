// `npm test`: every suite in one go — vitest (unit + integration), then Playwright (e2e).
// Ends with one line, `N passed, N failed`, summed from the runners' JSON reports. A runner that
// fails without reporting a failed test (a crash, a config error, no tests found) counts as one
// failure, so the line never says "0 failed" when the exit code says otherwise.
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(
    `Chromium was not found at ${chromium}; the end-to-end tests need it.\n` +
      `Install it with:  apt-get install -y chromium\n` +
      `(or point CHROMIUM_PATH at an existing Chromium binary).`,
  );
  process.exit(1);
}

const reports = mkdtempSync(path.join(tmpdir(), "ambit-test-reports-"));
const results = [];

try {
  const vitestReport = path.join(reports, "vitest.json");
  results.push(
    await runSuite({
      name: "vitest",
      command: [
        path.join(root, "node_modules/vitest/vitest.mjs"),
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${vitestReport}`,
      ],
      count: () => {
        const report = JSON.parse(readFileSync(vitestReport, "utf8"));
        return { passed: report.numPassedTests, failed: report.numFailedTests };
      },
    }),
  );

  const playwrightReport = path.join(reports, "playwright.json");
  const hasConfig = ["ts", "js", "mjs"].some((ext) =>
    existsSync(path.join(root, `playwright.config.${ext}`)),
  );
  if (!hasConfig) {
    console.log("\nNo playwright.config.ts yet: the e2e run below will find no tests and fail.");
  }
  results.push(
    await runSuite({
      name: "playwright",
      command: [
        path.join(root, "node_modules/@playwright/test/cli.js"),
        "test",
        "--reporter=list,json",
        // Without a config Playwright would search the whole repo and pick up vitest's files.
        ...(hasConfig ? [] : ["tests/e2e/"]),
      ],
      env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport, CHROMIUM_PATH: chromium },
      count: () => {
        const { stats } = JSON.parse(readFileSync(playwrightReport, "utf8"));
        return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
      },
    }),
  );
} finally {
  rmSync(reports, { recursive: true, force: true });
}

console.log("");
for (const result of results) {
  const seconds = (result.ms / 1000).toFixed(1);
  const note = result.note ? ` — ${result.note}` : "";
  console.log(
    `${result.name}: ${result.passed} passed, ${result.failed} failed, exit code ${result.code}, ${seconds}s${note}`,
  );
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((result) => result.code === 0) && failed === 0 ? 0 : 1);

/**
 * Runs one test runner with the same Node as this script, its output passing straight through,
 * and reads its counts from the report it wrote.
 */
async function runSuite({ name, command, env = {}, count }) {
  console.log(`\n> ${name} ${command.slice(1).join(" ")}\n`);
  const started = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, command, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("error", (error) => {
      console.error(`${name} could not start: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  const ms = performance.now() - started;

  let counts = { passed: 0, failed: 0 };
  let note;
  try {
    counts = count();
  } catch {
    note = "no report was written";
  }
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    note ??= "failed without reporting a failed test";
  }
  return { name, code, ms, note, ...counts };
}

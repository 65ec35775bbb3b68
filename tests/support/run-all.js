// `npm test`: every suite in one go — vitest (unit + integration), then Playwright (e2e).
// Ends with one line, `N passed, N failed, N skipped, N did not run`, summed from the runners'
// JSON reports. A runner that fails without reporting a failed test (a crash, a config error, no
// tests found) counts as one failure, so the line never says "0 failed" when the exit code says
// otherwise; tests a runner listed but never reported on (a server that did not start, an
// interrupted run) count as "did not run".
import { spawn, spawnSync } from "node:child_process";
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
        const skipped = report.numPendingTests + report.numTodoTests;
        return {
          passed: report.numPassedTests,
          failed: report.numFailedTests,
          skipped,
          notRun: Math.max(
            0,
            report.numTotalTests - report.numPassedTests - report.numFailedTests - skipped,
          ),
        };
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
  const listed = listPlaywrightTests(hasConfig);
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
        const reported = stats.expected + stats.flaky + stats.unexpected + stats.skipped;
        return {
          passed: stats.expected + stats.flaky,
          failed: stats.unexpected,
          skipped: stats.skipped,
          notRun: Math.max(0, listed - reported),
        };
      },
      listed,
    }),
  );
} finally {
  rmSync(reports, { recursive: true, force: true });
}

console.log("");
for (const result of results) {
  const seconds = (result.ms / 1000).toFixed(1);
  const note = result.note ? ` — ${result.note}` : "";
  console.log(`${result.name}: ${summary(result)}, exit code ${result.code}, ${seconds}s${note}`);
}
const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
console.log(
  summary({
    passed: total("passed"),
    failed: total("failed"),
    skipped: total("skipped"),
    notRun: total("notRun"),
  }),
);
const clean = total("failed") === 0 && total("notRun") === 0;
process.exit(results.every((result) => result.code === 0) && clean ? 0 : 1);

function summary({ passed, failed, skipped, notRun }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped, ${notRun} did not run`;
}

/**
 * How many tests Playwright finds (listing starts no web server): the ones it never reports on
 * did not run.
 */
function listPlaywrightTests(hasConfig) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/@playwright/test/cli.js"),
      "test",
      "--list",
      "--reporter=json",
      ...(hasConfig ? [] : ["tests/e2e/"]),
    ],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    const countSpecs = (suite) =>
      (suite.specs ?? []).reduce((sum, spec) => sum + spec.tests.length, 0) +
      (suite.suites ?? []).reduce((sum, child) => sum + countSpecs(child), 0);
    return JSON.parse(result.stdout).suites.reduce((sum, suite) => sum + countSpecs(suite), 0);
  } catch {
    return 0;
  }
}

/**
 * Runs one test runner with the same Node as this script, its output passing straight through,
 * and reads its counts from the report it wrote.
 */
async function runSuite({ name, command, env = {}, count, listed }) {
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

  // A runner that wrote no report ran nothing we can vouch for.
  let counts = { passed: 0, failed: 0, skipped: 0, notRun: listed ?? 0 };
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

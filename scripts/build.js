// The production build (`npm run build`) and the check `npm start` makes before serving it: the
// build is redone when it is missing or when any source it was made from has changed since.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(root, "build");
const fingerprintFile = path.join(buildDir, ".source-fingerprint");

/** What the bundles are made of: the app's folders and the configuration that shapes them. */
const SOURCE_FOLDERS = ["app", "db", "policies", "emails", "public"];
const SOURCE_FILES = ["vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"];
const SKIPPED = new Set(["node_modules", ".data", ".cache", "build"]);

function* filesUnder(folder) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** A hash of every source file's path and content (contents, not times: a fresh clone has new times). */
export function sourceFingerprint() {
  const files = [
    ...SOURCE_FOLDERS.flatMap((folder) => [...filesUnder(path.join(root, folder))]),
    ...SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Why the build must be redone, or null when build/ was made from the sources as they are. */
export function staleReason() {
  if (!existsSync(path.join(buildDir, "server", "index.js"))) return "there is no build yet";
  if (!existsSync(fingerprintFile)) return "the last build did not finish";
  const recorded = readFileSync(fingerprintFile, "utf8").trim();
  return recorded === sourceFingerprint() ? null : "the sources changed since the last build";
}

// Vite's own lines worth showing while it works; the per-file size table is left out.
const PHASES = [
  [/building SSR bundle/, "server bundle"],
  [/building for production/, "browser bundle"],
  [/(\d+) modules transformed/, (match) => `${match[1]} modules transformed`],
  [/built in ([\d.]+\s*m?s)/, (match) => `done in ${match[1]}`],
];

/**
 * Runs the Remix/Vite production build with a line per phase, and records the sources'
 * fingerprint only once it succeeded.
 */
export async function build({ say = (line) => console.log(line) } = {}) {
  const fingerprint = sourceFingerprint();
  rmSync(fingerprintFile, { force: true });
  const started = performance.now();
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
      {
        cwd: root,
        // The browser bundle is always a production bundle, whatever mode the server runs in.
        env: { ...process.env, NODE_ENV: "production", NO_COLOR: "1", FORCE_COLOR: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const onData = (chunk) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (!line.trim()) continue;
        output.push(line);
        for (const [pattern, label] of PHASES) {
          const match = line.match(pattern);
          if (match) say(`    ${typeof label === "function" ? label(match) : label}`);
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => {
      output.push(error.message);
      resolve(1);
    });
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) {
    throw new Error(`The build failed:\n${output.slice(-60).join("\n")}`);
  }
  writeFileSync(fingerprintFile, `${fingerprint}\n`);
  return { seconds: (performance.now() - started) / 1000 };
}

const buildLock = path.join(root, ".cache", "build.lock");

/**
 * The living process a lock file names (0 while its holder is still writing its pid), or null
 * when it has died.
 */
function lockHolderOf(file) {
  const pid = Number(readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    return Date.now() - statSync(file).mtimeMs < 60_000 ? 0 : null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return error.code === "EPERM" ? pid : null;
  }
}

/**
 * Runs `work` while no other process of this checkout builds: two app processes started at once
 * (tests, a second terminal) must not write build/ over each other. The lock is a file only one
 * process can create, naming its pid; a lock whose process has died (a killed build) is moved
 * aside, atomically, and taken.
 */
export async function whileHoldingBuildLock(work, { say = (line) => console.log(line) } = {}) {
  mkdirSync(path.dirname(buildLock), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      writeFileSync(buildLock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder;
    try {
      holder = lockHolderOf(buildLock);
    } catch (error) {
      if (error.code === "ENOENT") continue; // released meanwhile
      throw error;
    }
    if (holder === null) {
      const aside = `${buildLock}.${process.pid}.stale`;
      try {
        renameSync(buildLock, aside);
      } catch (error) {
        if (error.code === "ENOENT") continue;
        throw error;
      }
      // Another waiter may have cleared the dead lock and taken a fresh one just before our
      // rename: a living holder gets its lock back (a link never replaces a file).
      if (lockHolderOf(aside) !== null) {
        try {
          linkSync(aside, buildLock);
        } catch (error) {
          if (error.code !== "EEXIST") throw error;
        }
      }
      rmSync(aside, { force: true });
      continue;
    }
    if (!waiting) say("  Build: waiting for another process's build to finish…");
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await work();
  } finally {
    if (lockHolderIsUs()) rmSync(buildLock, { force: true });
  }
}

function lockHolderIsUs() {
  try {
    return Number(readFileSync(buildLock, "utf8").trim()) === process.pid;
  } catch {
    return false;
  }
}

/** Builds when the build is missing or stale; says why and how long it took. */
export async function ensureBuild({ say = (line) => console.log(line) } = {}) {
  if (!staleReason()) {
    say("  Build: up to date");
    return;
  }
  await whileHoldingBuildLock(
    async () => {
      // Asked again under the lock: another process may have just built the same sources.
      const reason = staleReason();
      if (!reason) {
        say("  Build: up to date");
        return;
      }
      say(`  Build: building the app, because ${reason} (this takes a minute or two)…`);
      const { seconds } = await build({ say });
      say(`  Build: ready in ${seconds.toFixed(0)} s`);
    },
    { say },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log("Building Ambit for production…");
    const { seconds } = await whileHoldingBuildLock(() => build());
    console.log(`Built in ${seconds.toFixed(0)} s.`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

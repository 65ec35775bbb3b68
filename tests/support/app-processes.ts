// Real app processes for tests that need more than one: server.js on the production build, on a
// free port, against a database given by URL, stopped for sure when the test ends.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export type AppProcess = {
  name: string;
  baseURL: string;
  /** Everything the process wrote so far (its JSON log lines and any plain errors). */
  output: () => string;
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type Finished = { code: number | null; stdout: string; stderr: string };

/** Runs a Node script from the checkout to its end with the project's Node. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<Finished>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run audit:verify` and the other operator commands, as the npm scripts run them. */
export function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return runNode([path.join(root, "node_modules/tsx/dist/cli.mjs"), "app/cli.ts", ...args], env);
}

/**
 * Builds the app when build/ is missing or older than the sources (as `npm start` does), so the
 * processes never serve code other than the checkout's.
 */
export async function ensureAppBuild() {
  const script = `import("./scripts/build.js").then((build) => build.ensureBuild({ say: () => {} }))`;
  const result = await runNode(["--input-type=module", "-e", script]);
  if (result.code !== 0) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  // server.js gives itself 10 s to finish its requests and jobs; past that it is stuck.
  const stuck = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(stuck);
}

/**
 * Starts server.js with `env` on a free port of 127.0.0.1 and resolves once /healthz answers.
 * The caller stops it; a process that exits or never answers is stopped here and reported with
 * what it wrote.
 */
export async function startAppProcess(
  name: string,
  env: Record<string, string>,
  { deadlineMs = 90_000 } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: baseURL,
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
      ...env,
      NODE_ENV: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const app: AppProcess = { name, baseURL, output: () => output, stop: () => stopChild(child) };

  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app process ${name} exited:\n${output}`);
    const healthy = await fetch(`${baseURL}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return app;
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`app process ${name} did not answer /healthz in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

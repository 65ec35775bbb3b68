// A spec that must not touch the shared e2e database (the XSS corpus) or that needs another kind
// of server (Vite's development server) starts a server of its own: a fresh database prepared
// like the shared one, on a free port, stopped and removed when the spec ends.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, runNode } from "../../support/app-processes";

export type OwnServer = { baseURL: string; stop: () => Promise<void> };

/**
 * Prepares a database named after `name` (tests/e2e/prepare.ts, with `env` added) and starts
 * server.js on it; resolves once /healthz answers. Takes minutes on a loaded machine.
 */
export async function startOwnServer(
  name: string,
  env: Record<string, string> = {},
): Promise<OwnServer> {
  const dataDir = path.resolve(`${process.env.E2E_DATA_DIR ?? ".cache/e2e-data"}-${name}`);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const fullEnv = {
    ...process.env,
    E2E_DATA_DIR: dataDir,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: baseURL,
    TRUST_PROXY: "1",
    LOG_LEVEL: "warn",
    ...env,
    NODE_ENV: "test" as const,
  };
  const prepared = await runNode(
    ["node_modules/tsx/dist/cli.mjs", "tests/e2e/prepare.ts"],
    fullEnv,
  );
  if (prepared.code !== 0) throw new Error(`preparing the ${name} database: ${prepared.stderr}`);
  const server: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: fullEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  server.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));

  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the ${name} server stopped: ${log}`);
    const healthy = await fetch(`${baseURL}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { baseURL, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${name} server did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

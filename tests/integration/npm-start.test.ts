import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";

// `npm start` as a new user meets it: the launcher builds when needed, serves the production
// build (no Vite development server), migrates and seeds a fresh embedded database, and says
// where to sign in. A second start on the same data neither rebuilds nor seeds again.

const dataDir = mkdtempSync(path.join(tmpdir(), "ambit-npm-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs `scripts/start.js` (what `npm start` runs) until it says it is ready. */
async function start(port: number) {
  // Not the test's NODE_ENV: `npm start` on a fresh machine has none.
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: undefined,
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
  };
  const child = spawn(process.execPath, ["scripts/start.js"], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      // The last line of the ready message: everything before it has been written.
      if (output.includes("Stop with Ctrl+C.")) resolve();
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return { child, output: () => output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("npm start", () => {
  test(
    "serves the production build with the demo world and says where to sign in",
    {
      timeout: 600_000,
    },
    async () => {
      const port = await freePort();
      const first = await start(port);
      try {
        const said = first.output();
        expect(said).toMatch(/Build: (up to date|ready in \d+ s)/);
        expect(said).toContain("Database: migrations applied");
        expect(said).toContain("Demo world: history entries");
        expect(said).toContain("Demo world: seeded");
        expect(said).toContain(`Ambit is ready: open http://localhost:${port}`);
        expect(said).toContain(
          "Sign in as anna@hansen.example (account manager) with the password ambit-demo-2026",
        );

        const page = await fetch(`http://127.0.0.1:${port}/login`);
        expect(page.status).toBe(200);
        const html = await page.text();
        // The development server injects its client and serves sources; the build links bundles.
        expect(html).not.toContain("/@vite/client");
        expect(html).not.toContain("/app/root.tsx");
        const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
        expect(asset).toBeDefined();
        const script = await fetch(`http://127.0.0.1:${port}${asset}`);
        expect(script.status).toBe(200);
        expect(script.headers.get("cache-control")).toContain("immutable");
      } finally {
        await stop(first.child);
      }

      const again = await start(port);
      try {
        expect(again.output()).toContain("Build: up to date");
        expect(again.output()).not.toContain("Demo world: seeded");
        expect(again.output()).toContain("Sign in as anna@hansen.example");
      } finally {
        await stop(again.child);
      }
    },
  );
});

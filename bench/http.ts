import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSession } from "~/kernel/session.server";

/** `npm run build`, under the lock the e2e runs take, so two builds never write build/ at once. */
export function buildApp() {
  const result = spawnSync("flock", ["/tmp/ambit-e2e.lock", "npm", "run", "build"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0)
    throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}

/** The built app in production mode on our own port, against the bench database. */
export async function startServer(databaseUrl: string, port: number, dataDir: string) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: baseUrl,
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The server did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A signed-in browser of `userId`: a session made by the app's own session service. */
export async function sessionCookie(userId: string) {
  const { token } = await createSession(userId, {
    ip: "127.0.0.1",
    userAgent: "ambit-bench",
    twoFactorVerified: true,
  });
  return `ambit_session=${token}`;
}

/** GET a page as a browser would (gzip), and check its status; returns the HTML. */
export async function getPage(url: string, cookie: string, status: number) {
  const response = await fetch(url, {
    headers: { cookie, accept: "text/html", "accept-encoding": "gzip" },
    redirect: "manual",
  });
  const html = await response.text();
  if (response.status !== status) {
    throw new Error(`GET ${url} answered ${response.status}, expected ${status}`);
  }
  return html;
}

import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL cluster in a temp dir, started like tests/support/postgres-server.sh
 * does (Debian's binaries, trust auth on 127.0.0.1, run as `postgres` when we are root), with
 * memory and WAL settings for a bulk load of a few GB instead of the defaults.
 */
export type Cluster = { url: string; dir: string; version: string; stop: () => void };

const SETTINGS: Record<string, string> = {
  fsync: "off",
  full_page_writes: "off",
  shared_buffers: "1GB",
  effective_cache_size: "4GB",
  maintenance_work_mem: "512MB",
  max_wal_size: "8GB",
  checkpoint_timeout: "30min",
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "top",
  // Planning is part of what a statement costs the page.
  "pg_stat_statements.track_planning": "on",
};

function pgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = readdirSync("/usr/lib/postgresql")
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) {
    throw new Error("PostgreSQL server binaries not found: apt-get install -y postgresql");
  }
  return `/usr/lib/postgresql/${newest}/bin`;
}

const root = process.getuid?.() === 0;

function runAsPg(command: string, args: string[]) {
  const [file, argv] = root
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { cwd: "/", encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed:\n${result.stdout}${result.stderr}`);
  }
}

/** The first free port of 127.0.0.1 in [from, to]. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}-${to}`);
}

export async function startCluster(port: number): Promise<Cluster> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(tmpdir(), "ambit-bench-pg-"));
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  runAsPg(`${bin}/initdb`, [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  const options = [
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
    ...Object.entries(SETTINGS).map(([name, value]) => `-c ${name}=${value}`),
  ].join(" ");
  runAsPg(`${bin}/pg_ctl`, [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-s",
    "-o",
    options,
    "start",
  ]);
  const version = execFileSync(`${bin}/postgres`, ["--version"], { encoding: "utf8" }).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    version,
    stop: () => {
      try {
        runAsPg(`${bin}/pg_ctl`, ["-D", data, "-m", "fast", "-w", "-s", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

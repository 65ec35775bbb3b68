import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { DEMO_PASSWORD } from "#db/seed/demo-world";
import { STORAGE_SWEEP } from "~/kernel/jobs/jobs.server";
import { SESSION_COOKIE } from "~/kernel/cookies.server";
import { parseEnv } from "~/kernel/env.server";
import { ensureAppBuild, runCli, startAppProcess, type AppProcess } from "../support/app-processes";
import { createTemplateCopy } from "../support/database";

// Nothing that matters may live in one process's memory: two app processes on one PostgreSQL
// database, reached over HTTP like a load balancer would, must behave as one app.

const template = inject("testDatabase");

// The servers read the same settings as this test, so the limits are the ones they enforce.
const limits = parseEnv({ ...process.env, NODE_ENV: "test" });
const ANNA = "anna@hansen.example";

/** A stored name the sweep never removes but warns about, once per run. */
const FOREIGN_FILE = "Left By Someone Else.txt";

type Answer = { status: number; location: string | null; setCookies: string[]; text: string };

async function send(
  app: AppProcess,
  pathname: string,
  options: { ip: string; cookie?: string; form?: Record<string, string> },
): Promise<Answer> {
  const headers = new Headers({
    // TRUST_PROXY=1: the address a proxy in front of both processes would pass on.
    "X-Forwarded-For": options.ip,
    "Accept-Language": "en-GB",
    Accept: "text/html",
  });
  if (options.cookie) headers.set("Cookie", options.cookie);
  // A browser's form post names its own origin; the app refuses posts from other sites.
  if (options.form) headers.set("Origin", app.baseURL);
  const response = await fetch(new URL(pathname, app.baseURL), {
    method: options.form ? "POST" : "GET",
    headers,
    body: options.form ? new URLSearchParams(options.form) : undefined,
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    setCookies: response.headers.getSetCookie(),
    text: await response.text(),
  };
}

type Outcome = "signed-in" | "invalid" | "throttled" | "locked" | `unexpected: ${string}`;

/** What a person at `ip` is told after typing `email` and `password` into the form. */
async function signIn(app: AppProcess, email: string, password: string, ip: string) {
  const answer = await send(app, "/login", { ip, form: { email, password } });
  return { outcome: outcomeOf(answer), answer };
}

function outcomeOf(answer: Answer): Outcome {
  const { status, text } = answer;
  if (status === 302 && answer.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`)))
    return "signed-in";
  if (status === 200 && text.includes("do not match an account")) return "invalid";
  if (status === 429 && text.includes("Too many failed sign-in attempts from your network"))
    return "throttled";
  if (status === 429 && text.includes("This account is locked")) return "locked";
  return `unexpected: ${status} ${text.slice(0, 200)}`;
}

const attemptOn = async (app: AppProcess, email: string, password: string, ip: string) =>
  (await signIn(app, email, password, ip)).outcome;

async function sessionCookie(app: AppProcess, email: string, ip: string) {
  const { outcome, answer } = await signIn(app, email, DEMO_PASSWORD, ip);
  expect(outcome).toBe("signed-in");
  const cookie = answer.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
  return cookie.split(";")[0]!;
}

const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, outcome) => {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  }, {});

/** The one row a query answers with. */
function one<T>(rows: readonly T[]): T {
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0]!;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function pollUntil<T>(what: string, check: () => Promise<T | undefined>, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(template.kind === "postgres")(
  "two app processes on one PostgreSQL database (TEST_DATABASE_URL only)",
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    let databaseUrl = "";
    let sql: postgres.Sql;
    let a: AppProcess;
    let b: AppProcess;
    let apps: [AppProcess, AppProcess];
    /** The process of the i-th request when requests alternate between the two. */
    const either = (i: number) => apps[i % 2]!;

    beforeAll(async () => {
      await ensureAppBuild();
      const database = await createTemplateCopy(template);
      cleanups.push(database.drop);
      databaseUrl = database.url;
      sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
      cleanups.push(() => sql.end({ timeout: 5 }));

      // One storage for both, as a cluster shares its files; the sweep warns about this file.
      const dataDir = await mkdtemp(path.join(tmpdir(), "ambit-two-processes-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const foreign = path.join(dataDir, "files", "zz", FOREIGN_FILE);
      await mkdir(path.dirname(foreign), { recursive: true });
      await writeFile(foreign, "not ours");
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(foreign, twoHoursAgo, twoHoursAgo);

      // Both start at once on a database whose job queue does not exist yet.
      const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
      const started = await Promise.allSettled([
        startAppProcess("A", env),
        startAppProcess("B", env),
      ]);
      for (const result of started) {
        if (result.status === "fulfilled") cleanups.push(result.value.stop);
      }
      for (const result of started) if (result.status === "rejected") throw result.reason;
      [a, b] = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value) as [
        AppProcess,
        AppProcess,
      ];
      apps = [a, b];

      // The hourly sweep, every minute instead, so a period passes while the test runs. Both
      // processes registered the schedule at start-up; changing its row changes it for both.
      await sql`update pgboss.schedule set cron = '* * * * *' where name = ${STORAGE_SWEEP}`;
    }, 300_000);

    afterAll(async () => {
      // Processes before the database: dropping it under them would only make them log errors.
      // Every step runs even when one fails, so nothing is left running or stored.
      const failed: unknown[] = [];
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((error) => failed.push(error));
      if (failed.length) throw failed[0];
    }, 60_000);

    test("a session opened on one process works on the other; signing out there ends it on both", async () => {
      const ip = "198.51.100.1";
      const cookie = await sessionCookie(a, ANNA, ip);

      const home = await send(b, "/", { ip, cookie });
      expect(home.status).toBe(200);
      expect(home.text).toContain("Welcome, Anna Berg");

      const signOut = await send(b, "/logout", { ip, cookie, form: {} });
      expect(signOut.status).toBe(302);
      expect(signOut.location).toBe("/login");

      const afterwards = await send(a, "/", { ip, cookie });
      expect(afterwards.status).toBe(302);
      expect(afterwards.location).toMatch(/^\/login/);
    });

    test("failed sign-ins alternating between the processes are throttled and locked at the same count as on one", async () => {
      const perIp = limits.LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE;
      const threshold = limits.LOGIN_LOCKOUT_THRESHOLD;

      // One address guessing at many accounts: throttled after its per-minute budget.
      const fromOneIp: Outcome[] = [];
      for (const i of range(perIp + 1)) {
        fromOneIp.push(
          await attemptOn(either(i), `wanderer-${i}@nowhere.example`, "nope", "203.0.113.10"),
        );
      }
      expect(fromOneIp).toEqual([...Array<Outcome>(perIp).fill("invalid"), "throttled"]);

      // Many addresses guessing at one account, with or without a user behind it: the guess that
      // reaches the threshold locks it, and then even the right password is refused on both.
      for (const email of ["tom@hansen.example", "nobody@nowhere.example"]) {
        const guesses: Outcome[] = [];
        for (const i of range(threshold)) {
          guesses.push(await attemptOn(either(i), email, `guess-${i}`, `192.0.2.${i + 1}`));
        }
        expect(guesses).toEqual([...Array<Outcome>(threshold - 1).fill("invalid"), "locked"]);
        expect(await attemptOn(a, email, DEMO_PASSWORD, "192.0.2.201")).toBe("locked");
        expect(await attemptOn(b, email, DEMO_PASSWORD, "192.0.2.202")).toBe("locked");
      }
    });

    test("a burst of parallel guesses split over both processes gets no more checks than one at a time", async () => {
      const perIp = limits.LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE;
      const threshold = limits.LOGIN_LOCKOUT_THRESHOLD;
      const burst = 2 * Math.max(perIp, threshold) + 4;

      const fromOneIp = await Promise.all(
        range(burst).map((i) =>
          attemptOn(either(i), `burst-${i}@nowhere.example`, "nope", "203.0.113.20"),
        ),
      );
      expect(tally(fromOneIp)).toEqual({ invalid: perIp, throttled: burst - perIp });

      const atOneAccount = await Promise.all(
        range(burst).map((i) =>
          attemptOn(
            either(i),
            "paul@kanzlei-brandt.example",
            `guess-${i}`,
            `198.51.100.${100 + i}`,
          ),
        ),
      );
      expect(tally(atOneAccount)).toEqual({
        invalid: threshold - 1,
        locked: burst - threshold + 1,
      });
    });

    test("concurrent audited writes on both processes leave one intact chain holding every event", async () => {
      const ip = "198.51.100.2";
      // The session is opened before counting: it is no part of the burst.
      const cookie = await sessionCookie(b, ANNA, ip);
      const [project] = await sql<{ id: string }[]>`
        select id from projects where name = 'Morgenrot – Umbau Gastraum'`;
      const { last } = one(
        await sql<{ last: number }[]>`
        select coalesce(max(seq), 0)::int as last from audit_events`,
      );

      const perKind = 12;
      const writes = range(perKind).flatMap((i) => [
        send(either(i), `/projects/${project!.id}/history/new`, {
          ip,
          cookie,
          form: {
            channel: "call",
            direction: "outbound",
            audience: "internal",
            subject: `Parallel call ${i}`,
          },
        }).then((answer) => ["entry", answer.status] as const),
        send(either(i + 1), `/search?q=AURORA${i}`, { ip, cookie }).then(
          (answer) => ["search", answer.status] as const,
        ),
        attemptOn(either(i), `parallel-${i}@nowhere.example`, "nope", `198.18.0.${i + 1}`).then(
          (outcome) => ["failed sign-in", outcome] as const,
        ),
      ]);
      const answers = await Promise.all(writes);
      expect(answers.filter(([kind]) => kind === "entry").map(([, status]) => status)).toEqual(
        Array(perKind).fill(302),
      );
      expect(answers.filter(([kind]) => kind === "search").map(([, status]) => status)).toEqual(
        Array(perKind).fill(200),
      );
      expect(
        answers.filter(([kind]) => kind === "failed sign-in").map(([, outcome]) => outcome),
      ).toEqual(Array(perKind).fill("invalid"));

      const written = await sql<{ action: string; n: number }[]>`
        select action, count(*)::int as n from audit_events where seq > ${last}
        group by action order by action`;
      expect(written).toEqual([
        { action: "auth.login_failed", n: perKind },
        { action: "entry.created", n: perKind },
        { action: "search.performed", n: perKind },
      ]);

      const { total } = one(
        await sql<{ total: number }[]>`
        select count(*)::int as total from audit_events`,
      );
      const verify = await runCli(["audit:verify"], {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: databaseUrl,
      });
      expect(verify.stderr).toBe("");
      expect(verify.stdout.trim()).toMatch(
        new RegExp(
          `^Audit chain intact: ${total} events verified, \\d+ signed checkpoints matched\\.$`,
        ),
      );
      expect(verify.code).toBe(0);
    });

    // The schedule's next pass is up to half a minute after the change (pg-boss's cron monitor).
    test(
      "the scheduled storage sweep runs once per period, in one of the two processes",
      { timeout: 120_000 },
      async () => {
        type Job = { id: string; state: string; startedOn: Date | null; completedOn: Date | null };
        const sweepJobs = () => sql<Job[]>`
          select id, state, started_on as "startedOn", completed_on as "completedOn"
          from pgboss.job where name = ${STORAGE_SWEEP}`;
        await pollUntil(
          "a completed storage sweep",
          async () =>
            (await sweepJobs()).some((job) => job.state === "completed") ? true : undefined,
          90_000,
        );

        // Every run warns once about the file that is not ours, in whichever process ran it.
        const runs = () =>
          [a, b].flatMap((app) =>
            app
              .output()
              .split("\n")
              .filter((line) => line.includes(FOREIGN_FILE))
              .map((line) => ({ app: app.name, at: (JSON.parse(line) as { time: number }).time })),
          );
        const runsBefore = runs();
        const jobs = await sweepJobs();
        // Each minute the schedule came due is forwarded once, whichever process's pass sent it.
        const { periods } = one(
          await sql<{ periods: number }[]>`
          select count(distinct data->>'slot')::int as periods from pgboss.job
          where name = '__pgboss__send-it' and data->>'name' = ${STORAGE_SWEEP}`,
        );
        const runsAfter = runs();

        const ranDuring = (job: Job, at: number) =>
          job.startedOn !== null &&
          at >= job.startedOn.getTime() &&
          (job.completedOn === null || at <= job.completedOn.getTime());
        // One job per period, never one per process.
        expect(jobs.length).toBeLessThanOrEqual(periods);
        // No run without a job (a timer of a process's own), and one run per job.
        for (const run of runsBefore) {
          expect(
            jobs.filter((job) => ranDuring(job, run.at)),
            `jobs of the run at ${run.at}`,
          ).toHaveLength(1);
        }
        for (const job of jobs.filter((row) => row.state === "completed")) {
          expect(
            runsAfter.filter((run) => ranDuring(job, run.at)),
            `runs of job ${job.id}`,
          ).toHaveLength(1);
        }
      },
    );

    // Last, so it covers everything the tests above made them do.
    test("neither process logged an error", () => {
      for (const app of apps) {
        const errors = app
          .output()
          .split("\n")
          .filter((line) => line.trim())
          .filter((line) => {
            try {
              return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
            } catch {
              // Anything but a log line is something printed on a failure path.
              return true;
            }
          });
        expect(errors, `what ${app.name} logged`).toEqual([]);
      }
    });
  },
);

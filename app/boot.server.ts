import path from "node:path";
import { connect, disconnect } from "#db/client.server";
import { DEMO_PASSWORD, isDatabaseEmpty } from "#db/seed/demo-world";
import { seedDemoWorld } from "~/demo-world.server";
import { findUserByEmail } from "~/features/identity/user.server";
import { inboundMailWorker } from "~/features/mail-in/index.server";
import { outboundEmailWorker, stuckEmailWorker } from "~/features/mail-out/index.server";
import { requestDueRefreshWorker, requestMailWorker } from "~/features/requests/index.server";
import { auditCheckpointWorker } from "~/kernel/audit/checkpoints.server";
import { auditVerificationWorker, subjectExportWorker } from "~/features/compliance/index.server";
import { erasureVacuumWorker } from "~/features/erasure/index.server";
import { retentionWorker } from "~/features/retention/index.server";
import { accessReviewMailWorker, accessReviewRoundWorker } from "~/features/reviews/index.server";
import { startJobs, stopJobs } from "~/kernel/jobs/jobs.server";
import { env } from "~/kernel/env.server";
import { logger } from "~/kernel/logger.server";
import { settleSessionTouches } from "~/kernel/session.server";

export type BootOptions = {
  /** Where the start-up steps are told: plain lines under `npm start`, log lines otherwise. */
  report?: (line: string) => void;
};

const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** The demo user the start-up message suggests, when the demo world is in this database. */
const DEMO_SIGN_IN = {
  email: "anna@hansen.example",
  role: "account manager",
  password: DEMO_PASSWORD,
};

/** Start-up: validate settings, open the database, migrate, and seed the demo world if empty. */
export async function boot({ report = (line) => logger.info(line) }: BootOptions = {}) {
  const config = env();
  report(
    config.DATABASE_URL
      ? "Database: PostgreSQL server (DATABASE_URL)"
      : `Database: embedded PostgreSQL (PGlite) in ${path.resolve(config.DATA_DIR)}`,
  );
  let started = performance.now();
  const handle = await connect(config);
  report(`Database: open (${seconds(started)}); applying migrations…`);
  started = performance.now();
  await handle.migrate();
  report(`Database: migrations applied (${seconds(started)})`);
  const demo = config.NODE_ENV !== "production";
  if (demo && (await isDatabaseEmpty(handle.db))) {
    report("Demo world: the database is empty, seeding it…");
    started = performance.now();
    await seedDemoWorld(handle.db, new Date(), {
      onProgress: (step, done, total) => report(`Demo world: ${step} (${done}/${total})`),
    });
    report(`Demo world: seeded (${seconds(started)})`);
  }
  warnAboutRiskySettings(config);
  // Background work (the hourly storage sweep, the features' mail, due dates after a settings
  // change) runs in pg-boss over the same database.
  await startJobs(handle, [
    requestMailWorker,
    requestDueRefreshWorker,
    outboundEmailWorker,
    stuckEmailWorker,
    inboundMailWorker,
    auditCheckpointWorker,
    auditVerificationWorker,
    accessReviewMailWorker,
    accessReviewRoundWorker,
    subjectExportWorker,
    erasureVacuumWorker,
    retentionWorker,
  ]);
  report("Background jobs: running");
  return {
    port: config.PORT,
    host: config.HOST,
    trustProxy: config.TRUST_PROXY,
    appUrl: config.APP_URL,
    database: handle.kind,
    demoSignIn: demo && (await findUserByEmail(DEMO_SIGN_IN.email)) ? DEMO_SIGN_IN : null,
  };
}

export async function shutdown() {
  await stopJobs();
  await settleSessionTouches();
  await disconnect();
}

function warnAboutRiskySettings(config: ReturnType<typeof env>) {
  if (config.NODE_ENV === "production" && !config.RESEND_API_KEY) {
    logger.warn(
      "RESEND_API_KEY is not set: mail (password resets) is only stored, never delivered",
    );
  }
  if (config.APP_URL.startsWith("https:") && config.TRUST_PROXY === false) {
    logger.warn(
      "APP_URL is https but TRUST_PROXY is false: behind a proxy every user shares its IP for login throttling",
    );
  }
}

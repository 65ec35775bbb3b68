import { connect, disconnect } from "#db/client.server";
import { isDatabaseEmpty, seedDemoWorld } from "#db/seed/demo-world";
import { startJobs, stopJobs } from "~/services/jobs.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/** Start-up: validate settings, open the database, migrate, and seed the demo world if empty. */
export async function boot() {
  const config = env();
  const handle = await connect(config);
  await handle.migrate();
  if (config.NODE_ENV !== "production" && (await isDatabaseEmpty(handle.db))) {
    await seedDemoWorld(handle.db);
    logger.info("seeded the demo world (password for every demo user: ambit-demo-2026)");
  }
  warnAboutRiskySettings(config);
  // Background work (the hourly storage sweep) runs in pg-boss over the same database.
  await startJobs(handle);
  return {
    port: config.PORT,
    host: config.HOST,
    trustProxy: config.TRUST_PROXY,
    appUrl: config.APP_URL,
    database: handle.kind,
  };
}

export async function shutdown() {
  await stopJobs();
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

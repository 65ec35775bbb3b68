import pino from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const requested = process.env.LOG_LEVEL ?? "info";

// The same JSON lines as server.js; a bad LOG_LEVEL is reported by the settings check at boot.
export const logger = pino({
  level: LEVELS.includes(requested) ? requested : "info",
  base: { service: "ambit" },
});

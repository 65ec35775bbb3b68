import pino from "pino";

// server.js sets the level before the app loads; the app's own lines share its JSON format.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "ambit" },
});

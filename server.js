// The HTTP server: Express in front of Remix, with the security headers, request ids, logs and
// cross-site refusal that every route relies on. The app itself lives in app/.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import pino from "pino";
import { pinoHttp } from "pino-http";

const production = process.env.NODE_ENV === "production";
// `npm run dev` runs the app through Vite's development server; everything else serves build/.
const developmentServer = process.env.AMBIT_DEV_SERVER === "1" && !production;
// LOG_LEVEL is validated with the rest of the settings at boot; until then fall back to info.
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const level = LEVELS.includes(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info";
const logger = pino({ level, base: { service: "ambit" } });
// Started by `npm start`, a person watches the terminal: start-up steps as plain lines.
const startReport = process.env.AMBIT_START_REPORT === "1";
const report = startReport ? (line) => console.log(`  ${line}`) : (line) => logger.info(line);

const viteDevServer = developmentServer
  ? await import("vite").then((vite) =>
      vite.createServer({ server: { middlewareMode: true }, appType: "custom" }),
    )
  : undefined;

if (!viteDevServer && !existsSync("build/server/index.js")) {
  console.error(
    "There is no build/ to serve. `npm start` builds it for you; otherwise run `npm run build` first.",
  );
  process.exit(1);
}

const loadBuild = () =>
  viteDevServer
    ? viteDevServer.ssrLoadModule("virtual:remix/server-build")
    : import("./build/server/index.js");

const firstBuild = await loadBuild();
const appModule = firstBuild.entry.module;

// `node server.js migrate | audit:verify | create-admin …` runs an operator command and exits.
const [command, ...commandArgs] = process.argv.slice(2);
if (command) {
  const code = await appModule.runCommand(command, commandArgs).catch((error) => {
    console.error(error?.message ?? error);
    return 1;
  });
  await viteDevServer?.close();
  process.exit(code);
}

let config;
try {
  config = await appModule.boot({ report });
} catch (error) {
  // A configuration error names the setting; anything else is logged with its stack.
  if (error?.name === "EnvError" || error?.constructor?.name === "EnvError") {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, "Ambit could not start");
  }
  await viteDevServer?.close();
  process.exit(1);
}

// Behind a TLS-terminating proxy the public URL says whether users reach us over HTTPS.
const publicOrigin = new URL(config.appUrl).origin;
const publicHttps = publicOrigin.startsWith("https:");
const isSecure = (req) => req.secure || publicHttps;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.trustProxy);

app.use((req, res, next) => {
  res.locals.requestId = randomUUID();
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", res.locals.requestId);
  next();
});

app.use(
  pinoHttp({
    logger,
    genReqId: (_req, res) => res.locals.requestId,
    customProps: (req) => ({ ip: req.ip }),
    autoLogging: { ignore: (req) => req.url.startsWith("/assets/") || req.url === "/healthz" },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url.split("?")[0] }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  }),
);

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        scriptSrcAttr: ["'none'"],
        styleSrc: viteDevServer ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: viteDevServer ? ["'self'", "ws:", "wss:"] : ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    // HSTS only where the request really arrived over HTTPS (below).
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  }),
);
// Document files carry their own, stricter policy (a sandbox, framed only by our pages); the
// page policy above must not be sent beside it.
const DOCUMENT_FILE = /^\/documents\/[^/]+\/(versions\/[^/]+\/)?(download|preview|thumbnail)$/;
app.use((req, res, next) => {
  if (DOCUMENT_FILE.test(req.path)) res.removeHeader("Content-Security-Policy");
  next();
});
app.use((req, res, next) => {
  if (isSecure(req))
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  next();
});

// Refuse state-changing requests that a browser marks as coming from another site, and those whose
// Origin names another host than the one Remix checks it against (X-Forwarded-Host, else Host):
// Remix would abort those itself, as an unhandled 500 (e.g. Origin localhost, Host 127.0.0.1).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const hostOf = (origin) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};
app.use(async (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const fetchSite = req.get("Sec-Fetch-Site");
  const origin = req.get("Origin");
  const ownOrigins = [`${req.protocol}://${req.get("Host")}`, publicOrigin];
  const crossSite = fetchSite
    ? fetchSite !== "same-origin" && fetchSite !== "none"
    : origin !== undefined && !ownOrigins.includes(origin);
  const checkedHost = req.get("X-Forwarded-Host")?.split(",")[0]?.trim() || req.get("Host");
  const otherHost = Boolean(origin) && hostOf(origin) !== checkedHost;
  if (!crossSite && !otherHost) return next();
  req.log.warn(
    { origin, fetchSite, host: checkedHost },
    crossSite
      ? "cross-site request refused"
      : "request refused: its Origin names another host than Host (a proxy rewriting Host?)",
  );
  try {
    const refusal = await appModule.crossSiteRefusal({
      acceptLanguage: req.get("Accept-Language"),
      requestId: res.locals.requestId,
    });
    res.status(403).setHeader("Cache-Control", "no-store");
    // A browser's form post gets the friendly page; scripts and fetches get one sentence.
    if (req.accepts(["text/plain", "text/html"]) === "text/html")
      res.type("html").send(refusal.html);
    else res.type("text/plain").send(refusal.text);
  } catch (error) {
    next(error);
  }
});

app.use(compression());

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use(
    "/assets",
    express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static("build/client", { maxAge: "1h", index: false }));
}

app.all(
  "*",
  createRequestHandler({
    build: viteDevServer ? loadBuild : firstBuild,
    // The built app answers in production mode (sanitised errors) even when NODE_ENV is test.
    mode: viteDevServer ? "development" : "production",
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId,
      cspNonce: res.locals.cspNonce,
      ip: req.ip ?? "unknown",
      userAgent: req.get("User-Agent") ?? "",
      secure: isSecure(req),
      logger: req.log,
    }),
  }),
);

const server = app.listen(config.port, config.host, () => {
  logger.info({ url: config.appUrl, database: config.database }, "Ambit is listening");
  if (startReport) {
    // One write, so whoever reads the output sees the whole message at once.
    const lines = ["", `Ambit is ready: open ${config.appUrl}`];
    if (config.demoSignIn) {
      lines.push(
        `Sign in as ${config.demoSignIn.email} (${config.demoSignIn.role}) with the password ` +
          `${config.demoSignIn.password}; the README lists the other demo users.`,
      );
    }
    lines.push("Stop with Ctrl+C.", "");
    console.log(lines.join("\n"));
  }
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await appModule.shutdown();
    await viteDevServer?.close();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

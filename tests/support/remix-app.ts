import { tmpdir } from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer } from "vite";
import { makeRequestContext } from "./request";

/**
 * The whole Remix app (every route, the root and layout loaders, single fetch's `.data` URLs) as
 * one request handler, built by Vite from vite.config.ts the way `npm start` builds it. It shares
 * the test's database, which lives on globalThis. Only Express (server.js) is left out.
 */
export async function startRemixApp() {
  const vite = await createServer({
    // No file watcher, no HMR socket: nothing listens, and running dev servers are undisturbed.
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: "custom",
    logLevel: "silent",
    cacheDir: path.join(tmpdir(), "ambit-test-vite"),
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as unknown as ServerBuild;
  const handle = createRequestHandler(build, "development");
  return {
    /** Answers `path` as the app would a browser with this session cookie. */
    get: (pathWithQuery: string, cookie?: string) =>
      handle(
        new Request(new URL(pathWithQuery, "http://localhost:3000"), {
          headers: { "Accept-Language": "en-GB", ...(cookie ? { Cookie: cookie } : {}) },
        }),
        makeRequestContext(),
      ),
    close: () => vite.close(),
  };
}

export type RemixApp = Awaited<ReturnType<typeof startRemixApp>>;

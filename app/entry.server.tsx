import { PassThrough } from "node:stream";
import type {
  AppLoadContext,
  EntryContext,
  HandleDataRequestFunction,
  HandleErrorFunction,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { RequestInfoProvider } from "~/components/request-info";
import { i18nConfig } from "~/i18n";
import { readerLocaleOf } from "~/kernel/locale.server";
import { logger } from "~/kernel/logger.server";

export { boot, shutdown } from "~/boot.server";
export { runCommand } from "~/commands.server";
export { crossSiteRefusal } from "~/cross-site-refusal.server";

const ABORT_DELAY = 5_000;

/**
 * Every page and every `.data` answer is rendered for one visitor, often with personal data:
 * no shared cache may keep it, and no browser may store it for the back button after sign-out.
 * (Static assets are served by server.js with their own long cache.)
 */
const PRIVATE_NO_STORE = "private, no-store";

function privateNoStore(response: Response) {
  try {
    response.headers.set("Cache-Control", PRIVATE_NO_STORE);
    return response;
  } catch {
    // Response.redirect() and fetch() answers have immutable headers.
    const copy = new Response(response.body, response);
    copy.headers.set("Cache-Control", PRIVATE_NO_STORE);
    return copy;
  }
}

export const handleDataRequest: HandleDataRequestFunction = (response) => privateNoStore(response);

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { language: lng } = await readerLocaleOf(request, loadContext);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng });
  const nonce = loadContext.cspNonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoProvider value={{ nonce, requestId: loadContext.requestId }}>
        <I18nextProvider i18n={i18n}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </I18nextProvider>
      </RequestInfoProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Cache-Control", PRIVATE_NO_STORE);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) {
            loadContext.logger.error({ err: error }, "streaming render failed");
          }
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1_000);
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  (context?.logger ?? logger).error(
    { err: error, url: new URL(request.url).pathname },
    "unhandled error in a loader or action",
  );
};

import type { Logger } from "pino";

export type RequestContext = {
  requestId: string;
  cspNonce: string;
  ip: string;
  userAgent: string;
  /** True when the request reached us over HTTPS (directly or through a trusted proxy). */
  secure: boolean;
  logger: Logger;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}

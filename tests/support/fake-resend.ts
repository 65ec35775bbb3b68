import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ResendCall = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the fake answered: the new email's id, for a test to name in its webhook events. */
  reply: unknown;
};

/**
 * A local stand-in for Resend's API, reached through the SDK's base URL: it accepts every email
 * with a new id (or answers what `refuseNext` says) and keeps each call for the test to read.
 */
export async function startFakeResend(port = 0) {
  const calls: ResendCall[] = [];
  let refusal: { status: number; body: unknown } | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      // The test's own window on what was sent (not part of Resend's API).
      if (req.method === "GET" && path === "/__calls") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(calls));
        return;
      }
      const reply = refusal ?? { status: 200, body: { id: randomUUID() } };
      calls.push({
        method: req.method ?? "GET",
        path,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
        reply: reply.body,
      });
      refusal = undefined;
      res.writeHead(reply.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** The next call is answered with this error, as Resend answers a refused message. */
    refuseNext(status: number, message: string) {
      refusal = { status, body: { statusCode: status, name: "validation_error", message } };
    },
    async close() {
      server.close();
      await once(server, "close");
    },
  };
}

/** A webhook secret as Resend's dashboard shows one: `whsec_` and base64. */
export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from("ambit test webhook secret, 32 by").toString("base64")}`;

/** A Resend event as its webhook delivers it: the JSON body and its Svix signature headers. */
export function signedEvent(
  event: { id: string; type: string; emailId: string; at?: Date; data?: Record<string, unknown> },
  { secret = TEST_WEBHOOK_SECRET, sentAt = new Date() } = {},
) {
  const body = JSON.stringify({
    type: event.type,
    created_at: (event.at ?? new Date()).toISOString(),
    data: { email_id: event.emailId, ...event.data },
  });
  const timestamp = new Date(Math.floor(sentAt.getTime() / 1000) * 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "svix-id": event.id,
    "svix-timestamp": String(timestamp.getTime() / 1000),
    "svix-signature": new Webhook(secret).sign(event.id, timestamp, body),
  };
  return { body, headers };
}

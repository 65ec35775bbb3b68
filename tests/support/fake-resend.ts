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
  /** Mail "received" for the inbound domain, by id, as Resend's receiving API returns it. */
  const received = new Map<string, { meta: Record<string, unknown>; raw: Buffer }>();
  let baseUrl = "";
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
      // The test hands in a mail as if someone had sent it to our inbound domain.
      if (req.method === "POST" && path === "/__received") {
        const mail = JSON.parse(raw) as InboundMail;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ id: receive(mail) }));
        return;
      }
      const receiving = /^\/emails\/receiving\/([^/?]+)/.exec(path);
      const download = /^\/__raw\/([^/?]+)$/.exec(path);
      if (req.method === "GET" && (receiving || download)) {
        const found = received.get((receiving ?? download)![1]!);
        if (!found) {
          res.writeHead(404, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ statusCode: 404, name: "not_found", message: "Not found" }));
        } else if (download) {
          res.writeHead(200, { "Content-Type": "message/rfc822" });
          res.end(found.raw);
        } else {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify(found.meta));
        }
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
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function receive(mail: InboundMail) {
    const id = randomUUID();
    const rawMail = Buffer.from(mail.raw, "utf8");
    received.set(id, {
      raw: rawMail,
      meta: {
        object: "email",
        id,
        to: mail.to,
        from: mail.from,
        created_at: new Date().toISOString(),
        subject: mail.subject ?? "",
        bcc: mail.bcc ?? null,
        cc: mail.cc ?? null,
        reply_to: null,
        received_for: [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])],
        html: null,
        text: null,
        headers: null,
        message_id: "",
        raw: {
          download_url: `${baseUrl}/__raw/${id}`,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
        },
        attachments: (mail.attachmentSizes ?? []).map((size, index) => ({
          id: `att_${index}`,
          filename: `file-${index}`,
          size,
          content_type: "application/octet-stream",
          content_id: null,
          content_disposition: "attachment",
        })),
      },
    });
    return id;
  }

  return {
    baseUrl,
    calls,
    /** A mail arrives for the inbound domain; its id is what the `email.received` event names. */
    receive,
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

/** A mail as it reaches Resend's inbound servers: the raw message and its envelope. */
export type InboundMail = {
  raw: string;
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  /** Sizes Resend would list for its attachments (the raw message decides what they are). */
  attachmentSizes?: number[];
};

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

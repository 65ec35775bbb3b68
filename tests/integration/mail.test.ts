import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "#db/client.server";
import { mailMessages } from "#db/schema";
import { resendTransport, sendMail } from "~/kernel/mail/mail.server";
import { env } from "~/kernel/env.server";

type Received = { method?: string; path?: string; headers: IncomingHttpHeaders; body: unknown };
type Reply = { status: number; body: unknown };

// A local stand-in for the Resend API: records each request and answers with `nextReply`.
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let nextReply: Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({
        method: req.method,
        path: req.url,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
      });
      res.writeHead(nextReply.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(nextReply.body));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

beforeEach(() => {
  received = [];
});

const welcome = () =>
  createElement(
    "div",
    null,
    createElement("h1", null, "Welcome to Ambit"),
    createElement("p", null, "Your partner portal is ready."),
  );

describe("mail through Resend", () => {
  test("a message is sent to the provider and stored as sent with the provider's id", async () => {
    nextReply = { status: 200, body: { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" } };
    const row = await sendMail(
      { template: "welcome", to: "lena@studio-lumen.example", subject: "Welcome", body: welcome() },
      resendTransport("re_test_key_123", baseUrl),
    );

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/emails");
    expect(request!.headers.authorization).toBe("Bearer re_test_key_123");
    expect(request!.headers["content-type"]).toMatch(/^application\/json/);
    const body = request!.body as Record<string, string>;
    expect(body).toMatchObject({
      from: env().MAIL_FROM,
      to: "lena@studio-lumen.example",
      subject: "Welcome",
    });
    expect(body.html).toContain("<h1>Welcome to Ambit</h1>");
    expect(body.text).toContain("WELCOME TO AMBIT");
    expect(body.text).toContain("Your partner portal is ready.");
    expect(body.text).not.toContain("<");

    expect(row).toMatchObject({
      template: "welcome",
      transport: "resend",
      status: "sent",
      providerId: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
      error: null,
    });
    const [stored] = await db().select().from(mailMessages).where(eq(mailMessages.id, row.id));
    expect(stored).toMatchObject({
      status: "sent",
      providerId: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
    });
    expect(stored!.html).toBe(body.html);
    expect(stored!.text).toBe(body.text);
  });

  test("a refusal from the provider is stored as failed and does not throw", async () => {
    nextReply = {
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
    };
    const row = await sendMail(
      { template: "welcome", to: "not-an-address", subject: "Welcome", body: welcome() },
      resendTransport("re_test_key_123", baseUrl),
    );
    expect(received).toHaveLength(1);
    expect(row).toMatchObject({ status: "failed", transport: "resend", providerId: null });
    expect(row.error).toContain("Invalid `to` field.");
    const [stored] = await db().select().from(mailMessages).where(eq(mailMessages.id, row.id));
    expect(stored!.status).toBe("failed");
  });

  test("an unreachable provider is stored as failed and does not throw", async () => {
    const row = await sendMail(
      { template: "welcome", to: "eva@cafe-morgenrot.example", subject: "Hi", body: welcome() },
      resendTransport("re_test_key_123", "http://127.0.0.1:1"),
    );
    expect(row.status).toBe("failed");
  });

  test("without a provider the message lands in the outbox", async () => {
    const row = await sendMail({
      template: "welcome",
      to: "paul@kanzlei-brandt.example",
      subject: "Welcome",
      body: welcome(),
    });
    expect(received).toHaveLength(0);
    expect(row).toMatchObject({ transport: "outbox", status: "outbox", providerId: null });
  });
});

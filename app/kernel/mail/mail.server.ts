import { render } from "@react-email/render";
import { desc, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { db } from "#db/client.server";
import { mailMessages } from "#db/schema";
import { env } from "~/kernel/env.server";
import { logger } from "~/kernel/logger.server";

export type MailAttachment = { filename: string; content: Buffer; contentType: string };

export type OutgoingMail = {
  /** The template's name, kept with the message for the outbox and for debugging. */
  template: string;
  to: string | string[];
  subject: string;
  body: ReactElement;
  /** The sender's name before our address, e.g. "Anna Berg (Hansen Innenausbau GmbH)". */
  fromName?: string;
  replyTo?: string;
  /** Message-ID and threading headers of a person's email (not of our notifications). */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /** The provider sends one message per key, however often a retried job asks. */
  idempotencyKey?: string;
};

type RenderedMail = {
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  idempotencyKey?: string;
};

/** Where rendered mail goes: Resend when an API key is configured, else the database outbox. */
export type MailTransport = {
  name: "resend" | "outbox";
  deliver: (mail: RenderedMail) => Promise<{ providerId: string | null }>;
};

export function resendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async deliver({ idempotencyKey, attachments, ...mail }) {
      const { data, error } = await client.emails.send(
        {
          ...mail,
          ...(attachments?.length
            ? {
                attachments: attachments.map((file) => ({
                  filename: file.filename,
                  content: file.content.toString("base64"),
                  contentType: file.contentType,
                })),
              }
            : {}),
        },
        idempotencyKey ? { idempotencyKey } : undefined,
      );
      if (error) throw new Error(`Resend refused the message: ${error.message}`);
      return { providerId: data?.id ?? null };
    },
  };
}

const outboxTransport: MailTransport = {
  name: "outbox",
  deliver: async () => ({ providerId: null }),
};

function configuredTransport(): MailTransport {
  const config = env();
  return config.RESEND_API_KEY
    ? resendTransport(config.RESEND_API_KEY, config.RESEND_BASE_URL)
    : outboxTransport;
}

/** Renders and sends one message, and keeps a copy with its delivery status. */
export async function sendMail(
  mail: OutgoingMail,
  transport: MailTransport = configuredTransport(),
) {
  const rendered: RenderedMail = {
    from: mail.fromName ? withDisplayName(env().MAIL_FROM, mail.fromName) : env().MAIL_FROM,
    to: mail.to,
    subject: withoutControls(mail.subject),
    html: await render(mail.body),
    text: await render(mail.body, { plainText: true }),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    ...(mail.idempotencyKey ? { idempotencyKey: mail.idempotencyKey } : {}),
  };
  const base = {
    from: rendered.from,
    to: Array.isArray(rendered.to) ? rendered.to.join(", ") : rendered.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    template: mail.template,
    transport: transport.name,
  };
  let providerId: string | null;
  try {
    ({ providerId } = await transport.deliver(rendered));
  } catch (error) {
    logger.error({ err: error, template: mail.template }, "mail delivery failed");
    const [row] = await db()
      .insert(mailMessages)
      .values({
        ...base,
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
      })
      .returning();
    return row!;
  }
  // Delivered: a failure to keep the copy from here on is an error, never "not sent".
  const status = transport.name === "outbox" ? "outbox" : "sent";
  const [row] = await db()
    .insert(mailMessages)
    .values({ ...base, status, providerId })
    .returning();
  return row!;
}

// Control characters and line separators, built from code points: written literally in a
// regular expression they read as a mistake to linters.
const HEADER_BREAKERS = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}\u007f\u0085\u2028\u2029]+`,
  "g",
);

/** A header value on one line: control characters and line separators become spaces. */
export function withoutControls(value: string) {
  return value.replace(HEADER_BREAKERS, " ");
}

/** The configured sender address under another display name: `"Anna Berg" <no-reply@…>`. */
export function withDisplayName(from: string, name: string) {
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  // Quotes and angle brackets in a name would end the header's phrase early.
  const phrase = withoutControls(name)
    .replace(/["<>\\]/g, "")
    .trim();
  return phrase ? `"${phrase}" <${address}>` : address;
}

export function listOutbox(limit = 50) {
  return db().select().from(mailMessages).orderBy(desc(mailMessages.createdAt)).limit(limit);
}

export async function getMailMessage(id: string) {
  const [row] = await db().select().from(mailMessages).where(eq(mailMessages.id, id));
  return row;
}

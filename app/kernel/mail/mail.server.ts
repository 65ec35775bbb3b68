import { render } from "@react-email/render";
import { desc, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { db } from "#db/client.server";
import { mailMessages } from "#db/schema";
import { env } from "~/kernel/env.server";
import { logger } from "~/kernel/logger.server";

export type OutgoingMail = {
  /** The template's name, kept with the message for the outbox and for debugging. */
  template: string;
  to: string;
  subject: string;
  body: ReactElement;
};

type RenderedMail = { from: string; to: string; subject: string; html: string; text: string };

/** Where rendered mail goes: Resend when an API key is configured, else the database outbox. */
export type MailTransport = {
  name: "resend" | "outbox";
  deliver: (mail: RenderedMail) => Promise<{ providerId: string | null }>;
};

export function resendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async deliver(mail) {
      const { data, error } = await client.emails.send(mail);
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
    from: env().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    html: await render(mail.body),
    text: await render(mail.body, { plainText: true }),
  };
  const base = { ...rendered, template: mail.template, transport: transport.name };
  try {
    const { providerId } = await transport.deliver(rendered);
    const status = transport.name === "outbox" ? "outbox" : "sent";
    const [row] = await db()
      .insert(mailMessages)
      .values({ ...base, status, providerId })
      .returning();
    return row!;
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
}

export function listOutbox(limit = 50) {
  return db().select().from(mailMessages).orderBy(desc(mailMessages.createdAt)).limit(limit);
}

export async function getMailMessage(id: string) {
  const [row] = await db().select().from(mailMessages).where(eq(mailMessages.id, id));
  return row;
}

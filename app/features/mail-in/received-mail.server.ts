import { Resend } from "resend";
import { env } from "~/kernel/env.server";

/** The largest received mail we keep: beyond it, it waits in the queue without its content. */
export const INBOUND_MAX_BYTES = 25 * 1024 * 1024;

export type ReceivedMail = {
  id: string;
  from: string;
  subject: string;
  /** Every address it was delivered for: To, Cc and the envelope (Bcc is only there). */
  recipients: string[];
  receivedAt: Date;
  /** The message as received (RFC 822), or null when it was larger than we keep. */
  raw: Buffer | null;
  size: number;
};

export class ReceivedMailUnavailable extends Error {}

async function download(url: string) {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new ReceivedMailUnavailable(`raw mail download answered ${response.status}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Read no further than the limit: a huge mail costs us nothing but its size.
    if (size > INBOUND_MAX_BYTES) {
      await reader.cancel().catch(() => undefined);
      return { raw: null, size };
    }
    chunks.push(Buffer.from(value));
  }
  return { raw: Buffer.concat(chunks), size };
}

/**
 * A mail Resend received for our inbound domain, fetched through its API (the webhook only
 * names it): its envelope, and its raw message for the `.eml` pipeline.
 */
export async function fetchReceivedMail(emailId: string): Promise<ReceivedMail> {
  const config = env();
  if (!config.RESEND_API_KEY) {
    throw new ReceivedMailUnavailable("RESEND_API_KEY is not set: received mail cannot be fetched");
  }
  const client = new Resend(
    config.RESEND_API_KEY,
    config.RESEND_BASE_URL ? { baseUrl: config.RESEND_BASE_URL } : undefined,
  );
  const { data, error } = await client.emails.receiving.get(emailId);
  if (error || !data) {
    throw new ReceivedMailUnavailable(`Resend did not return the mail: ${error?.message}`);
  }
  const declared = data.attachments.reduce((sum, file) => sum + (file.size ?? 0), 0);
  const content =
    declared > INBOUND_MAX_BYTES
      ? { raw: null, size: declared }
      : data.raw?.download_url
        ? await download(data.raw.download_url)
        : null;
  if (!content) throw new ReceivedMailUnavailable("Resend gave no raw message to download");
  const receivedAt = new Date(data.created_at);
  return {
    id: data.id,
    from: data.from,
    subject: data.subject ?? "",
    recipients: [
      ...new Set(
        [...data.to, ...(data.cc ?? []), ...(data.bcc ?? []), ...(data.received_for ?? [])].map(
          (address) => address.trim().toLowerCase(),
        ),
      ),
    ],
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
    raw: content.raw,
    size: content.size,
  };
}

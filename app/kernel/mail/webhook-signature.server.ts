import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** Why a webhook was refused: each is a 401, logged with its reason. */
export type WebhookRefusal = "missing" | "invalid" | "stale";

export type WebhookCheck =
  { ok: true; id: string; payload: unknown } | { ok: false; reason: WebhookRefusal };

/**
 * Checks a Resend webhook's signature (Svix's scheme, as the Standard Webhooks spec writes it):
 * the HMAC of id, timestamp and the raw body under the endpoint's secret, and a timestamp within
 * five minutes, so a recorded delivery cannot be replayed later. Resend sends the headers as
 * `svix-*`; the spec calls them `webhook-*`; either is read. The id is the event's: deliveries
 * of one event share it, which makes handling them idempotent.
 */
export function checkWebhookSignature(
  body: string,
  headers: Headers,
  secret: string,
): WebhookCheck {
  const header = (name: string) => headers.get(`webhook-${name}`) ?? headers.get(`svix-${name}`);
  const id = header("id");
  const timestamp = header("timestamp");
  const signature = header("signature");
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing" };
  try {
    const payload = new Webhook(secret).verify(body, {
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": signature,
    });
    return { ok: true, id, payload };
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    return {
      ok: false,
      reason: /timestamp too (old|new)/.test(error.message) ? "stale" : "invalid",
    };
  }
}

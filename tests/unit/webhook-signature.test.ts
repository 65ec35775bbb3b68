import { Webhook } from "standardwebhooks";
import { describe, expect, test } from "vitest";
import { checkWebhookSignature } from "~/kernel/mail/webhook-signature.server";

// A secret as Resend's dashboard shows it: `whsec_` and base64.
const SECRET = `whsec_${Buffer.from("a test secret of thirty-two bytes").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("another secret, thirty-two bytes").toString("base64")}`;
const BODY = JSON.stringify({ type: "email.delivered", data: { email_id: "em_1" } });

function signed(
  body: string,
  { secret = SECRET, at = new Date(), id = "msg_1", prefix = "svix" } = {},
) {
  const timestamp = Math.floor(at.getTime() / 1000);
  return new Headers({
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(timestamp),
    [`${prefix}-signature`]: new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
  });
}

describe("Resend webhook signatures", () => {
  test("a delivery signed with the endpoint's secret passes, with its event id and payload", () => {
    for (const prefix of ["svix", "webhook"]) {
      const check = checkWebhookSignature(BODY, signed(BODY, { prefix }), SECRET);
      expect(check).toEqual({ ok: true, id: "msg_1", payload: JSON.parse(BODY) });
    }
  });

  test("missing headers are refused as missing", () => {
    expect(checkWebhookSignature(BODY, new Headers(), SECRET)).toEqual({
      ok: false,
      reason: "missing",
    });
    const headers = signed(BODY);
    headers.delete("svix-signature");
    expect(checkWebhookSignature(BODY, headers, SECRET)).toEqual({ ok: false, reason: "missing" });
  });

  test("another secret, a changed body or another event id are refused as invalid", () => {
    const refused = { ok: false, reason: "invalid" };
    expect(checkWebhookSignature(BODY, signed(BODY, { secret: OTHER_SECRET }), SECRET)).toEqual(
      refused,
    );
    expect(checkWebhookSignature(`${BODY} `, signed(BODY), SECRET)).toEqual(refused);
    const headers = signed(BODY);
    headers.set("svix-id", "msg_2");
    expect(checkWebhookSignature(BODY, headers, SECRET)).toEqual(refused);
  });

  test("a delivery signed more than five minutes ago, or ahead, is refused as stale", () => {
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    expect(checkWebhookSignature(BODY, signed(BODY, { at: minutes(-6) }), SECRET)).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(checkWebhookSignature(BODY, signed(BODY, { at: minutes(6) }), SECRET)).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(checkWebhookSignature(BODY, signed(BODY, { at: minutes(-4) }), SECRET).ok).toBe(true);
  });
});

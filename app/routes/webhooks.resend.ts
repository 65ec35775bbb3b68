import type { ActionFunctionArgs } from "@remix-run/node";
import { queueReceivedMail } from "~/features/mail-in/index.server";
import { receiveMailWebhook } from "~/features/mail-out/index.server";

/** Webhook events are small JSON; anything larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;

const answer = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * The mail provider's webhook (Resend, signed the Svix way): delivery events for our mail, and
 * mail received for the inbound domain (fetched and placed by a job).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return answer(405, "Method Not Allowed");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return answer(413, "Payload Too Large");
  }
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return answer(413, "Payload Too Large");
  const result = await receiveMailWebhook(
    body,
    request.headers,
    { ip: context.ip ?? null },
    queueReceivedMail,
  );
  return answer(result.status, result.body);
}

export function loader() {
  return answer(405, "Method Not Allowed");
}

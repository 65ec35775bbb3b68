import { action as webhookAction } from "~/routes/webhooks.resend";
import { makeRequestContext } from "./request";

/** Posts a delivery to the app's mail webhook as Resend would; its status and text. */
export async function postToMailWebhook(body: string, headers: Record<string, string>) {
  const response = await webhookAction({
    request: new Request("http://localhost:3000/webhooks/resend", {
      method: "POST",
      headers,
      body,
    }),
    params: {},
    context: makeRequestContext(),
  });
  return { status: response.status, text: await response.text() };
}

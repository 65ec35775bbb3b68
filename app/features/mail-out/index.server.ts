export {
  attachmentsTooLarge,
  loadCompose,
  MAX_ATTACHMENT_BYTES,
  maySendFrom,
  parseCompose,
  queueEmail,
  replyContextOf,
  senderLanguage,
  type ComposeChoices,
} from "./compose.server";
export { deliveryOf } from "./delivery.server";
export { receiveMailWebhook } from "./delivery-events.server";
export { outboundEmailWorker, retryOutboundEmail, sendOutboundEmail } from "./send-email.server";
export { failStuckEmails, stuckEmailWorker } from "./stuck-emails.server";

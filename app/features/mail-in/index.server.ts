export { inboundMailWorker, queueReceivedMail, receiveCapturedMail } from "./captured-mail.server";
export { placeCapturedMail, senderVerified } from "./placement.server";
export { INBOUND_MAX_BYTES, type ReceivedMail } from "./received-mail.server";
export { mayRotateCaptureAddress, visibleCaptureAddresses } from "./capture-display.server";
export {
  assignableProjects,
  assignUnresolved,
  discardUnresolved,
  listUnresolved,
  MAX_DISCARD_REASON,
} from "./unresolved.server";

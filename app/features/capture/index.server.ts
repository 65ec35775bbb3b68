export {
  captureAddressFor,
  captureTargetOf,
  rotateCaptureAddress,
  type CaptureAddressRow,
} from "./capture-address.server";
export { captureAddress, tokenOfCaptureAddress } from "./capture-token.server";
export { replyAddressFor, replyTargetOf, tokenOfReplyAddress } from "./reply-address.server";

export { CaptureAddresses } from "./components/capture-addresses";
export { type DecisionError, UnresolvedList } from "./components/unresolved-list";
export type { CaptureAddressView, UnresolvedMailView } from "./types";

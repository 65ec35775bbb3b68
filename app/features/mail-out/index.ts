export { ComposeForm } from "./components/compose-form";
export { DeliveryStatus } from "./components/delivery-status";
export type { ComposeOptions, DeliveryView } from "./types";

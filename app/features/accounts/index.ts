export { ContactVisibilityPanel } from "./components/contact-visibility-panel";
export type { ContactVisibility } from "./types";

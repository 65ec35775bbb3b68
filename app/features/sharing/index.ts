export { AudienceBadge } from "./components/audience-badge";
export {
  AudiencePicker,
  type AudienceSummary,
  Chips,
  ErrorText,
  useAudienceText,
} from "./components/audience-picker";
export { type SharedItemKind, VisibilityPanel } from "./components/visibility-panel";
export type { SharingExplanation, VisibilityExplanation } from "./types";

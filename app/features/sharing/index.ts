export { AudienceBadge } from "./components/audience-badge";
export {
  AudiencePicker,
  type AudienceSummary,
  Chips,
  ErrorText,
  useAudienceText,
} from "./components/audience-picker";

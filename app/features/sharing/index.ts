export {
  AudiencePicker,
  type AudienceSummary,
  Chips,
  ErrorText,
  useAudienceText,
} from "./components/audience-picker";

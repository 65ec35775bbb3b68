export { RetentionCertificateView } from "./components/retention-certificate";
export { RetentionDue, RetentionRules, RetentionRuns } from "./components/retention-page";

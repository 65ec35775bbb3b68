export {
  closeReview,
  decideItem,
  findReview,
  listReviewItems,
  listReviews,
  MembershipGone,
  openReviewFigures,
  ReviewClosed,
  startReview,
  undecidedFor,
  WidensAccess,
  type FoundReview,
  type ReviewItemRow,
} from "./review.server";
export {
  decisionSchema,
  reviewInputOf,
  reviewSchema,
  type DecisionInput,
  type ReviewInput,
} from "./review-input.server";
export {
  disableDormantUser,
  dormantAfterDays,
  dormantExternalUsers,
  organizationsWithAccess,
  revokeOrganizationEverywhere,
  saveDormantAfterDays,
} from "./access-hygiene.server";
export {
  accessReviewMailWorker,
  accessReviewRoundWorker,
  announceReview,
  remindReviewers,
  runReviewRound,
} from "./review-mail.server";
export { reviewReportCsv } from "./review-report.server";
export { reviewChoices } from "./review-choices.server";
export { reviewPageData } from "./review-page.server";

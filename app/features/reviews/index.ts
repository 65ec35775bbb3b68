export { DormantUsers, ReviewList, RevokeOrganization } from "./components/access-hygiene";
export { ReviewPage } from "./components/review-page";
export { ReviewStartForm } from "./components/review-start-form";
export type {
  DormantUserView,
  ReviewChoices,
  ReviewItemView,
  ReviewListItem,
  ReviewView,
} from "./types";

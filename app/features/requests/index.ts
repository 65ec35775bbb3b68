export { ExpectedAnswer, RequestList } from "./components/request-list";
export { PriorityLabel, RequestStatusBadge, SlaBadge } from "./components/request-badges";
export type { RequestCommentView, RequestEventView, RequestListItem } from "./types";
export { RequestStatusFilter } from "./components/request-status-filter";

export { refreshDueDates } from "./request-clock.server";
export { mayOpenRequestIn, mayOpenRequestsTab } from "./request-access.server";
export { countOpenRequests, listRequests } from "./request.server";
export { requestListItem } from "./request-views.server";
export {
  REQUEST_MAIL,
  requestMailWorker,
  sendRequestMail,
  type RequestMailJob,
} from "./request-mail.server";
export { listRequestActivity, type RequestActivity } from "./request-activity.server";
export {
  germanStateNames,
  MAX_REOPEN_WINDOW_DAYS,
  requestSettings,
  type RequestSettings,
} from "./request-settings.server";
export { saveRequestSettings } from "./request-settings-save.server";
export {
  dueDatesVersion,
  dueRefreshWorker,
  refreshOpenDueDates,
  REQUEST_DUE_REFRESH,
  requestDueRefreshWorker,
  type DueRefreshJob,
} from "./request-due-refresh.server";
export { findRequest } from "./request.server";
export { commentOnRequest, RequestWriteDenied } from "./request-write.server";

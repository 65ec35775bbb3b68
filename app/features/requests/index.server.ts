export { refreshDueDates } from "./request-clock.server";

import type { RequestStatus } from "#db/schema/values";

/**
 * The moves the workflow knows, before the policy says who may make them: resolved and closed
 * requests can only be reopened (back to in progress) or closed.
 */
const NEXT: Record<RequestStatus, RequestStatus[]> = {
  new: ["in_progress", "waiting_on_customer", "resolved", "closed"],
  in_progress: ["waiting_on_customer", "resolved", "closed"],
  waiting_on_customer: ["in_progress", "resolved", "closed"],
  resolved: ["in_progress", "closed"],
  closed: ["in_progress"],
};

export function nextStatuses(status: RequestStatus): RequestStatus[] {
  return NEXT[status];
}

export function isReopen(from: RequestStatus, to: RequestStatus) {
  return (from === "resolved" || from === "closed") && to === "in_progress";
}

export function isOpenStatus(status: RequestStatus) {
  return status === "new" || status === "in_progress" || status === "waiting_on_customer";
}

/** A request's human reference: the year it was opened and its number in that year. */
export function formatReference(year: number, number: number) {
  return `R-${year}-${String(number).padStart(4, "0")}`;
}

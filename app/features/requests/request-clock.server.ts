import { and, asc, eq, ne } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import {
  audiences,
  requestComments,
  requestEvents,
  requests,
  type RequestPriority,
  type RequestStatus,
  type RequestType,
} from "#db/schema";
import { requestSettings, type RequestSettings } from "./request-settings.server";
import { computeSlaClock, type SlaEvent, type SlaTargets } from "./sla-clock.server";

/** A far-off instant that sorts requests with nothing due after every due one. */
export const NOTHING_DUE = new Date("9999-12-31T00:00:00Z");

/** Share of a target left when a request counts as at risk. */
export const AT_RISK_SHARE = 0.25;

/**
 * The request's history as the SLA clock reads it: what it was opened as, every change of
 * status, priority, type and assignment, and the public replies of the host or the assigned
 * partner (a customer's own reply is no response).
 */
export async function slaEventsOf(executor: Database, requestId: string): Promise<SlaEvent[]> {
  const [request] = await executor
    .select({ organizationId: requests.organizationId })
    .from(requests)
    .where(eq(requests.id, requestId));
  if (!request) return [];
  const [events, replies] = await Promise.all([
    executor
      .select()
      .from(requestEvents)
      .where(eq(requestEvents.requestId, requestId))
      .orderBy(asc(requestEvents.at), asc(requestEvents.id)),
    executor
      .select({ at: requestComments.createdAt })
      .from(requestComments)
      .innerJoin(audiences, eq(audiences.id, requestComments.audienceId))
      .where(
        and(
          eq(requestComments.requestId, requestId),
          eq(audiences.kind, "all_members"),
          ne(requestComments.authorOrganizationId, request.organizationId),
        ),
      ),
  ]);
  const history: SlaEvent[] = [];
  for (const event of events) {
    const at = event.at;
    switch (event.kind) {
      case "opened": {
        const opened = JSON.parse(event.toValue ?? "{}") as {
          type: RequestType;
          priority: RequestPriority;
        };
        history.push({ at, kind: "opened", ...opened, assignedOrganizationId: null });
        break;
      }
      case "status":
        history.push({ at, kind: "status", to: event.toValue as RequestStatus });
        break;
      case "priority":
        history.push({ at, kind: "priority", to: event.toValue as RequestPriority });
        break;
      case "type":
        history.push({ at, kind: "type", to: event.toValue as RequestType });
        break;
      case "assigned":
        history.push({ at, kind: "assigned", organizationId: event.toValue });
        break;
    }
  }
  for (const reply of replies) history.push({ at: reply.at, kind: "responded" });
  return history;
}

/** The request's SLA clock now, replayed from its history. */
export async function requestClock(
  requestId: string,
  { now = new Date(), settings }: { now?: Date; settings?: RequestSettings } = {},
) {
  const [events, chosen] = await Promise.all([
    slaEventsOf(db(), requestId),
    settings ?? requestSettings(),
  ]);
  if (events.length === 0) return undefined;
  return computeSlaClock(events, { calendar: chosen.calendar, targets: chosen.targets, now });
}

function scaled(targets: SlaTargets, share: number): SlaTargets {
  return Object.fromEntries(
    Object.entries(targets).map(([type, byPriority]) => [
      type,
      Object.fromEntries(
        Object.entries(byPriority).map(([priority, target]) => [
          priority,
          {
            firstResponseMinutes: Math.round(target.firstResponseMinutes * share),
            resolutionMinutes: Math.round(target.resolutionMinutes * share),
          },
        ]),
      ),
    ]),
  ) as SlaTargets;
}

/**
 * When the request's next target falls due, and from when it counts as at risk (three quarters
 * of the target used), as the queue sorts and filters by them. Derived from the history alone,
 * so computing it again gives the same instants.
 */
export function dueDatesOf(events: SlaEvent[], settings: RequestSettings, now: Date) {
  if (events.length === 0) return { dueAt: null, atRiskAt: null, dueRank: NOTHING_DUE };
  const options = { calendar: settings.calendar, now };
  const clock = computeSlaClock(events, { ...options, targets: settings.targets });
  const early = computeSlaClock(events, {
    ...options,
    targets: scaled(settings.targets, 1 - AT_RISK_SHARE),
  });
  const pending = clock.firstResponse.metAt ? "resolution" : "firstResponse";
  const dueAt = clock[pending].metAt ? null : clock[pending].dueAt;
  const atRiskAt = dueAt ? early[pending].dueAt : null;
  return {
    dueAt,
    atRiskAt,
    dueRank: dueAt ?? NOTHING_DUE,
    firstRespondedAt: clock.firstResponse.metAt,
  };
}

/** Stores the due dates derived from the request's history (after every change of it). */
export async function refreshDueDates(executor: Database, requestId: string, now = new Date()) {
  const [events, settings] = await Promise.all([
    slaEventsOf(executor, requestId),
    requestSettings(executor),
  ]);
  const { dueAt, atRiskAt, dueRank, firstRespondedAt } = dueDatesOf(events, settings, now);
  await executor
    .update(requests)
    .set({ dueAt, atRiskAt, dueRank, firstRespondedAt: firstRespondedAt ?? null })
    .where(eq(requests.id, requestId));
}

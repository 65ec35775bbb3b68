import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMillisecondsBetween,
} from "./business-time.server";

export type RequestType = "question" | "complaint" | "change";
export type RequestPriority = "low" | "normal" | "high" | "urgent";
export type RequestStatus = "new" | "in_progress" | "waiting_on_customer" | "resolved" | "closed";

/** Business minutes allowed until the first response and until the resolution. */
export type SlaTarget = { firstResponseMinutes: number; resolutionMinutes: number };
export type SlaTargets = Record<RequestType, Record<RequestPriority, SlaTarget>>;

const hours = (first: number, resolution: number): SlaTarget => ({
  firstResponseMinutes: first * 60,
  resolutionMinutes: resolution * 60,
});

/** Business minutes, written as hours of 9-hour business days (27 h = 3 days, 45 h = 5 days). */
export const defaultSlaTargets: SlaTargets = {
  question: { low: hours(16, 45), normal: hours(8, 27), high: hours(4, 18), urgent: hours(2, 9) },
  complaint: { low: hours(8, 45), normal: hours(4, 27), high: hours(2, 18), urgent: hours(1, 9) },
  change: { low: hours(16, 90), normal: hours(8, 45), high: hours(4, 27), urgent: hours(2, 18) },
};

export type SlaEvent =
  | {
      at: Date;
      kind: "opened";
      type: RequestType;
      priority: RequestPriority;
      assignedOrganizationId: string | null;
    }
  | { at: Date; kind: "status"; to: RequestStatus }
  | { at: Date; kind: "priority"; to: RequestPriority }
  | { at: Date; kind: "type"; to: RequestType }
  /** `organizationId: null` hands the request back to the host. */
  | { at: Date; kind: "assigned"; organizationId: string | null }
  /** A public reply that counts as a response; the caller decides which replies do. */
  | { at: Date; kind: "responded" };

export type SlaParty =
  { party: "host" } | { party: "partner"; organizationId: string } | { party: "customer" };
/** Who held the request from `from` to `to` (null: still holds it at `now`). */
export type SlaPeriod = SlaParty & { from: Date; to: Date | null; businessMinutes: number };
export type SlaState = "on_track" | "at_risk" | "breached" | "met" | "met_late" | "paused";
export type SlaMeasure = {
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: Date | null;
  metAt: Date | null;
  state: SlaState;
};
export type SlaClock = {
  firstResponse: SlaMeasure;
  resolution: SlaMeasure;
  /** In order; a gap between two periods is time the request spent resolved or closed. */
  periods: SlaPeriod[];
  /** Business minutes per party (per partner organisation), in order of first appearance. */
  shares: (SlaParty & { businessMinutes: number })[];
};

export type SlaClockOptions = {
  calendar: BusinessCalendar;
  targets: SlaTargets;
  now: Date;
  /** A measure is at risk once no more than this share of its target remains. */
  atRiskShare?: number;
};

const MS_PER_MINUTE = 60_000;

/**
 * The SLA clock of a request as of `now`, recomputed from its event history: replaying the same
 * history always gives the same periods and due dates. Events after `now` are ignored.
 */
export function computeSlaClock(events: SlaEvent[], options: SlaClockOptions): SlaClock {
  const { calendar, targets } = options;
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new RangeError("now is an invalid date.");
  const atRiskShare = validAtRiskShare(options.atRiskShare ?? 0.25);

  const replay = replayHistory(historyUntil(events, now));
  const periods = replay.periods.map((period) => ({
    ...period,
    businessMs: businessMillisecondsBetween(
      calendar,
      new Date(period.from),
      new Date(period.to ?? now),
    ),
  }));
  const target = targets[replay.request.type][replay.request.priority];
  const waitingOnCustomer = replay.request.status === "waiting_on_customer";
  const measure = (targetMinutes: number, metAt: number | null) =>
    measureClock(periods, { calendar, now, targetMinutes, metAt, atRiskShare, waitingOnCustomer });

  return {
    firstResponse: measure(target.firstResponseMinutes, replay.firstResponseAt),
    resolution: measure(target.resolutionMinutes, replay.resolvedAt),
    periods: periods.map(toSlaPeriod),
    shares: sharesOf(periods),
  };
}

function validAtRiskShare(share: number) {
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`atRiskShare must lie between 0 and 1, got ${share}.`);
  }
  return share;
}

/*
 * Replaying the history
 */

type RequestSnapshot = {
  status: RequestStatus;
  type: RequestType;
  priority: RequestPriority;
  assignedOrganizationId: string | null;
};
type RawPeriod = { party: SlaParty; from: number; to: number | null };
type Replay = {
  request: RequestSnapshot;
  periods: RawPeriod[];
  firstResponseAt: number | null;
  resolvedAt: number | null;
};

/** The events up to `now` in time order, opening first. */
function historyUntil(events: SlaEvent[], now: number): SlaEvent[] {
  for (const event of events) {
    if (Number.isNaN(event.at.getTime()))
      throw new RangeError(`A ${event.kind} event has no date.`);
  }
  // Array sort is stable; an opening sorts first among events of the same instant, as nothing
  // can happen to a request before it exists.
  const sorted = [...events].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || openingFirst(a) - openingFirst(b),
  );
  const opening = sorted[0];
  if (opening?.kind !== "opened") throw new Error("A request's history must start with opened.");
  if (sorted.slice(1).some((event) => event.kind === "opened")) {
    throw new Error("A request's history must contain a single opened event.");
  }
  if (opening.at.getTime() > now) throw new RangeError("The request was opened after now.");
  return sorted.filter((event) => event.at.getTime() <= now);
}

function openingFirst(event: SlaEvent) {
  return event.kind === "opened" ? 0 : 1;
}

function replayHistory(history: SlaEvent[]): Replay {
  const replay: Replay = {
    request: { status: "new", type: "question", priority: "normal", assignedOrganizationId: null },
    periods: [],
    firstResponseAt: null,
    resolvedAt: null,
  };
  for (const event of history) {
    const at = event.at.getTime();
    applyEvent(replay, event, at);
    followHolder(replay.periods, holderOf(replay.request), at);
  }
  return replay;
}

function applyEvent(replay: Replay, event: SlaEvent, at: number) {
  const { request } = replay;
  switch (event.kind) {
    case "opened":
      request.type = event.type;
      request.priority = event.priority;
      request.assignedOrganizationId = event.assignedOrganizationId;
      return;
    case "status":
      if (event.to !== request.status) changeStatus(replay, event.to, at);
      return;
    case "priority":
      request.priority = event.to;
      return;
    case "type":
      request.type = event.to;
      return;
    case "assigned":
      request.assignedOrganizationId = event.organizationId;
      return;
    case "responded":
      replay.firstResponseAt ??= at;
      return;
  }
}

function changeStatus(replay: Replay, to: RequestStatus, at: number) {
  replay.request.status = to;
  // Asking the customer, resolving or closing all answer the customer, so each is a response.
  if (to === "waiting_on_customer" || to === "resolved" || to === "closed") {
    replay.firstResponseAt ??= at;
  }
  if (to === "resolved") replay.resolvedAt = at;
  // Closing a resolved request keeps the resolution; closing an open one resolves it there.
  else if (to === "closed") replay.resolvedAt ??= at;
  else replay.resolvedAt = null;
}

/** Who the clock waits on; null while the request is resolved or closed. */
function holderOf(request: RequestSnapshot): SlaParty | null {
  switch (request.status) {
    case "new":
    case "in_progress":
      return request.assignedOrganizationId === null
        ? { party: "host" }
        : { party: "partner", organizationId: request.assignedOrganizationId };
    case "waiting_on_customer":
      return { party: "customer" };
    case "resolved":
    case "closed":
      return null;
  }
}

/** Ends the open period and starts another when the holder changes at `at`. */
function followHolder(periods: RawPeriod[], holder: SlaParty | null, at: number) {
  const last = periods.at(-1);
  const open = last?.to === null ? last : undefined;
  if (open && holder && samePartyKey(open.party, holder)) return;
  if (open) {
    open.to = at;
    // Several changes at one instant leave no period of zero length behind.
    if (open.from === at) periods.pop();
  }
  if (!holder) return;
  const previous = periods.at(-1);
  if (previous && previous.to === at && samePartyKey(previous.party, holder)) {
    previous.to = null;
  } else {
    periods.push({ party: holder, from: at, to: null });
  }
}

function partyKey(party: SlaParty) {
  return party.party === "partner" ? `partner:${party.organizationId}` : party.party;
}

function samePartyKey(a: SlaParty, b: SlaParty) {
  return partyKey(a) === partyKey(b);
}

/*
 * Measuring
 */

type TimedPeriod = RawPeriod & { businessMs: number };

function isRunning(period: RawPeriod) {
  return period.party.party !== "customer";
}

type MeasureInput = {
  calendar: BusinessCalendar;
  now: number;
  targetMinutes: number;
  metAt: number | null;
  atRiskShare: number;
  waitingOnCustomer: boolean;
};

/**
 * Running time counts up to the instant a measure is met, or up to now. A met measure's due date
 * is the one that stood when it was met; an unmet one has none while the clock does not run.
 */
function measureClock(periods: TimedPeriod[], input: MeasureInput): SlaMeasure {
  const { targetMinutes, metAt } = input;
  const targetMs = Math.round(targetMinutes * MS_PER_MINUTE);
  const stretches = runningStretches(periods, input);
  const elapsedMs = stretches.reduce((sum, stretch) => sum + stretch.businessMs, 0);
  const paused = metAt === null && input.waitingOnCustomer;
  return {
    targetMinutes,
    elapsedMinutes: elapsedMs / MS_PER_MINUTE,
    dueAt: dueAtOf(stretches, targetMs, input.calendar),
    metAt: metAt === null ? null : new Date(metAt),
    state: stateOf({ elapsedMs, targetMs, met: metAt !== null, paused }, input.atRiskShare),
  };
}

/** A running period cut at the instant of measuring (met or now). */
type RunningStretch = { from: number; businessMs: number; runsAtCut: boolean };

function runningStretches(periods: TimedPeriod[], input: MeasureInput): RunningStretch[] {
  const cut = input.metAt ?? input.now;
  return periods
    .filter((period) => isRunning(period) && period.from <= cut)
    .map((period) => {
      const end = period.to ?? Infinity;
      // Meeting a measure by pausing or stopping the clock ends the period at that very instant.
      const runsAtCut = end > cut || (input.metAt !== null && end === cut);
      const counted = Math.min(period.to ?? input.now, cut);
      const businessMs =
        counted === (period.to ?? input.now)
          ? period.businessMs
          : businessMillisecondsBetween(input.calendar, new Date(period.from), new Date(counted));
      return { from: period.from, businessMs, runsAtCut };
    });
}

/** When the running time reaches the target, as far as the history tells. */
function dueAtOf(stretches: RunningStretch[], targetMs: number, calendar: BusinessCalendar) {
  let before = 0;
  for (const stretch of stretches) {
    if (before + stretch.businessMs >= targetMs || stretch.runsAtCut) {
      return addBusinessMinutes(
        calendar,
        new Date(stretch.from),
        (targetMs - before) / MS_PER_MINUTE,
      );
    }
    before += stretch.businessMs;
  }
  return null;
}

type StateInput = {
  elapsedMs: number;
  targetMs: number;
  met: boolean;
  paused: boolean;
};

function stateOf({ elapsedMs, targetMs, met, paused }: StateInput, atRiskShare: number): SlaState {
  if (met) return elapsedMs <= targetMs ? "met" : "met_late";
  if (elapsedMs >= targetMs) return "breached";
  if (paused) return "paused";
  return targetMs - elapsedMs <= atRiskShare * targetMs ? "at_risk" : "on_track";
}

/*
 * Reporting
 */

function toSlaPeriod(period: TimedPeriod): SlaPeriod {
  return {
    ...period.party,
    from: new Date(period.from),
    to: period.to === null ? null : new Date(period.to),
    businessMinutes: period.businessMs / MS_PER_MINUTE,
  };
}

function sharesOf(periods: TimedPeriod[]): SlaClock["shares"] {
  const shares = new Map<string, SlaParty & { businessMs: number }>();
  for (const period of periods) {
    const key = partyKey(period.party);
    const share = shares.get(key) ?? { ...period.party, businessMs: 0 };
    share.businessMs += period.businessMs;
    shares.set(key, share);
  }
  return [...shares.values()].map(({ businessMs, ...party }) => ({
    ...party,
    businessMinutes: businessMs / MS_PER_MINUTE,
  }));
}

import { describe, expect, it } from "vitest";
import { defaultBusinessCalendar } from "~/features/requests/business-time.server";
import {
  computeSlaClock,
  defaultSlaTargets,
  type RequestPriority,
  type RequestType,
  type SlaEvent,
} from "~/features/requests/sla-clock.server";

// The week of 8 June 2026 has no holiday in Hamburg; business hours are 08:00–17:00 (+02:00).
const at = (iso: string) => new Date(iso);
const hours = (count: number) => count * 60;
const options = (now: string) => ({
  calendar: defaultBusinessCalendar,
  targets: defaultSlaTargets,
  now: at(now),
});

function opened(type: RequestType, priority: RequestPriority, iso: string): SlaEvent {
  return { at: at(iso), kind: "opened", type, priority, assignedOrganizationId: null };
}

describe("the SLA clock", () => {
  it("runs from the opening and is due after the target's business minutes", () => {
    const clock = computeSlaClock(
      [opened("question", "normal", "2026-06-08T09:00:00+02:00")],
      options("2026-06-08T10:00:00+02:00"),
    );
    expect(clock.firstResponse).toEqual({
      targetMinutes: hours(8),
      elapsedMinutes: 60,
      dueAt: at("2026-06-08T17:00:00+02:00"),
      metAt: null,
      state: "on_track",
    });
    expect(clock.resolution.dueAt).toEqual(at("2026-06-11T09:00:00+02:00"));
    expect(clock.periods).toEqual([
      { party: "host", from: at("2026-06-08T09:00:00+02:00"), to: null, businessMinutes: 60 },
    ]);
  });

  it("pauses while waiting on the customer, which moves the due date", () => {
    const history: SlaEvent[] = [
      opened("question", "normal", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T09:30:00+02:00"), kind: "status", to: "in_progress" },
      { at: at("2026-06-08T11:00:00+02:00"), kind: "status", to: "waiting_on_customer" },
      { at: at("2026-06-09T11:00:00+02:00"), kind: "status", to: "in_progress" },
    ];

    const waiting = computeSlaClock(history, options("2026-06-08T15:00:00+02:00"));
    expect(waiting.firstResponse).toMatchObject({
      metAt: at("2026-06-08T11:00:00+02:00"),
      elapsedMinutes: 120,
      dueAt: at("2026-06-08T17:00:00+02:00"),
      state: "met",
    });
    expect(waiting.resolution).toMatchObject({ elapsedMinutes: 120, dueAt: null, state: "paused" });

    const resumed = computeSlaClock(history, options("2026-06-09T12:00:00+02:00"));
    // A business day spent waiting (Mon 11–17, Tue 8–11) pushes the due date by a business day.
    expect(resumed.resolution).toMatchObject({
      elapsedMinutes: 180,
      dueAt: at("2026-06-12T09:00:00+02:00"),
      state: "on_track",
    });
    expect(resumed.periods).toEqual([
      {
        party: "host",
        from: at("2026-06-08T09:00:00+02:00"),
        to: at("2026-06-08T11:00:00+02:00"),
        businessMinutes: 120,
      },
      {
        party: "customer",
        from: at("2026-06-08T11:00:00+02:00"),
        to: at("2026-06-09T11:00:00+02:00"),
        businessMinutes: hours(9),
      },
      { party: "host", from: at("2026-06-09T11:00:00+02:00"), to: null, businessMinutes: 60 },
    ]);
    expect(resumed.shares).toEqual([
      { party: "host", businessMinutes: 180 },
      { party: "customer", businessMinutes: hours(9) },
    ]);
  });

  it("applies a raised priority to the whole time so far: due earlier, then breached", () => {
    const history: SlaEvent[] = [
      opened("complaint", "normal", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T09:10:00+02:00"), kind: "status", to: "in_progress" },
      { at: at("2026-06-08T10:30:00+02:00"), kind: "responded" },
    ];
    const raised: SlaEvent[] = [
      ...history,
      { at: at("2026-06-08T14:00:00+02:00"), kind: "priority", to: "urgent" },
    ];

    const before = computeSlaClock(history, options("2026-06-08T14:00:00+02:00"));
    expect(before.firstResponse).toMatchObject({ elapsedMinutes: 90, state: "met" });
    expect(before.resolution).toMatchObject({
      targetMinutes: hours(27),
      dueAt: at("2026-06-11T09:00:00+02:00"),
      state: "on_track",
    });

    const after = computeSlaClock(raised, options("2026-06-08T15:00:00+02:00"));
    expect(after.firstResponse).toMatchObject({
      targetMinutes: 60,
      elapsedMinutes: 90,
      dueAt: at("2026-06-08T10:00:00+02:00"),
      state: "met_late",
    });
    expect(after.resolution).toMatchObject({
      targetMinutes: hours(9),
      elapsedMinutes: hours(6),
      dueAt: at("2026-06-09T09:00:00+02:00"),
      state: "on_track",
    });
    expect(computeSlaClock(raised, options("2026-06-09T08:30:00+02:00")).resolution).toMatchObject({
      elapsedMinutes: hours(8.5),
      state: "at_risk",
    });
    expect(computeSlaClock(raised, options("2026-06-09T10:00:00+02:00")).resolution).toMatchObject({
      elapsedMinutes: hours(10),
      dueAt: at("2026-06-09T09:00:00+02:00"),
      state: "breached",
    });
  });

  it("hands over to a partner and back: three periods that add up to the running time", () => {
    const history: SlaEvent[] = [
      opened("change", "normal", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T09:30:00+02:00"), kind: "status", to: "in_progress" },
      { at: at("2026-06-08T12:00:00+02:00"), kind: "assigned", organizationId: "org-partner" },
      { at: at("2026-06-09T10:00:00+02:00"), kind: "assigned", organizationId: null },
    ];
    const clock = computeSlaClock(history, options("2026-06-09T15:00:00+02:00"));

    expect(clock.periods).toEqual([
      {
        party: "host",
        from: at("2026-06-08T09:00:00+02:00"),
        to: at("2026-06-08T12:00:00+02:00"),
        businessMinutes: 180,
      },
      {
        party: "partner",
        organizationId: "org-partner",
        from: at("2026-06-08T12:00:00+02:00"),
        to: at("2026-06-09T10:00:00+02:00"),
        businessMinutes: 420,
      },
      { party: "host", from: at("2026-06-09T10:00:00+02:00"), to: null, businessMinutes: 300 },
    ]);
    const periodMinutes = clock.periods.reduce((sum, period) => sum + period.businessMinutes, 0);
    expect(clock.resolution.elapsedMinutes).toBe(periodMinutes);
    expect(clock.shares).toEqual([
      { party: "host", businessMinutes: 480 },
      { party: "partner", organizationId: "org-partner", businessMinutes: 420 },
    ]);
    // The partner let the first response slip: it fell due during its period.
    expect(clock.firstResponse).toMatchObject({
      elapsedMinutes: 900,
      dueAt: at("2026-06-08T17:00:00+02:00"),
      state: "breached",
    });
  });

  it("continues the clock when a resolved request is reopened", () => {
    const resolved: SlaEvent[] = [
      opened("question", "high", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T10:00:00+02:00"), kind: "responded" },
      { at: at("2026-06-08T15:00:00+02:00"), kind: "status", to: "resolved" },
    ];
    const reopened: SlaEvent[] = [
      ...resolved,
      { at: at("2026-06-10T10:00:00+02:00"), kind: "status", to: "in_progress" },
    ];
    const resolvedAgain: SlaEvent[] = [
      ...reopened,
      { at: at("2026-06-11T09:00:00+02:00"), kind: "status", to: "resolved" },
      { at: at("2026-06-11T10:00:00+02:00"), kind: "status", to: "closed" },
    ];

    const first = computeSlaClock(resolved, options("2026-06-09T12:00:00+02:00"));
    expect(first.resolution).toEqual({
      targetMinutes: hours(18),
      elapsedMinutes: hours(6),
      dueAt: at("2026-06-10T09:00:00+02:00"),
      metAt: at("2026-06-08T15:00:00+02:00"),
      state: "met",
    });
    expect(first.periods).toHaveLength(1);

    const open = computeSlaClock(reopened, options("2026-06-10T12:00:00+02:00"));
    expect(open.resolution).toEqual({
      targetMinutes: hours(18),
      elapsedMinutes: hours(8),
      dueAt: at("2026-06-11T13:00:00+02:00"),
      metAt: null,
      state: "on_track",
    });
    expect(open.firstResponse.metAt).toEqual(at("2026-06-08T10:00:00+02:00"));
    expect(open.periods.map(({ from, to }) => [from, to])).toEqual([
      [at("2026-06-08T09:00:00+02:00"), at("2026-06-08T15:00:00+02:00")],
      [at("2026-06-10T10:00:00+02:00"), null],
    ]);

    const closed = computeSlaClock(resolvedAgain, options("2026-06-12T12:00:00+02:00"));
    expect(closed.resolution).toMatchObject({
      elapsedMinutes: hours(14),
      metAt: at("2026-06-11T09:00:00+02:00"),
      state: "met",
    });
    expect(closed.periods.at(-1)?.to).toEqual(at("2026-06-11T09:00:00+02:00"));
  });

  it("counts closing an unresolved request as meeting both targets there", () => {
    const clock = computeSlaClock(
      [
        opened("question", "urgent", "2026-06-08T09:00:00+02:00"),
        { at: at("2026-06-08T09:45:00+02:00"), kind: "status", to: "closed" },
      ],
      options("2026-06-09T12:00:00+02:00"),
    );
    expect(clock.firstResponse).toMatchObject({ metAt: at("2026-06-08T09:45:00+02:00") });
    expect(clock.resolution).toMatchObject({
      elapsedMinutes: 45,
      metAt: at("2026-06-08T09:45:00+02:00"),
      state: "met",
    });
    expect(clock.periods).toHaveLength(1);
  });

  it("is breached once now passes the due date without a response", () => {
    const clock = computeSlaClock(
      [opened("question", "urgent", "2026-06-08T09:00:00+02:00")],
      options("2026-06-08T11:30:00+02:00"),
    );
    expect(clock.firstResponse).toEqual({
      targetMinutes: 120,
      elapsedMinutes: 150,
      dueAt: at("2026-06-08T11:00:00+02:00"),
      metAt: null,
      state: "breached",
    });
  });

  it("gives the same clock for the same history in any order", () => {
    const history: SlaEvent[] = [
      opened("complaint", "high", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T11:00:00+02:00"), kind: "assigned", organizationId: "org-a" },
      { at: at("2026-06-08T13:00:00+02:00"), kind: "status", to: "waiting_on_customer" },
      { at: at("2026-06-09T09:00:00+02:00"), kind: "status", to: "in_progress" },
      { at: at("2026-06-09T10:00:00+02:00"), kind: "type", to: "change" },
      { at: at("2026-06-09T11:00:00+02:00"), kind: "assigned", organizationId: "org-b" },
      { at: at("2026-06-10T16:00:00+02:00"), kind: "status", to: "resolved" },
      { at: at("2026-06-11T09:00:00+02:00"), kind: "status", to: "in_progress" },
    ];
    const shuffled = [4, 7, 0, 2, 6, 1, 5, 3].map((index) => history[index]!);
    const now = "2026-06-11T12:00:00+02:00";

    const clock = computeSlaClock(history, options(now));
    expect(computeSlaClock(shuffled, options(now))).toEqual(clock);
    expect(clock.shares).toEqual([
      { party: "host", businessMinutes: 120 },
      // Back from the customer, the request returns to the partner still assigned.
      { party: "partner", organizationId: "org-a", businessMinutes: 120 + 120 },
      { party: "customer", businessMinutes: 300 },
      { party: "partner", organizationId: "org-b", businessMinutes: 360 + 480 + 180 },
    ]);
    // The due date depends on the history only: a later `now` leaves it where it was.
    expect(computeSlaClock(history, options("2026-06-11T14:00:00+02:00")).resolution.dueAt).toEqual(
      clock.resolution.dueAt,
    );
  });

  it("ignores what happens after now, and refuses a history that does not start with opened", () => {
    const history: SlaEvent[] = [
      opened("question", "normal", "2026-06-08T09:00:00+02:00"),
      { at: at("2026-06-08T12:00:00+02:00"), kind: "responded" },
    ];
    expect(
      computeSlaClock(history, options("2026-06-08T10:00:00+02:00")).firstResponse,
    ).toMatchObject({ metAt: null, elapsedMinutes: 60, state: "on_track" });
    expect(() =>
      computeSlaClock(
        [{ at: at("2026-06-08T08:00:00+02:00"), kind: "responded" }, ...history],
        options("2026-06-08T10:00:00+02:00"),
      ),
    ).toThrow(/must start with opened/);
  });
});

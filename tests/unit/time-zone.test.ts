import { describe, expect, it } from "vitest";
import { formatCalendarDay } from "~/components/local-time";
import { calendarDayIn, endOfDayIn, startOfDayIn, timeZoneOrUtc } from "~/kernel/time-zone";

describe("calendar days in the reader's time zone", () => {
  it("starts a Berlin day at local midnight, and a day with a clock change lasts 23 hours", () => {
    expect(startOfDayIn("2026-11-23", "Europe/Berlin")?.toISOString()).toBe(
      "2026-11-22T23:00:00.000Z",
    );
    const start = startOfDayIn("2026-03-29", "Europe/Berlin")!;
    const end = startOfDayIn("2026-03-29", "Europe/Berlin", 1)!;
    expect(start.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it("defaults to UTC and refuses days that do not exist", () => {
    expect(startOfDayIn("2026-11-23")?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    for (const bad of ["2026-02-30", "2026-13-01", "23.11.2026", "", undefined, "1800-01-01"]) {
      expect(startOfDayIn(bad, "Europe/Berlin"), String(bad)).toBeUndefined();
    }
  });

  it("accepts only real zone names", () => {
    expect(timeZoneOrUtc("America/New_York")).toBe("America/New_York");
    expect(timeZoneOrUtc("Mars/Olympus")).toBe("UTC");
    expect(timeZoneOrUtc("x".repeat(100))).toBe("UTC");
    expect(timeZoneOrUtc(null)).toBe("UTC");
  });
});

describe("a membership's last day", () => {
  it("ends at the last millisecond of the day in Berlin, in winter and in summer", () => {
    expect(endOfDayIn("2026-12-12", "Europe/Berlin")?.toISOString()).toBe(
      "2026-12-12T22:59:59.999Z",
    );
    expect(endOfDayIn("2027-07-01", "Europe/Berlin")?.toISOString()).toBe(
      "2027-07-01T21:59:59.999Z",
    );
    expect(endOfDayIn("2026-02-30", "Europe/Berlin")).toBeUndefined();
    expect(calendarDayIn(new Date("2026-12-12T22:59:59.999Z"), "Europe/Berlin")).toBe("2026-12-12");
  });

  it("reads as that day in the reader's language, wherever the reader is", () => {
    expect(formatCalendarDay("2026-12-12", "en")).toBe("Dec 12, 2026");
    expect(formatCalendarDay("2026-12-12", "en-GB")).toBe("12 Dec 2026");
    expect(formatCalendarDay("2026-12-12", "de")).toBe("12.12.2026");
  });
});

import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  defaultBusinessCalendar,
  isBusinessDay,
} from "~/features/requests/business-time.server";

const hamburg = defaultBusinessCalendar;
const bavaria: BusinessCalendar = { ...defaultBusinessCalendar, federalState: "BY" };
const at = (iso: string) => new Date(iso);
const hours = (count: number) => count * 60;

describe("business days", () => {
  it("skips weekends, public holidays of the state and the company's closing days", () => {
    expect(isBusinessDay(hamburg, "2026-03-27")).toBe(true);
    expect(isBusinessDay(hamburg, "2026-03-28")).toBe(false);
    expect(isBusinessDay(hamburg, "2026-03-29")).toBe(false);
    expect(isBusinessDay(hamburg, "2026-05-01")).toBe(false);
    expect(isBusinessDay(hamburg, "2026-06-04")).toBe(true);
    expect(isBusinessDay(bavaria, "2026-06-04")).toBe(false);
    // Christmas Eve is a "bank" holiday, not a public one: worked unless the company closes.
    expect(isBusinessDay(hamburg, "2026-12-24")).toBe(true);
    expect(isBusinessDay({ ...hamburg, closingDays: ["2026-12-24"] }, "2026-12-24")).toBe(false);
  });

  it("refuses dates that do not exist", () => {
    expect(() => isBusinessDay(hamburg, "2026-02-30")).toThrow(RangeError);
    expect(() => isBusinessDay(hamburg, "30.03.2026")).toThrow(RangeError);
  });
});

describe("adding business minutes", () => {
  it("carries the rest of Friday over the weekend to Monday morning", () => {
    expect(addBusinessMinutes(hamburg, at("2026-01-09T16:00:00+01:00"), hours(2))).toEqual(
      at("2026-01-12T09:00:00+01:00"),
    );
    // The clocks go forward on the Sunday in between.
    expect(addBusinessMinutes(hamburg, at("2026-03-27T16:00:00+01:00"), hours(2))).toEqual(
      at("2026-03-30T09:00:00+02:00"),
    );
  });

  it("skips 1 May in Hamburg, and Corpus Christi only in Bavaria", () => {
    expect(addBusinessMinutes(hamburg, at("2026-04-30T16:00:00+02:00"), hours(2))).toEqual(
      at("2026-05-04T09:00:00+02:00"),
    );
    expect(addBusinessMinutes(hamburg, at("2026-06-03T16:00:00+02:00"), hours(2))).toEqual(
      at("2026-06-04T09:00:00+02:00"),
    );
    expect(addBusinessMinutes(bavaria, at("2026-06-03T16:00:00+02:00"), hours(2))).toEqual(
      at("2026-06-05T09:00:00+02:00"),
    );
  });

  it("skips a company closing day next to the holidays", () => {
    const closedOnChristmasEve = { ...hamburg, closingDays: ["2026-12-24"] };
    expect(
      addBusinessMinutes(closedOnChristmasEve, at("2026-12-23T16:00:00+01:00"), hours(2)),
    ).toEqual(at("2026-12-28T09:00:00+01:00"));
    expect(addBusinessMinutes(hamburg, at("2026-12-23T16:00:00+01:00"), hours(2))).toEqual(
      at("2026-12-24T09:00:00+01:00"),
    );
  });

  it("is due at closing time when the time runs out exactly then", () => {
    expect(addBusinessMinutes(hamburg, at("2026-06-08T08:00:00+02:00"), hours(9))).toEqual(
      at("2026-06-08T17:00:00+02:00"),
    );
    expect(addBusinessMinutes(hamburg, at("2026-06-08T08:00:00+02:00"), hours(9) + 1)).toEqual(
      at("2026-06-09T08:01:00+02:00"),
    );
  });

  it("starts counting at the next opening, so zero minutes outside the hours is that opening", () => {
    expect(addBusinessMinutes(hamburg, at("2026-06-08T06:30:00+02:00"), 30)).toEqual(
      at("2026-06-08T08:30:00+02:00"),
    );
    expect(addBusinessMinutes(hamburg, at("2026-06-08T10:15:00+02:00"), 0)).toEqual(
      at("2026-06-08T10:15:00+02:00"),
    );
    expect(addBusinessMinutes(hamburg, at("2026-06-12T18:00:00+02:00"), 0)).toEqual(
      at("2026-06-15T08:00:00+02:00"),
    );
  });

  it("refuses a calendar without business days and minutes it cannot add", () => {
    const never = { ...hamburg, workingDays: [] };
    expect(() => addBusinessMinutes(never, at("2026-06-08T08:00:00+02:00"), 1)).toThrow(
      /no business day within/,
    );
    expect(() => addBusinessMinutes(hamburg, at("2026-06-08T08:00:00+02:00"), -1)).toThrow(
      RangeError,
    );
    expect(() =>
      addBusinessMinutes({ ...hamburg, dayEnd: "07:00" }, at("2026-06-08T08:00:00+02:00"), 1),
    ).toThrow(/must end after they start/);
    expect(() =>
      addBusinessMinutes({ ...hamburg, timeZone: "Mars/Olympus" }, at("2026-06-08"), 1),
    ).toThrow(/Unknown time zone/);
  });
});

describe("business minutes between two instants", () => {
  it("counts only the hours inside the window, to the millisecond", () => {
    expect(
      businessMinutesBetween(
        hamburg,
        at("2026-06-08T07:00:00+02:00"),
        at("2026-06-08T09:30:00+02:00"),
      ),
    ).toBe(90);
    expect(
      businessMinutesBetween(
        hamburg,
        at("2026-06-08T08:00:30+02:00"),
        at("2026-06-08T08:01:00+02:00"),
      ),
    ).toBe(0.5);
    expect(
      businessMinutesBetween(
        hamburg,
        at("2026-06-08T12:00:00+02:00"),
        at("2026-06-08T11:00:00+02:00"),
      ),
    ).toBe(0);
  });

  it("keeps 9 hours on the working days around both clock changes", () => {
    for (const day of ["2026-03-27", "2026-03-30", "2026-10-23", "2026-10-26"]) {
      const offset = day < "2026-03-29" || day > "2026-10-25" ? "+01:00" : "+02:00";
      expect(
        businessMinutesBetween(
          hamburg,
          at(`${day}T00:00:00${offset}`),
          at(`${day}T23:59:00${offset}`),
        ),
        day,
      ).toBe(hours(9));
    }
  });

  it("counts a period across the weekend of a clock change as exactly two business days", () => {
    expect(
      businessMinutesBetween(
        hamburg,
        at("2026-03-27T08:00:00+01:00"),
        at("2026-03-30T17:00:00+02:00"),
      ),
    ).toBe(hours(18));
    expect(
      businessMinutesBetween(
        hamburg,
        at("2026-10-23T08:00:00+02:00"),
        at("2026-10-26T17:00:00+01:00"),
      ),
    ).toBe(hours(18));
  });

  it("follows real elapsed time when the window spans the clock change", () => {
    const sundayNights: BusinessCalendar = {
      ...hamburg,
      workingDays: [7],
      dayStart: "00:00",
      dayEnd: "06:00",
    };
    expect(
      businessMinutesBetween(
        sundayNights,
        at("2026-03-28T12:00:00+01:00"),
        at("2026-03-29T12:00:00+02:00"),
      ),
    ).toBe(hours(5));
    expect(
      businessMinutesBetween(
        sundayNights,
        at("2026-10-24T12:00:00+02:00"),
        at("2026-10-25T12:00:00+01:00"),
      ),
    ).toBe(hours(7));
    expect(addBusinessMinutes(sundayNights, at("2026-03-29T00:00:00+01:00"), hours(4))).toEqual(
      at("2026-03-29T05:00:00+02:00"),
    );
  });

  it("undoes adding: the minutes added are the minutes between", () => {
    const from = at("2026-04-29T15:17:00+02:00");
    for (const minutes of [1, 59, hours(9), hours(27) + 13, hours(90)]) {
      const to = addBusinessMinutes(bavaria, from, minutes);
      expect(businessMinutesBetween(bavaria, from, to), String(minutes)).toBe(minutes);
    }
  });
});

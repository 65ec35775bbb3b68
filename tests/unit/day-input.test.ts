import { describe, expect, it } from "vitest";
import {
  dayTimeIn,
  displayDay,
  formatDay,
  formatDayTime,
  parseDay,
  parseDayTime,
} from "~/kernel/day-input";

describe("parseDay", () => {
  it.each([
    ["2026-12-31", "2026-12-31"],
    ["2026-1-2", "2026-01-02"],
    ["31.12.2026", "2026-12-31"],
    ["31.12.26", "2026-12-31"],
    ["1.2.2026", "2026-02-01"],
    ["01.02.2026", "2026-02-01"],
    ["31. 12. 2026", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["1/2/26", "2026-02-01"],
    ["  31.12.2026  ", "2026-12-31"],
    ["29.02.2028", "2028-02-29"],
    ["01.01.1900", "1900-01-01"],
    ["31.12.99", "1999-12-31"],
    ["1.1.69", "2069-01-01"],
  ])("reads %j as %s", (text, iso) => {
    expect(parseDay(text)).toBe(iso);
  });

  it.each([
    "",
    "   ",
    "31.02.2026",
    "29.02.2026",
    "2026-02-30",
    "2026-13-01",
    "32.01.2026",
    "00.01.2026",
    "31.00.2026",
    "31.12.1899",
    "1899-12-31",
    "31.12.202",
    "31.12.20266",
    "12/31/2026",
    "31-12-2026",
    "31.12",
    "31.12.2026 14:10",
    "2026-12-31T14:10",
    "heute",
    "yesterday",
    "1e3",
    "2026-12-31x",
  ])("refuses %j", (text) => {
    expect(parseDay(text)).toBeUndefined();
  });

  it("refuses what is not text", () => {
    expect(parseDay(undefined)).toBeUndefined();
    expect(parseDay(null)).toBeUndefined();
  });
});

describe("parseDayTime", () => {
  it.each([
    ["31.12.2026 14:10", "2026-12-31", "14:10"],
    ["31.12.2026, 14:10", "2026-12-31", "14:10"],
    ["31.12.2026,14:10", "2026-12-31", "14:10"],
    ["31/12/2026 14:10", "2026-12-31", "14:10"],
    ["31/12/2026, 14:10", "2026-12-31", "14:10"],
    ["2026-12-31T14:10", "2026-12-31", "14:10"],
    ["2026-12-31T14:10:00", "2026-12-31", "14:10"],
    ["2026-12-31 14:10", "2026-12-31", "14:10"],
    ["1.2.26 9:05", "2026-02-01", "09:05"],
    ["31.12.2026 14:10 Uhr", "2026-12-31", "14:10"],
    ["  31.12.2026   0:00 ", "2026-12-31", "00:00"],
    ["31.12.2026 23:59", "2026-12-31", "23:59"],
  ])("reads %j as %s %s", (text, day, time) => {
    expect(parseDayTime(text)).toEqual({ day, time });
  });

  it.each([
    "",
    "31.12.2026",
    "2026-12-31",
    "31.12.2026 24:00",
    "31.12.2026 14:60",
    "31.12.2026 14:1",
    "31.12.2026 1410",
    "31.12.2026 14",
    "2026-12-31T14:10:60",
    "31.02.2026 14:10",
    "2026-02-30T10:00",
    "31.12.1899 14:10",
    "12/31/2026 14:10",
    "14:10",
    "31.12.2026 14:10 pm",
  ])("refuses %j", (text) => {
    expect(parseDayTime(text)).toBeUndefined();
  });
});

describe("formatDay and formatDayTime", () => {
  it("writes the day as the reader does", () => {
    expect(formatDay("2026-12-31", "de")).toBe("31.12.2026");
    expect(formatDay("2026-12-31", "en")).toBe("31/12/2026");
    expect(formatDay("2026-02-01", "de")).toBe("01.02.2026");
    expect(formatDay("2026-02-01", "en")).toBe("01/02/2026");
    expect(formatDayTime("2026-12-31", "14:10", "de")).toBe("31.12.2026 14:10");
    expect(formatDayTime("2026-12-31", "09:05", "en")).toBe("31/12/2026 09:05");
  });

  it("reads back what it writes, in both languages", () => {
    for (const language of ["de", "en"]) {
      for (const iso of ["1900-01-01", "2026-12-31", "2028-02-29", "2099-07-04"]) {
        expect(parseDay(formatDay(iso, language))).toBe(iso);
        expect(parseDayTime(formatDayTime(iso, "07:30", language))).toEqual({
          day: iso,
          time: "07:30",
        });
      }
    }
  });

  it("leaves what is no day as it is", () => {
    expect(formatDay("2026-02-30", "de")).toBe("2026-02-30");
    expect(formatDay("morgen", "en")).toBe("morgen");
  });

  it("shows a typed day in the reader's format, and a mistake as typed", () => {
    expect(displayDay("2026-12-31", "de")).toBe("31.12.2026");
    expect(displayDay("1.2.26", "en")).toBe("01/02/2026");
    expect(displayDay("31.02.2026", "de")).toBe("31.02.2026");
  });
});

describe("dayTimeIn", () => {
  it("gives the wall clock of an instant in a time zone", () => {
    const instant = new Date("2026-11-20T23:30:00Z");
    expect(dayTimeIn(instant, "Europe/Berlin")).toEqual({ day: "2026-11-21", time: "00:30" });
    expect(dayTimeIn(instant, "UTC")).toEqual({ day: "2026-11-20", time: "23:30" });
    expect(dayTimeIn(new Date("2026-07-01T00:05:00Z"), "America/New_York")).toEqual({
      day: "2026-06-30",
      time: "20:05",
    });
  });
});

import { TZDate } from "@date-fns/tz";
import Holidays from "date-holidays";

export const germanStates = [
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HH",
  "HE",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
] as const;
export type GermanState = (typeof germanStates)[number];

/** When the host company works: the clock of every SLA is counted in these hours only. */
export type BusinessCalendar = {
  /** IANA zone name, e.g. "Europe/Berlin"; the daily window is wall-clock time there. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** "HH:MM", e.g. "08:00". */
  dayStart: string;
  /** "HH:MM", e.g. "17:00"; "24:00" ends the window at the following midnight. */
  dayEnd: string;
  /** Whose public holidays are days off. */
  federalState: GermanState;
  /** "YYYY-MM-DD" days the company is closed besides the public holidays. */
  closingDays: string[];
};

export const defaultBusinessCalendar: BusinessCalendar = {
  timeZone: "Europe/Berlin",
  workingDays: [1, 2, 3, 4, 5],
  dayStart: "08:00",
  dayEnd: "17:00",
  federalState: "HH",
  closingDays: [],
};

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
// A calendar without a single business day in this many days cannot be meant: stop looking.
const MAX_DAYS_WITHOUT_BUSINESS = 3 * 366;

type WallClock = { hours: number; minutes: number };
type Window = { open: number; close: number };

/** Whether the company works on `isoDate` ("YYYY-MM-DD"): a working weekday, no holiday, not closed. */
export function isBusinessDay(calendar: BusinessCalendar, isoDate: string): boolean {
  return isBusinessDayNumber(calendar, dayNumberOf(isoDate));
}

/**
 * Business time between two instants, in minutes (fractional when the instants are not on whole
 * minutes); 0 when `to` is not after `from`.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return businessMillisecondsBetween(calendar, from, to) / MS_PER_MINUTE;
}

/** Business time between two instants in whole milliseconds, so that sums stay exact. */
export function businessMillisecondsBetween(
  calendar: BusinessCalendar,
  from: Date,
  to: Date,
): number {
  const start = instantOf(from, "from");
  const end = instantOf(to, "to");
  if (end <= start) return 0;
  const hours = parseHours(calendar);
  const lastDay = dayNumberIn(end, calendar.timeZone);
  let total = 0;
  for (let day = dayNumberIn(start, calendar.timeZone); day <= lastDay; day++) {
    const window = businessWindow(calendar, hours, day);
    if (window) total += overlap(window, start, end);
  }
  return total;
}

/**
 * The instant at which `minutes` of business time have passed after `from`.
 *
 * A target reached exactly at closing time is due at closing time, not at the next opening. With
 * `minutes = 0`, `from` itself comes back when it lies within business hours (ends included), and
 * otherwise the next opening instant. Throws when no business day follows within about 3 years.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite number ≥ 0, got ${minutes}.`);
  }
  const start = instantOf(from, "from");
  const hours = parseHours(calendar);
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  let daysWithoutBusiness = 0;
  for (let day = dayNumberIn(start, calendar.timeZone); ; day++) {
    const window = businessWindow(calendar, hours, day);
    if (!window) {
      if (++daysWithoutBusiness > MAX_DAYS_WITHOUT_BUSINESS) throw noBusinessDayError(calendar);
      continue;
    }
    daysWithoutBusiness = 0;
    if (window.close < start) continue;
    const opensAt = Math.max(window.open, start);
    const available = window.close - opensAt;
    if (remaining <= available) return new Date(opensAt + remaining);
    remaining -= available;
  }
}

function noBusinessDayError(calendar: BusinessCalendar) {
  return new Error(
    `The business calendar has no business day within ${MAX_DAYS_WITHOUT_BUSINESS} days ` +
      `(working days: [${calendar.workingDays.join(", ")}], ${calendar.closingDays.length} closing days).`,
  );
}

function overlap(window: Window, start: number, end: number) {
  return Math.max(0, Math.min(window.close, end) - Math.max(window.open, start));
}

/** The business hours of one day as instants, or null on a day off. */
function businessWindow(
  calendar: BusinessCalendar,
  hours: { start: WallClock; end: WallClock },
  day: number,
): Window | null {
  if (!isBusinessDayNumber(calendar, day)) return null;
  // Wall clock → instant through the zone, so a day with a clock change counts real elapsed time.
  const open = wallClockInstant(day, hours.start, calendar.timeZone);
  const close = wallClockInstant(day, hours.end, calendar.timeZone);
  return close > open ? { open, close } : null;
}

function isBusinessDayNumber(calendar: BusinessCalendar, day: number) {
  const isoDate = isoDateOf(day);
  return (
    calendar.workingDays.includes(isoWeekdayOf(day)) &&
    !calendar.closingDays.includes(isoDate) &&
    !publicHolidays(calendar.federalState, yearOf(day)).has(isoDate)
  );
}

const holidayCache = new Map<string, ReadonlySet<string>>();

/** The ISO dates of the public holidays of a German state in one year. */
function publicHolidays(state: GermanState, year: number): ReadonlySet<string> {
  const key = `${state}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    // Only "public" days close a company; "bank", "observance" and "school" days are worked.
    days = new Set(
      new Holidays("DE", state)
        .getHolidays(year)
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

/*
 * Days are counted as whole numbers (days since 1970-01-01 on the proleptic calendar), which
 * makes stepping from one calendar day to the next plain arithmetic, free of any zone.
 */

function dayNumberOf(isoDate: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${isoDate}".`);
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const time = Date.UTC(year, month - 1, day);
  if (isoDateOf(time / MS_PER_DAY) !== isoDate) throw new RangeError(`No such day: "${isoDate}".`);
  return time / MS_PER_DAY;
}

function isoDateOf(day: number) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isoWeekdayOf(day: number) {
  return new Date(day * MS_PER_DAY).getUTCDay() || 7;
}

function yearOf(day: number) {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The calendar day an instant falls on in `timeZone`. */
function dayNumberIn(instant: number, timeZone: string) {
  const local = new TZDate(instant, timeZone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / MS_PER_DAY;
}

function wallClockInstant(day: number, time: WallClock, timeZone: string) {
  const date = new Date(day * MS_PER_DAY);
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    time.hours,
    time.minutes,
    timeZone,
  ).getTime();
}

function parseHours(calendar: BusinessCalendar) {
  assertTimeZone(calendar.timeZone);
  const start = parseWallClock(calendar.dayStart, "dayStart");
  const end = parseWallClock(calendar.dayEnd, "dayEnd");
  if (toMinutes(end) <= toMinutes(start)) {
    throw new RangeError(
      `Business hours must end after they start: ${calendar.dayStart}–${calendar.dayEnd}.`,
    );
  }
  return { start, end };
}

function parseWallClock(value: string, field: string): WallClock {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const valid = match && minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0));
  if (!valid) throw new RangeError(`${field} must be "HH:MM" between 00:00 and 24:00: "${value}".`);
  return { hours, minutes };
}

function toMinutes(time: WallClock) {
  return time.hours * 60 + time.minutes;
}

const knownTimeZones = new Set<string>();

function assertTimeZone(timeZone: string) {
  if (knownTimeZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone: "${timeZone}".`);
  }
  knownTimeZones.add(timeZone);
}

function instantOf(date: Date, name: string) {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${name} is an invalid date.`);
  return time;
}

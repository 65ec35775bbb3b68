import { TZDate } from "@date-fns/tz";

/** Is `value` an IANA zone name this runtime knows? */
export function isTimeZone(value: string) {
  if (value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A valid IANA zone name, or UTC (old browsers send none; nobody may crash a page with one). */
export function timeZoneOrUtc(value: string | null | undefined) {
  return value && isTimeZone(value) ? value : "UTC";
}

/** Midnight starting the calendar day `YYYY-MM-DD` in `timeZone`, or undefined for no real day. */
export function startOfDayIn(value: string | undefined, timeZone = "UTC", addDays = 0) {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || year < 1900) {
    return undefined;
  }
  return new Date(new TZDate(year, month - 1, day + addDays, timeZone).getTime());
}

/** The browser's time zone, written by the page once it runs (`useReportTimeZone`). */
export const TIME_ZONE_COOKIE = "ambit_time_zone";

/**
 * The host's time zone: a membership "until 12 Dec" lasts through 12 Dec where the host works,
 * whoever sets or reads it.
 */
export const HOST_TIME_ZONE = "Europe/Berlin";

/** The last millisecond of the calendar day `YYYY-MM-DD` in `timeZone`, or undefined. */
export function endOfDayIn(value: string | undefined, timeZone = "UTC") {
  const next = startOfDayIn(value, timeZone, 1);
  return next ? new Date(next.getTime() - 1) : undefined;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function calendarDayIn(date: Date, timeZone = "UTC") {
  // Swedish writes dates as ISO does.
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

import { TZDate } from "@date-fns/tz";

/** A valid IANA zone name, or UTC (old browsers send none; nobody may crash a page with one). */
export function timeZoneOrUtc(value: string | null | undefined) {
  if (!value || value.length > 64) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
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

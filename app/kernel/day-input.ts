import { formatLocaleOf } from "~/i18n";

// Days and times as people type them: "31.12.2026" in German, "31/12/2026" in British English,
// and ISO ("2026-12-31", what browsers, links and tests send). Parsing is the same for every
// reader, so a form works whatever language its page was drawn in; formatting follows the
// reader's language. No server code here: the browser uses it too.

/** A calendar day `YYYY-MM-DD`. */
export type IsoDay = string;
/** A wall-clock time `HH:MM` (24 hours). */
export type ClockTime = string;

const pad = (value: number) => String(value).padStart(2, "0");

/** `YYYY-MM-DD` when the day exists (and is no earlier than 1900), else undefined. */
function isoDayOf(year: number, month: number, day: number): IsoDay | undefined {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** "26" → 2026, "99" → 1999: two-digit years up to 69 are this century's, the rest the last's. */
function fullYear(text: string) {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// "31.12.2026", "1.2.26", "31. 12. 2026"
const GERMAN_DAY = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})$/;
// "31/12/2026", "1/2/26"
const BRITISH_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;

/**
 * The day a person typed, as `YYYY-MM-DD`, or undefined: ISO `2026-12-31`, German `31.12.2026`
 * (also `31.12.26`, `1.2.2026`), British `31/12/2026`. Days that do not exist (31.02.2026) and
 * years before 1900 are refused.
 */
export function parseDay(text: string | null | undefined): IsoDay | undefined {
  if (typeof text !== "string") return undefined;
  const value = text.trim();
  if (value.length > 20) return undefined;
  const iso = ISO_DAY.exec(value);
  if (iso) return isoDayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = GERMAN_DAY.exec(value) ?? BRITISH_DAY.exec(value);
  if (dayFirst) {
    return isoDayOf(fullYear(dayFirst[3]!), Number(dayFirst[2]), Number(dayFirst[1]));
  }
  return undefined;
}

// A day, then "T", ", " or spaces, then "14:10" (seconds, and a German "Uhr", are allowed).
const DAY_TIME = /^(.+?)(?:T|\s*,\s*|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*Uhr)?$/i;

/**
 * A day and a time a person typed, or undefined: "31.12.2026 14:10", "31.12.2026, 14:10",
 * "31/12/2026 14:10", "2026-12-31T14:10", "2026-12-31 14:10". Hours 0–23, minutes 0–59.
 */
export function parseDayTime(
  text: string | null | undefined,
): { day: IsoDay; time: ClockTime } | undefined {
  if (typeof text !== "string") return undefined;
  const value = text.trim();
  if (value.length > 40) return undefined;
  const match = DAY_TIME.exec(value);
  if (!match) return undefined;
  const day = parseDay(match[1]);
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  const second = match[4] === undefined ? 0 : Number(match[4]);
  if (!day || hour > 23 || minute > 59 || second > 59) return undefined;
  return { day, time: `${pad(hour)}:${pad(minute)}` };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A day `YYYY-MM-DD` as the reader writes it: "31.12.2026" (de), "31/12/2026" (en). Anything
 * that is not such a day comes back unchanged.
 */
export function formatDay(iso: IsoDay, language: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match || !isoDayOf(Number(match[1]), Number(match[2]), Number(match[3]))) return iso;
  const locale = formatLocaleOf(language);
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      timeZone: "UTC",
    });
    dayFormats.set(locale, format);
  }
  return format.format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/** A day and a time as the reader writes them: "31.12.2026 14:10" (de), "31/12/2026 14:10" (en). */
export function formatDayTime(isoDay: IsoDay, time: ClockTime, language: string) {
  return `${formatDay(isoDay, language)} ${time}`;
}

/**
 * What a date field shows for a value from a link or a form: the day in the reader's format
 * when it is one, else the text as typed (so a mistake can be seen and corrected).
 */
export function displayDay(text: string, language: string) {
  const day = parseDay(text);
  return day ? formatDay(day, language) : text;
}

/** The day and wall-clock time an instant falls on in `timeZone`. */
export function dayTimeIn(date: Date, timeZone: string): { day: IsoDay; time: ClockTime } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

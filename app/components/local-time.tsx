import { useTranslation } from "react-i18next";
import { useTimeZone } from "~/components/use-time-zone";
import { formatLocaleOf } from "~/i18n";

/** The locale for `Intl` formats and the reader's time zone, for components that format. */
export function useFormatting() {
  const { i18n } = useTranslation();
  return { locale: formatLocaleOf(i18n.language), timeZone: useTimeZone() };
}

/** A date and time ("5. Dezember 2026 um 14:10") in the reader's locale and time zone. */
export function LocalTime({ iso }: { iso: string }) {
  const { locale, timeZone } = useFormatting();
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
  // Same zone and locale on both sides; the browser's ICU may still join date and time a little
  // differently from the server's ("um" or ","), which is no reason to redraw the page.
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** A calendar day (`YYYY-MM-DD`) in the reader's locale; the same on the server and in the browser. */
export function formatCalendarDay(day: string, locale: string) {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

/** The day an instant fell on where the reader is ("7 Dec 2026"), as `formatCalendarDay` writes days. */
export function formatDayOfInstant(iso: string, locale: string, timeZone: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso));
}

/** A day rather than an instant: "until 12 Dec" means through that day, wherever one reads it. */
export function CalendarDay({ day }: { day: string }) {
  const { locale } = useFormatting();
  return <time dateTime={day}>{formatCalendarDay(day, locale)}</time>;
}

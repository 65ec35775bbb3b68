import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

function format(iso: string, locale: string, timeZone?: string) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}

/**
 * A date and time in the reader's locale and time zone. The server does not know the time zone,
 * so it renders UTC and the browser replaces it after hydration.
 */
export function LocalTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const [text, setText] = useState(() => `${format(iso, i18n.language, "UTC")} UTC`);
  useEffect(() => setText(format(iso, i18n.language)), [iso, i18n.language]);
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

/** A day rather than an instant: "until 12 Dec" means through that day, wherever one reads it. */
export function CalendarDay({ day }: { day: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={day}>{formatCalendarDay(day, i18n.language)}</time>;
}

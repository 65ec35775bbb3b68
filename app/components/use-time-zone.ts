import { useEffect, useState } from "react";

/**
 * The browser's IANA time zone, once hydrated (empty during server rendering): forms send it so
 * the server reads dates and times as the person meant them.
 */
export function useBrowserTimeZone() {
  const [timeZone, setTimeZone] = useState("");
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC"), []);
  return timeZone;
}

/** The reader's time zone for showing dates: UTC on the server and until hydration. */
export function useTimeZone() {
  return useBrowserTimeZone() || "UTC";
}

import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { HOST_TIME_ZONE, TIME_ZONE_COOKIE } from "~/kernel/time-zone";
import type { loader as rootLoader } from "~/root";

/**
 * The reader's time zone for showing and reading dates: the one they chose, else their browser's,
 * else the host's. The server knows it, so a date reads the same before and after hydration.
 */
export function useTimeZone() {
  // Without the root's data (an error page): the host's zone.
  return useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? HOST_TIME_ZONE;
}

/**
 * Tells the server the browser's time zone (a cookie), unless the user chose one. When the page
 * was drawn in another zone, it is loaded again so its times match the reader's clock.
 */
export function useReportTimeZone(shownIn: string, chosen: boolean) {
  // Read through a ref: the revalidator is a new object on every render, and the effect runs
  // once per page load and zone (the reload brings `shownIn` in line), not once per render.
  const latest = useRevalidator();
  const revalidator = useRef(latest);
  revalidator.current = latest;
  useEffect(() => {
    if (chosen) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browserZone) return;
    const current = document.cookie
      .split("; ")
      .find((pair) => pair.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    if (current !== encodeURIComponent(browserZone)) {
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browserZone)}; path=/; max-age=31536000; samesite=lax`;
    }
    if (shownIn !== browserZone && revalidator.current.state === "idle") {
      revalidator.current.revalidate();
    }
  }, [shownIn, chosen]);
}

import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
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
  const revalidator = useRevalidator();
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
    if (shownIn !== browserZone && revalidator.state === "idle") revalidator.revalidate();
    // Once per page load and zone: the revalidation brings `shownIn` in line.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownIn, chosen]);
}

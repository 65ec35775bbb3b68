import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type MouseEvent } from "react";
import { buttonClasses } from "~/components/ui/button";

/** A keyset page: its items under `list` and the cursor of the next (older) page. */
type Page<K extends string, T> = { [key in K]: T[] } & { nextCursor: string | null };

/**
 * "Load more" over keyset pages, shared by the timelines and the documents list. The next page
 * is a link (it works without JavaScript and can be shared); with JavaScript that page is
 * fetched and appended instead.
 */
export function useLoadMore<K extends string, T extends { id: string }>({
  data,
  list,
  cursorParam,
  fetchPath,
  keep = {},
}: {
  data: Page<K, T>;
  /** The key of the items in a page. */
  list: K;
  /** The URL parameter that carries the cursor. */
  cursorParam: string;
  /** The route's own URL for a fetch of the next page (index routes need `?index`). */
  fetchPath: (search: URLSearchParams) => string;
  /** Parameters the next page's link carries as well. */
  keep?: Record<string, string | null>;
}) {
  const [params] = useSearchParams();
  const fetcher = useFetcher<Page<K, T>>();
  const [loaded, setLoaded] = useState<Page<K, T>[]>([]);

  useEffect(() => {
    const page = fetcher.data as Page<K, T> | undefined;
    if (page && Array.isArray(page[list])) {
      setLoaded((pages) => (pages.includes(page) ? pages : [...pages, page]));
    }
  }, [fetcher.data, list]);

  // A page fetched twice (a double click) must not show its items twice.
  const shown = new Set<string>();
  const items: T[] = [];
  for (const item of [data, ...loaded].flatMap((page) => page[list])) {
    if (shown.has(item.id)) continue;
    shown.add(item.id);
    items.push(item);
  }
  const nextCursor = loaded.length > 0 ? loaded.at(-1)!.nextCursor : data.nextCursor;
  const lastLoaded = loaded.at(-1)?.[list].length;

  const nextParams = new URLSearchParams(params);
  if (nextCursor) nextParams.set(cursorParam, nextCursor);
  for (const [name, value] of Object.entries(keep)) {
    if (value) nextParams.set(name, value);
  }
  const newestParams = new URLSearchParams(params);
  newestParams.delete(cursorParam);
  const loading = fetcher.state !== "idle";

  const loadMore = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    if (!loading) fetcher.load(fetchPath(nextParams));
  };

  return {
    items,
    nav: {
      nextCursor,
      lastLoaded,
      nextHref: `?${nextParams}`,
      newestHref: `?${newestParams}`,
      paged: Boolean(params.get(cursorParam)),
      loading,
      loadMore,
    },
  };
}

export type LoadMoreState = ReturnType<typeof useLoadMore>["nav"];

/**
 * The "newest" and "load more" links below a paged list, and the line that tells a screen
 * reader how many items were appended.
 */
export function LoadMoreNav({
  state,
  labels,
  spinner = false,
}: {
  state: LoadMoreState;
  labels: {
    /** The nav's accessible name. */
    pages: string;
    newest: string;
    loadMore: string;
    loadingMore: string;
    loadedMore: (count: number) => string;
  };
  /** A spinner beside "Loading…" while the next page is on its way. */
  spinner?: boolean;
}) {
  const { nextCursor, lastLoaded, paged, loading } = state;
  return (
    <>
      <p className="sr-only" aria-live="polite">
        {lastLoaded !== undefined ? labels.loadedMore(lastLoaded) : ""}
      </p>

      {nextCursor || paged ? (
        <nav
          className="flex flex-wrap items-center justify-between gap-3"
          aria-label={labels.pages}
        >
          {paged ? (
            <Link to={state.newestHref} className={buttonClasses("ghost")}>
              {labels.newest}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link
              to={state.nextHref}
              onClick={state.loadMore}
              className={buttonClasses("secondary")}
              aria-disabled={loading || undefined}
              data-testid="load-more"
            >
              {spinner && loading ? (
                <span
                  aria-hidden
                  className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent"
                />
              ) : null}
              {loading ? labels.loadingMore : labels.loadMore}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

import { Link } from "@remix-run/react";
import { buttonClasses } from "./button";

/**
 * The links under a keyset-paged list: back to its start (when not on it) and on to the next
 * page (when there is one). Nothing when the list fits on one page.
 */
export function Pager({
  label,
  firstHref,
  nextHref,
  firstLabel,
  nextLabel,
}: {
  label: string;
  /** Null on the first page. */
  firstHref: string | null;
  /** Null on the last page. */
  nextHref: string | null;
  firstLabel: string;
  nextLabel: string;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav className="flex justify-between gap-3" aria-label={label}>
      {firstHref ? (
        <Link to={firstHref} className={buttonClasses("ghost")}>
          {firstLabel}
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link to={nextHref} className={buttonClasses("secondary")}>
          {nextLabel}
        </Link>
      ) : null}
    </nav>
  );
}

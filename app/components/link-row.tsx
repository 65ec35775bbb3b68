import { Link } from "@remix-run/react";
import { ArrowRight, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** One row of a list that opens a page: an icon, what it is, a line about it, an arrow. */
export function LinkRow({
  to,
  label,
  icon: Icon,
  title,
  detail,
}: {
  to: string;
  /** What the link opens, for screen readers: the row's own text is not enough on its own. */
  label: string;
  icon: LucideIcon;
  title: ReactNode;
  detail: ReactNode;
}) {
  return (
    <Link
      to={to}
      aria-label={label}
      className="-mx-2 flex min-h-11 items-center gap-3 rounded-lg px-2 py-3 hover:bg-slate-50"
    >
      <Icon aria-hidden className="size-5 shrink-0 text-slate-500" />
      <span className="min-w-0 flex-1 text-sm">
        <span className="block font-medium text-slate-900">{title}</span>
        <span className="block break-words text-slate-600">{detail}</span>
      </span>
      <ArrowRight aria-hidden className="size-4 shrink-0 text-teal-800" />
    </Link>
  );
}

import { Link } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";

/** A page's heading under a link back to where it belongs ("← Compliance console"). */
export function PageHeader({
  back,
  title,
  intro,
}: {
  back: { to: string; label: string };
  title: string;
  intro?: string;
}) {
  return (
    <header>
      <Link
        to={back.to}
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" />
        {back.label}
      </Link>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        {title}
      </h1>
      {intro ? <p className="mt-1 max-w-3xl text-slate-600">{intro}</p> : null}
    </header>
  );
}

import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { buttonClasses } from "~/components/ui/button";
import { Logo } from "~/components/ui/logo";

/** The friendly full-page answer for 404s, refusals and unexpected errors. */
export function StatusPage({
  code,
  title,
  message,
  requestId,
  requestIdLabel,
  homeLabel,
  plainHomeLink = false,
  children,
}: {
  code: string;
  title: string;
  message: string;
  requestId?: string;
  requestIdLabel: string;
  homeLabel: string;
  /** For pages rendered outside Remix's router (the cross-site refusal): a plain link home. */
  plainHomeLink?: boolean;
  children?: ReactNode;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 py-16">
      <Logo className="text-lg text-slate-900" />
      <p className="mt-10 text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="mt-2 text-center text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        {title}
      </h1>
      <p className="mt-3 max-w-md text-center text-slate-600">{message}</p>
      {children}
      {plainHomeLink ? (
        <a href="/" className={buttonClasses("primary", "mt-8")}>
          {homeLabel}
        </a>
      ) : (
        <Link to="/" className={buttonClasses("primary", "mt-8")}>
          {homeLabel}
        </Link>
      )}
      {requestId ? (
        <p className="mt-8 text-xs text-slate-500">
          {requestIdLabel}:{" "}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono">{requestId}</code>
        </p>
      ) : null}
    </main>
  );
}

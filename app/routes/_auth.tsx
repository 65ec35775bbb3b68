import { LanguageSwitch } from "~/components/language-switch";
import { Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Logo } from "~/components/ui/logo";

export default function AuthLayout() {
  const { t } = useTranslation();
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-brand-900 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <Logo className="text-xl" />
        <div className="max-w-md">
          <p className="text-3xl leading-tight font-semibold tracking-tight">{t("auth.tagline")}</p>
          <p className="mt-4 text-brand-100">{t("auth.taglineDetail")}</p>
        </div>
        <p className="text-sm text-brand-200">{t("auth.invitationOnly")}</p>
        <svg
          aria-hidden
          viewBox="0 0 400 400"
          className="absolute -right-24 -bottom-24 size-96 text-brand-700 opacity-60"
        >
          <circle cx="200" cy="200" r="190" fill="none" stroke="currentColor" strokeWidth="24" />
          <circle cx="200" cy="200" r="110" fill="none" stroke="currentColor" strokeWidth="24" />
          <circle cx="200" cy="200" r="36" fill="currentColor" />
        </svg>
      </aside>
      <main className="flex flex-col px-5 py-6 sm:px-8">
        <LanguageSwitch className="self-end" />
        <div className="flex w-full flex-1 flex-col items-center justify-center py-6">
          <div className="w-full max-w-sm">
            <Logo className="mb-10 text-lg text-slate-900 lg:hidden" />
            <Outlet />
          </div>
        </div>
      </main>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

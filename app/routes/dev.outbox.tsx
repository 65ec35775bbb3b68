import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useParams } from "@remix-run/react";
import { Inbox } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { cn } from "~/components/ui/cn";
import { Logo } from "~/components/ui/logo";
import { listOutbox } from "~/kernel/mail/mail.server";
import { requireOutboxReader } from "~/kernel/dev-only.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("outbox.title");

// Development only, for administrators: the mail the app would have sent.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOutboxReader(request, context);
  const messages = await listOutbox();
  return {
    messages: messages.map((message) => ({
      id: message.id,
      to: message.to,
      subject: message.subject,
      status: message.status,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { messageId } = useParams();
  const { t } = useTranslation();
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 sm:px-8">
        <Link to="/">
          <Logo className="text-base text-slate-900" />
        </Link>
        <span className="rounded-full bg-amber-100 px-3 py-1 text-xs font-semibold text-amber-900">
          {t("outbox.developmentOnly")}
        </span>
      </header>
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 sm:px-8 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <section aria-labelledby="outbox-title">
          <h1 id="outbox-title" className="text-xl font-semibold text-slate-900">
            {t("outbox.title")}
          </h1>
          <p className="mt-1 text-sm text-slate-600">{t("outbox.intro")}</p>
          {messages.length === 0 ? (
            <div className="mt-6 flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
              <Inbox aria-hidden className="size-6 text-slate-500" />
              <p className="mt-2 text-sm text-slate-600">{t("outbox.empty")}</p>
            </div>
          ) : (
            <ul className="mt-4 flex flex-col gap-2" data-testid="outbox-list">
              {messages.map((message) => (
                <li key={message.id}>
                  <Link
                    to={message.id}
                    className={cn(
                      "block rounded-lg border px-4 py-3 hover:border-brand-500",
                      message.id === messageId
                        ? "border-brand-500 bg-brand-50"
                        : "border-slate-200 bg-white",
                    )}
                  >
                    <p className="truncate text-sm font-semibold text-slate-900">
                      {message.subject}
                    </p>
                    <p className="truncate text-sm text-slate-600">{message.to}</p>
                    <p className="text-xs text-slate-500">
                      <LocalTime iso={message.createdAt} /> · {t(`outbox.status.${message.status}`)}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Outlet />
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

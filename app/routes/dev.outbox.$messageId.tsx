import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { getMailMessage } from "~/kernel/mail/mail.server";
import { requireOutboxReader } from "~/kernel/dev-only.server";
import { isUuid } from "~/kernel/query-input";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireOutboxReader(request, context);
  const message = isUuid(params.messageId) ? await getMailMessage(params.messageId) : undefined;
  if (!message) throw new Response("Not Found", { status: 404 });
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    error: message.error,
  };
}

export default function OutboxMessage() {
  const message = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="flex min-w-0 flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <header>
        <h2 className="text-lg font-semibold text-slate-900">{message.subject}</h2>
        <p className="text-sm text-slate-600">
          {t("outbox.from")} {message.from} · {t("outbox.to")} {message.to}
        </p>
        {message.error ? <p className="mt-2 text-sm text-red-700">{message.error}</p> : null}
      </header>
      {/* An empty sandbox: the message's HTML can neither run script nor navigate the app. */}
      <iframe
        title={t("outbox.htmlPreview")}
        sandbox=""
        srcDoc={message.html}
        className="h-[32rem] w-full rounded-lg border border-slate-200"
      />
      <details>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          {t("outbox.plainText")}
        </summary>
        <pre
          className="mt-2 overflow-x-auto rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-wrap"
          data-testid="outbox-text"
        >
          {message.text}
        </pre>
      </details>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

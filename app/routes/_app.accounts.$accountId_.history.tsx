import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ArrowLeft, Building2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { TimelineFeed } from "~/features/history/components/timeline-feed";
import { TimelineFilters } from "~/features/history/components/timeline-filters";
import { translatorOf } from "~/kernel/locale.server";
import { findAccount } from "~/features/accounts/account.server";
import { redactionLabels } from "~/features/accounts/contact-redaction.server";
import { loadTimeline } from "~/features/history/timeline.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? "Ambit" },
];

/** `/accounts/:accountId/history`: the entries of all of an account's projects in one timeline. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const account = await findAccount(current.ability, params.accountId);
  if (!account) notFound();
  const url = new URL(request.url);
  const t = await translatorOf(request, context);
  const timeline = await loadTimeline(
    current,
    { kind: "account", id: account.id },
    url,
    redactionLabels(t),
  );
  await recordAudit(current.auditActor, {
    action: "account.viewed",
    subjectType: "Account",
    subjectId: account.id,
    details: { path: url.pathname, via: "history" },
  });
  return {
    metaTitle: t("history.account.metaTitle", { name: account.name }),
    account,
    ...timeline,
  };
}

const fetchPath = (search: URLSearchParams) => `?${search}`;

export default function AccountHistory() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          to={`/accounts/${data.account.id}`}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("history.account.back", { name: data.account.name })}
        </Link>
      </div>
      <header className="flex items-start gap-4">
        <span className="flex size-12 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700">
          <Building2 aria-hidden className="size-6" />
        </span>
        <div className="min-w-0">
          <p className="text-sm font-medium text-brand-700">{data.account.name}</p>
          <h1 className="mt-0.5 text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">
            {t("history.title")}
          </h1>
          <p className="mt-1 text-sm text-slate-600">{t("history.account.intro")}</p>
        </div>
      </header>
      <TimelineFilters data={data} />
      <TimelineFeed data={data} fetchPath={fetchPath} emptyBody={t("history.account.empty")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/ui/pager";
import { AuditEventList, AuditFilterFormView } from "~/features/compliance";
import type { AuditFilterForm } from "~/features/compliance";
import {
  auditFilterChoices,
  auditQueryParams,
  listAuditEvents,
  parseAuditQuery,
  seqCursor,
  TooManyItems,
  type AuditQuery,
} from "~/features/compliance/index.server";
import type { AppAbility } from "#policies/ability";
import { recordAudit } from "~/kernel/audit/audit.server";
import { readerLocaleOf, translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  // Nobody else may learn what the log holds, nor that this page exists.
  if (!ability.can("read", "ComplianceConsole")) notFound();
  const [t, { timeZone }] = await Promise.all([
    translatorOf(request, context),
    readerLocaleOf(request, context),
  ]);
  const params = new URL(request.url).searchParams;
  const { query, form } = parseAuditQuery(params, timeZone);
  const [page, choices] = await Promise.all([
    query ? eventsOrRefusal(ability, query, seqCursor(params.get("before")), form) : null,
    auditFilterChoices(ability, form.values),
  ]);
  const filters = auditQueryParams(form).toString();
  // Looking into the log is on the log too: what was asked, and which page.
  await recordAudit(auditActor, {
    action: "audit.searched",
    details: { before: params.get("before") },
    personal: { filters: form.values },
  });
  return {
    metaTitle: t("compliance.audit.metaTitle"),
    form,
    choices,
    ...(page ?? { events: [], nextBefore: null }),
    exportHref: page ? `/compliance/audit.csv${filters ? `?${filters}` : ""}` : null,
  };
}

/** A page of events, or null when the item's words match too many items (said by the field). */
async function eventsOrRefusal(
  ability: AppAbility,
  query: AuditQuery,
  before: number | undefined,
  form: AuditFilterForm,
) {
  try {
    return await listAuditEvents(ability, query, before);
  } catch (error) {
    if (!(error instanceof TooManyItems)) throw error;
    form.errors.item = "compliance.audit.errors.tooManyItems";
    return null;
  }
}

export default function AuditExplorer() {
  const { form, choices, events, nextBefore, exportHref } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const paged = params.has("before");
  const next = new URLSearchParams(params);
  if (nextBefore) next.set("before", String(nextBefore));
  const first = new URLSearchParams(params);
  first.delete("before");
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <div>
        <p className="text-sm font-medium text-teal-800">
          <Link to="/compliance">{t("compliance.console.title")}</Link>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">{t("compliance.audit.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("compliance.audit.intro")}</p>
      </div>
      <AuditFilterFormView form={form} choices={choices} exportHref={exportHref} />
      <AuditEventList events={events} />
      <Pager
        label={t("compliance.audit.pages")}
        firstHref={paged ? `?${first}` : null}
        nextHref={nextBefore ? `?${next}` : null}
        firstLabel={t("compliance.audit.firstPage")}
        nextLabel={t("compliance.audit.nextPage")}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

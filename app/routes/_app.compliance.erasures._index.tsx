import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Eraser, FileArchive } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LinkRow } from "~/components/link-row";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { listErasures } from "~/features/erasure/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

/** Every erasure with its certificate (compliance officers, administrators). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "Erasure")) notFound();
  const t = await translatorOf(request, context);
  return { metaTitle: t("erasure.metaTitle"), erasures: await listErasures(ability) };
}

export default function Erasures() {
  const { erasures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance", label: t("compliance.console.title") }}
        title={t("erasure.title")}
        intro={t("erasure.intro")}
      />
      <Card
        title={t("erasure.list.title")}
        description={t("erasure.list.hint")}
        actions={
          <Link to="/compliance/subject-requests" className={buttonClasses("secondary")}>
            <FileArchive aria-hidden className="size-4" />
            {t("compliance.subjectExport.title")}
          </Link>
        }
      >
        {erasures.length ? (
          <ul className="-my-3 divide-y divide-slate-100" data-testid="erasures">
            {erasures.map((row) => (
              <li key={row.id}>
                <LinkRow
                  to={`/compliance/erasures/${row.id}`}
                  label={t("erasure.list.open", { pseudonym: row.pseudonym })}
                  icon={Eraser}
                  title={
                    <>
                      {row.pseudonym}{" "}
                      <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                        {t(`erasure.kinds.${row.subjectKind}`)}
                      </span>
                    </>
                  }
                  detail={
                    <>
                      {t("erasure.list.reference", { reference: row.reference })} ·{" "}
                      {t("erasure.list.erasedBy", { name: row.erasedBy })}{" "}
                      <LocalTime iso={row.erasedAt} />
                    </>
                  }
                />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            icon={Eraser}
            title={t("erasure.list.empty")}
            body={t("erasure.list.emptyHint")}
          />
        )}
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { RetentionCertificateView } from "~/features/retention";
import { retentionCertificate } from "~/features/retention/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

/** One retention run's certificate, readable and printable, with the signed file. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const certificate = await retentionCertificate(ability, params.runId ?? "");
  if (!certificate) notFound();
  const t = await translatorOf(request, context);
  return { metaTitle: t("retention.certificate.metaTitle"), certificate };
}

export default function RetentionRunCertificate() {
  const { certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance/retention", label: t("retention.title") }}
        title={t("retention.certificate.title")}
        intro={t("retention.certificate.intro")}
      />
      <RetentionCertificateView
        certificate={certificate}
        downloadHref={`/compliance/retention/runs/${certificate.id}/certificate.json`}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

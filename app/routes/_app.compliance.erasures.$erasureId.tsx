import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { CertificateView } from "~/features/erasure";
import { erasureCertificate } from "~/features/erasure/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

/** One deletion certificate, readable and printable, with the signed file. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const certificate = await erasureCertificate(ability, params.erasureId ?? "");
  if (!certificate) notFound();
  const t = await translatorOf(request, context);
  return { metaTitle: t("erasure.certificate.metaTitle"), certificate };
}

export default function ErasureCertificate() {
  const { certificate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance/erasures", label: t("erasure.list.title") }}
        title={t("erasure.certificate.title")}
        intro={t("erasure.certificate.intro")}
      />
      <CertificateView
        certificate={certificate}
        downloadHref={`/compliance/erasures/${certificate.id}/certificate.json`}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

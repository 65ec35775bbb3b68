import { useTranslation } from "react-i18next";
import { CertificateCard, CertificateCode, CertificateRow } from "~/components/certificate";
import { LocalTime } from "~/components/local-time";
import type { RetentionCertificate } from "../certificate";

/** A retention run's certificate as a reader reads it, with the signed file to take away. */
export function RetentionCertificateView({
  certificate,
  downloadHref,
}: {
  certificate: RetentionCertificate;
  downloadHref: string;
}) {
  const { t } = useTranslation();
  const total = certificate.results.reduce((sum, result) => sum + result.rows, 0);
  return (
    <CertificateCard
      heading={<LocalTime iso={certificate.ranAt} />}
      subheading={
        <>
          {t("retention.runs.total", { count: total })} ·{" "}
          <CertificateCode>{certificate.id}</CertificateCode>
        </>
      }
      downloadHref={downloadHref}
      chain={{
        before: certificate.audit.chainHeadBefore,
        after: certificate.audit.chainHeadAfter,
        afterLabel: t("retention.certificate.chainAfter"),
      }}
      signature={certificate.signature}
    >
      <CertificateRow label={t("retention.certificate.ranBy")}>
        {certificate.ranBy
          ? `${certificate.ranBy.name} (${t(`roles.${certificate.ranBy.role}`)})`
          : t("retention.runs.byJob")}
      </CertificateRow>
      {certificate.results.map((result) => (
        <CertificateRow key={result.recordType} label={t(`retention.types.${result.recordType}`)}>
          <p>
            {t("retention.certificate.ruleText", {
              years: result.years,
              trigger: t(`retention.triggers.${result.trigger}`),
            })}
          </p>
          <p className="font-medium tabular-nums">
            {t("retention.certificate.done")}: {result.rows}
            {result.heldBack ? ` · ${t("retention.due.heldBack", { count: result.heldBack })}` : ""}
          </p>
          {result.ids.length ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-teal-800">
                {t("retention.certificate.ids")}
              </summary>
              <p className="mt-1">
                <CertificateCode>{result.ids.join(", ")}</CertificateCode>
              </p>
            </details>
          ) : null}
        </CertificateRow>
      ))}
      <CertificateRow label={t("retention.certificate.files")}>
        <span className="tabular-nums">{certificate.files}</span>
      </CertificateRow>
    </CertificateCard>
  );
}

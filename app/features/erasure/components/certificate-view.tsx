import { useTranslation } from "react-i18next";
import { CertificateCard, CertificateCode, CertificateRow } from "~/components/certificate";
import { LocalTime } from "~/components/local-time";
import type { SignedCertificate } from "../certificate";

/** Places and how many rows each, or "None". */
function PlaceCounts({
  places,
  count,
}: {
  places: { place: string; rows: number }[];
  count: "erasure.preview.rewritten" | "erasure.preview.removed" | "erasure.preview.keptUnderHold";
}) {
  const { t } = useTranslation();
  if (!places.length) return <>{t("erasure.certificate.none")}</>;
  return (
    <ul className="flex flex-col gap-1">
      {places.map((place) => (
        <li key={place.place} className="flex justify-between gap-3">
          <span>{t(`erasure.places.${place.place}`)}</span>
          <span className="tabular-nums">{t(count, { count: place.rows })}</span>
        </li>
      ))}
    </ul>
  );
}

/** A deletion certificate as a reader reads it, with the signed file to take away. */
export function CertificateView({
  certificate,
  downloadHref,
}: {
  certificate: SignedCertificate;
  downloadHref: string;
}) {
  const { t } = useTranslation();
  const { audit } = certificate;
  return (
    <CertificateCard
      heading={certificate.subject.pseudonym}
      subheading={
        <>
          {t(`erasure.kinds.${certificate.subject.kind}`)} ·{" "}
          <CertificateCode>{certificate.id}</CertificateCode>
        </>
      }
      downloadHref={downloadHref}
      chain={{
        before: audit.chainHeadBefore,
        after: audit.chainHeadAfter,
        afterLabel: t("erasure.certificate.chainAfter"),
      }}
      signature={certificate.signature}
    >
      <CertificateRow label={t("erasure.certificate.reference")}>
        {certificate.reference}
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.erasedAt")}>
        <LocalTime iso={certificate.erasedAt} />
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.erasedBy")}>
        {certificate.erasedBy.name} ({t(`roles.${certificate.erasedBy.role}`)})
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.record")}>
        {certificate.record.map((field) => t(`erasure.fields.${field}`)).join(", ")}
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.places")}>
        <PlaceCounts places={certificate.places} count="erasure.preview.rewritten" />
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.removed")}>
        <PlaceCounts places={certificate.removed} count="erasure.preview.removed" />
      </CertificateRow>
      {certificate.keptUnderHold?.length ? (
        <CertificateRow label={t("erasure.certificate.keptUnderHold")}>
          <PlaceCounts places={certificate.keptUnderHold} count="erasure.preview.keptUnderHold" />
        </CertificateRow>
      ) : null}
      <CertificateRow label={t("erasure.certificate.unlinked")}>
        <span className="tabular-nums">{certificate.unlinked.participations}</span>
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.auditErased")}>
        <span className="tabular-nums">{audit.eventsErased}</span>
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.auditNotErasable")}>
        <span className="tabular-nums">{audit.eventsNotErasable}</span>
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.holds")}>
        {t("erasure.certificate.holdsChecked")}
      </CertificateRow>
      <CertificateRow label={t("erasure.certificate.limits")}>
        <ul className="list-disc pl-4">
          {(certificate.limits ?? []).map((limit) => (
            <li key={limit}>{t(`erasure.limits.${limit}`)}</li>
          ))}
        </ul>
      </CertificateRow>
    </CertificateCard>
  );
}

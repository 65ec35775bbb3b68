import { Download, Printer, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import type { SignedCertificate } from "../certificate";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** A hash or signature: long, unbroken, and to be compared character by character. */
function Code({ children }: { children: ReactNode }) {
  return <code className="font-mono text-xs break-all text-slate-800">{children}</code>;
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
  const count = (rows: number) => t("erasure.preview.rewritten", { count: rows });
  return (
    <Card>
      <div className="flex flex-wrap items-start gap-3 border-b border-slate-100 pb-4">
        <ShieldCheck aria-hidden className="size-8 shrink-0 text-teal-700" />
        <div className="min-w-0 flex-1">
          <p className="text-lg font-semibold text-slate-900">{certificate.subject.pseudonym}</p>
          <p className="text-sm text-slate-600">
            {t(`erasure.kinds.${certificate.subject.kind}`)} · <Code>{certificate.id}</Code>
          </p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <a href={downloadHref} download className={buttonClasses("primary")}>
            <Download aria-hidden className="size-4" />
            {t("erasure.certificate.download")}
          </a>
          <Button variant="secondary" onClick={() => window.print()}>
            <Printer aria-hidden className="size-4" />
            {t("erasure.certificate.print")}
          </Button>
        </div>
      </div>
      <dl className="divide-y divide-slate-100" data-testid="certificate">
        <Row label={t("erasure.certificate.reference")}>{certificate.reference}</Row>
        <Row label={t("erasure.certificate.erasedAt")}>
          <LocalTime iso={certificate.erasedAt} />
        </Row>
        <Row label={t("erasure.certificate.erasedBy")}>
          {certificate.erasedBy.name} ({t(`roles.${certificate.erasedBy.role}`)})
        </Row>
        <Row label={t("erasure.certificate.record")}>
          {certificate.record.map((field) => t(`erasure.fields.${field}`)).join(", ")}
        </Row>
        <Row label={t("erasure.certificate.places")}>
          {certificate.places.length ? (
            <ul className="flex flex-col gap-1">
              {certificate.places.map((place) => (
                <li key={place.place} className="flex justify-between gap-3">
                  <span>{t(`erasure.places.${place.place}`)}</span>
                  <span className="tabular-nums">{count(place.rows)}</span>
                </li>
              ))}
            </ul>
          ) : (
            t("erasure.certificate.none")
          )}
        </Row>
        <Row label={t("erasure.certificate.removed")}>
          {certificate.removed.length ? (
            <ul className="flex flex-col gap-1">
              {certificate.removed.map((place) => (
                <li key={place.place} className="flex justify-between gap-3">
                  <span>{t(`erasure.places.${place.place}`)}</span>
                  <span className="tabular-nums">
                    {t("erasure.preview.removed", { count: place.rows })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            t("erasure.certificate.none")
          )}
        </Row>
        <Row label={t("erasure.certificate.unlinked")}>
          <span className="tabular-nums">{certificate.unlinked.participations}</span>
        </Row>
        <Row label={t("erasure.certificate.auditErased")}>
          <span className="tabular-nums">{audit.eventsErased}</span>
        </Row>
        <Row label={t("erasure.certificate.auditNotErasable")}>
          <span className="tabular-nums">{audit.eventsNotErasable}</span>
        </Row>
        <Row label={t("erasure.certificate.chainBefore")}>
          {t("erasure.certificate.event", { seq: audit.chainHeadBefore.seq })}
          <br />
          <Code>{audit.chainHeadBefore.hash}</Code>
        </Row>
        <Row label={t("erasure.certificate.chainAfter")}>
          {t("erasure.certificate.event", { seq: audit.chainHeadAfter.seq })}
          <br />
          <Code>{audit.chainHeadAfter.hash}</Code>
        </Row>
        <Row label={t("erasure.certificate.holds")}>{t("erasure.certificate.holdsChecked")}</Row>
        <Row label={t("erasure.certificate.signature")}>
          {t("erasure.certificate.algorithm", { algorithm: certificate.signature.algorithm })} ·{" "}
          {t("erasure.certificate.keyId")} <Code>{certificate.signature.keyId}</Code>
          <br />
          <Code>{certificate.signature.value}</Code>
        </Row>
      </dl>
      <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-600">
        {t("erasure.certificate.verifyHint")}
      </p>
    </Card>
  );
}

import { Download, Printer, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";

// The frame every signed certificate is shown in (deletions, retention runs): what it names,
// the signed file to take away, its rows, the audit chain's heads, the signature.

export function CertificateRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** A hash or signature: long, unbroken, and to be compared character by character. */
export function CertificateCode({ children }: { children: ReactNode }) {
  return <code className="font-mono text-xs break-all text-slate-800">{children}</code>;
}

type Head = { seq: number; hash: string };

export function CertificateCard({
  heading,
  subheading,
  downloadHref,
  chain,
  signature,
  children,
}: {
  heading: ReactNode;
  subheading: ReactNode;
  downloadHref: string;
  chain: { before: Head; after: Head; afterLabel: string };
  signature: { algorithm: string; keyId: string; value: string };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card>
      <div className="flex flex-wrap items-start gap-3 border-b border-slate-100 pb-4">
        <ShieldCheck aria-hidden className="size-8 shrink-0 text-teal-700" />
        <div className="min-w-0 flex-1">
          <p className="text-lg font-semibold text-slate-900">{heading}</p>
          <p className="text-sm text-slate-600">{subheading}</p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <a href={downloadHref} download className={buttonClasses("primary")}>
            <Download aria-hidden className="size-4" />
            {t("certificate.download")}
          </a>
          <Button variant="secondary" onClick={() => window.print()}>
            <Printer aria-hidden className="size-4" />
            {t("certificate.print")}
          </Button>
        </div>
      </div>
      <dl className="divide-y divide-slate-100" data-testid="certificate">
        {children}
        <CertificateRow label={t("certificate.chainBefore")}>
          {t("certificate.event", { seq: chain.before.seq })}
          <br />
          <CertificateCode>{chain.before.hash}</CertificateCode>
        </CertificateRow>
        <CertificateRow label={chain.afterLabel}>
          {t("certificate.event", { seq: chain.after.seq })}
          <br />
          <CertificateCode>{chain.after.hash}</CertificateCode>
        </CertificateRow>
        <CertificateRow label={t("certificate.signature")}>
          {t("certificate.algorithm", { algorithm: signature.algorithm })} ·{" "}
          {t("certificate.keyId")} <CertificateCode>{signature.keyId}</CertificateCode>
          <br />
          <CertificateCode>{signature.value}</CertificateCode>
        </CertificateRow>
      </dl>
      <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-600">
        {t("certificate.verifyHint")}
      </p>
    </Card>
  );
}

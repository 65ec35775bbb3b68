import { Form, useNavigation } from "@remix-run/react";
import { Check, Copy, RefreshCw } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import type { CaptureAddressView } from "../types";

/** Copies one address; says so (to screen readers too) for a moment. */
function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      className="min-h-9 shrink-0"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          window.setTimeout(() => setCopied(false), 2000);
        });
      }}
    >
      {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
      <span aria-live="polite">
        {copied ? t("mailIn.capture.copied") : t("mailIn.capture.copy")}
      </span>
    </Button>
  );
}

/**
 * "Add emails to this project": the reader's organisation's capture address (host staff: every
 * one of the project) to put in BCC or forward to, with a copy button, and for the project's
 * owner and administrators a new address when an old one leaked.
 */
export function CaptureAddresses({
  addresses,
  hostName,
}: {
  addresses: CaptureAddressView[];
  hostName: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (addresses.length === 0) return null;
  const ownOnly = addresses.length === 1 && addresses[0]!.own;
  return (
    <Card
      title={t("mailIn.capture.title")}
      description={
        ownOnly
          ? t("mailIn.capture.introOwn", {
              host: hostName,
              organization: addresses[0]!.organizationName,
            })
          : t("mailIn.capture.introAll")
      }
    >
      <ul className="flex flex-col gap-4" data-testid="capture-addresses">
        {addresses.map((row) => (
          <li key={row.organizationId} className="flex flex-col gap-1.5">
            {ownOnly ? null : (
              <span className="text-sm font-medium text-slate-800">{row.organizationName}</span>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 font-mono text-sm break-all text-slate-900">
                {row.address}
              </code>
              <CopyButton
                value={row.address}
                label={t("mailIn.capture.copyLabel", { organization: row.organizationName })}
              />
              {row.mayRotate ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(t("mailIn.capture.rotateConfirm"))) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="rotate-capture" />
                  <input type="hidden" name="organizationId" value={row.organizationId} />
                  <input type="hidden" name="address" value={row.address} />
                  <Button
                    type="submit"
                    variant="secondary"
                    className="min-h-9"
                    pending={navigation.state === "submitting"}
                    aria-label={t("mailIn.capture.rotateLabel", {
                      organization: row.organizationName,
                    })}
                  >
                    <RefreshCw aria-hidden className="size-4" />
                    {t("mailIn.capture.rotate")}
                  </Button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

import { Form, useNavigation } from "@remix-run/react";
import { AlertTriangle, CheckCircle2, Clock, RotateCcw, Send, XCircle } from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import type { DeliveryView } from "../types";

const looks = {
  queued: { icon: Clock, tone: "border-slate-200 bg-slate-50 text-slate-700" },
  sent: { icon: Send, tone: "border-sky-200 bg-sky-50 text-sky-900" },
  delayed: { icon: AlertTriangle, tone: "border-amber-200 bg-amber-50 text-amber-900" },
  delivered: { icon: CheckCircle2, tone: "border-emerald-200 bg-emerald-50 text-emerald-900" },
  bounced: { icon: XCircle, tone: "border-red-200 bg-red-50 text-red-900" },
  complained: { icon: XCircle, tone: "border-red-200 bg-red-50 text-red-900" },
  failed: { icon: XCircle, tone: "border-red-200 bg-red-50 text-red-900" },
  rejected: { icon: XCircle, tone: "border-red-200 bg-red-50 text-red-900" },
} as const;

/** Where an email written in Ambit stands: queued, sent, delivered, or why it did not arrive. */
export function DeliveryStatus({ delivery }: { delivery: DeliveryView }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { icon: Icon, tone } = looks[delivery.status];
  const reason =
    delivery.reason === "preparation" ||
    delivery.reason === "redacted" ||
    delivery.reason === "stuck"
      ? t(`mailOut.status.${delivery.reason}`)
      : delivery.reason;
  return (
    <div
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border px-3 py-2",
        tone,
      )}
      data-testid="delivery-status"
    >
      <Icon aria-hidden className="size-4 shrink-0" />
      <p className="min-w-0 flex-1 text-sm">
        <span className="font-semibold">{t(`mailOut.status.${delivery.status}`)}</span>
        {delivery.status === "queued" ? null : (
          <>
            {" · "}
            <LocalTime iso={delivery.statusAt} />
          </>
        )}
        {reason ? <span className="block break-words">{reason}</span> : null}
      </p>
      {delivery.mayRetry ? (
        <Form method="post">
          <input type="hidden" name="intent" value="retry-email" />
          <Button
            type="submit"
            variant="secondary"
            pending={navigation.state === "submitting"}
            className="min-h-9"
          >
            <RotateCcw aria-hidden className="size-4" />
            {t("mailOut.retry")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

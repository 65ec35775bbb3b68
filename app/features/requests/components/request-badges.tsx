import { useTranslation } from "react-i18next";
import { Badge } from "~/features/projects";
import { useFormatting } from "~/components/local-time";
import { cn } from "~/components/ui/cn";
import type { RequestPriority, RequestStatus } from "#db/schema/values";

const statusTones: Record<RequestStatus, string> = {
  new: "planning",
  in_progress: "active",
  waiting_on_customer: "on_hold",
  resolved: "completed",
  closed: "completed",
};

/**
 * The status as its reader says it: "waiting for you" to the customer, "waiting on customer"
 * to the host and partners.
 */
export function RequestStatusBadge({
  status,
  customerView,
}: {
  status: RequestStatus;
  customerView: boolean;
}) {
  const { t } = useTranslation();
  const label =
    status === "waiting_on_customer" && !customerView
      ? t("requests.hostStatuses.waiting_on_customer")
      : t(`requests.statuses.${status}`);
  return <Badge tone={statusTones[status]}>{label}</Badge>;
}

const priorityClasses: Record<RequestPriority, string> = {
  low: "text-slate-500",
  normal: "text-slate-600",
  high: "text-amber-800 font-semibold",
  urgent: "text-red-700 font-semibold",
};

export function PriorityLabel({ priority }: { priority: RequestPriority }) {
  const { t } = useTranslation();
  return (
    <span className={cn("text-xs", priorityClasses[priority])}>
      {t(`requests.priorities.${priority}`)}
    </span>
  );
}

/** "3 h", "2 days": the larger unit that reads well, in the reader's language. */
function useDuration() {
  const { locale } = useFormatting();
  return (milliseconds: number) => {
    const minutes = Math.max(1, Math.round(Math.abs(milliseconds) / 60_000));
    const [value, unit] =
      minutes < 60
        ? [minutes, "minute"]
        : minutes < 48 * 60
          ? [Math.round(minutes / 60), "hour"]
          : [Math.round(minutes / (24 * 60)), "day"];
    return new Intl.NumberFormat(locale, {
      style: "unit",
      unit,
      unitDisplay: unit === "day" ? "long" : "short",
    }).format(value);
  };
}

export type SlaBadgeInput = {
  status: RequestStatus;
  dueAt: string | null;
  atRiskAt: string | null;
};

/**
 * Due in 3 h, overdue by 1 day, or the clock paused: measured against `now` from the server, so
 * the page reads the same on both sides.
 */
export function SlaBadge({ request, now }: { request: SlaBadgeInput; now: string }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const open = ["new", "in_progress", "waiting_on_customer"].includes(request.status);
  if (!open) return null;
  if (!request.dueAt) {
    return <Badge tone="completed">{t("requests.sla.paused")}</Badge>;
  }
  const left = new Date(request.dueAt).getTime() - new Date(now).getTime();
  if (left <= 0) {
    return (
      <Badge tone="revoked">{t("requests.sla.breachedBy", { duration: duration(left) })}</Badge>
    );
  }
  const atRisk =
    request.atRiskAt && new Date(request.atRiskAt).getTime() <= new Date(now).getTime();
  return (
    <Badge tone={atRisk ? "on_hold" : "active"}>
      {t("requests.sla.dueIn", { duration: duration(left) })}
    </Badge>
  );
}

import { Link } from "@remix-run/react";
import {
  Download,
  Eye,
  FileCheck2,
  KeyRound,
  PencilLine,
  ShieldAlert,
  type LucideIcon,
} from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { EmptyState } from "~/components/ui/empty-state";
import { cn } from "~/components/ui/cn";
import type { AuditGroup } from "~/kernel/audit/actions";
import { auditSentence } from "../audit-sentence";
import type { AuditEventView } from "../types";

const looks: Record<AuditGroup, { icon: LucideIcon; tone: string }> = {
  read: { icon: Eye, tone: "bg-sky-50 text-sky-700" },
  write: { icon: PencilLine, tone: "bg-emerald-50 text-emerald-700" },
  signIn: { icon: KeyRound, tone: "bg-amber-50 text-amber-700" },
  permission: { icon: ShieldAlert, tone: "bg-violet-50 text-violet-700" },
  export: { icon: Download, tone: "bg-slate-100 text-slate-700" },
  integrity: { icon: FileCheck2, tone: "bg-teal-50 text-teal-700" },
};

/** A page of the audit log, each event as a sentence, its time, and what it is about. */
export function AuditEventList({ events }: { events: AuditEventView[] }) {
  const { t } = useTranslation();
  if (events.length === 0) {
    return (
      <EmptyState
        icon={FileCheck2}
        title={t("compliance.audit.empty")}
        body={t("compliance.audit.emptyHint")}
      />
    );
  }
  return (
    <ol
      className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
      data-testid="audit-events"
    >
      {events.map((event) => {
        const look = event.group ? looks[event.group] : looks.export;
        const Icon = look.icon;
        return (
          <li key={event.seq} className="flex gap-3 px-4 py-3 sm:px-5">
            <span
              className={cn(
                "mt-0.5 grid size-8 shrink-0 place-items-center rounded-full",
                look.tone,
              )}
              title={event.group ? t(`compliance.audit.groups.${event.group}`) : undefined}
            >
              <Icon aria-hidden className="size-4" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="break-words text-slate-900">{auditSentence(t, event)}</p>
              <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-500">
                <LocalTime iso={event.occurredAt} />
                <span>{t("compliance.audit.seq", { seq: event.seq })}</span>
                <code className="text-xs">{event.action}</code>
                {event.item?.href ? (
                  <Link to={event.item.href} className="text-teal-800 underline">
                    {event.item.label ?? event.item.type}
                  </Link>
                ) : null}
              </p>
              {event.erased ? (
                <p className="mt-0.5 text-xs text-slate-500">
                  {t("compliance.audit.ip")}, {t("compliance.audit.userAgent")}:{" "}
                  {t("compliance.audit.erased")}
                </p>
              ) : event.userAgent ? (
                <p className="mt-0.5 truncate text-xs text-slate-500" title={event.userAgent}>
                  {t("compliance.audit.userAgent")}: {event.userAgent}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

import { useTranslation } from "react-i18next";
import { cn } from "~/components/ui/cn";

const tones: Record<string, string> = {
  planning: "bg-sky-50 text-sky-800 ring-sky-200",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  on_hold: "bg-amber-50 text-amber-900 ring-amber-200",
  completed: "bg-slate-100 text-slate-700 ring-slate-200",
  expired: "bg-amber-50 text-amber-900 ring-amber-200",
  revoked: "bg-red-50 text-red-800 ring-red-200",
};

export function Badge({ tone, children }: { tone: string; children: React.ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset",
        tones[tone] ?? tones.completed,
      )}
    >
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={status}>{t(`projects.status.${status}`)}</Badge>;
}

import { Download } from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime, useFormatting } from "~/components/local-time";
import { buttonClasses } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { formatBytes } from "~/kernel/files/format-bytes";
import type { SubjectExportView } from "../types";

const STATUS_TONE: Record<SubjectExportView["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  done: "bg-teal-100 text-teal-800",
  failed: "bg-red-100 text-red-800",
  stalled: "bg-red-100 text-red-800",
  expired: "bg-slate-100 text-slate-600",
};

/** "in 23 hours", "in 40 minutes": the time left to download, in the reader's words. */
function useTimeLeft() {
  const { locale } = useFormatting();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  return (minutes: number) =>
    minutes >= 60
      ? format.format(Math.floor(minutes / 60), "hour")
      : format.format(minutes, "minute");
}

/** The recent data-subject exports: whose, by whom, how far, and the file for its requester. */
export function SubjectExportList({ exports }: { exports: SubjectExportView[] }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const timeLeft = useTimeLeft();
  const until = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="subject-exports">
      {exports.map((row) => {
        const name = row.name ?? t("compliance.subjectExport.removedPerson");
        const working = row.status === "queued" || row.status === "running";
        return (
          <li
            key={row.id}
            className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between"
          >
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {name}{" "}
                <span className="text-sm font-normal text-slate-600">
                  · {t(`compliance.subjectExport.kinds.${row.kind}`)}
                </span>
              </p>
              <p className="text-sm text-slate-600">
                {t("compliance.subjectExport.requestedBy")} {row.requestedBy ?? "—"} ·{" "}
                <LocalTime iso={row.createdAt} />
              </p>
              {working ? (
                <div className="mt-2 flex max-w-xs flex-col gap-1" data-testid="export-progress">
                  <progress
                    className="h-2 w-full overflow-hidden rounded-full accent-teal-700"
                    max={Math.max(row.total, 1)}
                    value={row.progress}
                    aria-label={t("compliance.subjectExport.progressLabel", { name })}
                  />
                  <p className="text-xs text-slate-600">
                    {t("compliance.subjectExport.progress", {
                      done: row.progress,
                      total: row.total,
                    })}
                  </p>
                </div>
              ) : null}
            </div>
            <div className="flex shrink-0 flex-col items-start gap-2 sm:items-end">
              <span
                className={cn(
                  "rounded-full px-2.5 py-0.5 text-xs font-semibold",
                  STATUS_TONE[row.status],
                )}
              >
                {t(`compliance.subjectExport.statuses.${row.status}`)}
              </span>
              {row.downloadHref && row.expiresAt && row.minutesLeft !== null ? (
                <>
                  {/* A file response, not a page: the browser downloads it. */}
                  <a
                    href={row.downloadHref}
                    download
                    className={buttonClasses("primary")}
                    aria-label={t("compliance.subjectExport.downloadFor", { name })}
                  >
                    <Download aria-hidden className="size-4" />
                    {t("compliance.subjectExport.download")}
                    {row.sizeBytes !== null ? (
                      <span className="font-normal">({formatBytes(row.sizeBytes, locale)})</span>
                    ) : null}
                  </a>
                  <p className="text-xs text-slate-600" suppressHydrationWarning>
                    {t("compliance.subjectExport.expiresIn", {
                      time: until.format(new Date(row.expiresAt)),
                      relative: timeLeft(row.minutesLeft),
                    })}
                  </p>
                </>
              ) : row.status === "done" ? (
                <p className="text-xs text-slate-600">
                  {t("compliance.subjectExport.onlyRequester", { name: row.requestedBy ?? "—" })}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

import { Link, useFetcher } from "@remix-run/react";
import { ChevronDown, CircleAlert, CircleCheck, Info, MailPlus } from "lucide-react";
import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { FileInput } from "~/components/ui/file-input";

/** What the import route answers, shown in the drop zone (or on its own page without JS). */
export type EmlImportAnswer = {
  outcome: "imported" | "duplicate" | "error";
  message: string;
  /** The new entry, or the one this email was imported as before. */
  entry?: { href: string; label: string };
  /** Who the new entry is shared with, as a sentence. */
  audience?: string;
  /** Attachments of the mail that were not kept, one sentence each. */
  skipped: string[];
};

/**
 * "Import an email (.eml)": a plain multipart form (works without JavaScript); with JavaScript a
 * file dropped on the zone is submitted at once and the answer shows in place. `collapsed`
 * folds it into one line under the log buttons (the timeline comes first); dragging a file
 * over it opens it.
 */
export function EmlImportZone({
  projectId,
  result,
  collapsed = false,
}: {
  projectId: string;
  result?: EmlImportAnswer;
  collapsed?: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<EmlImportAnswer>();
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState(!collapsed);
  const action = `/projects/${projectId}/history/import`;
  const answer = fetcher.data ?? result;
  const busy = fetcher.state !== "idle";

  const submitFile = (file: File) => {
    const body = new FormData();
    body.append("eml", file, file.name);
    fetcher.submit(body, { method: "post", action, encType: "multipart/form-data" });
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) submitFile(file);
  };

  const form = (
    <fetcher.Form
      method="post"
      action={action}
      encType="multipart/form-data"
      className={cn("flex flex-col gap-3 sm:flex-row sm:items-center", collapsed && "mt-3")}
    >
      {collapsed ? null : (
        <MailPlus aria-hidden className="hidden size-8 shrink-0 text-brand-700 sm:block" />
      )}
      <div className="min-w-0 flex-1">
        <h3
          id="eml-import-title"
          className={cn("text-sm font-semibold text-slate-900", collapsed && "sr-only")}
        >
          <label htmlFor="eml-file">{t("history.emlImport.title")}</label>
        </h3>
        <p id="eml-import-hint" className="text-sm text-slate-600">
          {dragging ? t("history.emlImport.dropHere") : t("history.emlImport.hint")}
        </p>
        <FileInput
          id="eml-file"
          name="eml"
          accept=".eml,message/rfc822"
          required
          aria-describedby="eml-import-hint"
          className="mt-2"
        />
      </div>
      <Button type="submit" variant="secondary" pending={busy}>
        {busy ? t("history.emlImport.importing") : t("history.emlImport.submit")}
      </Button>
    </fetcher.Form>
  );

  return (
    <section
      aria-labelledby="eml-import-title"
      className={cn(
        "rounded-xl border-2 border-dashed bg-white transition-colors",
        collapsed ? "px-3 py-2" : "p-4",
        dragging ? "border-brand-500 bg-brand-50" : "border-slate-300",
      )}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
        setOpen(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="eml-import"
    >
      {collapsed ? (
        <details
          open={open}
          onToggle={(event) => setOpen(event.currentTarget.open)}
          className="group"
        >
          <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 text-sm font-medium text-brand-700 [&::-webkit-details-marker]:hidden">
            <MailPlus aria-hidden className="size-4 shrink-0" />
            <span className="flex-1">{t("history.emlImport.title")}</span>
            <ChevronDown
              aria-hidden
              className="size-4 shrink-0 transition-transform group-open:rotate-180"
            />
          </summary>
          {form}
        </details>
      ) : (
        form
      )}
      <div aria-live="polite">{answer && !busy ? <ImportAnswer answer={answer} /> : null}</div>
    </section>
  );
}

function ImportAnswer({ answer }: { answer: EmlImportAnswer }) {
  const { t } = useTranslation();
  const Icon =
    answer.outcome === "imported"
      ? CircleCheck
      : answer.outcome === "duplicate"
        ? Info
        : CircleAlert;
  return (
    <div
      className={cn(
        "mt-3 flex gap-2 rounded-lg border px-3 py-2 text-sm",
        answer.outcome === "imported" && "border-emerald-200 bg-emerald-50 text-emerald-900",
        answer.outcome === "duplicate" && "border-sky-200 bg-sky-50 text-sky-900",
        answer.outcome === "error" && "border-red-200 bg-red-50 text-red-900",
      )}
      role={answer.outcome === "error" ? "alert" : "status"}
      data-testid="eml-import-result"
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">
        <p className="font-medium break-words">{answer.message}</p>
        {answer.audience ? (
          <p>
            {t("history.emlImport.audience")}: {answer.audience}
          </p>
        ) : null}
        {answer.skipped.length ? (
          <div className="mt-1">
            <p>{t("history.emlImport.importedSkipped")}</p>
            <ul className="list-disc pl-5">
              {answer.skipped.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {answer.entry ? (
          <Link to={answer.entry.href} className="font-medium break-words underline">
            {answer.entry.label}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

import { Form, Link, useNavigation, useRevalidator } from "@remix-run/react";
import { CheckCircle2, ChevronDown, CircleSlash, UploadCloud, X, XCircle } from "lucide-react";
import {
  useEffect,
  useRef,
  useState,
  type ChangeEvent,
  type DragEvent,
  type FormEvent,
} from "react";
import { useTranslation } from "react-i18next";
import { AudiencePicker, ErrorText, useAudienceText } from "~/features/sharing";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import type { UploadResult } from "~/features/documents/types";
import { formatBytes } from "~/kernel/files/format-bytes";
import type { UploadChoices } from "~/features/documents/types";
import { formatLocaleOf } from "~/i18n";

type Status = "waiting" | "uploading" | "done" | "refused" | "failed" | "cancelled";

type QueuedFile = {
  key: string;
  file: File;
  status: Status;
  /** 0–100. */
  progress: number;
  message: string | null;
  document: { id: string; title: string } | null;
};

const inputClasses =
  "min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm";

let counter = 0;
const queued = (file: File): QueuedFile => ({
  key: `${Date.now()}-${(counter += 1)}`,
  file,
  status: "waiting",
  progress: 0,
  message: null,
  document: null,
});

/**
 * The upload panel. Without JavaScript it is a plain multipart form to the page's action. With
 * JavaScript, files dropped on it or picked are queued, and "Upload" sends each file as its own
 * request, with a progress bar and a cancel button per file.
 */
export function UploadPanel({
  projectId,
  choices,
  result,
}: {
  projectId: string;
  choices: UploadChoices;
  /** The page action's answer (the form without JavaScript). */
  result: UploadResult | null;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const created = useRef(false);
  const [hydrated, setHydrated] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [queue, setQueue] = useState<QueuedFile[]>([]);
  const [formError, setFormError] = useState<UploadResult["error"]>(null);
  const [audience, setAudience] = useState(result?.fields.audience || choices.defaultPreset);
  const [panelOpen, setPanelOpen] = useState(Boolean(result));
  // The audience folds away behind its current choice; it opens when files are queued.
  const [sharingOpen, setSharingOpen] = useState(
    Boolean(result?.error && result.error.field !== "files"),
  );

  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    const open = requests.current;
    return () => open.forEach((request) => request.abort());
  }, []);

  const update = (key: string, change: Partial<QueuedFile>) =>
    setQueue((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: FileList | File[]) => {
    const list = [...files];
    if (list.length === 0) return;
    setFormError(null);
    setSharingOpen(true);
    // Finished rows from an earlier batch make way for the new one.
    setQueue((items) => [
      ...items.filter((item) => item.status === "waiting" || item.status === "uploading"),
      ...list.map(queued),
    ]);
  };

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    if (!hydrated || !event.target.files) return;
    add(event.target.files);
    // The queue holds the files now; the input is free for the next pick.
    event.target.value = "";
  };

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };

  const send = (item: QueuedFile, fields: FormData, single: boolean) => {
    const body = new FormData();
    for (const [name, value] of fields.entries()) {
      if (name === "files" || typeof value !== "string") continue;
      if (name === "title" && !single) continue;
      body.append(name, value);
    }
    body.append("files", item.file, item.file.name);
    const request = new XMLHttpRequest();
    requests.current.set(item.key, request);
    request.open("POST", `/projects/${projectId}/documents/upload`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        update(item.key, { progress: Math.round((event.loaded / event.total) * 100) });
      }
    };
    const finish = (change: Partial<QueuedFile>) => {
      requests.current.delete(item.key);
      update(item.key, change);
      if (change.status === "done") created.current = true;
      // One reload of the list when the batch is through (a second one would cancel the first).
      if (requests.current.size === 0 && created.current) {
        created.current = false;
        revalidator.revalidate();
      }
    };
    request.onload = () => {
      let answer: UploadResult | null = null;
      try {
        answer = JSON.parse(request.responseText) as UploadResult;
      } catch {
        answer = null;
      }
      if (answer && typeof answer === "object" && Array.isArray(answer.created)) {
        const [created] = answer.created;
        const [refused] = answer.refused;
        if (created) {
          finish({
            status: "done",
            progress: 100,
            document: { id: created.id, title: created.title },
            message: t("documents.upload.done", { name: item.file.name }),
          });
          return;
        }
        if (answer.error && answer.error.field !== "files") {
          setFormError(answer.error);
          setSharingOpen(true);
        }
        finish({
          status: "refused",
          progress: 100,
          message: refused?.message ?? answer.error?.message ?? null,
        });
        return;
      }
      // A refused write (403) answers with its sentence as plain text.
      const text = request.status === 403 ? request.responseText.slice(0, 300) : "";
      finish({
        status: "failed",
        message: text || t("documents.upload.failed", { name: item.file.name }),
      });
    };
    request.onerror = () =>
      finish({ status: "failed", message: t("documents.upload.failed", { name: item.file.name }) });
    request.onabort = () =>
      finish({
        status: "cancelled",
        message: t("documents.upload.cancelled", { name: item.file.name }),
      });
    update(item.key, { status: "uploading", progress: 0 });
    request.send(body);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!hydrated) return;
    event.preventDefault();
    const waiting = queue.filter((item) => item.status === "waiting");
    if (waiting.length === 0) {
      setFormError({ field: "files", message: t("documents.upload.chooseFiles") });
      return;
    }
    setFormError(null);
    const fields = new FormData(event.currentTarget);
    for (const item of waiting) send(item, fields, waiting.length === 1);
  };

  const cancel = (item: QueuedFile) => {
    const request = requests.current.get(item.key);
    if (request) request.abort();
    else setQueue((items) => items.filter((other) => other.key !== item.key));
  };

  const { names, presetLabel } = useAudienceText(choices.summary);
  const presetDescription = (preset: string) =>
    preset === "all_members" || preset === "partners"
      ? t(`documents.audienceDescriptions.${preset}`, { names: names(choices.summary[preset]) })
      : t(`entryForm.audienceDescriptions.${preset}`, {
          names: names(preset === "customer" ? choices.summary.customer : []),
        });

  const error = formError ?? result?.error ?? null;
  const errorsFor = (field: NonNullable<UploadResult["error"]>["field"]) =>
    error?.field === field ? [error.message] : undefined;
  const uploading = queue.some((item) => item.status === "uploading");
  const waitingCount = queue.filter((item) => item.status === "waiting").length;
  const submitting = navigation.state === "submitting" && navigation.formMethod === "POST";
  const selectedOrganizations = result?.fields.audienceOrganizationIds.length
    ? result.fields.audienceOrganizationIds
    : choices.requiredOrganizationId
      ? [choices.requiredOrganizationId]
      : [];

  return (
    <section
      aria-labelledby="upload-title"
      className={cn(
        "rounded-xl border bg-white shadow-sm transition-colors",
        dragging ? "border-brand-500 ring-2 ring-brand-300" : "border-slate-200",
      )}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="upload-panel"
    >
      {/* On a phone the panel folds away behind one line, so the list is on the first screen;
          from `sm` on it is always open (like the filters). */}
      <details
        open={panelOpen || undefined}
        onToggle={(event) => setPanelOpen(event.currentTarget.open)}
        className="group/panel sm:[&::details-content]:[content-visibility:visible]"
      >
        <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-4 text-sm font-semibold text-slate-900 sm:hidden [&::-webkit-details-marker]:hidden">
          <UploadCloud aria-hidden className="size-4 text-brand-700" />
          {t("documents.upload.title")}
          <ChevronDown
            aria-hidden
            className="ml-auto size-4 text-slate-500 transition-transform group-open/panel:rotate-180"
          />
        </summary>
        <Form
          method="post"
          encType="multipart/form-data"
          ref={formRef}
          onSubmit={onSubmit}
          className="flex flex-col gap-4 p-4 sm:p-5"
        >
          <h3
            id="upload-title"
            className="sr-only text-base font-semibold text-slate-900 sm:not-sr-only"
          >
            {t("documents.upload.title")}
          </h3>
          <div className="flex flex-col gap-1.5">
            <div
              className={cn(
                "flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-4 py-4 text-center sm:py-5",
                dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50",
              )}
              data-testid="drop-zone"
            >
              <div className="flex flex-col items-center gap-2 sm:flex-row sm:gap-3">
                <UploadCloud
                  aria-hidden
                  className="hidden size-7 shrink-0 text-brand-700 sm:block"
                />
                {/* Phones cannot drag files; they get the button alone. */}
                <p className="hidden font-medium text-slate-900 sm:block">
                  {t("documents.upload.drop")}{" "}
                  <span className="font-normal text-slate-600">{t("documents.upload.or")}</span>
                </p>
                <label className="inline-flex min-h-10 cursor-pointer items-center justify-center rounded-lg bg-white px-4 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-500">
                  {t("documents.upload.choose")}
                  <input
                    ref={inputRef}
                    type="file"
                    name="files"
                    multiple
                    className="sr-only"
                    onChange={onPick}
                    aria-describedby={errorsFor("files") ? "files-error" : undefined}
                    data-testid="file-input"
                  />
                </label>
              </div>
              <p className="text-xs text-slate-600 sm:text-sm">
                {t("documents.upload.intro", { limit: choices.limitMb })}
              </p>
            </div>
            <ErrorText id="files-error" errors={errorsFor("files")} />
          </div>

          {queue.length > 0 ? (
            <ul
              className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200"
              aria-label={t("documents.upload.files")}
              data-testid="upload-queue"
            >
              {queue.map((item) => (
                <QueueRow
                  key={item.key}
                  item={item}
                  size={formatBytes(item.file.size, formatLocaleOf(i18n.language))}
                  projectId={projectId}
                  onCancel={() => cancel(item)}
                />
              ))}
            </ul>
          ) : null}

          {result && (result.created.length > 0 || result.refused.length > 0) ? (
            <div className="flex flex-col gap-2" data-testid="upload-results">
              {result.created.length > 0 ? (
                <Alert tone="success">
                  <p>{t("documents.upload.created", { count: result.created.length })}</p>
                  <ul className="mt-1 list-disc pl-5">
                    {result.created.map((document) => (
                      <li key={document.id}>
                        <Link
                          to={`/projects/${projectId}/documents/${document.id}`}
                          className="font-medium underline"
                        >
                          {document.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
              {result.refused.length > 0 ? (
                <Alert tone="error">
                  <ul className="flex flex-col gap-1">
                    {result.refused.map((file, index) => (
                      <li key={`${file.name}-${index}`}>{file.message}</li>
                    ))}
                  </ul>
                </Alert>
              ) : null}
            </div>
          ) : null}

          <details
            open={sharingOpen}
            onToggle={(event) => setSharingOpen(event.currentTarget.open)}
            className="group rounded-lg border border-slate-200 px-3 py-2 sm:px-4"
            data-testid="sharing"
          >
            <summary className="flex min-h-9 cursor-pointer list-none items-center gap-2 text-sm [&::-webkit-details-marker]:hidden">
              <span className="font-semibold whitespace-nowrap text-slate-900">
                {t("entryForm.audience")}:
              </span>
              <span className="min-w-0 truncate text-slate-700">{presetLabel(audience)}</span>
              <ChevronDown
                aria-hidden
                className="ml-auto size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-180"
              />
            </summary>
            <AudiencePicker
              className="flex flex-col gap-3 pt-3"
              hideLegend
              presets={choices.presets}
              organizations={choices.organizations}
              requiredOrganizationId={choices.requiredOrganizationId}
              value={audience}
              onChange={setAudience}
              selectedOrganizationIds={selectedOrganizations}
              presetLabel={presetLabel}
              presetDescription={presetDescription}
              audienceErrors={errorsFor("audience")}
              organizationErrors={errorsFor("audienceOrganizationIds")}
            />
          </details>

          <div className="flex flex-wrap items-start justify-between gap-3">
            <details
              className="group min-w-0 flex-1 basis-64"
              open={Boolean(result?.fields.title || result?.fields.description)}
            >
              <summary className="cursor-pointer py-2 text-sm font-medium text-brand-700">
                {t("documents.upload.titleLabel")} · {t("documents.upload.description")}
              </summary>
              <div className="mt-3 grid gap-3 sm:grid-cols-2">
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("documents.upload.titleLabel")}
                  <input
                    name="title"
                    maxLength={200}
                    defaultValue={result?.fields.title ?? ""}
                    aria-describedby="upload-title-hint"
                    className={inputClasses}
                  />
                  <span id="upload-title-hint" className="font-normal text-slate-600">
                    {t("documents.upload.titleHint")}
                  </span>
                </label>
                <label className="flex flex-col gap-1.5 text-sm font-medium text-slate-800">
                  {t("documents.upload.description")}
                  <textarea
                    name="description"
                    maxLength={2000}
                    rows={3}
                    defaultValue={result?.fields.description ?? ""}
                    className={cn(inputClasses, "py-2")}
                  />
                </label>
              </div>
            </details>

            <Button type="submit" pending={uploading || submitting} data-testid="upload-submit">
              {uploading || submitting
                ? t("documents.upload.uploading")
                : t("documents.upload.submit")}
              {hydrated && waitingCount > 0 ? ` (${waitingCount})` : null}
            </Button>
          </div>
        </Form>
      </details>
    </section>
  );
}

function QueueRow({
  item,
  size,
  projectId,
  onCancel,
}: {
  item: QueuedFile;
  size: string;
  projectId: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const active = item.status === "waiting" || item.status === "uploading";
  const Icon =
    item.status === "done"
      ? CheckCircle2
      : item.status === "refused" || item.status === "failed"
        ? XCircle
        : item.status === "cancelled"
          ? CircleSlash
          : null;
  return (
    <li
      className="flex flex-col gap-2 px-3 py-3"
      data-testid="upload-item"
      data-status={item.status}
    >
      <div className="flex items-start gap-3">
        {Icon ? (
          <Icon
            aria-hidden
            className={cn(
              "mt-0.5 size-4 shrink-0",
              item.status === "done"
                ? "text-emerald-600"
                : item.status === "cancelled"
                  ? "text-slate-500"
                  : "text-red-600",
            )}
          />
        ) : null}
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium break-all text-slate-900">
            {item.document ? (
              <Link
                to={`/projects/${projectId}/documents/${item.document.id}`}
                className="hover:underline"
              >
                {item.file.name}
              </Link>
            ) : (
              item.file.name
            )}{" "}
            <span className="font-normal whitespace-nowrap text-slate-500">{size}</span>
          </p>
          {item.message ? (
            <p
              className={cn(
                "mt-0.5 text-sm",
                item.status === "refused" || item.status === "failed"
                  ? "text-red-700"
                  : "text-slate-600",
              )}
              role={item.status === "refused" || item.status === "failed" ? "alert" : undefined}
              data-testid="upload-message"
            >
              {item.message}
            </p>
          ) : null}
        </div>
        {active ? (
          <button
            type="button"
            onClick={onCancel}
            className="inline-flex min-h-9 shrink-0 items-center gap-1 rounded-lg px-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
            aria-label={t("documents.upload.cancelNamed", { name: item.file.name })}
          >
            <X aria-hidden className="size-4" />
            <span className="hidden sm:inline">{t("documents.upload.cancel")}</span>
          </button>
        ) : null}
      </div>
      {item.status !== "waiting" && item.status !== "cancelled" ? (
        <div
          role="progressbar"
          aria-label={t("documents.upload.progress", { name: item.file.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={item.progress}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className={cn(
              "h-full rounded-full transition-[width]",
              item.status === "done"
                ? "bg-emerald-500"
                : item.status === "uploading"
                  ? "bg-brand-600"
                  : "bg-red-400",
            )}
            style={{ width: `${item.progress}%` }}
          />
        </div>
      ) : null}
    </li>
  );
}

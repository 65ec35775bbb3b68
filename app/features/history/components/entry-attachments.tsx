import { Download, Eye, FileText, Paperclip } from "lucide-react";
import { useTranslation } from "react-i18next";
import { formatBytes } from "~/kernel/files/format-bytes";
import { formatLocaleOf } from "~/i18n";

export type EntryAttachmentView = {
  id: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  hasThumbnail: boolean;
};

const previewable = (contentType: string) =>
  contentType === "application/pdf" || /^image\/(png|jpeg|webp|gif)$/.test(contentType);

/** The files of an entry on its page: name, size, download, and a preview for PDFs and images. */
export function EntryAttachments({ attachments }: { attachments: EntryAttachmentView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="entry-attachments" data-testid="entry-attachments">
      <h3
        id="entry-attachments"
        className="mb-3 flex items-center gap-1.5 text-sm font-semibold text-slate-800"
      >
        <Paperclip aria-hidden className="size-4 text-slate-500" />
        {t("history.attachments.title", { count: attachments.length })}
      </h3>
      <ul className="grid gap-3 sm:grid-cols-2">
        {attachments.map((file) => (
          <li
            key={file.id}
            className="flex min-w-0 gap-3 rounded-lg border border-slate-200 p-3"
            data-testid="entry-attachment"
          >
            {file.hasThumbnail ? (
              <img
                src={`/documents/${file.id}/thumbnail`}
                alt=""
                className="size-14 shrink-0 rounded-md border border-slate-200 object-cover"
              />
            ) : (
              <span className="flex size-14 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-500">
                <FileText aria-hidden className="size-6" />
              </span>
            )}
            <div className="min-w-0 flex-1">
              <p className="font-medium break-words text-slate-900">{file.fileName}</p>
              <p className="text-sm text-slate-600">
                {formatBytes(file.sizeBytes, formatLocaleOf(i18n.language))}
              </p>
              <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <a
                  href={`/documents/${file.id}/download`}
                  className="inline-flex min-h-6 items-center gap-1 font-medium text-brand-700 hover:underline"
                  aria-label={t("history.attachments.downloadNamed", { name: file.fileName })}
                >
                  <Download aria-hidden className="size-4" />
                  {t("history.attachments.download")}
                </a>
                {previewable(file.contentType) ? (
                  <a
                    href={`/documents/${file.id}/preview`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex min-h-6 items-center gap-1 font-medium text-brand-700 hover:underline"
                    aria-label={t("history.attachments.previewNamed", { name: file.fileName })}
                  >
                    <Eye aria-hidden className="size-4" />
                    {t("history.attachments.preview")}
                  </a>
                ) : null}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The paperclip line of a timeline row: each file name links to its download. */
export function TimelineAttachments({
  attachments,
}: {
  attachments: { id: string; fileName: string }[];
}) {
  const { t } = useTranslation();
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
      data-testid="timeline-attachments"
    >
      <Paperclip aria-hidden className="size-4 shrink-0 text-slate-500" />
      <span className="sr-only">
        {t("history.attachments.title", { count: attachments.length })}:{" "}
      </span>
      {attachments.map((file) => (
        <a
          key={file.id}
          href={`/documents/${file.id}/download`}
          className="inline-flex min-h-6 min-w-0 items-center font-medium break-words text-brand-700 hover:underline"
          aria-label={t("history.attachments.downloadNamed", { name: file.fileName })}
        >
          {file.fileName}
        </a>
      ))}
    </p>
  );
}

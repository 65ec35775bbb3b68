import { Link } from "@remix-run/react";
import { Download, Paperclip } from "lucide-react";
import { useTranslation } from "react-i18next";
import { buttonClasses } from "~/components/ui/button";

/** "Attached to <entry>": the link from an attachment to its history entry. */
export function AttachedTo({
  projectId,
  entry,
}: {
  projectId: string;
  entry: { id: string; subject: string | null };
}) {
  const { t } = useTranslation();
  return (
    <p className="mt-1 flex items-center gap-1.5 text-sm">
      <Paperclip aria-hidden className="size-3.5 shrink-0 text-slate-500" />
      <Link
        to={`/projects/${projectId}/history/${entry.id}`}
        className="text-brand-700 hover:underline"
      >
        {entry.subject
          ? t("documents.attachedTo", { subject: entry.subject })
          : t("documents.attachedToUntitled")}
      </Link>
    </p>
  );
}

/** The "Download" button of a document's current version, naming the file for a screen reader. */
export function DownloadLink({
  document,
  variant,
  className,
  testId,
}: {
  document: { id: string; fileName: string };
  variant: "primary" | "secondary";
  className: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <a
      href={`/documents/${document.id}/download`}
      className={buttonClasses(variant, className)}
      aria-label={t("documents.downloadNamed", { name: document.fileName })}
      data-testid={testId}
    >
      <Download aria-hidden className="size-4" />
      {t("documents.download")}
    </a>
  );
}

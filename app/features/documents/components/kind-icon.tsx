import { File, FileImage, FileSpreadsheet, FileText, Mail, type LucideIcon } from "lucide-react";
import { cn } from "~/components/ui/cn";

const icons: Record<string, LucideIcon> = {
  pdf: FileText,
  image: FileImage,
  office: FileSpreadsheet,
  text: File,
  email: Mail,
};

const tones: Record<string, string> = {
  pdf: "bg-red-50 text-red-700",
  image: "bg-violet-50 text-violet-700",
  office: "bg-sky-50 text-sky-700",
  text: "bg-slate-100 text-slate-700",
  email: "bg-amber-50 text-amber-800",
};

/** A document's type as an icon tile, where there is no thumbnail. */
export function KindIcon({ kind, className }: { kind: string; className?: string }) {
  const Icon = icons[kind] ?? File;
  return (
    <span
      className={cn(
        "flex shrink-0 items-center justify-center rounded-lg",
        tones[kind] ?? tones.text,
        className,
      )}
    >
      <Icon aria-hidden className="size-6" />
    </span>
  );
}

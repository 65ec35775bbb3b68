import { CheckCircle2, Info, X } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export function ToastMessage({
  toast,
}: {
  toast: { tone: "success" | "info"; message: string } | null;
}) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(Boolean(toast));
  useEffect(() => {
    setVisible(Boolean(toast));
    if (!toast) return;
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast || !visible) return null;
  const Icon = toast.tone === "success" ? CheckCircle2 : Info;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4 sm:justify-end">
      <div
        role="status"
        className="pointer-events-auto flex max-w-md items-start gap-3 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
      >
        <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-200" />
        <p className="min-w-0">{toast.message}</p>
        <button
          type="button"
          onClick={() => setVisible(false)}
          className="-m-1 rounded p-1 text-slate-300 hover:text-white"
          aria-label={t("common.dismiss")}
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
    </div>
  );
}

import { Link } from "@remix-run/react";
import { ScrollText } from "lucide-react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { auditSentence } from "../audit-sentence";
import type { ItemAccess } from "../types";

/** The latest reads and changes of an item, from the audit log, beside who can see it. */
export function ItemAccessPanel({ access }: { access: ItemAccess }) {
  const { t } = useTranslation();
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white shadow-sm"
      aria-labelledby="item-access-title"
      data-testid="item-access"
    >
      <header className="border-b border-slate-100 px-5 py-4">
        <h2 id="item-access-title" className="flex items-center gap-2 font-semibold text-slate-900">
          <ScrollText aria-hidden className="size-4 text-slate-500" />
          {t("compliance.access.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {t("compliance.access.intro", {
            item: t(`compliance.access.items.${access.itemType}`),
          })}
        </p>
      </header>
      {access.events.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">{t("compliance.access.empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {access.events.map((event) => (
            <li key={event.seq} className="px-5 py-3 text-sm">
              <p className="break-words text-slate-900">{auditSentence(t, event)}</p>
              <p className="text-slate-500">
                <LocalTime iso={event.occurredAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="border-t border-slate-100 px-5 py-3 text-sm">
        <Link to={access.exploreHref} className="font-medium text-teal-800 underline">
          {t(access.more ? "compliance.access.allEvents" : "compliance.access.inExplorer")}
        </Link>
      </p>
    </section>
  );
}

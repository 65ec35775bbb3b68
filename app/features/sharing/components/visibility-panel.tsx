import { Link } from "@remix-run/react";
import { Building2, CircleCheck, CircleSlash, Eye } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/card";
import { ruleReasonText } from "../rule-reason";
import type { SharingExplanation } from "../types";

export type SharedItemKind = "entry" | "document" | "attachment" | "request" | "project";

/** "Who can see this, and why" for any shared item: the host, then every member organisation. */
export function VisibilityPanel({
  explanation,
  item,
  previewHref,
}: {
  explanation: SharingExplanation;
  item: SharedItemKind;
  /** The project's "preview as" page, for readers who may use it. */
  previewHref?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("sharing.explain.title")} description={t(`sharing.explain.description.${item}`)}>
      <ul className="flex flex-col gap-4 text-sm" data-testid="explain">
        <li className="flex gap-3">
          <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
          <div>
            <p className="font-medium text-slate-900">
              {t("sharing.explain.host", { name: explanation.hostName })}
            </p>
            <p className="text-emerald-800">{t("sharing.explain.canRead")}</p>
            <p className="mt-0.5 text-slate-600">{t(`sharing.explain.hostReason.${item}`)}</p>
          </div>
        </li>
        {explanation.organizations.map((org) => (
          <li key={org.organizationId} className="flex gap-3" data-testid="explain-organization">
            {org.canRead ? (
              <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
            ) : (
              <CircleSlash aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
            )}
            <div className="min-w-0">
              <p className="flex items-center gap-1.5 font-medium text-slate-900">
                <Building2 aria-hidden className="size-4 text-slate-400" />
                {org.organizationName}
              </p>
              <p className={org.canRead ? "text-emerald-800" : "text-slate-600"}>
                {t(org.canRead ? "sharing.explain.canRead" : "sharing.explain.cannotRead")}
              </p>
              <p className="mt-0.5 text-slate-600">
                {org.why === "rule"
                  ? ruleReasonText(t, org.reason)
                  : org.why === "lacksSection"
                    ? t("sharing.explain.lacksSection", {
                        section: t(`projects.sections.${org.section}`),
                      })
                    : t("sharing.explain.notShared")}
              </p>
              {org.onlyNamed.length ? (
                <p className="mt-0.5 text-amber-800">
                  {t("sharing.explain.onlyNamed", { names: org.onlyNamed.join(", ") })}
                </p>
              ) : null}
              {org.sections ? (
                <p className="mt-0.5 text-slate-600">
                  {t("sharing.explain.sections", {
                    sections: org.sections
                      .map((section) => t(`projects.sections.${section}`))
                      .join(", "),
                  })}
                </p>
              ) : null}
              {previewHref ? (
                <Link
                  to={`${previewHref}?${new URLSearchParams({ organization: org.organizationId })}`}
                  className="mt-1 inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline"
                >
                  <Eye aria-hidden className="size-4" />
                  {t("sharing.explain.previewAs", { name: org.organizationName })}
                </Link>
              ) : null}
            </div>
          </li>
        ))}
        {explanation.organizations.length === 0 ? (
          <li className="text-slate-600">{t("sharing.explain.noMembers")}</li>
        ) : null}
      </ul>
    </Card>
  );
}

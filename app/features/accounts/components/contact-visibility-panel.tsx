import { Building2, CircleCheck, CircleSlash } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/card";
import type { ContactVisibility } from "../types";

/** "Who can see this contact person": the host, then every member organisation of the account. */
export function ContactVisibilityPanel({ visibility }: { visibility: ContactVisibility }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t("accounts.contact.visibility.title")}
      description={t("accounts.contact.visibility.description")}
    >
      <ul className="flex flex-col gap-4 text-sm" data-testid="contact-visibility">
        <li className="flex gap-3">
          <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
          <div>
            <p className="font-medium text-slate-900">
              {t("sharing.explain.host", { name: visibility.hostName })}
            </p>
            <p className="text-emerald-800">{t("accounts.contact.visibility.host")}</p>
          </div>
        </li>
        {visibility.organizations.map((org) => (
          <li key={org.organizationId} className="flex gap-3" data-testid="contact-visibility-org">
            {org.sees === "nothing" ? (
              <CircleSlash aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
            ) : (
              <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
            )}
            <div className="min-w-0">
              <p className="flex items-center gap-1.5 font-medium text-slate-900">
                <Building2 aria-hidden className="size-4 text-slate-400" />
                {org.organizationName}
              </p>
              <p className={org.sees === "nothing" ? "text-slate-600" : "text-emerald-800"}>
                {t(`accounts.contact.visibility.${org.sees}`)}
              </p>
            </div>
          </li>
        ))}
        {visibility.organizations.length === 0 ? (
          <li className="text-slate-600">{t("accounts.contact.visibility.noMembers")}</li>
        ) : null}
      </ul>
    </Card>
  );
}

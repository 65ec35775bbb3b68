import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Activity, Building2, FolderKanban, MessageSquareText, ShieldCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Card } from "~/components/ui/card";
import { listActiveSessions } from "~/services/session.server";
import { requireUser } from "~/utils/auth.server";
import { EmptyState } from "~/components/ui/empty-state";

export const meta: MetaFunction = () => [{ title: "Home · Ambit" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, organization } = await requireUser(request, context);
  const activeSessions = await listActiveSessions(user.id);
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    organization: {
      name: organization.name,
      kind: organization.kind,
      partnerType: organization.partnerType,
    },
    twoFactorEnabled: user.totpEnabledAt !== null,
    activeSessions: activeSessions.length,
  };
}

export default function HomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const audience = data.organization.kind === "host" ? "host" : data.organization.kind;
  const orgKind =
    data.organization.kind === "partner" && data.organization.partnerType
      ? t(`organizationKinds.partner_${data.organization.partnerType}`)
      : t(`organizationKinds.${data.organization.kind}`);

  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm font-medium text-brand-700">{data.organization.name}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          {t("home.welcome", { name: data.name })}
        </h1>
      </header>

      <Card>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("home.you")}
            </dt>
            <dd className="mt-1 font-medium text-slate-900">{data.name}</dd>
            <dd className="truncate text-sm text-slate-600">{data.email}</dd>
          </div>
          <div>
            <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("home.organization")}
            </dt>
            <dd className="mt-1 flex items-center gap-2 font-medium text-slate-900">
              <Building2 aria-hidden className="size-4 text-slate-500" />
              {data.organization.name}
            </dd>
            <dd className="text-sm text-slate-600">{orgKind}</dd>
          </div>
          <div>
            <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("home.role")}
            </dt>
            <dd className="mt-1 font-medium text-slate-900" data-testid="home-role">
              {t(`roles.${data.role}`)}
            </dd>
            <dd className="text-sm text-slate-600">{t(`roleDescriptions.${data.role}`)}</dd>
          </div>
        </dl>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:items-start">
        <Card
          title={t("home.projectsTitle")}
          description={t(`home.projectsDescription.${audience}`)}
        >
          <EmptyState
            icon={FolderKanban}
            title={t("home.projectsEmptyTitle")}
            body={t(`home.projectsEmpty.${audience}`)}
          />
        </Card>
        <Card title={t("home.securityTitle")}>
          <ul className="flex flex-col gap-3 text-sm">
            <li className="flex items-start gap-3">
              <ShieldCheck
                aria-hidden
                className={`mt-0.5 size-4 shrink-0 ${data.twoFactorEnabled ? "text-emerald-600" : "text-amber-600"}`}
              />
              <span>
                {data.twoFactorEnabled ? t("home.twoFactorOn") : t("home.twoFactorOff")}{" "}
                <Link
                  to="/account/two-factor"
                  className="font-medium text-brand-700 hover:underline"
                >
                  {data.twoFactorEnabled ? t("home.manage") : t("home.turnOn")}
                </Link>
              </span>
            </li>
            <li className="flex items-start gap-3">
              <Activity aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
              <span>
                {t("home.activeSessions", { count: data.activeSessions })}{" "}
                <Link to="/account/sessions" className="font-medium text-brand-700 hover:underline">
                  {t("home.review")}
                </Link>
              </span>
            </li>
          </ul>
        </Card>
      </div>

      <Card title={t("home.activityTitle")} description={t("home.activityDescription")}>
        <EmptyState
          icon={MessageSquareText}
          title={t("home.activityEmptyTitle")}
          body={t(`home.activityEmpty.${audience}`)}
        />
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

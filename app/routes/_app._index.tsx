import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import {
  ArrowRight,
  ClipboardCheck,
  FolderKanban,
  MessageSquareText,
  MonitorSmartphone,
  ShieldCheck,
} from "lucide-react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { HomeEntryList } from "~/features/home/components/entry-list";
import { HomeProjectList } from "~/features/home/components/project-list";
import type { HomeEntryView, HomeProjectView } from "~/features/home/types";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { NEW_ENTRIES_CAP } from "~/features/history/entry.server";
import { contactRedaction, redactionLabels } from "~/features/accounts/contact-redaction.server";
import { loadHome } from "~/features/home/home.server";
import { undecidedFor } from "~/features/reviews/index.server";
import { formatCalendarDay, useFormatting } from "~/components/local-time";
import { seesEveryProject } from "~/features/projects/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { listActiveSessions } from "~/kernel/session.server";
import { requireAbility } from "~/kernel/permissions.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("nav.home");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await requireAbility(request, context);
  const { user, organization, ability } = current;
  const [home, activeSessions, reviews] = await Promise.all([
    loadHome({ ability, userId: user.id }),
    listActiveSessions(user.id),
    // Only host staff review memberships: nobody else is asked.
    seesEveryProject(ability) ? undecidedFor(ability, user.id) : [],
  ]);
  // Subjects name contact persons' numbers and addresses only to readers with the contacts section.
  const redaction = await contactRedaction(
    current,
    redactionLabels(await translatorOf(request, context)),
    {
      projectIds: [
        ...new Set([
          ...home.projects.map((project) => project.id),
          ...home.entries.map((entry) => entry.projectId),
        ]),
      ],
      texts: [
        ...home.projects.map((project) => project.latest?.subject),
        ...home.entries.map((entry) => entry.subject),
      ],
    },
  );
  const subject = (value: string | null) => (value === null ? null : redaction.text(value));
  const projects: HomeProjectView[] = home.projects.map((project) => ({
    ...project,
    latest: project.latest
      ? {
          ...project.latest,
          subject: subject(project.latest.subject),
          occurredAt: project.latest.occurredAt.toISOString(),
        }
      : null,
    lastVisit: project.lastVisit?.toISOString() ?? null,
    newCapped: project.newCount >= NEW_ENTRIES_CAP,
  }));
  const entries: HomeEntryView[] = home.entries.map((entry) => ({
    ...entry,
    subject: subject(entry.subject),
    occurredAt: entry.occurredAt.toISOString(),
  }));
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    organization: {
      name: organization.name,
      partnerType: organization.partnerType,
    },
    // The empty states speak to host staff, who see every project, or to a partner or customer.
    audience: seesEveryProject(ability) ? "host" : organization.kind,
    twoFactorEnabled: user.totpEnabledAt !== null,
    activeSessions: activeSessions.length,
    projects,
    projectCount: home.projectCount,
    entries,
    reviews,
  };
}

export default function HomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const audience = data.audience;
  const shown = data.projects.length;
  const more = data.projectCount === null || data.projectCount > shown;
  const { locale } = useFormatting();

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-3">
        <div>
          <p className="text-sm font-medium text-brand-700">{data.organization.name}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
            {t("home.welcome", { name: data.name })}
          </h1>
        </div>
        <section
          aria-label={t("home.aboutYou")}
          className="flex flex-col gap-x-6 gap-y-2 text-sm text-slate-600 md:flex-row md:flex-wrap md:items-center"
        >
          <dl className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <dt className="sr-only">{t("home.role")}</dt>
            <dd
              className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800"
              data-testid="home-role"
              title={t(`roleDescriptions.${data.role}`)}
            >
              {t(`roles.${data.role}`)}
            </dd>
            <dt className="sr-only">{t("auth.email")}</dt>
            <dd className="min-w-0 break-all">{data.email}</dd>
          </dl>
          <h2 className="sr-only">{t("home.securityTitle")}</h2>
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <li className="flex items-center gap-1.5">
              <ShieldCheck
                aria-hidden
                className={`size-4 shrink-0 ${data.twoFactorEnabled ? "text-emerald-600" : "text-amber-600"}`}
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
            <li className="flex items-center gap-1.5">
              <MonitorSmartphone aria-hidden className="size-4 shrink-0 text-slate-500" />
              <span>
                {t("home.activeSessions", { count: data.activeSessions })}{" "}
                <Link to="/account/sessions" className="font-medium text-brand-700 hover:underline">
                  {t("home.review")}
                </Link>
              </span>
            </li>
          </ul>
        </section>
      </header>

      {data.reviews.length ? (
        <Card title={t("reviews.home.title")}>
          <ul className="flex flex-col gap-2 text-sm" data-testid="home-reviews">
            {data.reviews.map((review) => (
              <li key={review.reviewId} className="flex items-start gap-2">
                <ClipboardCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
                <span>
                  <Link
                    to={`/reviews/${review.reviewId}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {review.title}
                  </Link>
                  {": "}
                  {t("reviews.home.item", {
                    count: review.undecided,
                    date: formatCalendarDay(review.dueOn, locale),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
        <Card
          title={t("home.projectsTitle")}
          description={shown === 0 ? null : t("home.projectsDescription")}
          actions={
            more ? (
              <Link
                to="/projects"
                className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
              >
                {data.projectCount === null
                  ? t("home.allProjects")
                  : t("home.allProjectsCount", { count: data.projectCount })}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            ) : null
          }
        >
          {shown === 0 ? (
            <EmptyState
              icon={FolderKanban}
              title={t("home.projectsEmptyTitle")}
              body={t(`home.projectsEmpty.${audience}`)}
            />
          ) : (
            <HomeProjectList projects={data.projects} />
          )}
        </Card>

        <Card title={t("home.entriesTitle")} description={t("home.entriesDescription")}>
          {data.entries.length === 0 ? (
            <EmptyState
              icon={MessageSquareText}
              title={t("home.entriesEmptyTitle")}
              body={t(`home.entriesEmpty.${audience}`)}
            />
          ) : (
            <HomeEntryList entries={data.entries} />
          )}
        </Card>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

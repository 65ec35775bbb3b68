import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import {
  ArrowRight,
  ClipboardCheck,
  Eraser,
  FileArchive,
  FileCheck2,
  FileWarning,
  Hourglass,
  Lock,
  Search,
  ShieldCheck,
} from "lucide-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { LocalTime } from "~/components/local-time";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import {
  consoleSummary,
  latestVerification,
  startVerification,
  subjectExportFigures,
  holdsInForceCount,
} from "~/features/compliance/index.server";
import { erasureCount } from "~/features/erasure/index.server";
import { dueTotal } from "~/features/retention/index.server";
import { openReviewFigures } from "~/features/reviews/index.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { formatDay } from "~/kernel/day-input";
import { formatLocaleOf } from "~/i18n";
import { readerLocaleOf, translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.metaTitle ?? "Ambit" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "ComplianceConsole")) notFound();
  const [t, { timeZone }] = await Promise.all([
    translatorOf(request, context),
    readerLocaleOf(request, context),
  ]);
  const [summary, verification, reviews, subjectRequests, holds, erased, due] = await Promise.all([
    consoleSummary(timeZone),
    latestVerification(),
    openReviewFigures(),
    ability.can("read", "SubjectExport") ? subjectExportFigures(ability) : null,
    ability.can("read", "LegalHold") ? holdsInForceCount() : null,
    ability.can("read", "Erasure") ? erasureCount() : null,
    ability.can("read", "RetentionRule") ? dueTotal() : null,
  ]);
  return {
    metaTitle: t("compliance.console.metaTitle"),
    summary,
    verification,
    reviews,
    subjectRequests,
    holds,
    erased,
    due,
  };
}

/** Starts a verification of the whole chain in the background (one at a time). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  if (!ability.can("read", "ComplianceConsole")) notFound();
  const t = await translatorOf(request, context);
  const started = await startVerification(auditActor);
  return redirectWithToast("/compliance", {
    tone: started ? "success" : "info",
    message: t(started ? "compliance.console.verifyStarted" : "compliance.console.alreadyRunning"),
  });
}

/** Questions an auditor asks most, each a link to the explorer with its filters set. */
const QUESTIONS = [
  { key: "askFailedSignIns", query: "action=auth.login_failed" },
  { key: "askDocumentAccess", query: "itemType=document&group=read" },
  { key: "askPermissionChanges", query: "group=permission" },
  { key: "askExports", query: "group=export" },
] as const;

export default function ComplianceConsole() {
  const {
    summary,
    verification: run,
    reviews,
    subjectRequests,
    holds,
    erased,
    due,
  } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = run?.running ?? false;
  // While a verification runs, the page asks how far it got every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => window.clearInterval(timer);
  }, [running, revalidator]);
  const figures = [
    { label: t("compliance.console.readsThisWeek"), value: summary.reads, query: "group=read" },
    { label: t("compliance.console.writesThisWeek"), value: summary.writes, query: "group=write" },
    {
      label: t("compliance.console.failedSignInsThisWeek"),
      value: summary.failedSignIns,
      query: "action=auth.login_failed",
    },
    {
      label: t("compliance.console.permissionChangesThisWeek"),
      value: summary.permissionChanges,
      query: "group=permission",
    },
  ];
  const week = `from=${summary.weekStartDay}`;
  const number = (value: number) =>
    new Intl.NumberFormat(formatLocaleOf(i18n.language)).format(value);
  const verification = summary.lastVerification;
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("compliance.console.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("compliance.console.intro")}</p>
      </div>
      <section aria-labelledby="week-figures">
        <h2 id="week-figures" className="sr-only">
          {t("compliance.console.weekNote", {
            day: formatDay(summary.weekStartDay, i18n.language),
          })}
        </h2>
        <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {figures.map((figure) => (
            <li key={figure.label}>
              <Link
                to={`/compliance/audit?${figure.query}&${week}`}
                className="flex h-full flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-teal-600"
              >
                <span className="text-2xl font-semibold text-slate-900 tabular-nums">
                  {number(figure.value)}
                </span>
                <span className="text-sm text-slate-600">{figure.label}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-500">
          {t("compliance.console.weekNote", {
            day: formatDay(summary.weekStartDay, i18n.language),
          })}
        </p>
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("compliance.console.chain")}>
          <div className="flex gap-3">
            {verification && !verification.ok ? (
              <FileWarning aria-hidden className="size-6 shrink-0 text-red-700" />
            ) : (
              <FileCheck2 aria-hidden className="size-6 shrink-0 text-teal-700" />
            )}
            <div className="flex flex-col gap-1 text-sm text-slate-700">
              <p>{t("compliance.console.chainEvents", { count: summary.events })}</p>
              <p data-testid="last-verification">
                {verification ? (
                  <>
                    {t("compliance.console.lastVerified")} <LocalTime iso={verification.at} />
                    <br />
                    <span
                      className={verification.ok ? "text-teal-800" : "font-semibold text-red-800"}
                    >
                      {verification.ok
                        ? t("compliance.console.verifiedOk", { count: verification.checked })
                        : t("compliance.console.verifiedBroken", { seq: verification.firstBadSeq })}
                    </span>
                  </>
                ) : (
                  t("compliance.console.neverVerified")
                )}
              </p>
              {running && run ? (
                <div className="mt-2 flex flex-col gap-1" data-testid="verification-progress">
                  <progress
                    className="h-2 w-full overflow-hidden rounded-full accent-teal-700"
                    max={Math.max(run.total, 1)}
                    value={run.checked}
                    aria-label={t("compliance.console.verifyingLabel")}
                  />
                  <p>
                    {t("compliance.console.verifying", {
                      checked: run.checked,
                      total: run.total,
                    })}
                  </p>
                </div>
              ) : (
                <Form method="post" className="mt-2">
                  <Button
                    type="submit"
                    variant="secondary"
                    pending={navigation.state === "submitting"}
                  >
                    <ShieldCheck aria-hidden className="size-4" />
                    {t("compliance.console.verifyNow")}
                  </Button>
                </Form>
              )}
            </div>
          </div>
        </Card>
        <Card
          title={t("compliance.console.questions")}
          description={t("compliance.console.questionsIntro")}
        >
          <ul className="flex flex-col gap-1">
            {QUESTIONS.map((question) => (
              <li key={question.key}>
                <Link
                  to={`/compliance/audit?${question.query}`}
                  className="flex min-h-11 items-center justify-between gap-3 rounded-lg px-2 text-teal-800 hover:bg-teal-50"
                >
                  {t(`compliance.console.${question.key}`)}
                  <ArrowRight aria-hidden className="size-4 shrink-0" />
                </Link>
              </li>
            ))}
          </ul>
          <Link to="/compliance/audit" className={buttonClasses("primary", "mt-3")}>
            <Search aria-hidden className="size-4" />
            {t("compliance.console.openExplorer")}
          </Link>
        </Card>
        <Card title={t("reviews.title")} description={t("reviews.intro")}>
          <div className="flex gap-3" data-testid="console-reviews">
            <ClipboardCheck aria-hidden className="size-6 shrink-0 text-teal-700" />
            <div className="flex flex-col gap-1 text-sm text-slate-700">
              <p>
                <span className="font-semibold text-slate-900 tabular-nums">
                  {number(reviews.reviews)}
                </span>{" "}
                {t("reviews.console.figure")}
              </p>
              <p>{t("reviews.console.undecided", { count: reviews.undecided })}</p>
            </div>
          </div>
          <Link to="/compliance/reviews" className={buttonClasses("secondary", "mt-4")}>
            {t("reviews.nav")}
            <ArrowRight aria-hidden className="size-4" />
          </Link>
        </Card>
        {holds !== null ? (
          <Card title={t("compliance.holds.title")} description={t("compliance.holds.intro")}>
            <p
              className="flex items-center gap-2 text-sm text-slate-700"
              data-testid="console-holds"
            >
              <Lock aria-hidden className="size-5 shrink-0 text-amber-700" />
              {t("compliance.holds.inForce", { count: holds })}
            </p>
            <Link to="/compliance/holds" className={buttonClasses("secondary", "mt-4")}>
              {t("compliance.holds.open")}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          </Card>
        ) : null}
        {subjectRequests ? (
          <Card
            title={t("compliance.console.subjectRequests")}
            description={t("compliance.console.subjectRequestsIntro")}
          >
            <dl className="grid grid-cols-2 gap-3" data-testid="subject-request-figures">
              <div className="flex flex-col-reverse justify-end gap-1">
                <dt className="text-sm text-slate-600">
                  {t("compliance.console.subjectRequestsOpen")}
                </dt>
                <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
                  {number(subjectRequests.open)}
                </dd>
              </div>
              <div className="flex flex-col-reverse justify-end gap-1">
                <dt className="text-sm text-slate-600">
                  {t("compliance.console.subjectRequestsRecent")}
                </dt>
                <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
                  {number(subjectRequests.recent)}
                </dd>
              </div>
            </dl>
            <Link to="/compliance/subject-requests" className={buttonClasses("primary", "mt-3")}>
              <FileArchive aria-hidden className="size-4" />
              {t("compliance.console.openSubjectRequests")}
            </Link>
          </Card>
        ) : null}
        {due !== null ? (
          <Card title={t("retention.title")} description={t("retention.intro")}>
            <p
              className="flex items-center gap-2 text-sm text-slate-700"
              data-testid="console-retention"
            >
              <Hourglass aria-hidden className="size-5 shrink-0 text-slate-600" />
              {t("retention.console.due", { count: due })}
            </p>
            <Link to="/compliance/retention" className={buttonClasses("secondary", "mt-4")}>
              {t("retention.console.open")}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          </Card>
        ) : null}
        {erased !== null ? (
          <Card title={t("erasure.title")} description={t("erasure.intro")}>
            <p
              className="flex items-center gap-2 text-sm text-slate-700"
              data-testid="console-erasures"
            >
              <Eraser aria-hidden className="size-5 shrink-0 text-slate-600" />
              <span>
                <span className="font-semibold text-slate-900 tabular-nums">{number(erased)}</span>{" "}
                {t("erasure.console.figure")}
              </span>
            </p>
            <Link to="/compliance/erasures" className={buttonClasses("secondary", "mt-4")}>
              {t("erasure.console.open")}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

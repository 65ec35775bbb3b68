import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { Building2, CircleCheck, Download, UserX } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { membershipAccess, projectSections, reviewDecisions } from "#db/schema/values";
import {
  formatCalendarDay,
  formatDayOfInstant,
  LocalTime,
  useFormatting,
} from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import type { ReviewItemView, ReviewView } from "../types";

type Translate = ReturnType<typeof useTranslation>["t"];

const sectionList = (t: Translate, sections: string[]) =>
  sections.map((section) => t(`projects.sections.${section}`)).join(", ");

/** A review: what it covers and how far it is, then its memberships by project. */
export function ReviewPage({
  review,
  items,
  lastDecision,
}: {
  review: ReviewView;
  items: ReviewItemView[];
  lastDecision?: { itemId: string; result: SubmissionResult<string[]> };
}) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const undecided = review.total - review.decided;
  const byProject = new Map<string, ReviewItemView[]>();
  for (const item of items)
    byProject.set(item.projectName, [...(byProject.get(item.projectName) ?? []), item]);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        {review.mayClose ? (
          <Link
            to="/compliance/reviews"
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            {t("reviews.title")}
          </Link>
        ) : (
          <p className="text-sm font-medium text-brand-700">{t("reviews.title")}</p>
        )}
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          {review.title}
        </h1>
      </header>
      <Card>
        <dl
          className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-5"
          data-testid="review-summary"
        >
          <Fact label={t("reviews.review.covers")}>
            {t(`reviews.scopeLabel.${review.scope}`, { name: review.scopeName ?? "" })}
          </Fact>
          <Fact label={t("reviews.review.reviewer")}>
            {review.reviewerName ?? t("reviews.start.reviewerOwner")}
          </Fact>
          <Fact label={t("reviews.review.lastDay")}>{formatCalendarDay(review.dueOn, locale)}</Fact>
          <Fact label={t("reviews.review.ifUndecided")}>
            {t(`reviews.start.defaults.${review.defaultDecision}`)}
          </Fact>
          <Fact label={t("reviews.review.progress")}>
            {t("reviews.list.progress", { decided: review.decided, total: review.total })}
          </Fact>
        </dl>
        <div className="mt-5 flex flex-wrap gap-3 border-t border-slate-100 pt-4">
          <Link
            to={`/reviews/${review.id}/report.csv`}
            reloadDocument
            className={buttonClasses("secondary")}
          >
            <Download aria-hidden className="size-4" />
            {t("reviews.review.report")}
          </Link>
          {review.mayClose && !review.closedAt ? (
            <Form
              method="post"
              onSubmit={(event) => {
                const decision = t(`reviews.start.defaults.${review.defaultDecision}`);
                if (!confirm(t("reviews.review.closeConfirm", { count: undecided, decision })))
                  event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="close" />
              <Button type="submit" variant="secondary">
                {t("reviews.review.close")}
              </Button>
            </Form>
          ) : null}
        </div>
        {review.closedAt ? (
          <Alert className="mt-4">
            {t("reviews.review.closedNote", {
              date: formatDayOfInstant(review.closedAt, locale, timeZone),
            })}
          </Alert>
        ) : null}
      </Card>
      {items.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("reviews.review.noItems")}</p>
        </Card>
      ) : null}
      {[...byProject].map(([projectName, projectItems]) => (
        <Card key={projectName} title={projectName}>
          <ul className="-my-4 divide-y divide-slate-100" data-testid="review-items">
            {projectItems.map((item) => (
              <ReviewItem
                key={item.id}
                item={item}
                open={!review.closedAt}
                lastResult={lastDecision?.itemId === item.id ? lastDecision.result : undefined}
              />
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}

function ReviewItem({
  item,
  open,
  lastResult,
}: {
  item: ReviewItemView;
  open: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const decidable = open && item.mayDecide && !item.decision && !item.now.revokedAt;
  return (
    <li className="flex flex-col gap-3 py-4" data-testid="review-item">
      <div className="flex items-start gap-3">
        <Building2 aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-slate-900">{item.organizationName}</p>
          <p className="text-slate-600">
            {item.people.length
              ? t("reviews.review.onlyNamed", { names: item.people.join(", ") })
              : t("reviews.review.wholeOrganization", { name: item.organizationName })}
          </p>
          <p className="text-slate-600">
            {t("reviews.review.atStart")}:{" "}
            {t(`projects.overview.accessLevel.${item.atStart.access}`)} ·{" "}
            {sectionList(t, item.atStart.sections)}
          </p>
          {item.now.revokedAt ? (
            <p className="font-medium text-slate-700">
              {t("reviews.review.revokedMeanwhile")} (<LocalTime iso={item.now.revokedAt} />)
            </p>
          ) : item.decision === "change" ? (
            <p className="text-slate-600">
              {t("reviews.review.now")}: {t(`projects.overview.accessLevel.${item.now.access}`)} ·{" "}
              {sectionList(t, item.now.sections)}
            </p>
          ) : null}
          <p className="text-slate-500">
            {t("reviews.review.reviewedBy", { name: item.reviewerName })}
          </p>
          {item.reviewerDisabled && !item.decision ? (
            <p
              className="mt-1 flex items-center gap-1.5 text-amber-800"
              data-testid="reviewer-disabled"
            >
              <UserX aria-hidden className="size-4 shrink-0" />
              {t("reviews.review.reviewerDisabled", { name: item.reviewerName })}
            </p>
          ) : null}
          {item.dormant.length ? (
            <p className="mt-1 flex items-center gap-1.5 text-amber-800">
              <UserX aria-hidden className="size-4 shrink-0" />
              {t("reviews.review.dormant", {
                count: item.dormant.length,
                names: item.dormant.join(", "),
              })}
            </p>
          ) : null}
        </div>
      </div>
      {item.decision ? <Decided item={item} /> : null}
      {decidable ? <DecisionForm item={item} lastResult={lastResult} /> : null}
    </li>
  );
}

function Decided({ item }: { item: ReviewItemView }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const decision = t(`reviews.decided.${item.decision}`);
  const date = item.decidedAt ? formatDayOfInstant(item.decidedAt, locale, timeZone) : "";
  return (
    <div className="ml-8 flex gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm" data-testid="decided">
      <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />
      <div>
        <p className="font-medium text-slate-900">
          {item.defaulted
            ? t("reviews.review.byDefault", { decision, date })
            : item.deciderName
              ? t("reviews.review.decidedBy", { decision, name: item.deciderName, date })
              : t("reviews.review.revokedOutside", { date })}
        </p>
        {item.justification ? (
          <p className="whitespace-pre-line break-words text-slate-700">{item.justification}</p>
        ) : null}
      </div>
    </div>
  );
}

function DecisionForm({
  item,
  lastResult,
}: {
  item: ReviewItemView;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `decide-${item.id}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  const sent = form.initialValue as Record<string, unknown> | undefined;
  const [decision, setDecision] = useState(typeof sent?.decision === "string" ? sent.decision : "");
  const sentSections = Array.isArray(sent?.sections) ? (sent.sections as string[]) : undefined;
  const errorOf = (name: keyof typeof fields) =>
    fields[name]?.errors?.length ? (
      <p className="text-sm font-medium text-red-700" id={`${item.id}-${String(name)}-error`}>
        {fields[name]!.errors!.join(" ")}
      </p>
    ) : null;
  return (
    <Form method="post" className="ml-8 flex flex-col gap-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="itemId" value={item.id} />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={`${item.id}-decision-error`}>
        <legend className="mb-1 text-sm font-medium text-slate-800">
          {t("reviews.review.decision")}
        </legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {reviewDecisions.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="size-4 accent-brand-600"
              />
              {t(`reviews.decisions.${value}`)}
            </label>
          ))}
        </div>
        {errorOf("decision")}
      </fieldset>
      {decision === "change" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t("reviews.review.newAccess")}
            </legend>
            {membershipAccess.map((access) => (
              <label key={access} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="radio"
                  name="access"
                  value={access}
                  defaultChecked={(sent?.access ?? item.now.access) === access}
                  className="size-4 accent-brand-600"
                />
                {t(`projects.overview.accessLevel.${access}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="flex flex-col gap-2" aria-describedby={`${item.id}-sections-error`}>
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t("reviews.review.newSections")}
            </legend>
            {projectSections.map((section) => (
              <label key={section} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  name="sections"
                  value={section}
                  defaultChecked={(sentSections ?? item.now.sections).includes(section)}
                  className="size-4 accent-brand-600"
                />
                {t(`projects.sections.${section}`)}
              </label>
            ))}
            {errorOf("sections")}
          </fieldset>
        </div>
      ) : null}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${item.id}-justification`} className="text-sm font-medium text-slate-800">
          {t("reviews.review.reason")}
        </label>
        <textarea
          id={`${item.id}-justification`}
          name="justification"
          rows={2}
          maxLength={2000}
          defaultValue={typeof sent?.justification === "string" ? sent.justification : ""}
          aria-invalid={fields.justification?.errors?.length ? true : undefined}
          aria-describedby={`${item.id}-justification-hint ${item.id}-justification-error`}
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
        />
        <p id={`${item.id}-justification-hint`} className="text-xs text-slate-500">
          {t("reviews.review.reasonHint")}
        </p>
        {errorOf("justification")}
      </div>
      <div>
        <Button type="submit">{t("reviews.review.save")}</Button>
      </div>
    </Form>
  );
}

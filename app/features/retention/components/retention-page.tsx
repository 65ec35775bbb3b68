import { Form, useNavigation } from "@remix-run/react";
import { Hourglass, Lock, Save, Trash2 } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RetentionRecordType, RetentionTrigger } from "#db/schema/values";
import { LinkRow } from "~/components/link-row";
import { formatDayOfInstant, LocalTime, useFormatting } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { TRIGGERS_OF } from "../triggers";

type Rule = {
  recordType: RetentionRecordType;
  years: number;
  trigger: RetentionTrigger;
  enabled: boolean;
};

type Typed = Record<string, { years: string; trigger: string; enabled: boolean }>;

/** What happens to a kind of record once its period has passed. */
function useThen() {
  const { t } = useTranslation();
  return (recordType: RetentionRecordType) =>
    recordType === "contacts" || recordType === "auditEvents"
      ? t(`retention.anonymiseOf.${recordType}`)
      : t(`retention.actions.${recordType}`);
}

/** The rules, one row per kind of record: years, trigger, on or off, and the law behind it. */
export function RetentionRules({
  rules,
  mayChange,
  errors,
  typed,
}: {
  rules: Rule[];
  mayChange: boolean;
  errors?: Record<string, string>;
  typed?: Typed;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const then = useThen();
  return (
    <Card title={t("retention.rules.title")} description={t("retention.rules.hint")}>
      <Form method="post" className="flex flex-col gap-4">
        <input type="hidden" name="intent" value="rules" />
        <ul className="-my-2 divide-y divide-slate-100" data-testid="retention-rules">
          {rules.map((rule) => (
            <RuleRow
              key={rule.recordType}
              rule={rule}
              typed={typed?.[rule.recordType]}
              errors={errors}
              mayChange={mayChange}
              then={then(rule.recordType)}
            />
          ))}
        </ul>
        {mayChange ? (
          <div>
            <Button type="submit" pending={navigation.formData?.get("intent") === "rules"}>
              <Save aria-hidden className="size-4" />
              {t("retention.rules.save")}
            </Button>
          </div>
        ) : null}
      </Form>
    </Card>
  );
}

function RuleRow({
  rule,
  typed,
  errors,
  mayChange,
  then,
}: {
  rule: Rule;
  typed?: Typed[string];
  errors?: Record<string, string>;
  mayChange: boolean;
  then: string;
}) {
  const { t } = useTranslation();
  const type = t(`retention.types.${rule.recordType}`);
  const id = (field: string) => `retention-${rule.recordType}-${field}`;
  const yearsError = errors?.[`${rule.recordType}.years`];
  const triggerError = errors?.[`${rule.recordType}.trigger`];
  const [enabled, setEnabled] = useState(typed?.enabled ?? rule.enabled);
  return (
    <li className="flex flex-col gap-3 py-4 md:flex-row md:items-start">
      <div className="min-w-0 md:w-56">
        <p className="font-medium text-slate-900">{type}</p>
        <p className="text-sm text-slate-600">{then}</p>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={id("years")} className="sr-only">
              {t("retention.rules.yearsFor", { type })}
            </label>
            <div className="flex items-center gap-2">
              <input
                id={id("years")}
                name={`${rule.recordType}.years`}
                inputMode="numeric"
                defaultValue={typed?.years ?? String(rule.years)}
                disabled={!mayChange}
                aria-invalid={yearsError ? true : undefined}
                aria-describedby={yearsError ? `${id("years")}-error` : undefined}
                className={`min-h-11 w-20 rounded-lg border bg-white px-3 text-base tabular-nums sm:text-sm ${yearsError ? "border-red-500" : "border-slate-300"}`}
              />
              <span className="text-sm text-slate-700">{t("retention.rules.years")}</span>
            </div>
          </div>
          {/* On a phone the trigger gets a line of its own, below years and on/off. */}
          <div className="order-last flex min-w-0 basis-full flex-col gap-1 sm:order-none sm:basis-0 sm:flex-1">
            <label htmlFor={id("trigger")} className="sr-only">
              {t("retention.rules.triggerFor", { type })}
            </label>
            <select
              id={id("trigger")}
              name={`${rule.recordType}.trigger`}
              defaultValue={typed?.trigger ?? rule.trigger}
              disabled={!mayChange}
              aria-invalid={triggerError ? true : undefined}
              aria-describedby={triggerError ? `${id("trigger")}-error` : undefined}
              className="min-h-11 w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 text-base sm:text-sm"
            >
              {TRIGGERS_OF[rule.recordType].map((trigger) => (
                <option key={trigger} value={trigger}>
                  {t(`retention.triggers.${trigger}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={`${rule.recordType}.enabled`}
              checked={enabled}
              onChange={(event) => setEnabled(event.currentTarget.checked)}
              disabled={!mayChange}
              aria-label={t("retention.rules.enabledFor", { type })}
              className="size-4 accent-brand-600"
            />
            {enabled ? t("retention.rules.enabled") : t("retention.rules.off")}
          </label>
        </div>
        {yearsError ? (
          <p id={`${id("years")}-error`} className="text-sm font-medium text-red-700">
            {yearsError}
          </p>
        ) : null}
        {triggerError ? (
          <p id={`${id("trigger")}-error`} className="text-sm font-medium text-red-700">
            {triggerError}
          </p>
        ) : null}
        <p className="text-xs text-slate-500">{t(`retention.sources.${rule.recordType}`)}</p>
      </div>
    </li>
  );
}

type PreviewRow = {
  rule: Rule;
  action: "delete" | "anonymise";
  figures: { due: number; heldBack: number };
  sample: { id: string; title: string; project: string | null; at: string }[];
};

/** The dry run: what a run would take today, what holds keep, and the oldest of it. */
export function RetentionDue({ preview, mayRun }: { preview: PreviewRow[]; mayRun: boolean }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const navigation = useNavigation();
  const [confirmed, setConfirmed] = useState(false);
  // What a run would take: only what the rules that are on have expired.
  const due = preview.reduce((sum, row) => sum + (row.rule.enabled ? row.figures.due : 0), 0);
  return (
    <Card title={t("retention.due.title")} description={t("retention.due.hint")}>
      <ul className="-my-2 divide-y divide-slate-100" data-testid="retention-due">
        {preview.map((row) => (
          <li key={row.rule.recordType} className="py-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-medium text-slate-900">
                {t(`retention.types.${row.rule.recordType}`)}
              </p>
              <p className="text-sm text-slate-700 tabular-nums">
                {row.rule.enabled
                  ? t("retention.due.due", { count: row.figures.due })
                  : t("retention.due.wouldBe", { count: row.figures.due })}
                {row.figures.heldBack ? (
                  <span className="ml-2 inline-flex items-center gap-1 text-amber-800">
                    <Lock aria-hidden className="size-3.5" />
                    {t("retention.due.heldBack", { count: row.figures.heldBack })}
                  </span>
                ) : null}
              </p>
            </div>
            {row.sample.length ? (
              <ul className="mt-1 text-sm text-slate-600" aria-label={t("retention.due.oldest")}>
                {row.sample.map((item) => (
                  <li key={item.id} className="truncate">
                    {formatDayOfInstant(item.at, locale, timeZone)} · {item.title}
                    {item.project ? ` · ${item.project}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {due === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("retention.due.nothing")}</p>
      ) : null}
      {mayRun && due > 0 ? (
        <Form method="post" className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4">
          <input type="hidden" name="intent" value="run" />
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.currentTarget.checked)}
              className="mt-0.5 size-4 accent-brand-600"
            />
            {t("retention.due.confirm")}
          </label>
          <div>
            <Button
              type="submit"
              variant="destructive"
              disabled={!confirmed}
              pending={navigation.formData?.get("intent") === "run"}
            >
              <Trash2 aria-hidden className="size-4" />
              {t("retention.due.runNow")}
            </Button>
          </div>
        </Form>
      ) : null}
    </Card>
  );
}

type RunRow = { id: string; ranAt: string; total: number; ranBy: string | null };

/** Every run with its certificate, newest first. */
export function RetentionRuns({ runs }: { runs: RunRow[] }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  return (
    <Card title={t("retention.runs.title")} description={t("retention.runs.hint")}>
      {runs.length ? (
        <ul className="-my-3 divide-y divide-slate-100" data-testid="retention-runs">
          {runs.map((run) => (
            <li key={run.id}>
              <LinkRow
                to={`/compliance/retention/runs/${run.id}`}
                label={t("retention.runs.open", {
                  date: formatDayOfInstant(run.ranAt, locale, timeZone),
                })}
                icon={Hourglass}
                title={<LocalTime iso={run.ranAt} />}
                detail={
                  <>
                    {run.ranBy
                      ? t("retention.runs.by", { name: run.ranBy })
                      : t("retention.runs.byJob")}{" "}
                    · {t("retention.runs.total", { count: run.total })}
                  </>
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState
          icon={Hourglass}
          title={t("retention.runs.empty")}
          body={t("retention.runs.emptyHint")}
        />
      )}
    </Card>
  );
}

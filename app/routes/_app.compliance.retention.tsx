import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { retentionRecordTypes, type RetentionTrigger } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { RetentionDue, RetentionRules, RetentionRuns } from "~/features/retention";
import {
  listRetentionRules,
  listRetentionRuns,
  previewRetention,
  RETENTION_YEARS,
  runRetention,
  saveRetentionRules,
  triggersOf,
  type RetentionRule,
} from "~/features/retention/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

const PAGE = "/compliance/retention";

/** The rules, what is due under them now, and the runs (compliance officers, administrators). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("read", "RetentionRule")) notFound();
  const t = await translatorOf(request, context);
  const [preview, runs] = await Promise.all([previewRetention(), listRetentionRuns(ability)]);
  return {
    metaTitle: t("retention.metaTitle"),
    preview,
    runs,
    mayChange: ability.can("update", "RetentionRule"),
    mayRun: ability.can("create", "RetentionRun"),
  };
}

type RuleErrors = Record<string, string>;

/** The rules as typed, each checked; a bad one keeps what was typed and says why, next to it. */
function parseRules(form: FormData, current: RetentionRule[], t: (key: string) => string) {
  const errors: RuleErrors = {};
  const typed: Record<string, { years: string; trigger: string; enabled: boolean }> = {};
  const rules = retentionRecordTypes.flatMap((recordType) => {
    const years = String(form.get(`${recordType}.years`) ?? "").trim();
    const trigger = String(form.get(`${recordType}.trigger`) ?? "");
    const enabled = form.get(`${recordType}.enabled`) === "on";
    typed[recordType] = { years, trigger, enabled };
    const number = Number(years);
    if (!/^\d+$/.test(years) || number < RETENTION_YEARS.min || number > RETENTION_YEARS.max) {
      errors[`${recordType}.years`] = t("retention.errors.years");
    }
    const allowed = triggersOf[recordType] as readonly string[];
    if (!allowed.includes(trigger)) errors[`${recordType}.trigger`] = t("retention.errors.trigger");
    if (!current.some((rule) => rule.recordType === recordType)) return [];
    return [{ recordType, years: number, trigger: trigger as RetentionTrigger, enabled }];
  });
  return { rules, errors, typed };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const form = await request.formData();
  if (form.get("intent") === "run") {
    if (!ability.can("create", "RetentionRun")) notFound();
    const run = await runRetention(auditActor, auditActor.userId);
    return redirectWithToast(`${PAGE}/runs/${run.id}`, {
      tone: "success",
      message: t("retention.due.ran", { count: run.total }),
    });
  }
  if (!ability.can("update", "RetentionRule")) notFound();
  const { rules, errors, typed } = parseRules(form, await listRetentionRules(), t);
  if (Object.keys(errors).length) return { errors, typed };
  const changed = await saveRetentionRules(auditActor, rules);
  return redirectWithToast(PAGE, {
    tone: changed ? "success" : "info",
    message: changed
      ? t("retention.rules.saved", { count: changed })
      : t("retention.rules.unchanged"),
  });
}

export default function Retention() {
  const { preview, runs, mayChange, mayRun } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance", label: t("compliance.console.title") }}
        title={t("retention.title")}
        intro={t("retention.intro")}
      />
      <RetentionRules
        // Saved rules start the form afresh from what is stored.
        key={preview.map((row) => row.rule.updatedAt).join()}
        rules={preview.map((row) => row.rule)}
        mayChange={mayChange}
        errors={actionData?.errors}
        typed={actionData?.typed}
      />
      <RetentionDue preview={preview} mayRun={mayRun} />
      <RetentionRuns runs={runs} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/components/page-title";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { FieldFrame, fieldDescription } from "~/components/ui/field-frame";
import { SelectField } from "~/components/ui/select-field";
import { formatLocaleOf, languages } from "~/i18n";
import { requestPriorities, requestTypes } from "#db/schema/values";
import { formatDay, parseDay } from "~/kernel/day-input";
import {
  currentHostDefaultLanguage,
  setHostDefaultLanguage,
  translatorOf,
} from "~/kernel/locale.server";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import {
  dormantAfterDays as dormantDays,
  saveDormantAfterDays,
} from "~/features/reviews/index.server";
import {
  germanStateNames,
  MAX_REOPEN_WINDOW_DAYS,
  requestSettings,
  saveRequestSettings,
} from "~/features/requests/index.server";

export const meta = pageTitle("admin.settings.title");

const schema = (t: TFunction) =>
  z.object({
    defaultLocale: z.enum(languages, { error: t("admin.settings.errors.languageRequired") }),
  });

const REQUESTS_INTENT = "requests";
const DORMANT_INTENT = "dormant";

const dormantSchema = (t: TFunction) =>
  z.object({
    dormantAfterDays: z.coerce
      .number({ error: t("admin.settings.dormant.invalid") })
      .int(t("admin.settings.dormant.invalid"))
      .min(DORMANT_DAYS.min, t("admin.settings.dormant.invalid"))
      .max(DORMANT_DAYS.max, t("admin.settings.dormant.invalid")),
  });
const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** The range the database allows for the dormant threshold. */
const DORMANT_DAYS = { min: 14, max: 730 };
/** A target longer than this many business hours (over three years of 9-hour days) is a typo. */
const MAX_TARGET_HOURS = 10_000;
/** Invalid closing days named at most, so a pasted mess does not bury the field. */
const MAX_NAMED_DAYS = 3;

/** "1,5" or "1.5" business hours as whole minutes, or undefined when it is no such number. */
function minutesOfHours(text: string) {
  const value = text.trim().replace(",", ".");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value)) return undefined;
  return Math.round(Number(value) * 60);
}

/** Minutes as hours in the reader's format: 90 → "1,5" (de), "1.5" (en). */
function hoursOfMinutes(minutes: number, language: string) {
  return new Intl.NumberFormat(formatLocaleOf(language), {
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(minutes / 60);
}

/** "8:00", "08:00" or "8.00" as "08:00", or undefined. */
function clockTimeOf(text: string) {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

const isClockTime = (value: unknown): value is string =>
  typeof value === "string" && /^\d{2}:\d{2}$/.test(value);

/** The days of the closing-days field (one per line or separated by commas), or what is wrong. */
function closingDaysOf(text: string) {
  const days: string[] = [];
  const invalid: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const part of line.split(/[,;]/)) {
      const typed = part.trim();
      if (!typed) continue;
      const day = parseDay(typed);
      if (day) days.push(day);
      else
        invalid.push({
          line: index + 1,
          text: typed.length > 40 ? `${typed.slice(0, 40)}…` : typed,
        });
    }
  });
  return { days, invalid };
}

/** The customer-request settings form: business calendar, reopening window and targets. */
const requestsSchema = (
  t: TFunction,
  { states, maxReopenWindowDays }: { states: readonly string[]; maxReopenWindowDays: number },
) => {
  const errors = (key: string, options?: Record<string, unknown>) =>
    t(`admin.settings.requests.errors.${key}`, options);
  const clockTime = z.string({ error: errors("timeInvalid") }).transform((text, ctx) => {
    const time = clockTimeOf(text);
    if (time) return time;
    ctx.addIssue({ code: "custom", message: errors("timeInvalid") });
    return z.NEVER;
  });
  const hours = z.string({ error: errors("targetRequired") }).transform((text, ctx) => {
    const minutes = minutesOfHours(text);
    if (minutes === undefined || minutes <= 0) {
      ctx.addIssue({ code: "custom", message: errors("targetInvalid") });
      return z.NEVER;
    }
    if (minutes > MAX_TARGET_HOURS * 60) {
      ctx.addIssue({ code: "custom", message: errors("targetTooLong", { max: MAX_TARGET_HOURS }) });
      return z.NEVER;
    }
    return minutes;
  });
  const target = z
    .object({ firstResponse: hours, resolution: hours })
    .superRefine(({ firstResponse, resolution }, ctx) => {
      if (typeof firstResponse !== "number" || typeof resolution !== "number") return;
      if (resolution < firstResponse) {
        ctx.addIssue({
          code: "custom",
          path: ["resolution"],
          message: errors("resolutionBeforeResponse"),
        });
      }
    });
  const byPriority = z.object({ low: target, normal: target, high: target, urgent: target });
  const reopenInvalid = errors("reopenWindowInvalid", { max: maxReopenWindowDays });
  return z
    .object({
      federalState: z
        .string({ error: errors("federalStateRequired") })
        .refine((state) => states.includes(state), errors("federalStateRequired")),
      workingDays: z
        .array(z.number().int().min(1).max(7), { error: errors("workingDaysRequired") })
        .min(1, errors("workingDaysRequired")),
      dayStart: clockTime,
      dayEnd: clockTime,
      closingDays: z
        .string()
        .optional()
        .transform((text, ctx) => {
          const { days, invalid } = closingDaysOf(text ?? "");
          for (const { line, text: typed } of invalid.slice(0, MAX_NAMED_DAYS)) {
            ctx.addIssue({
              code: "custom",
              message: errors("closingDayInvalid", { line, text: typed }),
            });
          }
          return days;
        }),
      reopenWindowDays: z
        .number({ error: reopenInvalid })
        .int(reopenInvalid)
        .min(0, reopenInvalid)
        .max(maxReopenWindowDays, reopenInvalid),
      targets: z.object({ question: byPriority, complaint: byPriority, change: byPriority }),
    })
    .refine(
      ({ dayStart, dayEnd }) =>
        !(isClockTime(dayStart) && isClockTime(dayEnd) && dayEnd <= dayStart),
      // Also when other fields are wrong, so that every mistake shows at once.
      { path: ["dayEnd"], message: errors("endBeforeStart"), when: () => true },
    );
};

type RequestsForm = z.input<ReturnType<typeof requestsSchema>>;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  // Administration is for administrators; to anyone else the page does not exist.
  if (!ability.can("update", "HostSettings")) notFound();
  const [defaultLocale, settings, dormantAfterDays] = await Promise.all([
    currentHostDefaultLanguage(),
    requestSettings(),
    dormantDays(),
  ]);
  const states = Object.entries(germanStateNames)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));
  return {
    defaultLocale,
    requestSettings: settings,
    states,
    maxReopenWindowDays: MAX_REOPEN_WINDOW_DAYS,
    dormantAfterDays,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  requireCan(current.ability, "update", "HostSettings", t("admin.settings.forbidden"));
  const formData = await request.formData();
  if (formData.get("intent") === DORMANT_INTENT) {
    const submission = parseWithZod(formData, { schema: dormantSchema(t) });
    if (submission.status !== "success") {
      return data({ dormant: submission.reply() }, { status: 400 });
    }
    await saveDormantAfterDays(submission.value.dormantAfterDays, current.auditActor);
    return redirectWithToast("/admin/settings", {
      tone: "success",
      message: t("admin.settings.saved"),
    });
  }
  if (formData.get("intent") === REQUESTS_INTENT) {
    const limits = {
      states: Object.keys(germanStateNames),
      maxReopenWindowDays: MAX_REOPEN_WINDOW_DAYS,
    };
    const submission = parseWithZod(formData, { schema: requestsSchema(t, limits) });
    if (submission.status !== "success") {
      return data({ requests: submission.reply() }, { status: 400 });
    }
    const form = submission.value;
    const { calendar } = await requestSettings();
    const { refreshQueued } = await saveRequestSettings(
      {
        calendar: {
          timeZone: calendar.timeZone,
          federalState: form.federalState as typeof calendar.federalState,
          workingDays: form.workingDays,
          dayStart: form.dayStart,
          dayEnd: form.dayEnd,
          closingDays: form.closingDays,
        },
        targets: Object.fromEntries(
          requestTypes.map((type) => [
            type,
            Object.fromEntries(
              requestPriorities.map((priority) => {
                const { firstResponse, resolution } = form.targets[type][priority];
                return [
                  priority,
                  { firstResponseMinutes: firstResponse, resolutionMinutes: resolution },
                ];
              }),
            ),
          ]),
        ) as Parameters<typeof saveRequestSettings>[0]["targets"],
        reopenWindowDays: form.reopenWindowDays,
      },
      current.auditActor,
    );
    return redirectWithToast("/admin/settings", {
      tone: "success",
      message: refreshQueued
        ? t("admin.settings.requests.savedDueDatesInBackground")
        : t("admin.settings.saved"),
    });
  }
  const submission = parseWithZod(formData, { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();
  await setHostDefaultLanguage(submission.value.defaultLocale, current.auditActor);
  return redirectWithToast("/admin/settings", {
    tone: "success",
    message: t("admin.settings.saved"),
  });
}

export default function SettingsPage() {
  const { defaultLocale, requestSettings, dormantAfterDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const requestsResult = actionData && "requests" in actionData ? actionData.requests : undefined;
  const [form, fields] = useForm({
    id: "host-settings",
    lastResult:
      actionData && !("requests" in actionData) && !("dormant" in actionData)
        ? actionData
        : undefined,
    defaultValue: { defaultLocale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
  });
  const { key: _key, ...selectProps } = getSelectProps(fields.defaultLocale);
  const pending = navigation.state === "submitting";
  const savingRequests = pending && navigation.formData?.get("intent") === REQUESTS_INTENT;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("admin.settings.title")}
        </h1>
        <p className="mt-1 max-w-2xl text-slate-600">{t("admin.settings.intro")}</p>
      </header>
      <Card
        title={t("admin.settings.languageTitle")}
        description={t("admin.settings.languageDescription")}
      >
        <Form method="post" className="flex max-w-md flex-col gap-5" {...getFormProps(form)}>
          <SelectField
            label={t("admin.settings.defaultLanguage")}
            errors={fields.defaultLocale.errors}
            selectProps={selectProps}
          >
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`languageNames.${language}`)}
              </option>
            ))}
          </SelectField>
          <div>
            <Button type="submit" pending={pending && !savingRequests}>
              {t("common.save")}
            </Button>
          </div>
        </Form>
      </Card>
      {/* Drawn afresh when the stored settings change, so the form shows what was saved. */}
      <RequestSettingsCard
        key={JSON.stringify(requestSettings)}
        lastResult={requestsResult}
        pending={savingRequests}
      />
      <DormantCard
        key={dormantAfterDays}
        days={dormantAfterDays}
        lastResult={actionData && "dormant" in actionData ? actionData.dormant : undefined}
        pending={pending && navigation.formData?.get("intent") === DORMANT_INTENT}
      />
    </div>
  );
}

function RequestSettingsCard({
  lastResult,
  pending,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  pending: boolean;
}) {
  const { requestSettings: settings, states, maxReopenWindowDays } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // The form checks in the browser what the server checks (the limits come from the server).
  const limits = { states: states.map((state) => state.code), maxReopenWindowDays };
  const [form, fields] = useForm({
    id: "request-settings",
    lastResult,
    defaultValue: {
      federalState: settings.calendar.federalState,
      workingDays: settings.calendar.workingDays.map(String),
      dayStart: settings.calendar.dayStart,
      dayEnd: settings.calendar.dayEnd,
      closingDays: settings.calendar.closingDays.map((day) => formatDay(day, language)).join("\n"),
      reopenWindowDays: String(settings.reopenWindowDays),
      targets: Object.fromEntries(
        requestTypes.map((type) => [
          type,
          Object.fromEntries(
            requestPriorities.map((priority) => {
              const target = settings.targets[type][priority];
              return [
                priority,
                {
                  firstResponse: hoursOfMinutes(target.firstResponseMinutes, language),
                  resolution: hoursOfMinutes(target.resolutionMinutes, language),
                },
              ];
            }),
          ),
        ]),
      ),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requestsSchema(t, limits) }),
    shouldRevalidate: "onBlur",
  });
  const { key: _stateKey, ...stateProps } = getSelectProps(fields.federalState);
  const { key: _closingKey, ...closingProps } = getTextareaProps(fields.closingDays);
  const closing = fieldDescription(
    fields.closingDays.id,
    t("admin.settings.requests.closingDaysHint"),
    fields.closingDays.errors,
  );
  const { key: _reopenKey, ...reopenProps } = getInputProps(fields.reopenWindowDays, {
    type: "text",
  });
  const reopen = fieldDescription(
    fields.reopenWindowDays.id,
    t("admin.settings.requests.reopenWindowHint"),
    fields.reopenWindowDays.errors,
  );
  const workingDaysErrorId = `${fields.workingDays.id}-error`;
  const weekday = new Intl.DateTimeFormat(formatLocaleOf(language), {
    weekday: "short",
    timeZone: "UTC",
  });
  const chosenDays = new Set(
    [fields.workingDays.initialValue ?? []].flat().map((value) => String(value)),
  );
  const targets = fields.targets.getFieldset();
  const text = (key: string) => t(`admin.settings.requests.${key}`);
  return (
    <Card title={text("title")} description={text("description")}>
      <Form method="post" className="flex flex-col gap-8" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={REQUESTS_INTENT} />
        <section className="flex flex-col gap-5" aria-labelledby="request-settings-calendar">
          <h3 id="request-settings-calendar" className="text-sm font-semibold text-slate-900">
            {text("calendarTitle")}
          </h3>
          <div className="grid gap-5 sm:grid-cols-3">
            <SelectField
              label={text("federalState")}
              hint={text("federalStateHint")}
              errors={fields.federalState.errors}
              selectProps={stateProps}
            >
              {states.map((state) => (
                <option key={state.code} value={state.code} lang="de">
                  {state.name}
                </option>
              ))}
            </SelectField>
            {/* Typed as "08:00" in both languages: a time picker would show 8:00 AM to some. */}
            <div className="flex min-w-0 gap-5 sm:col-span-2">
              {([fields.dayStart, fields.dayEnd] as const).map((field) => (
                <Field
                  key={field.name}
                  label={text(field.name)}
                  errors={field.errors}
                  className="min-w-0 flex-1 sm:max-w-48"
                  inputProps={{
                    ...getInputProps(field, { type: "text" }),
                    autoComplete: "off",
                    className: "w-full",
                  }}
                />
              ))}
            </div>
          </div>
          <fieldset
            aria-invalid={fields.workingDays.errors ? true : undefined}
            aria-describedby={fields.workingDays.errors ? workingDaysErrorId : undefined}
          >
            <legend className="text-sm font-medium text-slate-800">{text("workingDays")}</legend>
            <div className="mt-1.5 flex flex-wrap gap-2">
              {ISO_WEEKDAYS.map((day) => {
                const id = `${fields.workingDays.id}-${day}`;
                return (
                  <label
                    key={day}
                    htmlFor={id}
                    className={cn(
                      "flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border bg-white px-3 text-sm font-medium text-slate-900 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
                      fields.workingDays.errors ? "border-red-500" : "border-slate-300",
                    )}
                  >
                    <input
                      id={id}
                      type="checkbox"
                      name={fields.workingDays.name}
                      value={String(day)}
                      form={form.id}
                      defaultChecked={chosenDays.has(String(day))}
                      className="size-4 accent-brand-600"
                    />
                    {/* 1 January 2024 was a Monday. */}
                    {weekday.format(new Date(Date.UTC(2024, 0, day)))}
                  </label>
                );
              })}
            </div>
            {fields.workingDays.errors ? (
              <p id={workingDaysErrorId} className="mt-1.5 text-sm font-medium text-red-700">
                {fields.workingDays.errors.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <div className="grid gap-5 sm:grid-cols-2">
            <FieldFrame
              id={fields.closingDays.id}
              label={text("closingDays")}
              hint={text("closingDaysHint")}
              errors={fields.closingDays.errors}
            >
              <textarea
                {...closingProps}
                aria-invalid={closing["aria-invalid"]}
                aria-describedby={closing["aria-describedby"]}
                rows={4}
                className={cn(
                  "rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm",
                  closing.invalid ? "border-red-500" : "border-slate-300",
                )}
              />
            </FieldFrame>
            <FieldFrame
              id={fields.reopenWindowDays.id}
              label={text("reopenWindow")}
              hint={text("reopenWindowHint")}
              errors={fields.reopenWindowDays.errors}
            >
              <div className="flex items-center gap-2">
                <input
                  {...reopenProps}
                  aria-invalid={reopen["aria-invalid"]}
                  aria-describedby={reopen["aria-describedby"]}
                  inputMode="numeric"
                  className={cn(
                    "min-h-11 w-24 rounded-lg border bg-white px-3 text-right text-base text-slate-900 tabular-nums shadow-sm sm:text-sm",
                    reopen.invalid ? "border-red-500" : "border-slate-300",
                  )}
                />
                <span className="text-sm text-slate-700">{text("reopenWindowUnit")}</span>
              </div>
            </FieldFrame>
          </div>
        </section>
        <section className="flex flex-col gap-3" aria-labelledby="request-settings-targets">
          <div>
            <h3 id="request-settings-targets" className="text-sm font-semibold text-slate-900">
              {text("targetsTitle")}
            </h3>
            <p className="mt-1 text-sm text-slate-600">{text("targetsDescription")}</p>
          </div>
          <div className="grid gap-4 lg:grid-cols-3">
            {requestTypes.map((type) => (
              <TargetTable key={type} type={type} field={targets[type]} />
            ))}
          </div>
        </section>
        <div>
          <Button type="submit" pending={pending}>
            {t("common.save")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** One type's targets: a row per priority, first response and resolution in hours. */
function TargetTable({
  type,
  field,
}: {
  type: (typeof requestTypes)[number];
  field: FieldMetadata<RequestsForm["targets"][(typeof requestTypes)[number]], RequestsForm>;
}) {
  const { t } = useTranslation();
  const priorities = field.getFieldset();
  const tableId = `${field.id}-table`;
  const columns = ["firstResponse", "resolution"] as const;
  return (
    <table className="w-full border-separate border-spacing-0 self-start rounded-lg border border-slate-200 text-sm">
      <caption id={`${tableId}-caption`} className="pb-1.5 text-left font-medium text-slate-800">
        {t(`requests.types.${type}`)}
      </caption>
      <thead>
        <tr className="text-left text-xs text-slate-600">
          <th scope="col" className="px-3 py-2 font-medium">
            {t("admin.settings.requests.priority")}
          </th>
          {columns.map((column) => (
            <th
              key={column}
              id={`${tableId}-${column}`}
              scope="col"
              className="px-2 py-2 font-medium"
            >
              {t(`admin.settings.requests.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {requestPriorities.map((priority) => {
          const cells = priorities[priority].getFieldset();
          const rowId = `${tableId}-${priority}`;
          return (
            <tr key={priority} className="align-top">
              <th
                id={rowId}
                scope="row"
                className="border-t border-slate-100 px-3 py-4 text-left font-medium text-slate-800"
              >
                {t(`requests.priorities.${priority}`)}
              </th>
              {columns.map((column) => {
                const cell = cells[column];
                const errorId = `${cell.id}-error`;
                const { key: _key, ...props } = getInputProps(cell, { type: "text" });
                return (
                  <td key={column} className="border-t border-slate-100 px-2 py-1.5">
                    <input
                      {...props}
                      inputMode="decimal"
                      aria-labelledby={`${tableId}-caption ${rowId} ${tableId}-${column}`}
                      aria-invalid={cell.errors ? true : undefined}
                      aria-describedby={cell.errors ? errorId : undefined}
                      className={cn(
                        "min-h-10 w-full min-w-0 rounded-lg border bg-white px-2.5 text-right text-base text-slate-900 tabular-nums shadow-sm sm:text-sm",
                        cell.errors ? "border-red-500" : "border-slate-300",
                      )}
                    />
                    {cell.errors ? (
                      <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
                        {cell.errors.join(" ")}
                      </p>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** After how many days without a sign-in access reviews flag an external user as dormant. */
function DormantCard({
  days,
  lastResult,
  pending,
}: {
  days: number;
  lastResult: SubmissionResult<string[]> | undefined;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "dormant-settings",
    lastResult,
    defaultValue: { dormantAfterDays: String(days) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: dormantSchema(t) }),
    shouldValidate: "onSubmit",
  });
  const { key: _key, ...inputProps } = getInputProps(fields.dormantAfterDays, { type: "text" });
  return (
    <Card
      title={t("admin.settings.dormant.title")}
      description={t("admin.settings.dormant.description")}
    >
      <Form method="post" className="flex max-w-md flex-col gap-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={DORMANT_INTENT} />
        <Field
          label={t("admin.settings.dormant.label")}
          hint={t("admin.settings.dormant.hint", DORMANT_DAYS)}
          errors={fields.dormantAfterDays.errors}
          inputProps={{ ...inputProps, inputMode: "numeric", className: "w-28 text-right" }}
        />
        <div>
          <Button type="submit" pending={pending}>
            {t("common.save")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

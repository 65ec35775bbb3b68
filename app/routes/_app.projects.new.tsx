import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { projectStatuses } from "#db/schema/values";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { parseDay } from "~/kernel/day-input";
import { translatorOf } from "~/kernel/locale.server";
import { createProject, projectFormChoices } from "~/features/projects/project.server";
import { requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("projects.new.title");

/** A day as the reader types it ("31.12.2026", "31/12/2026") or ISO, stored as `YYYY-MM-DD`. */
const isoDate = (t: TFunction) =>
  z
    .string()
    .transform((value, ctx) => {
      const day = parseDay(value);
      if (day) return day;
      ctx.addIssue({ code: "custom", message: t("projects.new.errors.dateInvalid") });
      return z.NEVER;
    })
    .optional();

const schema = (t: TFunction) =>
  z
    .object({
      name: z
        .string({ error: t("projects.new.errors.nameRequired") })
        .trim()
        .min(1, t("projects.new.errors.nameRequired"))
        .max(120, t("projects.new.errors.nameLong")),
      accountId: z.uuid({ error: t("projects.new.errors.accountRequired") }),
      ownerId: z.uuid({ error: t("projects.new.errors.ownerUnknown") }),
      status: z.enum(projectStatuses, { error: t("errors.chooseOption") }),
      description: z
        .string()
        .max(5000, t("errors.tooLong", { count: 5000 }))
        .default(""),
      startsOn: isoDate(t),
      endsOn: isoDate(t),
    })
    .superRefine((value, ctx) => {
      if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
        ctx.addIssue({
          code: "custom",
          path: ["endsOn"],
          message: t("projects.new.errors.endsBeforeStart"),
        });
      }
    });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability, user } = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  requireCan(ability, "create", "Project", t("projects.new.forbidden"));
  return { ...(await projectFormChoices(ability)), me: user.id };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  requireCan(current.ability, "create", "Project", t("projects.new.forbidden"));
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();
  const choices = await projectFormChoices(current.ability);
  if (!choices.accounts.some((account) => account.id === submission.value.accountId)) {
    return submission.reply({
      fieldErrors: { accountId: [t("projects.new.errors.accountUnknown")] },
    });
  }
  if (!choices.owners.some((owner) => owner.id === submission.value.ownerId)) {
    return submission.reply({ fieldErrors: { ownerId: [t("projects.new.errors.ownerUnknown")] } });
  }
  const project = await createProject(submission.value, current.auditActor);
  return redirectWithToast(`/projects/${project.id}`, {
    tone: "success",
    message: t("projects.new.created", { name: project.name }),
  });
}

const selectClass =
  "min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base sm:text-sm";

export default function NewProject() {
  const { accounts, owners, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-project",
    lastResult,
    defaultValue: { ownerId: me, status: "active" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
  });
  const errorOf = (name: keyof typeof fields) =>
    fields[name].errors?.length ? (
      <p id={`${fields[name].id}-error`} className="text-sm font-medium text-red-700">
        {fields[name].errors!.join(" ")}
      </p>
    ) : null;

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("projects.new.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("projects.new.intro")}</p>
      </header>
      <Card>
        <Form method="post" className="flex max-w-2xl flex-col gap-5" {...getFormProps(form)}>
          <Field
            label={t("projects.new.name")}
            inputProps={getInputProps(fields.name, { type: "text" })}
            errors={fields.name.errors}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={fields.accountId.id} className="text-sm font-medium text-slate-800">
                {t("projects.new.account")}
              </label>
              <select {...getSelectProps(fields.accountId)} className={selectClass}>
                <option value="">{t("projects.new.chooseAccount")}</option>
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.name}
                  </option>
                ))}
              </select>
              {errorOf("accountId")}
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={fields.ownerId.id} className="text-sm font-medium text-slate-800">
                {t("projects.new.owner")}
              </label>
              <select {...getSelectProps(fields.ownerId)} className={selectClass}>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name}
                  </option>
                ))}
              </select>
              {errorOf("ownerId")}
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={fields.status.id} className="text-sm font-medium text-slate-800">
                {t("projects.new.status")}
              </label>
              <select {...getSelectProps(fields.status)} className={selectClass}>
                {projectStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t(`projects.status.${status}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field
              label={t("projects.new.startsOn")}
              inputProps={getInputProps(fields.startsOn, { type: "text" })}
              control="date"
              errors={fields.startsOn.errors}
            />
            <Field
              label={t("projects.new.endsOn")}
              inputProps={getInputProps(fields.endsOn, { type: "text" })}
              control="date"
              errors={fields.endsOn.errors}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={fields.description.id} className="text-sm font-medium text-slate-800">
              {t("projects.new.description")}
            </label>
            <textarea
              {...getTextareaProps(fields.description)}
              rows={5}
              className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
            />
          </div>
          <div>
            <Button type="submit" pending={navigation.state === "submitting"}>
              {t("projects.new.create")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { reviewDefaults, reviewScopes, type ReviewScope } from "#db/schema/values";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { SelectField } from "~/components/ui/select-field";
import type { ReviewChoices } from "../types";

type Option = { id: string; name: string };

/** Starts a campaign: its name, what it covers, who reviews, by when, and the default. */
export function ReviewStartForm({
  choices,
  lastResult,
}: {
  choices: ReviewChoices;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "start-review", lastResult, shouldValidate: "onSubmit" });
  const initial = (name: string) => {
    const value = (form.initialValue as Record<string, unknown> | undefined)?.[name];
    return typeof value === "string" ? value : undefined;
  };
  // What came back from the server is one of the scopes, or else the first (a tampered form).
  const sent = reviewScopes.find((value) => value === initial("scope"));
  const [scope, setScope] = useState<ReviewScope>(sent ?? "all");
  const targets: Record<Exclude<ReviewScope, "all">, Option[]> = {
    project: choices.projects,
    account: choices.accounts,
    organization: choices.organizations,
  };
  return (
    <Card title={t("reviews.start.title")}>
      <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="start" />
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Field
          label={t("reviews.start.name")}
          errors={fields.title?.errors}
          inputProps={{
            id: "review-title",
            name: "title",
            defaultValue: initial("title"),
            placeholder: t("reviews.start.namePlaceholder"),
            maxLength: 120,
          }}
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            label={t("reviews.start.scope")}
            errors={fields.scope?.errors}
            selectProps={{
              id: "review-scope",
              name: "scope",
              value: scope,
              onChange: (event) => setScope(event.currentTarget.value as ReviewScope),
            }}
          >
            {reviewScopes.map((value) => (
              <option key={value} value={value}>
                {t(`reviews.start.scopes.${value}`)}
              </option>
            ))}
          </SelectField>
          {scope !== "all" ? (
            <SelectField
              key={scope}
              label={t(`reviews.start.${scope}`)}
              errors={fields[scope]?.errors}
              selectProps={{
                id: `review-${scope}`,
                name: scope,
                defaultValue: initial(scope) ?? "",
              }}
            >
              <option value="">{t("reviews.start.choose")}</option>
              {targets[scope].map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label={t("reviews.start.reviewer")}
            errors={fields.reviewerId?.errors}
            selectProps={{
              id: "review-reviewer",
              name: "reviewerId",
              defaultValue: initial("reviewerId") ?? "",
            }}
          >
            <option value="">{t("reviews.start.reviewerOwner")}</option>
            {choices.reviewers.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("reviews.start.dueOn")}
            control="date"
            errors={fields.dueOn?.errors}
            inputProps={{ id: "review-due", name: "dueOn", defaultValue: initial("dueOn") }}
          />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-800">
            {t("reviews.start.defaultDecision")}
          </legend>
          {reviewDefaults.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="defaultDecision"
                value={value}
                defaultChecked={(initial("defaultDecision") ?? "keep") === value}
                className="size-4 accent-brand-600"
              />
              {t(`reviews.start.defaults.${value}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <Button type="submit">{t("reviews.start.submit")}</Button>
        </div>
      </Form>
    </Card>
  );
}

import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Lock, LockOpen } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { holdScopes, type HoldScope } from "#db/schema/values";
import { FilterCombobox } from "~/components/filter-combobox";
import { LocalTime } from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField } from "~/components/ui/select-field";
import type { LegalHoldView } from "../types";

type Option = { id: string; name: string; detail?: string | null };

/** Places a hold: what it covers (searched as one types) and why. */
export function PlaceLegalHold({
  chosen,
  lastResult,
}: {
  chosen: Option | null;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "place-hold", lastResult, shouldValidate: "onSubmit" });
  const sent = form.initialValue as Record<string, unknown> | undefined;
  const [scope, setScope] = useState<HoldScope>(
    holdScopes.find((value) => value === sent?.scope) ?? "contact",
  );
  return (
    <Card title={t("compliance.holds.placeTitle")} description={t("compliance.holds.placeIntro")}>
      <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="place" />
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            label={t("compliance.holds.scope")}
            errors={fields.scope?.errors}
            selectProps={{
              id: "hold-scope",
              name: "scope",
              value: scope,
              onChange: (event) => setScope(event.currentTarget.value as HoldScope),
            }}
          >
            {holdScopes.map((value) => (
              <option key={value} value={value}>
                {t(`compliance.holds.scopes.${value}`)}
              </option>
            ))}
          </SelectField>
          <FilterCombobox
            key={scope}
            label={t(`compliance.holds.scopes.${scope}`)}
            name="scopeId"
            all={t("compliance.holds.search")}
            source={`/compliance/audit/filter-options?filter=${scope}`}
            selected={chosen && sent?.scope === scope ? chosen : null}
            errors={fields.scopeId?.errors}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="hold-reason" className="text-sm font-medium text-slate-800">
            {t("compliance.holds.reason")}
          </label>
          <textarea
            id="hold-reason"
            name="reason"
            rows={2}
            maxLength={500}
            defaultValue={typeof sent?.reason === "string" ? sent.reason : ""}
            placeholder={t("compliance.holds.reasonPlaceholder")}
            aria-invalid={fields.reason?.errors?.length ? true : undefined}
            aria-describedby={fields.reason?.errors?.length ? "hold-reason-error" : undefined}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
          />
          {fields.reason?.errors?.length ? (
            <p id="hold-reason-error" className="text-sm font-medium text-red-700">
              {fields.reason.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <Button type="submit">
            <Lock aria-hidden className="size-4" />
            {t("compliance.holds.place")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

type HeldThing = Pick<LegalHoldView, "scope" | "heldName" | "reason" | "placedBy" | "createdAt">;

/** What a hold covers, why, and who placed it when. */
export function HoldSummary({ hold }: { hold: HeldThing }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="font-medium text-slate-900">
        {t(`compliance.holds.scopes.${hold.scope}`)}: {hold.heldName ?? "—"}
      </p>
      <p className="break-words whitespace-pre-line text-slate-700">{hold.reason}</p>
      <p className="text-slate-500">
        {t("compliance.holds.placedBy", { name: hold.placedBy })} <LocalTime iso={hold.createdAt} />
      </p>
    </>
  );
}

/** The holds in force, each with its release, and those released before. */
export function LegalHoldList({ holds }: { holds: LegalHoldView[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t("compliance.holds.listTitle")}>
      {holds.length === 0 ? (
        <p className="text-sm text-slate-600">{t("compliance.holds.none")}</p>
      ) : (
        <ul className="-my-3 divide-y divide-slate-100" data-testid="legal-holds">
          {holds.map((hold) => (
            <li key={hold.id} className="flex flex-wrap items-start gap-3 py-3">
              {hold.releasedAt ? (
                <LockOpen aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
              ) : (
                <Lock aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-700" />
              )}
              <div className="min-w-0 flex-1 text-sm">
                <HoldSummary hold={hold} />
                {hold.releasedAt ? (
                  <p className="text-slate-500">
                    {t("compliance.holds.releasedBy", { name: hold.releasedBy ?? "" })}{" "}
                    <LocalTime iso={hold.releasedAt} />
                  </p>
                ) : null}
              </div>
              {!hold.releasedAt ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!confirm(t("compliance.holds.releaseConfirm", { name: hold.heldName })))
                      event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="release" />
                  <input type="hidden" name="holdId" value={hold.id} />
                  <Button type="submit" variant="secondary">
                    {t("compliance.holds.release")}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

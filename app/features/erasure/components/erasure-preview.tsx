import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CircleCheck, Eraser, Link2Off, Lock, ScrollText, Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import type { HoldScope } from "#db/schema/values";
import { formatDayOfInstant, useFormatting } from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { HoldSummary } from "~/features/compliance";
import type { ErasedPlace } from "../certificate";

type Outcome = {
  places: ErasedPlace[];
  keptUnderHold: { place: string; rows: number }[];
  unlinked: { participations: number };
  removed: { place: string; rows: number }[];
  audit: { eventsErased: number; eventsNotErasable: number };
};

type Hold = {
  id: string;
  scope: HoldScope;
  heldName: string | null;
  reason: string;
  placedBy: string;
  createdAt: string;
};

export type ErasurePreviewProps = {
  person: {
    kind: "contact" | "user";
    name: string;
    email: string | null;
    phone: string | null;
    pseudonym: string;
  };
  erasedAt: string | null;
  certificateId: string | null;
  holds: Hold[];
  outcome: Outcome | null;
};

/** One line of what changes: where, and how many rows. */
function ChangeLine({
  label,
  count,
  icon: Icon,
}: {
  label: string;
  count: string;
  icon: typeof Eraser;
}) {
  return (
    <li className="flex items-start gap-3 py-2 text-sm">
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
      <span className="min-w-0 flex-1 text-slate-800">{label}</span>
      <span className="shrink-0 font-medium text-slate-900 tabular-nums">{count}</span>
    </li>
  );
}

/** The person, what stops the erasure, or what it will change. */
export function ErasurePreviewView({
  person,
  erasedAt,
  certificateId,
  holds,
  outcome,
}: ErasurePreviewProps) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  return (
    <>
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t(`erasure.kinds.${person.kind}`)}</dt>
            <dd className="font-medium break-words text-slate-900">{person.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("erasure.fields.email")}</dt>
            <dd className="break-words text-slate-900">{person.email ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("erasure.fields.phone")}</dt>
            <dd className="text-slate-900">{person.phone ?? "—"}</dd>
          </div>
        </dl>
        {!erasedAt ? (
          <p className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
            {t("erasure.preview.pseudonym", { pseudonym: person.pseudonym })}
          </p>
        ) : null}
      </Card>
      {erasedAt ? (
        <Alert tone="info">
          <p>
            {t("erasure.preview.alreadyErased", {
              date: formatDayOfInstant(erasedAt, locale, timeZone),
            })}
          </p>
          {certificateId ? (
            <Link
              to={`/compliance/erasures/${certificateId}`}
              className={buttonClasses("secondary", "mt-2")}
            >
              <ScrollText aria-hidden className="size-4" />
              {t("erasure.preview.openCertificate")}
            </Link>
          ) : null}
        </Alert>
      ) : holds.length ? (
        <section
          aria-labelledby="erasure-held"
          className="rounded-xl border border-amber-300 bg-amber-50 px-5 py-4"
          data-testid="erasure-held"
        >
          <h2 id="erasure-held" className="flex items-center gap-2 font-semibold text-amber-900">
            <Lock aria-hidden className="size-5" />
            {t("erasure.preview.heldTitle")}
          </h2>
          <p className="mt-1 text-sm text-amber-900">
            {t("erasure.preview.heldIntro", { name: person.name })}
          </p>
          <ul className="mt-3 flex flex-col gap-2">
            {holds.map((hold) => (
              <li
                key={hold.id}
                className="rounded-lg bg-white px-3 py-2 text-sm ring-1 ring-amber-200"
              >
                <HoldSummary hold={hold} />
              </li>
            ))}
          </ul>
          <Link to="/compliance/holds" className={buttonClasses("secondary", "mt-3")}>
            {t("erasure.preview.openHolds")}
          </Link>
        </section>
      ) : outcome ? (
        <Card title={t("erasure.preview.changes")}>
          <p className="text-sm text-slate-700">
            {t(
              person.kind === "contact"
                ? "erasure.preview.recordContact"
                : "erasure.preview.recordUser",
              {
                pseudonym: person.pseudonym,
              },
            )}
          </p>
          <ul className="mt-3 divide-y divide-slate-100" data-testid="erasure-changes">
            {outcome.places.map((place) => (
              <ChangeLine
                key={place.place}
                icon={Eraser}
                label={t(`erasure.places.${place.place}`)}
                count={t("erasure.preview.rewritten", { count: place.rows })}
              />
            ))}
            {outcome.removed.map((place) => (
              <ChangeLine
                key={place.place}
                icon={Trash2}
                label={t(`erasure.places.${place.place}`)}
                count={t("erasure.preview.removed", { count: place.rows })}
              />
            ))}
            {outcome.keptUnderHold.map((place) => (
              <ChangeLine
                key={`held-${place.place}`}
                icon={Lock}
                label={t(`erasure.places.${place.place}`)}
                count={t("erasure.preview.keptUnderHold", { count: place.rows })}
              />
            ))}
            {outcome.unlinked.participations ? (
              <ChangeLine
                icon={Link2Off}
                label={t("erasure.preview.participations", {
                  count: outcome.unlinked.participations,
                })}
                count=""
              />
            ) : null}
            <ChangeLine
              icon={CircleCheck}
              label={t("erasure.preview.auditErased", { count: outcome.audit.eventsErased })}
              count=""
            />
            {outcome.audit.eventsNotErasable ? (
              <ChangeLine
                icon={Lock}
                label={t("erasure.preview.auditNotErasable", {
                  count: outcome.audit.eventsNotErasable,
                })}
                count=""
              />
            ) : null}
          </ul>
          {outcome.places.length === 0 && outcome.removed.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("erasure.preview.nothingElse")}</p>
          ) : null}
          <p className="mt-3 text-sm text-slate-600">{t("erasure.preview.stays")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("erasure.preview.filesStay")}</p>
        </Card>
      ) : null}
    </>
  );
}

/** The one step that erases: a reference for the certificate, and a confirmation. */
export function ErasureConfirm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({ id: "erase", lastResult, shouldValidate: "onSubmit" });
  const sent = form.initialValue as Record<string, unknown> | undefined;
  const confirmErrors = fields.confirm?.errors;
  return (
    <Card title={t("erasure.preview.confirmTitle")}>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Field
          label={t("erasure.preview.reference")}
          hint={t("erasure.preview.referenceHint")}
          errors={fields.reference?.errors}
          inputProps={{
            id: "erasure-reference",
            name: "reference",
            maxLength: 200,
            autoComplete: "off",
            placeholder: t("erasure.preview.referencePlaceholder"),
            defaultValue: typeof sent?.reference === "string" ? sent.reference : "",
          }}
        />
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              defaultChecked={sent?.confirm === "yes"}
              aria-invalid={confirmErrors?.length ? true : undefined}
              aria-describedby={confirmErrors?.length ? "erasure-confirm-error" : undefined}
              className="mt-0.5 size-4 accent-brand-600"
            />
            {t("erasure.preview.confirm")}
          </label>
          {confirmErrors?.length ? (
            <p id="erasure-confirm-error" className="text-sm font-medium text-red-700">
              {confirmErrors.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <Button type="submit" variant="destructive" pending={navigation.state === "submitting"}>
            <Eraser aria-hidden className="size-4" />
            {t("erasure.preview.submit")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

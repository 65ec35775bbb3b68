import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { ShieldCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import { markSessionTwoFactorVerified } from "~/kernel/session.server";
import {
  completeEnrolment,
  matchTotp,
  openSealedKey,
  regenerateRecoveryCodes,
  resetTwoFactor,
  resumeEnrolment,
  startEnrolment,
  unusedRecoveryCodeCount,
  type Enrolment,
} from "~/features/identity/two-factor.server";
import { requireUser, twoFactorRequired } from "~/kernel/auth.server";
import { verifyPassword } from "~/kernel/password.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("twoFactor.title");

const enrolSchema = (t: TFunction) =>
  z.object({
    intent: z.literal("enrol"),
    sealedKey: z.string(),
    code: z
      .string({ error: t("twoFactor.errors.codeRequired") })
      .trim()
      .regex(/^\d{6}$/, t("twoFactor.errors.codeSixDigits")),
  });

const passwordSchema = (t: TFunction) =>
  z.object({
    intent: z.enum(["reset", "recovery-codes"]),
    password: z.string({ error: t("account.errors.currentPasswordRequired") }),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const enrolled = user.totpEnabledAt !== null;
  return {
    enrolled,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    required: twoFactorRequired(user),
    recoveryCodesLeft: enrolled ? await unusedRecoveryCodeCount(user.id) : 0,
    enrolment: enrolled ? null : await startEnrolment(user),
  };
}

type ActionResult =
  | { intent: "enrol"; result: SubmissionResult<string[]>; enrolment?: Enrolment; codes?: string[] }
  | { intent: "reset" | "recovery-codes"; result: SubmissionResult<string[]>; codes?: string[] };

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionResult> {
  const current = await requireUser(request, context);
  const { user } = current;
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  const actor = current.auditActor;

  if (formData.get("intent") === "enrol") {
    const submission = parseWithZod(formData, { schema: enrolSchema(t) });
    if (user.totpEnabledAt) {
      return {
        intent: "enrol",
        result: submission.reply({ formErrors: [t("twoFactor.errors.alreadyOn")] }),
      };
    }
    const key = submission.status === "success" ? openSealedKey(submission.value.sealedKey) : null;
    const enrolment = await resumeEnrolment(user, String(formData.get("sealedKey") ?? ""));
    if (submission.status !== "success" || !key) {
      return { intent: "enrol", result: submission.reply(), enrolment };
    }
    const step = matchTotp(key, submission.value.code);
    if (step === null) {
      return {
        intent: "enrol",
        result: submission.reply({ fieldErrors: { code: [t("twoFactor.errors.invalid_totp")] } }),
        enrolment,
      };
    }
    const codes = await completeEnrolment(user, key, step, actor);
    await markSessionTwoFactorVerified(current.session.id);
    return { intent: "enrol", result: submission.reply({ resetForm: true }), codes };
  }

  const submission = parseWithZod(formData, { schema: passwordSchema(t) });
  const intent = formData.get("intent") === "reset" ? "reset" : "recovery-codes";
  if (submission.status !== "success") return { intent, result: submission.reply() };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, submission.value.password))) {
    return {
      intent,
      result: submission.reply({
        fieldErrors: { password: [t("account.errors.currentPasswordWrong")] },
        hideFields: ["password"],
      }),
    };
  }
  if (intent === "reset") {
    await resetTwoFactor(user, actor);
    return { intent, result: submission.reply({ resetForm: true }) };
  }
  const codes = await regenerateRecoveryCodes(user, actor);
  return { intent, result: submission.reply({ resetForm: true }), codes };
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t("twoFactor.recoveryTitle")} description={t("twoFactor.recoveryDescription")}>
      <ul
        className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code} className="rounded-md bg-slate-100 px-2 py-1.5 text-center">
            {code}
          </li>
        ))}
      </ul>
      <Link to="/" className={buttonClasses("primary", "mt-5")}>
        {t("twoFactor.savedThem")}
      </Link>
    </Card>
  );
}

function EnrolForm({
  enrolment,
  lastResult,
}: {
  enrolment: Enrolment;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "enrol",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolSchema(t) }),
    shouldValidate: "onSubmit",
  });
  return (
    <Card title={t("twoFactor.setupTitle")} description={t("twoFactor.setupDescription")}>
      <div className="grid gap-6 md:grid-cols-[12rem_minmax(0,1fr)]">
        <img
          src={enrolment.qrDataUrl}
          alt={t("twoFactor.qrAlt")}
          className="size-48 rounded-lg border border-slate-200 bg-white p-2"
          data-testid="totp-qr"
        />
        <div className="flex min-w-0 flex-col gap-4">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>{t("twoFactor.stepScan")}</li>
            <li>{t("twoFactor.stepEnter")}</li>
          </ol>
          <div>
            <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t("twoFactor.manualKey")}
            </p>
            <code
              className="mt-1 block rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all"
              data-testid="totp-key"
            >
              {enrolment.manualKey}
            </code>
          </div>
          <Form
            method="post"
            className="flex flex-col gap-4 sm:flex-row sm:items-start"
            {...getFormProps(form)}
          >
            <input type="hidden" name="intent" value="enrol" />
            <input type="hidden" name="sealedKey" value={enrolment.sealedKey} />
            <Field
              className="sm:w-48"
              label={t("twoFactor.code")}
              inputProps={{
                ...getInputProps(fields.code, { type: "text" }),
                inputMode: "numeric",
                autoComplete: "one-time-code",
                className: "font-mono tracking-widest",
              }}
              errors={fields.code.errors}
            />
            <Button type="submit" className="sm:mt-7" pending={navigation.state === "submitting"}>
              {t("twoFactor.turnOn")}
            </Button>
          </Form>
        </div>
      </div>
    </Card>
  );
}

function PasswordConfirmForm({
  intent,
  label,
  variant,
  lastResult,
}: {
  intent: "reset" | "recovery-codes";
  label: string;
  variant: "secondary" | "danger";
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `two-factor-${intent}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema(t) }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form
      method="post"
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value={intent} />
      <Field
        className="sm:w-64"
        label={t("account.currentPassword")}
        inputProps={{
          ...getInputProps(fields.password, { type: "password" }),
          autoComplete: "current-password",
        }}
        errors={fields.password.errors}
      />
      <Button type="submit" variant={variant} className="sm:mt-7">
        {label}
      </Button>
    </Form>
  );
}

export default function TwoFactorSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const justEnrolled = actionData?.intent === "enrol" && actionData.codes;
  const enrolment = (actionData?.intent === "enrol" && actionData.enrolment) || data.enrolment;

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("twoFactor.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("twoFactor.intro")}</p>
      </header>
      {justEnrolled ? (
        <>
          <Alert tone="success">{t("twoFactor.enrolledNow")}</Alert>
          <RecoveryCodes codes={actionData.codes!} />
        </>
      ) : data.enrolled ? (
        <>
          <Card>
            <div className="flex items-start gap-3">
              <ShieldCheck aria-hidden className="mt-0.5 size-5 text-emerald-600" />
              <div>
                <p className="font-medium text-slate-900">{t("twoFactor.isOn")}</p>
                <p className="text-sm text-slate-600">
                  {t("twoFactor.onSince")} <LocalTime iso={data.enabledAt!} /> ·{" "}
                  {t("twoFactor.codesLeft", { count: data.recoveryCodesLeft })}
                </p>
              </div>
            </div>
          </Card>
          {actionData?.intent === "recovery-codes" && actionData.codes ? (
            <RecoveryCodes codes={actionData.codes} />
          ) : (
            <Card
              title={t("twoFactor.newCodesTitle")}
              description={t("twoFactor.newCodesDescription")}
            >
              <PasswordConfirmForm
                intent="recovery-codes"
                label={t("twoFactor.newCodes")}
                variant="secondary"
                lastResult={actionData?.intent === "recovery-codes" ? actionData.result : undefined}
              />
            </Card>
          )}
          <Card
            title={data.required ? t("twoFactor.replaceTitle") : t("twoFactor.turnOffTitle")}
            description={
              data.required ? t("twoFactor.replaceDescription") : t("twoFactor.turnOffDescription")
            }
          >
            <PasswordConfirmForm
              intent="reset"
              label={data.required ? t("twoFactor.replace") : t("twoFactor.turnOff")}
              variant="danger"
              lastResult={actionData?.intent === "reset" ? actionData.result : undefined}
            />
          </Card>
        </>
      ) : (
        <>
          {data.required ? <Alert tone="warning">{t("twoFactor.requiredNotice")}</Alert> : null}
          {enrolment ? (
            <EnrolForm
              enrolment={enrolment}
              lastResult={actionData?.intent === "enrol" ? actionData.result : undefined}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

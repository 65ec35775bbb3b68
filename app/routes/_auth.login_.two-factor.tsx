import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import { attemptSecondFactor, refusalMessage } from "~/features/identity/sign-in.server";
import { getSession, safeRedirectPath } from "~/kernel/auth.server";
import { DEVICE_COOKIE, readCookie } from "~/kernel/cookies.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("twoFactor.signInTitle");

const schema = (t: TFunction) =>
  z.object({
    method: z.enum(["totp", "recovery"]),
    code: z
      .string({ error: t("twoFactor.errors.codeRequired") })
      .trim()
      .min(6, t("twoFactor.errors.codeShort")),
    redirectTo: z.string().optional(),
  });

async function requirePendingSession(request: Request, context: AppLoadContext) {
  const current = await getSession(request, context);
  if (!current) throw redirect("/login");
  if (!current.user.totpEnabledAt || current.session.twoFactorVerified) throw redirect("/");
  return current;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePendingSession(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requirePendingSession(request, context);
  const t = await translatorOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();

  const result = await attemptSecondFactor({
    user: current.user,
    sessionId: current.session.id,
    ...submission.value,
    deviceToken: readCookie(request, DEVICE_COOKIE),
    actor: current.auditActor,
  });
  if (result.kind === "throttled" || result.kind === "locked") {
    return data(
      submission.reply({ formErrors: [refusalMessage(t, result)], hideFields: ["code"] }),
      { status: 429 },
    );
  }
  if (result.kind === "invalid") {
    const message = t(`twoFactor.errors.invalid_${submission.value.method}`);
    return submission.reply({ fieldErrors: { code: [message] }, hideFields: ["code"] });
  }
  return redirect(safeRedirectPath(submission.value.redirectTo));
}

export default function TwoFactorSignIn() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  // The method lives in the URL so switching works without JavaScript too.
  const method = searchParams.get("method") === "recovery" ? "recovery" : "totp";
  const switchTo = new URLSearchParams(searchParams);
  switchTo.set("method", method === "totp" ? "recovery" : "totp");
  const [form, fields] = useForm({
    id: `two-factor-${method}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onSubmit",
  });

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t("twoFactor.signInTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {method === "totp" ? t("twoFactor.signInIntro") : t("twoFactor.recoveryIntro")}
      </p>
      <Form method="post" className="mt-8 flex flex-col gap-5" {...getFormProps(form)}>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <input type="hidden" name="method" value={method} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={method === "totp" ? t("twoFactor.code") : t("twoFactor.recoveryCode")}
          inputProps={{
            ...getInputProps(fields.code, { type: "text" }),
            autoComplete: "one-time-code",
            inputMode: method === "totp" ? "numeric" : "text",
            autoFocus: true,
            className: "font-mono tracking-widest",
          }}
          errors={fields.code.errors}
        />
        <Button type="submit" pending={navigation.state === "submitting"} className="w-full">
          {t("twoFactor.verify")}
        </Button>
        <Link
          to={`?${switchTo}`}
          replace
          className="text-center text-sm font-medium text-brand-700 hover:underline"
        >
          {method === "totp" ? t("twoFactor.useRecovery") : t("twoFactor.useApp")}
        </Link>
      </Form>
      <Form method="post" action="/logout" className="mt-6 text-center">
        <button
          type="submit"
          className="text-sm text-slate-600 hover:text-slate-900 hover:underline"
        >
          {t("twoFactor.cancel")}
        </button>
      </Form>
    </>
  );
}

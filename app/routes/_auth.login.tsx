import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import { attemptSignIn, refusalMessage } from "~/features/identity/sign-in.server";
import { startSession } from "~/features/identity/sign-in-session.server";
import { requireAnonymous, safeRedirectPath } from "~/kernel/auth.server";
import { DEVICE_COOKIE, readCookie } from "~/kernel/cookies.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("auth.signIn");

const loginSchema = (t: TFunction) =>
  z.object({
    email: z
      .string({ error: t("auth.errors.emailRequired") })
      .trim()
      .pipe(z.email({ error: t("auth.errors.emailInvalid") })),
    password: z.string({ error: t("auth.errors.passwordRequired") }),
    redirectTo: z.string().optional(),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema(t) });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await attemptSignIn({
    email,
    password,
    ip: context.ip,
    userAgent: context.userAgent,
    deviceToken: readCookie(request, DEVICE_COOKIE),
  });
  switch (result.kind) {
    case "ok":
      return startSession({
        request,
        context,
        user: result.user,
        deviceToken: result.deviceToken,
        newDevice: result.newDevice,
        redirectTo: safeRedirectPath(redirectTo),
      });
    case "throttled":
    case "locked":
      // 429 tells scripts and monitoring what happened; people read the same message as before.
      return data(
        submission.reply({ formErrors: [refusalMessage(t, result)], hideFields: ["password"] }),
        { status: 429 },
      );
    case "disabled":
      return submission.reply({
        formErrors: [t("auth.errors.disabled")],
        hideFields: ["password"],
      });
    case "invalid":
      return submission.reply({ formErrors: [t("auth.errors.invalid")], hideFields: ["password"] });
  }
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: { email: { required: true }, password: { required: true } },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema(t) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const reset = searchParams.get("reset") === "1";
  // A refused password is never left in the field (without JavaScript the server omits it too).
  const passwordId = fields.password.id;
  useEffect(() => {
    const input = document.getElementById(passwordId);
    if (lastResult && input instanceof HTMLInputElement) input.value = "";
  }, [lastResult, passwordId]);

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t("auth.signInTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{t("auth.signInIntro")}</p>
      {reset ? (
        <Alert tone="success" className="mt-6">
          {t("auth.passwordResetDone")}
        </Alert>
      ) : null}
      <Form method="post" className="mt-8 flex flex-col gap-5" {...getFormProps(form)}>
        {form.errors?.length ? (
          <Alert tone="error">
            <span id={form.errorId}>{form.errors.join(" ")}</span>
          </Alert>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("auth.email")}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "username",
            autoFocus: true,
          }}
          errors={fields.email.errors}
        />
        <Field
          label={t("auth.password")}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            autoComplete: "current-password",
          }}
          errors={fields.password.errors}
        />
        <Button type="submit" pending={navigation.state === "submitting"} className="w-full">
          {t("auth.signIn")}
        </Button>
        <Link
          to="/forgot-password"
          className="text-center text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline"
        >
          {t("auth.forgotPassword")}
        </Link>
      </Form>
    </>
  );
}

import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { MailCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import {
  requestPasswordReset,
  RESET_TOKEN_MINUTES,
} from "~/features/identity/password-reset.server";
import { requireAnonymous } from "~/kernel/auth.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("reset.requestTitle");

const schema = (t: TFunction) =>
  z.object({
    email: z
      .string({ error: t("auth.errors.emailRequired") })
      .trim()
      .pipe(z.email({ error: t("auth.errors.emailInvalid") })),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await translatorOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") return { sent: false, result: submission.reply() };
  await requestPasswordReset(submission.value.email, {
    ip: context.ip,
    userAgent: context.userAgent,
  });
  return {
    sent: true,
    email: submission.value.email,
    minutes: RESET_TOKEN_MINUTES,
    result: submission.reply(),
  };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onSubmit",
  });

  if (actionData?.sent) {
    return (
      <div role="status">
        <MailCheck aria-hidden className="size-10 text-brand-600" />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">
          {t("reset.checkInboxTitle")}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          {t("reset.checkInbox", { email: actionData.email, minutes: actionData.minutes })}
        </p>
        <Link
          to="/login"
          className="mt-8 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          {t("reset.backToSignIn")}
        </Link>
      </div>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t("reset.requestTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{t("reset.requestIntro")}</p>
      <Form method="post" className="mt-8 flex flex-col gap-5" {...getFormProps(form)}>
        <Field
          label={t("auth.email")}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "email",
            autoFocus: true,
          }}
          errors={fields.email.errors}
        />
        <Button type="submit" pending={navigation.state === "submitting"} className="w-full">
          {t("reset.sendLink")}
        </Button>
        <Link
          to="/login"
          className="text-center text-sm font-medium text-brand-700 hover:underline"
        >
          {t("reset.backToSignIn")}
        </Link>
      </Form>
    </>
  );
}

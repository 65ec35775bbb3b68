import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { NewPasswordFields } from "~/features/identity/components/new-password-fields";
import { translatorOf } from "~/kernel/locale.server";
import { isResetTokenUsable, resetPassword } from "~/features/identity/password-reset.server";
import { deviceCookie } from "~/kernel/cookies.server";
import { newPasswordFields, passwordsMatch } from "~/features/identity/password-policy";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("reset.chooseTitle");

const schema = (t: TFunction) => z.object(newPasswordFields(t)).superRefine(passwordsMatch(t));

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? "") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await translatorOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["newPassword", "confirmPassword"] });
  }
  const done = await resetPassword(params.token ?? "", submission.value.newPassword, {
    ip: context.ip,
    userAgent: context.userAgent,
  });
  if (!done) return submission.reply({ formErrors: [t("reset.linkExpired")] });
  return redirect("/login?reset=1", {
    headers: { "Set-Cookie": deviceCookie(done.deviceToken, context.secure) },
  });
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
  });

  if (!usable) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("reset.expiredTitle")}
        </h1>
        <p className="mt-2 text-sm text-slate-600">{t("reset.linkExpired")}</p>
        <Link to="/forgot-password" className={buttonClasses("primary", "mt-8 w-full")}>
          {t("reset.requestNew")}
        </Link>
      </>
    );
  }

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t("reset.chooseTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{t("reset.chooseIntro")}</p>
      <Form method="post" className="mt-8 flex flex-col gap-5" {...getFormProps(form)}>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <NewPasswordFields
          newPassword={fields.newPassword}
          confirmPassword={fields.confirmPassword}
        />
        <Button type="submit" pending={navigation.state === "submitting"} className="w-full">
          {t("reset.save")}
        </Button>
      </Form>
    </>
  );
}

import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { NewPasswordFields } from "~/features/identity/components/new-password-fields";
import { Field } from "~/components/ui/field";
import { i18nServer } from "~/i18next.server";
import { changePassword } from "~/features/identity/user.server";
import { requireUser } from "~/kernel/auth.server";
import { verifyPassword } from "~/kernel/password.server";
import { newPasswordFields, passwordsMatch } from "~/features/identity/password-policy";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction = () => [{ title: "Your account · Ambit" }];

const schema = (t: TFunction) =>
  z
    .object({
      currentPassword: z.string({ error: t("account.errors.currentPasswordRequired") }),
      ...newPasswordFields(t),
    })
    .superRefine(passwordsMatch(t));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, organization } = await requireUser(request, context);
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    organizationName: organization.name,
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, context);
  const t = await i18nServer.getFixedT(request);
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  const hidden = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return submission.reply(hidden);
  const { currentPassword, newPassword } = submission.value;
  if (
    !current.user.passwordHash ||
    !(await verifyPassword(current.user.passwordHash, currentPassword))
  ) {
    return submission.reply({
      fieldErrors: { currentPassword: [t("account.errors.currentPasswordWrong")] },
      ...hidden,
    });
  }
  const ended = await changePassword(
    current.user.id,
    newPassword,
    { keepSessionId: current.session.id, action: "auth.password_changed" },
    current.auditActor,
  );
  return redirectWithToast("/account", {
    tone: "success",
    message: t("account.passwordChanged", { count: ended }),
  });
}

export default function AccountPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
  });

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("account.title")}
        </h1>
        <p className="mt-1 text-slate-600">{t("account.intro")}</p>
      </header>
      <Card title={t("account.profileTitle")}>
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("account.name")}</dt>
            <dd className="font-medium text-slate-900">{data.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("auth.email")}</dt>
            <dd className="font-medium break-all text-slate-900">{data.email}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("home.organization")}</dt>
            <dd className="font-medium text-slate-900">{data.organizationName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("home.role")}</dt>
            <dd className="font-medium text-slate-900">{t(`roles.${data.role}`)}</dd>
          </div>
        </dl>
      </Card>
      <Card
        title={t("account.passwordTitle")}
        description={
          data.passwordChangedAt ? (
            <>
              {t("account.passwordLastChanged")} <LocalTime iso={data.passwordChangedAt} />
            </>
          ) : (
            t("account.passwordDescription")
          )
        }
      >
        <Form method="post" className="flex max-w-md flex-col gap-5" {...getFormProps(form)}>
          <Field
            label={t("account.currentPassword")}
            inputProps={{
              ...getInputProps(fields.currentPassword, { type: "password" }),
              autoComplete: "current-password",
            }}
            errors={fields.currentPassword.errors}
          />
          <NewPasswordFields
            newPassword={fields.newPassword}
            confirmPassword={fields.confirmPassword}
          />
          <p className="text-sm text-slate-600">{t("account.otherSessionsNote")}</p>
          <div>
            <Button type="submit" pending={navigation.state === "submitting"}>
              {t("account.changePassword")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

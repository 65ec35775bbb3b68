import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
import { SelectField } from "~/components/ui/select-field";
import { languages, translatorFor } from "~/i18n";
import {
  browserLanguageOf,
  clearLanguageCookie,
  languageCookie,
  translatorOf,
} from "~/kernel/locale.server";
import { isTimeZone } from "~/kernel/time-zone";
import { setPreferences } from "~/features/identity/user.server";
import { changePassword } from "~/features/identity/user.server";
import { requireUser } from "~/kernel/auth.server";
import { verifyPassword } from "~/kernel/password.server";
import { newPasswordFields, passwordsMatch } from "~/features/identity/password-policy";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("account.title");

const schema = (t: TFunction) =>
  z
    .object({
      currentPassword: z.string({ error: t("account.errors.currentPasswordRequired") }),
      ...newPasswordFields(t),
    })
    .superRefine(passwordsMatch(t));

/** Language and time zone; empty means "as my browser says". */
const preferencesSchema = (t: TFunction) =>
  z.object({
    locale: z.enum(languages, { error: t("account.errors.languageInvalid") }).optional(),
    timeZone: z.string().refine(isTimeZone, t("account.errors.timeZoneInvalid")).optional(),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, organization } = await requireUser(request, context);
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    organizationName: organization.name,
    passwordChangedAt: user.passwordChangedAt?.toISOString() ?? null,
    locale: user.locale,
    timeZone: user.timeZone,
    browserLanguage: await browserLanguageOf(request),
    // Every zone the server knows; the list comes from here, not from the browser's own.
    timeZones: Intl.supportedValuesOf("timeZone"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, context);
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === "preferences") {
    const submission = parseWithZod(formData, { schema: preferencesSchema(t) });
    if (submission.status !== "success") return { preferences: submission.reply() };
    const { locale, timeZone } = submission.value;
    await setPreferences(current.user.id, { locale: locale ?? null, timeZone: timeZone ?? null });
    const language = locale ?? (await browserLanguageOf(request));
    const headers = new Headers();
    // The sign-in page keeps speaking it after sign-out; "as my browser" forgets the last pick.
    headers.append(
      "Set-Cookie",
      locale ? languageCookie(locale, context.secure) : clearLanguageCookie(context.secure),
    );
    return redirectWithToast(
      "/account",
      { tone: "success", message: translatorFor(language)("account.preferencesSaved") },
      { headers },
    );
  }
  const submission = parseWithZod(formData, { schema: schema(t) });
  const hidden = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return submission.reply(hidden);
  const { currentPassword, newPassword } = submission.value;
  if (
    !current.user.passwordHash ||
    !(await verifyPassword(current.user.passwordHash, currentPassword))
  ) {
    return {
      password: submission.reply({
        fieldErrors: { currentPassword: [t("account.errors.currentPasswordWrong")] },
        ...hidden,
      }),
    };
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
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData && "password" in actionData ? actionData.password : undefined,
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
      {/* Drawn afresh when the menu's switch changes the language under it. */}
      <PreferencesCard
        key={`${data.locale ?? ""}|${data.timeZone ?? ""}`}
        lastResult={actionData && "preferences" in actionData ? actionData.preferences : undefined}
      />
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
            <Button
              type="submit"
              pending={navigation.state === "submitting" && !navigation.formData?.has("intent")}
            >
              {t("account.changePassword")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

function PreferencesCard({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "preferences",
    lastResult,
    defaultValue: { locale: data.locale ?? "", timeZone: data.timeZone ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: preferencesSchema(t) }),
  });
  const { key: _localeKey, ...localeProps } = getSelectProps(fields.locale);
  const { key: _zoneKey, ...zoneProps } = getSelectProps(fields.timeZone);
  const pending =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "preferences";
  return (
    <Card title={t("account.preferencesTitle")} description={t("account.preferencesDescription")}>
      <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="preferences" />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            label={t("account.language")}
            errors={fields.locale.errors}
            selectProps={localeProps}
          >
            <option value="">
              {t("account.languageBrowser", {
                language: t(`languageNames.${data.browserLanguage}`),
              })}
            </option>
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`languageNames.${language}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("account.timeZone")}
            hint={t("account.timeZoneHint")}
            errors={fields.timeZone.errors}
            selectProps={zoneProps}
          >
            <option value="">{t("account.timeZoneBrowser")}</option>
            {data.timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <Button type="submit" pending={pending}>
            {t("account.savePreferences")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

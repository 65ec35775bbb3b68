import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/components/page-title";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField } from "~/components/ui/select-field";
import { languages } from "~/i18n";
import {
  currentHostDefaultLanguage,
  setHostDefaultLanguage,
  translatorOf,
} from "~/kernel/locale.server";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta = pageTitle("admin.settings.title");

const schema = (t: TFunction) =>
  z.object({
    defaultLocale: z.enum(languages, { error: t("admin.settings.errors.languageRequired") }),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  // Administration is for administrators; to anyone else the page does not exist.
  if (!ability.can("update", "HostSettings")) notFound();
  return { defaultLocale: await currentHostDefaultLanguage() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  requireCan(current.ability, "update", "HostSettings", t("admin.settings.forbidden"));
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();
  await setHostDefaultLanguage(submission.value.defaultLocale, current.auditActor);
  return redirectWithToast("/admin/settings", {
    tone: "success",
    message: t("admin.settings.saved"),
  });
}

export default function SettingsPage() {
  const { defaultLocale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "host-settings",
    lastResult,
    defaultValue: { defaultLocale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
  });
  const { key: _key, ...selectProps } = getSelectProps(fields.defaultLocale);
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("admin.settings.title")}
        </h1>
        <p className="mt-1 max-w-2xl text-slate-600">{t("admin.settings.intro")}</p>
      </header>
      <Card
        title={t("admin.settings.languageTitle")}
        description={t("admin.settings.languageDescription")}
      >
        <Form method="post" className="flex max-w-md flex-col gap-5" {...getFormProps(form)}>
          <SelectField
            label={t("admin.settings.defaultLanguage")}
            errors={fields.defaultLocale.errors}
            selectProps={selectProps}
          >
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`languageNames.${language}`)}
              </option>
            ))}
          </SelectField>
          <div>
            <Button type="submit" pending={navigation.state === "submitting"}>
              {t("common.save")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

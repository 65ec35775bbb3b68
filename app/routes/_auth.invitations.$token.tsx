import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Link2Off, ShieldCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { LocalTime } from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { NewPasswordFields } from "~/features/identity/components/new-password-fields";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import {
  acceptInvitation,
  INVITATION_DAYS,
  lookUpInvitation,
} from "~/features/identity/invitation.server";
import { trustNewDevice } from "~/features/identity/sign-in.server";
import { startSession } from "~/features/identity/sign-in-session.server";
import { hostRoles } from "#db/schema";
import { getSession } from "~/kernel/auth.server";
import { env } from "~/kernel/env.server";
import { newPasswordFields, passwordsMatch } from "~/features/identity/password-policy";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("admin.accept.metaTitle");

const MAX_NAME = 120;

const schema = (t: TFunction) =>
  z
    .object({
      name: z
        .string({ error: t("admin.accept.errors.nameRequired") })
        .trim()
        .min(1, t("admin.accept.errors.nameRequired"))
        .max(MAX_NAME, t("admin.accept.errors.nameTooLong", { count: MAX_NAME })),
      ...newPasswordFields(t),
    })
    .superRefine(passwordsMatch(t));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const lookup = await lookUpInvitation(params.token ?? "");
  if (lookup.state !== "usable") {
    return {
      state: lookup.state,
      inviterName: "inviterName" in lookup ? lookup.inviterName : null,
      days: INVITATION_DAYS,
    } as const;
  }
  const { invitation, organization, inviterName } = lookup;
  const signedIn = await getSession(request, context);
  return {
    state: "usable",
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    organizationName: organization.name,
    inviterName,
    expiresAt: invitation.expiresAt.toISOString(),
    // What requireUser will ask of the new user right after sign-in.
    twoFactorNext: env().REQUIRE_TWO_FACTOR_FOR_HOST_STAFF && hostRoles.includes(invitation.role),
    signedInAs: signedIn?.user.name ?? null,
  } as const;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await translatorOf(request, context);
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  const hidden = { hideFields: ["newPassword", "confirmPassword"] };
  if (submission.status !== "success") return submission.reply(hidden);
  const result = await acceptInvitation(
    params.token ?? "",
    { name: submission.value.name, password: submission.value.newPassword },
    { ip: context.ip, userAgent: context.userAgent },
  );
  if (result.kind === "gone") {
    return submission.reply({ formErrors: [t("admin.accept.errors.gone")], ...hidden });
  }
  if (result.kind === "email_taken") {
    return submission.reply({ formErrors: [t("admin.accept.errors.emailTaken")], ...hidden });
  }
  // The link came by email, so this browser reads the user's mail: it starts out trusted.
  const signedIn = await startSession({
    request,
    context,
    user: result.user,
    deviceToken: await trustNewDevice(result.user.id),
    newDevice: true,
    redirectTo: "/",
  });
  return redirectWithToast(
    signedIn.headers.get("Location") ?? "/",
    { tone: "success", message: t("admin.accept.welcome", { name: result.user.name }) },
    { headers: signedIn.headers },
  );
}

function Unusable({
  state,
  inviterName,
  days,
}: {
  state: "expired" | "revoked" | "accepted" | "unknown";
  inviterName: string | null;
  days: number;
}) {
  const { t } = useTranslation();
  const inviter = inviterName ?? t("admin.accept.inviterFallback");
  return (
    <>
      <span
        aria-hidden
        className="flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-700"
      >
        <Link2Off className="size-5" />
      </span>
      <h1 className="mt-5 text-2xl font-semibold tracking-tight text-slate-900">
        {t("admin.accept.goneTitle")}
      </h1>
      <p className="mt-2 text-sm text-slate-600" data-testid="invitation-gone">
        {t(`admin.accept.gone.${state}`, { inviter, days })}
      </p>
      <Link
        to="/login"
        className={buttonClasses(state === "accepted" ? "primary" : "secondary", "mt-8 w-full")}
      >
        {t("admin.accept.signIn")}
      </Link>
    </>
  );
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult,
    defaultValue: { name: data.state === "usable" ? data.name : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  if (data.state !== "usable") {
    return <Unusable state={data.state} inviterName={data.inviterName} days={data.days} />;
  }

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t("admin.accept.title", { organization: data.organizationName })}
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {data.inviterName
          ? t("admin.accept.intro", { inviter: data.inviterName })
          : t("admin.accept.introNoInviter")}
      </p>
      <dl
        className="mt-6 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm"
        data-testid="invitation-summary"
      >
        <dt className="text-slate-500">{t("admin.accept.organization")}</dt>
        <dd className="font-medium break-words text-slate-900">{data.organizationName}</dd>
        <dt className="text-slate-500">{t("admin.accept.role")}</dt>
        <dd className="font-medium text-slate-900">{t(`roles.${data.role}`)}</dd>
        <dt className="text-slate-500">{t("admin.accept.email")}</dt>
        <dd className="font-medium break-all text-slate-900">{data.email}</dd>
        <dt className="text-slate-500">{t("admin.accept.validUntil")}</dt>
        <dd className="text-slate-900">
          <LocalTime iso={data.expiresAt} />
        </dd>
      </dl>
      {data.signedInAs ? (
        <Alert tone="warning" className="mt-6">
          {t("admin.accept.signedInNote", { name: data.signedInAs })}
        </Alert>
      ) : null}
      <Form method="post" className="mt-8 flex flex-col gap-5" {...getFormProps(form)}>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        {/* For password managers: the account the new password belongs to. */}
        <input
          type="email"
          name="username"
          value={data.email}
          autoComplete="username"
          readOnly
          hidden
        />
        <Field
          label={t("admin.accept.name")}
          hint={t("admin.accept.nameHint")}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "name",
            maxLength: MAX_NAME,
          }}
          errors={fields.name.errors}
        />
        <NewPasswordFields
          newPassword={fields.newPassword}
          confirmPassword={fields.confirmPassword}
          labels={{
            newPassword: t("admin.accept.password"),
            confirmPassword: t("admin.accept.confirmPassword"),
          }}
        />
        {data.twoFactorNext ? (
          <p className="flex gap-2 text-sm text-slate-600">
            <ShieldCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-600" />
            {t("admin.accept.twoFactorNote")}
          </p>
        ) : null}
        <Button type="submit" pending={navigation.state !== "idle"} className="w-full">
          {t("admin.accept.submit")}
        </Button>
      </Form>
    </>
  );
}

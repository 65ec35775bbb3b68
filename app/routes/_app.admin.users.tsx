import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { ShieldCheck } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { SelectField, selectClasses } from "~/components/ui/select-field";
import { languages, type Language } from "~/i18n";
import { hostDefaultLanguage, translatorOf } from "~/kernel/locale.server";
import {
  findOrganization,
  findUser,
  listOrganizationOptions,
  listUsers,
  rolesForKind,
} from "~/features/accounts/organization.server";
import { setUserDisabled } from "~/features/identity/user.server";
import {
  INVITATION_DAYS,
  inviteUser,
  listOpenInvitations,
  resendInvitation,
  revokeInvitation,
} from "~/features/identity/invitation.server";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("nav.users");

const MAX_NAME = 120;
const MAX_EMAIL = 254;
const allRoles = ["admin", "account_manager", "compliance_officer", "partner", "customer"] as const;
type Role = (typeof allRoles)[number];
type Kind = "host" | "partner" | "customer";

/** The invitation form; given the organisations' kinds, it also checks that the role fits. */
const inviteSchema = (
  t: TFunction,
  kindOf?: (id: string) => { kind: Kind; roles: Role[] } | undefined,
) =>
  z
    .object({
      email: z
        .string({ error: t("admin.users.errors.emailRequired") })
        .trim()
        .max(MAX_EMAIL, t("admin.users.errors.emailInvalid"))
        .pipe(z.email({ error: t("admin.users.errors.emailInvalid") })),
      name: z
        .string({ error: t("admin.users.errors.nameRequired") })
        .trim()
        .min(1, t("admin.users.errors.nameRequired"))
        .max(MAX_NAME, t("admin.users.errors.nameTooLong", { count: MAX_NAME })),
      organizationId: z.uuid({ error: t("admin.users.errors.organizationRequired") }),
      role: z.enum(allRoles, { error: t("admin.users.errors.roleRequired") }),
      // A form without the field (an older page) gets the host's default language.
      locale: z.enum(languages, { error: t("admin.users.errors.languageRequired") }).optional(),
    })
    .superRefine((value, ctx) => {
      const organization = kindOf?.(value.organizationId);
      if (organization && !organization.roles.includes(value.role)) {
        ctx.addIssue({
          code: "custom",
          path: ["role"],
          message: t(`admin.users.errors.roleMismatch.${organization.kind}`),
        });
      }
    });

const uuid = z.uuid();

function idFrom(value: FormDataEntryValue | string | null) {
  const parsed = uuid.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability, user } = await requireAbility(request, context);
  // Administration is for administrators; to anyone else the page does not exist.
  if (!ability.can("create", "User")) notFound();
  const organizations = await listOrganizationOptions(ability);
  const filterId = idFrom(new URL(request.url).searchParams.get("organization"));
  const filter = organizations.find((row) => row.id === filterId) ?? null;
  const [{ users, truncated }, invitations] = await Promise.all([
    listUsers(ability, { organizationId: filter?.id }),
    listOpenInvitations(ability, { organizationId: filter?.id }),
  ]);
  const now = Date.now();

  const people = [
    ...invitations.map((row) => ({
      type: "invitation" as const,
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      organizationKind: row.organizationKind,
      status: row.expiresAt.getTime() > now ? ("invited" as const) : ("expired" as const),
      since: row.expiresAt.toISOString(),
      inviterName: row.inviterName,
      twoFactor: false,
      self: false,
    })),
    ...users.map((row) => ({
      type: "user" as const,
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      organizationKind: row.organizationKind,
      status: row.disabledAt ? ("disabled" as const) : ("active" as const),
      since: row.disabledAt?.toISOString() ?? null,
      inviterName: null,
      twoFactor: row.totpEnabledAt !== null,
      self: row.id === user.id,
    })),
  ];
  const kindRank = { host: 0, partner: 1, customer: 2 } as const;
  const collator = new Intl.Collator("en", { sensitivity: "base" });
  people.sort(
    (a, b) =>
      kindRank[a.organizationKind] - kindRank[b.organizationKind] ||
      collator.compare(a.organizationName, b.organizationName) ||
      a.organizationId.localeCompare(b.organizationId) ||
      collator.compare(a.name, b.name),
  );

  return {
    organizations: organizations.map((row) => ({ ...row, roles: rolesForKind(row.kind) })),
    filter: filter ? { id: filter.id, name: filter.name } : null,
    people,
    truncated,
    inviteDays: INVITATION_DAYS,
    defaultLanguage: await hostDefaultLanguage(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const { ability } = current;
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const actor = current.auditActor;
  const filterId = idFrom(new URL(request.url).searchParams.get("organization"));
  const back = filterId
    ? `/admin/users?${new URLSearchParams({ organization: filterId })}`
    : "/admin/users";
  const inviter = { user: current.user, organization: current.organization };

  switch (intent) {
    case "invite": {
      requireCan(ability, "create", "User", t("admin.errors.onlyAdminsUsers"));
      requireCan(ability, "create", "Invitation", t("admin.errors.onlyAdminsUsers"));
      const submission = parseWithZod(formData, { schema: inviteSchema(t) });
      if (submission.status !== "success") return { invite: submission.reply() };
      const { email, name, organizationId, role, locale } = submission.value;
      const organization = await findOrganization(ability, organizationId);
      if (!organization) {
        return {
          invite: submission.reply({
            fieldErrors: { organizationId: [t("admin.users.errors.organizationRequired")] },
          }),
        };
      }
      const result = await inviteUser(
        { email, name, role, locale: locale ?? (await hostDefaultLanguage()), organization },
        inviter,
        actor,
      );
      switch (result.kind) {
        case "role_mismatch":
          return {
            invite: submission.reply({
              fieldErrors: { role: [t(`admin.users.errors.roleMismatch.${organization.kind}`)] },
            }),
          };
        case "email_taken":
          return {
            invite: submission.reply({
              fieldErrors: { email: [t("admin.users.errors.emailTaken", { email: result.email })] },
            }),
          };
        case "already_invited":
          return {
            invite: submission.reply({
              fieldErrors: {
                email: [t("admin.users.errors.alreadyInvited", { email: result.email })],
              },
            }),
          };
        case "ok":
          return redirectWithToast(back, {
            tone: result.mailFailed ? "info" : "success",
            message: result.mailFailed
              ? t("admin.users.mailFailed", { email: result.invitation.email })
              : t("admin.users.invited", {
                  email: result.invitation.email,
                  days: INVITATION_DAYS,
                }),
          });
      }
      break;
    }
    case "disable":
    case "enable": {
      requireCan(ability, "update", "User", t("admin.errors.onlyAdminsUsers"));
      const id = idFrom(formData.get("id")) ?? notFound();
      const target = (await findUser(ability, id, "update")) ?? notFound();
      const disable = intent === "disable";
      if (disable && target.id === current.user.id) {
        return data({ notice: t("admin.users.errors.cannotDisableSelf") }, { status: 400 });
      }
      // Asking twice changes nothing and records nothing the second time.
      if ((target.disabledAt !== null) !== disable) {
        await setUserDisabled(target.id, disable, actor);
      }
      return redirectWithToast(back, {
        tone: "success",
        message: t(disable ? "admin.users.disabled" : "admin.users.enabled", { name: target.name }),
      });
    }
    case "resend":
    case "revoke": {
      requireCan(ability, "update", "Invitation", t("admin.errors.onlyAdminsInvitations"));
      const id = idFrom(formData.get("id")) ?? notFound();
      const result =
        intent === "resend"
          ? await resendInvitation(ability, id, inviter, actor)
          : await revokeInvitation(ability, id, actor);
      if (result.kind === "not_pending") {
        return data({ notice: t("admin.users.errors.invitationNotPending") }, { status: 409 });
      }
      if (result.kind === "email_taken") {
        return data(
          { notice: t("admin.users.errors.invitationEmailTaken", { email: result.email }) },
          { status: 409 },
        );
      }
      const email = result.invitation.email;
      if (intent === "revoke") {
        return redirectWithToast(back, {
          tone: "success",
          message: t("admin.users.revoked", { email }),
        });
      }
      const mailFailed = "mailFailed" in result && result.mailFailed;
      return redirectWithToast(back, {
        tone: mailFailed ? "info" : "success",
        message: mailFailed
          ? t("admin.users.mailFailed", { email })
          : t("admin.users.resent", { email }),
      });
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Person = LoaderData["people"][number];
type OrganizationOption = LoaderData["organizations"][number];

function OrganizationOptions({ organizations }: { organizations: OrganizationOption[] }) {
  const { t } = useTranslation();
  const groups: { kind: Kind; label: string }[] = [
    { kind: "host", label: t("organizationKinds.host") },
    { kind: "partner", label: t("organizationKinds.partner") },
    { kind: "customer", label: t("organizationKinds.customer") },
  ];
  return (
    <>
      {groups.map(({ kind, label }) => {
        const rows = organizations.filter((row) => row.kind === kind);
        return rows.length === 0 ? null : (
          <optgroup key={kind} label={label}>
            {rows.map((row) => (
              <option key={row.id} value={row.id}>
                {row.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

function InviteForm({
  organizations,
  defaultOrganizationId,
  defaultLanguage,
  lastResult,
}: {
  organizations: OrganizationOption[];
  defaultOrganizationId: string | undefined;
  defaultLanguage: Language;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const kindOf = (id: string) => organizations.find((row) => row.id === id);
  const [form, fields] = useForm({
    id: "invite-user",
    lastResult,
    defaultValue: { organizationId: defaultOrganizationId, locale: defaultLanguage },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema(t, kindOf) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [organizationId, setOrganizationId] = useState(
    fields.organizationId.initialValue ?? defaultOrganizationId ?? "",
  );
  const organization = kindOf(organizationId);
  const roles: readonly Role[] = organization ? organization.roles : allRoles;
  const { key: _organizationKey, ...organizationProps } = getSelectProps(fields.organizationId);
  const { key: _roleKey, ...roleProps } = getSelectProps(fields.role);
  const { key: _localeKey, ...localeProps } = getSelectProps(fields.locale);
  const initialRole = roles.find((role) => role === fields.role.initialValue);
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "invite";

  return (
    <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="invite" />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label={t("admin.users.email")}
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "off",
            maxLength: MAX_EMAIL,
          }}
          errors={fields.email.errors}
        />
        <Field
          label={t("admin.users.name")}
          hint={t("admin.users.nameHint")}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "off",
            maxLength: MAX_NAME,
          }}
          errors={fields.name.errors}
        />
        <SelectField
          label={t("admin.users.organizationLabel")}
          errors={fields.organizationId.errors}
          selectProps={{
            ...organizationProps,
            onChange: (event) => setOrganizationId(event.currentTarget.value),
          }}
        >
          <option value="">{t("admin.users.organizationPlaceholder")}</option>
          <OrganizationOptions organizations={organizations} />
        </SelectField>
        <SelectField
          key={organization?.kind ?? "any"}
          label={t("admin.users.roleLabel")}
          hint={organization ? t(`admin.users.roleHints.${organization.kind}`) : undefined}
          errors={fields.role.errors}
          selectProps={{
            ...roleProps,
            defaultValue: roles.length === 1 ? roles[0] : (initialRole ?? ""),
          }}
        >
          {roles.length > 1 ? (
            <option value="">
              {organization ? t("admin.users.roleChoose") : t("admin.users.rolePlaceholder")}
            </option>
          ) : null}
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("admin.users.languageLabel")}
          hint={t("admin.users.languageHint")}
          errors={fields.locale.errors}
          selectProps={localeProps}
        >
          {languages.map((language) => (
            <option key={language} value={language}>
              {t(`languageNames.${language}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <Button type="submit" pending={submitting}>
          {t("admin.users.sendInvitation")}
        </Button>
      </div>
    </Form>
  );
}

const statusStyles: Record<Person["status"], string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  disabled: "bg-slate-100 text-slate-700 ring-slate-300",
  invited: "bg-sky-50 text-sky-800 ring-sky-200",
  expired: "bg-amber-50 text-amber-900 ring-amber-200",
};

function RowAction({
  person,
  intent,
  label,
  accessibleLabel,
  variant,
}: {
  person: Person;
  intent: "disable" | "enable" | "resend" | "revoke";
  label: string;
  accessibleLabel: string;
  variant: "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state !== "idle" &&
    navigation.formData?.get("intent") === intent &&
    navigation.formData?.get("id") === person.id;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={person.id} />
      <Button
        type="submit"
        variant={variant}
        pending={pending}
        aria-label={accessibleLabel}
        className="min-h-9 px-3"
      >
        {label}
      </Button>
    </Form>
  );
}

function PersonRow({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <li
      className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1.5 py-4 md:grid-cols-[minmax(0,1.5fr)_minmax(0,1.3fr)_minmax(0,1.1fr)_12.5rem] md:items-center md:gap-y-2"
      data-testid="person-row"
    >
      <div className="col-start-1 row-start-1 min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
          <span className="break-words">{person.name}</span>
          {person.self ? (
            <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
              {t("admin.users.you")}
            </span>
          ) : null}
        </p>
        <p className="text-sm break-all text-slate-600">{person.email}</p>
      </div>
      <div className="col-start-1 min-w-0 text-sm md:col-start-2 md:row-start-1">
        <p className="break-words text-slate-800">{person.organizationName}</p>
        <p className="text-slate-600">{t(`roles.${person.role}`)}</p>
      </div>
      <div className="col-start-1 min-w-0 text-sm md:col-start-3 md:row-start-1">
        <p className="flex flex-wrap items-center gap-2">
          <span
            className={cn(
              "rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset",
              statusStyles[person.status],
            )}
          >
            {t(`admin.users.statuses.${person.status}`)}
          </span>
          {person.twoFactor ? (
            <span className="inline-flex items-center gap-1 text-xs text-slate-600">
              <ShieldCheck aria-hidden className="size-3.5 text-emerald-600" />
              {t("admin.users.twoFactorOn")}
            </span>
          ) : null}
        </p>
        {person.status === "disabled" && person.since ? (
          <p className="mt-1 text-slate-500">
            {t("admin.users.disabledSince")} <LocalTime iso={person.since} />
          </p>
        ) : null}
        {person.type === "invitation" && person.since ? (
          <p className="mt-1 text-slate-500">
            {person.status === "expired" ? t("admin.users.expiredOn") : t("admin.users.validUntil")}{" "}
            <LocalTime iso={person.since} />
          </p>
        ) : null}
        {person.inviterName ? (
          <p className="text-slate-500">
            {t("admin.users.invitedBy", { name: person.inviterName })}
          </p>
        ) : null}
      </div>
      <div className="col-start-2 row-span-3 row-start-1 flex flex-col items-end gap-2 md:col-start-4 md:row-span-1 md:flex-row md:flex-wrap md:justify-end">
        {person.type === "user" && person.status === "active" && !person.self ? (
          <RowAction
            person={person}
            intent="disable"
            variant="danger"
            label={t("admin.users.disable")}
            accessibleLabel={t("admin.users.disableLabel", { name: person.name })}
          />
        ) : null}
        {person.type === "user" && person.status === "disabled" ? (
          <RowAction
            person={person}
            intent="enable"
            variant="secondary"
            label={t("admin.users.enable")}
            accessibleLabel={t("admin.users.enableLabel", { name: person.name })}
          />
        ) : null}
        {person.type === "invitation" ? (
          <>
            <RowAction
              person={person}
              intent="resend"
              variant="secondary"
              label={t("admin.users.resend")}
              accessibleLabel={t("admin.users.resendLabel", { email: person.email })}
            />
            <RowAction
              person={person}
              intent="revoke"
              variant="danger"
              label={t("admin.users.revoke")}
              accessibleLabel={t("admin.users.revokeLabel", { email: person.email })}
            />
          </>
        ) : null}
      </div>
    </li>
  );
}

function FilterForm({
  organizations,
  filter,
}: {
  organizations: OrganizationOption[];
  filter: LoaderData["filter"];
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
      <div className="flex min-w-0 flex-col gap-1.5">
        <label htmlFor="organization-filter" className="text-sm font-medium text-slate-800">
          {t("admin.users.filterLabel")}
        </label>
        <select
          id="organization-filter"
          name="organization"
          defaultValue={filter?.id ?? ""}
          key={filter?.id ?? ""}
          className={cn(selectClasses(false), "sm:w-64")}
        >
          <option value="">{t("admin.users.filterAll")}</option>
          <OrganizationOptions organizations={organizations} />
        </select>
      </div>
      <Button type="submit" variant="secondary">
        {t("admin.users.filterApply")}
      </Button>
    </Form>
  );
}

/** A fresh invitation form after each invitation is sent, so the next one starts empty. */
function useResetAfterInvite(invited: boolean) {
  const navigation = useNavigation();
  const [key, setKey] = useState(0);
  const submitted = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData?.get("intent") === "invite") {
      submitted.current = true;
    }
    if (navigation.state === "idle" && submitted.current) {
      submitted.current = false;
      // A redirect (success) leaves no invitation result behind; a refusal returns it.
      if (!invited) setKey((value) => value + 1);
    }
  }, [navigation.state, navigation.formData, invited]);
  return key;
}

export default function UsersPage() {
  const { organizations, filter, people, truncated, inviteDays, defaultLanguage } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const inviteResult = actionData && "invite" in actionData ? actionData.invite : undefined;
  const notice = actionData && "notice" in actionData ? actionData.notice : undefined;
  const formKey = useResetAfterInvite(Boolean(inviteResult));

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("admin.users.title")}
        </h1>
        <p className="mt-1 max-w-2xl text-slate-600">{t("admin.users.intro")}</p>
      </header>

      <Card
        title={t("admin.users.inviteTitle")}
        description={t("admin.users.inviteDescription", { days: inviteDays })}
      >
        <div id="invite">
          <InviteForm
            key={formKey}
            organizations={organizations}
            defaultOrganizationId={filter?.id}
            defaultLanguage={defaultLanguage}
            lastResult={inviteResult}
          />
        </div>
      </Card>

      <Card
        title={t("admin.users.listTitle", { count: people.length })}
        description={
          filter
            ? t("admin.users.listDescriptionFiltered", { name: filter.name })
            : t("admin.users.listDescriptionAll")
        }
        actions={<FilterForm organizations={organizations} filter={filter} />}
      >
        {notice ? (
          <Alert tone="error" className="mb-4">
            {notice}
          </Alert>
        ) : null}
        {truncated ? (
          <Alert tone="info" className="mb-4">
            {t("admin.users.truncated", { count: people.length })}
          </Alert>
        ) : null}
        {people.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600">{t("admin.users.empty")}</p>
        ) : (
          <>
            <div
              aria-hidden
              className="hidden gap-x-4 border-b border-slate-100 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid md:grid-cols-[minmax(0,1.5fr)_minmax(0,1.3fr)_minmax(0,1.1fr)_12.5rem]"
            >
              <span>{t("admin.users.person")}</span>
              <span>{t("admin.users.organization")}</span>
              <span>{t("admin.users.status")}</span>
              <span className="text-right">{t("admin.users.actions")}</span>
            </div>
            <ul className="-mb-4 divide-y divide-slate-100" data-testid="person-list">
              {people.map((person) => (
                <PersonRow key={`${person.type}-${person.id}`} person={person} />
              ))}
            </ul>
          </>
        )}
      </Card>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

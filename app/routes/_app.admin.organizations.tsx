import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Building2, Handshake, Home, Plus, UserPlus, Users } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { LocalTime } from "~/components/local-time";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { FieldFrame, fieldDescription } from "~/components/ui/field-frame";
import { translatorOf } from "~/kernel/locale.server";
import {
  formatMailDomains,
  parseMailDomains,
  type MailDomainsError,
} from "~/features/accounts/mail-domains";
import {
  createOrganization,
  listOrganizations,
  setOrganizationMailDomains,
} from "~/features/accounts/organization.server";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";
import { pageTitle } from "~/components/page-title";

export const meta = pageTitle("nav.organizations");

const MAX_NAME = 120;
const organizationTypes = ["customer", "supplier", "freelancer", "agency"] as const;

const schema = (t: TFunction) =>
  z.object({
    name: z
      .string({ error: t("admin.organizations.errors.nameRequired") })
      .trim()
      .min(1, t("admin.organizations.errors.nameRequired"))
      .max(MAX_NAME, t("admin.organizations.errors.nameTooLong", { count: MAX_NAME })),
    type: z.enum(organizationTypes, { error: t("admin.organizations.errors.typeRequired") }),
  });

const MAIL_DOMAINS_INTENT = "mailDomains";

/** Typed parts are named in messages at most this long, so a pasted mess does not bury them. */
const MAX_NAMED_LENGTH = 60;

/** The sentence for a refused list of mail domains, naming the part that is wrong. */
function mailDomainsMessage(t: TFunction, error: MailDomainsError) {
  const key = `admin.organizations.errors.mailDomains.${error.kind}` as const;
  if (error.kind === "tooMany") return t(key, { count: error.max });
  const domain =
    error.domain.length > MAX_NAMED_LENGTH
      ? `${error.domain.slice(0, MAX_NAMED_LENGTH)}…`
      : error.domain;
  return t(key, { ...error, domain });
}

/** One organisation's mail domains, as typed in its field: separated by commas, spaces or lines. */
const mailDomainsSchema = (t: TFunction) =>
  z.object({
    organizationId: z.uuid(),
    // An emptied field (no domains at all) is sent as nothing.
    mailDomains: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const parsed = parseMailDomains(text ?? "");
        if (parsed.ok) return parsed.domains;
        ctx.addIssue({ code: "custom", message: mailDomainsMessage(t, parsed.error) });
        return z.NEVER;
      }),
  });

const uuid = z.uuid();

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  // Administration is for administrators; to anyone else the page does not exist.
  if (!ability.can("create", "Organization")) notFound();
  const rows = await listOrganizations(ability);
  return {
    organizations: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    canEditMailDomains: ability.can("update", "Organization"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === MAIL_DOMAINS_INTENT) {
    requireCan(current.ability, "update", "Organization", t("admin.errors.onlyAdminsMailDomains"));
    const parsedId = uuid.safeParse(formData.get("organizationId"));
    const organizationId = parsedId.success ? parsedId.data : notFound();
    const submission = parseWithZod(formData, { schema: mailDomainsSchema(t) });
    if (submission.status !== "success") {
      // What was typed comes back with the message; nothing is stored.
      return data({ mailDomains: { organizationId, result: submission.reply() } }, { status: 400 });
    }
    const result = await setOrganizationMailDomains(
      current.ability,
      organizationId,
      submission.value.mailDomains,
      current.auditActor,
    );
    if (result.kind === "not_found") notFound();
    const { name } = result.organization;
    return redirectWithToast("/admin/organizations", {
      tone: "success",
      message:
        result.kind === "unchanged"
          ? t("admin.organizations.mailDomainsUnchanged", { name })
          : t("admin.organizations.mailDomainsSaved", { name }),
    });
  }
  requireCan(current.ability, "create", "Organization", t("admin.errors.onlyAdminsOrganizations"));
  const submission = parseWithZod(formData, { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();
  const { name, type } = submission.value;
  const result = await createOrganization(
    type === "customer" ? { name, kind: "customer" } : { name, kind: "partner", partnerType: type },
    current.auditActor,
  );
  if (result.kind === "name_taken") {
    return submission.reply({
      fieldErrors: {
        name: [t("admin.organizations.errors.nameTaken", { name: result.existingName })],
      },
    });
  }
  return redirectWithToast("/admin/organizations", {
    tone: "success",
    message: t("admin.organizations.created", { name: result.organization.name }),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["organizations"][number];

function typeLabel(t: TFunction, row: Pick<Row, "kind" | "partnerType">) {
  return row.kind === "partner" && row.partnerType
    ? t(`organizationKinds.partner_${row.partnerType}`)
    : t(`organizationKinds.${row.kind}`);
}

const kindIcons = { host: Home, partner: Handshake, customer: Building2 } as const;

type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** The reply to a refused mail-domains form, or undefined when the last action was another. */
function mailDomainsReply(actionData: ActionData) {
  return actionData && "mailDomains" in actionData ? actionData.mailDomains : undefined;
}

function MailDomainsForm({
  row,
  lastResult,
}: {
  row: Row;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `mail-domains-${row.id}`,
    lastResult,
    defaultValue: { organizationId: row.id, mailDomains: formatMailDomains(row.mailDomains) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mailDomainsSchema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const field = fields.mailDomains;
  const hint = t("admin.organizations.mailDomainsHint");
  const { key: _key, ...textareaProps } = getTextareaProps(field);
  const described = fieldDescription(field.id, hint, field.errors);
  const pending =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === MAIL_DOMAINS_INTENT &&
    navigation.formData?.get("organizationId") === row.id;
  return (
    <Form method="post" className="flex flex-col gap-3" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={MAIL_DOMAINS_INTENT} />
      <input type="hidden" name="organizationId" value={row.id} />
      <FieldFrame
        id={field.id}
        label={
          <>
            {t("admin.organizations.mailDomainsLabel")}
            <span className="sr-only"> · {row.name}</span>
          </>
        }
        hint={hint}
        errors={field.errors}
      >
        <textarea
          {...textareaProps}
          aria-invalid={described["aria-invalid"]}
          aria-describedby={described["aria-describedby"]}
          rows={2}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t("admin.organizations.mailDomainsPlaceholder")}
          className={cn(
            "rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
            described.invalid ? "border-red-500" : "border-slate-300",
          )}
        />
      </FieldFrame>
      <div>
        <Button type="submit" variant="secondary" pending={pending}>
          {t("admin.organizations.mailDomainsSave")}
          <span className="sr-only"> · {row.name}</span>
        </Button>
      </div>
    </Form>
  );
}

function MailDomains({ row, canEdit }: { row: Row; canEdit: boolean }) {
  const { t } = useTranslation();
  const reply = mailDomainsReply(useActionData<typeof action>());
  const lastResult = reply?.organizationId === row.id ? reply.result : undefined;
  const refused = Boolean(lastResult?.error && Object.keys(lastResult.error).length > 0);
  return (
    <div className="col-[2/-1] flex min-w-0 flex-col gap-2" data-testid="mail-domains">
      <p className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
        <span>{t("admin.organizations.mailDomainsLabel")}:</span>
        {row.mailDomains.length === 0 ? (
          <span className="text-slate-500">{t("admin.organizations.mailDomainsNone")}</span>
        ) : (
          row.mailDomains.map((domain) => (
            <span
              key={domain}
              className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs break-all text-slate-700"
            >
              {domain}
            </span>
          ))
        )}
      </p>
      {canEdit ? (
        // Open again with the message when the server refused what was typed.
        <details open={refused || undefined}>
          <summary className="inline-flex min-h-10 cursor-pointer items-center text-sm font-medium text-brand-700 hover:underline">
            {t("admin.organizations.mailDomainsEdit")}
            <span className="sr-only"> · {row.name}</span>
          </summary>
          <div className="mt-2 max-w-xl">
            {/* Drawn afresh when the stored domains change, so it shows what was saved. */}
            <MailDomainsForm key={row.mailDomains.join(" ")} row={row} lastResult={lastResult} />
          </div>
        </details>
      ) : null}
    </div>
  );
}

function OrganizationRow({ row, canEditMailDomains }: { row: Row; canEditMailDomains: boolean }) {
  const { t } = useTranslation();
  const Icon = kindIcons[row.kind];
  const usersLink = `/admin/users?${new URLSearchParams({ organization: row.id })}`;
  return (
    <li
      className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-2 py-4 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:items-center"
      data-testid="organization-row"
    >
      <span
        aria-hidden
        className={cn(
          "flex size-9 items-center justify-center rounded-lg",
          row.kind === "host" ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600",
        )}
      >
        <Icon className="size-4" />
      </span>
      <div className="min-w-0">
        <p className="font-medium break-words text-slate-900">{row.name}</p>
        <p className="text-sm text-slate-600">
          {typeLabel(t, row)}
          <span aria-hidden> · </span>
          <span className="text-slate-500">
            {t("admin.organizations.added")} <LocalTime iso={row.createdAt} />
          </span>
        </p>
      </div>
      <div className="col-start-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm sm:col-start-3 sm:justify-end">
        {row.pendingInvitations > 0 ? (
          <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-semibold text-sky-800">
            {t("admin.organizations.invited", { count: row.pendingInvitations })}
          </span>
        ) : null}
        <Link
          to={usersLink}
          className="inline-flex min-h-10 items-center gap-1.5 font-medium text-brand-700 hover:underline"
        >
          {row.userCount === 0 ? (
            <>
              <UserPlus aria-hidden className="size-4" />
              {t("admin.organizations.inviteFirst")}
              <span className="sr-only"> · {row.name}</span>
            </>
          ) : (
            <>
              <Users aria-hidden className="size-4" />
              {t("admin.organizations.users", { count: row.userCount })}
              <span className="sr-only"> · {row.name}</span>
            </>
          )}
        </Link>
      </div>
      <MailDomains row={row} canEdit={canEditMailDomains} />
    </li>
  );
}

function NewOrganizationForm() {
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("mailDomains" in actionData) ? actionData : undefined;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "new-organization",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const typeErrorId = `${fields.type.id}-error`;
  return (
    <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
      <Field
        label={t("admin.organizations.nameLabel")}
        hint={t("admin.organizations.nameHint")}
        inputProps={{
          ...getInputProps(fields.name, { type: "text" }),
          autoComplete: "organization",
          maxLength: MAX_NAME,
        }}
        errors={fields.name.errors}
      />
      <fieldset
        aria-invalid={fields.type.errors ? true : undefined}
        aria-describedby={fields.type.errors ? typeErrorId : undefined}
      >
        <legend className="text-sm font-medium text-slate-800">
          {t("admin.organizations.typeLabel")}
        </legend>
        <div className="mt-1.5 flex flex-col gap-2">
          {getCollectionProps(fields.type, { type: "radio", options: [...organizationTypes] }).map(
            ({ key, ...props }) => (
              <label
                key={key}
                htmlFor={props.id}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-lg border bg-white px-3 py-2.5 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
                  fields.type.errors ? "border-red-500" : "border-slate-300",
                )}
              >
                <input {...props} className="mt-1 size-4 shrink-0 accent-brand-600" />
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">
                    {t(`admin.organizations.types.${props.value}`)}
                  </span>
                  <span className="block text-sm text-slate-600">
                    {t(`admin.organizations.typeHints.${props.value}`)}
                  </span>
                </span>
              </label>
            ),
          )}
        </div>
        {fields.type.errors ? (
          <p id={typeErrorId} className="mt-1.5 text-sm font-medium text-red-700">
            {fields.type.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" pending={navigation.state === "submitting"}>
          {t("admin.organizations.create")}
        </Button>
      </div>
    </Form>
  );
}

/** A fresh form after each organisation is added, so the next one starts empty. */
function useResetAfterSuccess() {
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const [key, setKey] = useState(0);
  const submitted = useRef(false);
  useEffect(() => {
    // Only a submission of this form: saving mail domains leaves what is typed here alone.
    if (
      navigation.state === "submitting" &&
      navigation.formData?.get("intent") !== MAIL_DOMAINS_INTENT
    ) {
      submitted.current = true;
    }
    if (navigation.state === "idle" && submitted.current) {
      submitted.current = false;
      // A redirect (success) leaves no action data; a refusal returns the submission.
      if (!actionData) setKey((value) => value + 1);
    }
  }, [navigation.state, navigation.formData, actionData]);
  return key;
}

export default function OrganizationsPage() {
  const { organizations, canEditMailDomains } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formKey = useResetAfterSuccess();
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {t("admin.organizations.title")}
        </h1>
        <p className="mt-1 max-w-2xl text-slate-600">{t("admin.organizations.intro")}</p>
        <a href="#new-organization-card" className={buttonClasses("secondary", "mt-4 lg:hidden")}>
          <Plus aria-hidden className="size-4" />
          {t("admin.organizations.newTitle")}
        </a>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <Card title={t("admin.organizations.listTitle", { count: organizations.length })}>
          <ul className="-my-4 divide-y divide-slate-100" data-testid="organization-list">
            {organizations.map((row) => (
              <OrganizationRow key={row.id} row={row} canEditMailDomains={canEditMailDomains} />
            ))}
          </ul>
        </Card>
        <div id="new-organization-card" className="scroll-mt-20">
          <Card
            title={t("admin.organizations.newTitle")}
            description={t("admin.organizations.newDescription")}
          >
            <NewOrganizationForm key={formKey} />
          </Card>
        </div>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

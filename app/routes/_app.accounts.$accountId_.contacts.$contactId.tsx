import {
  getFormProps,
  getInputProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ContactVisibilityPanel } from "~/features/accounts";
import { ItemAccessPanel } from "~/features/compliance";
import { itemAccessHistory } from "~/features/compliance/index.server";
import { ArrowLeft } from "lucide-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { LegalBasis } from "#db/schema";
import { subject } from "#policies/ability";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { formatDayOfInstant, useFormatting } from "~/components/local-time";
import { Button, buttonClasses } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { Field } from "~/components/ui/field";
import { translatorOf } from "~/kernel/locale.server";
import { findAccount } from "~/features/accounts/account.server";
import { contactVisibility } from "~/features/accounts/index.server";
import {
  createContact,
  findContact,
  recordContactViewed,
  updateContact,
} from "~/features/accounts/contact.server";
import { notFound, requireAbility, requireCan } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

/*
 * One route for adding (`/accounts/:accountId/contacts/new`) and for showing or editing a contact
 * person (`/accounts/:accountId/contacts/:contactId`): both share the form and its schema, and a
 * route module cannot import another's (it would pull that route's server code along).
 */
const NEW = "new";

// The values of db/schema's legalBases, spelled out so the browser bundle needs no database code.
const LEGAL_BASES = [
  "contract",
  "consent",
  "legitimate_interest",
  "legal_obligation",
] as const satisfies readonly LegalBasis[];
// Fails to compile if the schema gains a legal basis this form does not offer.
const _allLegalBases: readonly (typeof LEGAL_BASES)[number][] = [] as LegalBasis[];

const MAX_NAME = 200;
const MAX_ROLE = 200;
const MAX_EMAIL = 320;
const MAX_PHONE = 40;
const MAX_NOTES = 5000;
const PHONE = /^\+?[\d\s()/.-]*\d[\d\s()/.-]*$/;

const schema = (t: TFunction) =>
  z.object({
    name: z
      .string({ error: t("accounts.errors.nameRequired") })
      .trim()
      .min(1, { error: t("accounts.errors.nameRequired") })
      .max(MAX_NAME, { error: t("accounts.errors.nameTooLong", { max: MAX_NAME }) }),
    roleTitle: z
      .string()
      .trim()
      .max(MAX_ROLE, { error: t("accounts.errors.roleTitleTooLong", { max: MAX_ROLE }) })
      .optional(),
    email: z
      .string()
      .trim()
      .pipe(z.email({ error: t("accounts.errors.emailInvalid") }).max(MAX_EMAIL))
      .optional(),
    phone: z
      .string()
      .trim()
      .max(MAX_PHONE, { error: t("accounts.errors.phoneInvalid") })
      .regex(PHONE, { error: t("accounts.errors.phoneInvalid") })
      .optional(),
    legalBasis: z.enum(LEGAL_BASES, { error: t("accounts.errors.legalBasisRequired") }),
    notes: z
      .string()
      .trim()
      .max(MAX_NOTES, { error: t("accounts.errors.notesTooLong", { max: MAX_NOTES }) })
      .optional(),
  });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.metaTitle ?? "Ambit" },
];

/** The account and, unless adding, the contact — or 404 when the reader may not see them. */
async function load(request: Request, params: Params, context: AppLoadContext) {
  const current = await requireAbility(request, context);
  const account = await findAccount(current.ability, params.accountId);
  if (!account) notFound();
  if (params.contactId === NEW) return { current, account, contact: null };
  const contact = await findContact(current.ability, account.id, params.contactId);
  if (!contact) notFound();
  return { current, account, contact };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { current, account, contact } = await load(request, params, context);
  const t = await translatorOf(request, context);
  const { ability } = current;
  if (!contact) {
    requireCan(
      ability,
      "create",
      subject("Contact", { accountId: account.id }),
      t("accounts.errors.createForbidden"),
    );
    return {
      metaTitle: t("accounts.contact.newMetaTitle"),
      account,
      contact: null,
      canEdit: true,
      access: null,
      visibility: null,
    };
  }
  await recordContactViewed(current.auditActor, contact);
  return {
    metaTitle: t("accounts.contact.editMetaTitle", { name: contact.name }),
    account,
    contact,
    canEdit: ability.can("update", subject("Contact", contact)),
    access: await itemAccessHistory(ability, "contact", contact.id),
    visibility: await contactVisibility(current, contact),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, account, contact } = await load(request, params, context);
  const t = await translatorOf(request, context);
  // Refused before the form is even read: a denied write stores nothing and learns nothing.
  if (contact) {
    requireCan(
      current.ability,
      "update",
      subject("Contact", contact),
      t("accounts.errors.updateForbidden"),
    );
  } else {
    requireCan(
      current.ability,
      "create",
      subject("Contact", { accountId: account.id }),
      t("accounts.errors.createForbidden"),
    );
  }
  const submission = parseWithZod(await request.formData(), { schema: schema(t) });
  if (submission.status !== "success") return submission.reply();
  const actor = current.auditActor;
  const accountPath = `/accounts/${account.id}`;
  if (!contact) {
    await createContact(actor, account.id, submission.value);
    return redirectWithToast(accountPath, {
      tone: "success",
      message: t("accounts.contact.created", { name: submission.value.name }),
    });
  }
  const changed = await updateContact(actor, contact.id, submission.value);
  return redirectWithToast(
    accountPath,
    changed.length > 0
      ? { tone: "success", message: t("accounts.contact.updated", { name: submission.value.name }) }
      : { tone: "info", message: t("accounts.contact.unchanged") },
  );
}

function inputClasses(invalid: boolean, extra?: string) {
  return cn(
    "rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
    invalid ? "border-red-500" : "border-slate-300",
    extra,
  );
}

function Optional() {
  const { t } = useTranslation();
  return <span className="font-normal text-slate-500"> ({t("accounts.contact.optional")})</span>;
}

function LegalBasisField({ field }: { field: FieldMetadata<string> }) {
  const { t } = useTranslation();
  const errorId = `${field.id}-error`;
  const hintId = `${field.id}-hint`;
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset
      className="flex flex-col gap-1.5"
      aria-describedby={cn(hintId, invalid && errorId)}
      aria-invalid={invalid || undefined}
    >
      <legend className="text-sm font-medium text-slate-800">
        {t("accounts.contact.legalBasis")}
      </legend>
      <p id={hintId} className="text-sm text-slate-600">
        {t("accounts.contact.legalBasisHint")}
      </p>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {LEGAL_BASES.map((value) => {
          const id = `${field.id}-${value}`;
          return (
            <label
              key={value}
              htmlFor={id}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-lg border bg-white px-3 py-2.5 shadow-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
                invalid ? "border-red-500" : "border-slate-300",
              )}
            >
              <input
                {...getInputProps(field, { type: "radio", value })}
                id={id}
                aria-describedby={`${id}-hint`}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-slate-900">
                  {t(`accounts.legalBases.${value}`)}
                </span>
                <span id={`${id}-hint`} className="block text-xs text-slate-600">
                  {t(`accounts.legalBasisHints.${value}`)}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {invalid ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {field.errors!.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ContactForm({ data }: { data: LoaderData }) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { contact, account } = data;
  const [form, fields] = useForm({
    id: `contact-${contact?.id ?? NEW}`,
    lastResult,
    defaultValue: contact
      ? {
          name: contact.name,
          roleTitle: contact.roleTitle,
          email: contact.email ?? "",
          phone: contact.phone ?? "",
          legalBasis: contact.legalBasis ?? "",
          notes: contact.notes ?? "",
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema(t) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const notesInvalid = Boolean(fields.notes.errors?.length);

  return (
    <Form method="post" className="flex flex-col gap-5" {...getFormProps(form)}>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label={t("accounts.contact.name")}
          inputProps={{
            ...getInputProps(fields.name, { type: "text" }),
            autoComplete: "off",
            maxLength: MAX_NAME,
          }}
          errors={fields.name.errors}
        />
        <Field
          label={
            <>
              {t("accounts.contact.roleTitle")}
              <Optional />
            </>
          }
          hint={t("accounts.contact.roleTitleHint")}
          inputProps={{
            ...getInputProps(fields.roleTitle, { type: "text" }),
            autoComplete: "off",
            maxLength: MAX_ROLE,
          }}
          errors={fields.roleTitle.errors}
        />
        <Field
          label={
            <>
              {t("accounts.contact.email")}
              <Optional />
            </>
          }
          inputProps={{
            ...getInputProps(fields.email, { type: "email" }),
            autoComplete: "off",
            maxLength: MAX_EMAIL,
          }}
          errors={fields.email.errors}
        />
        <Field
          label={
            <>
              {t("accounts.contact.phone")}
              <Optional />
            </>
          }
          inputProps={{
            ...getInputProps(fields.phone, { type: "tel" }),
            autoComplete: "off",
            maxLength: MAX_PHONE,
          }}
          errors={fields.phone.errors}
        />
      </div>
      <LegalBasisField field={fields.legalBasis} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fields.notes.id} className="text-sm font-medium text-slate-800">
          {t("accounts.contact.notes")}
          <Optional />
        </label>
        <textarea
          {...getTextareaProps(fields.notes)}
          aria-describedby={cn(`${fields.notes.id}-hint`, notesInvalid && fields.notes.errorId)}
          rows={4}
          maxLength={MAX_NOTES}
          className={inputClasses(notesInvalid, "py-2")}
        />
        <p id={`${fields.notes.id}-hint`} className="text-sm text-slate-600">
          {t("accounts.contact.notesHint")}
        </p>
        {notesInvalid ? (
          <p id={fields.notes.errorId} className="text-sm font-medium text-red-700">
            {fields.notes.errors!.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3 border-t border-slate-100 pt-5">
        <Button type="submit" pending={navigation.state === "submitting"}>
          {contact ? t("accounts.contact.save") : t("accounts.contact.create")}
        </Button>
        <Link to={`/accounts/${account.id}`} className={buttonClasses("secondary")}>
          {t("accounts.contact.cancel")}
        </Link>
      </div>
    </Form>
  );
}

function ContactDetails({ contact }: { contact: NonNullable<LoaderData["contact"]> }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const rows: [string, string | null][] = [
    [t("accounts.contact.name"), contact.name],
    [t("accounts.contact.roleTitle"), contact.roleTitle || t("accounts.detail.noRole")],
  ];
  if (contact.detailsVisible) {
    rows.push([t("accounts.contact.email"), contact.email ?? t("accounts.detail.notStored")]);
    rows.push([t("accounts.contact.phone"), contact.phone ?? t("accounts.detail.notStored")]);
  }
  if (contact.legalBasis) {
    rows.push([t("accounts.contact.legalBasis"), t(`accounts.legalBases.${contact.legalBasis}`)]);
    rows.push([t("accounts.contact.notes"), contact.notes || t("accounts.detail.notStored")]);
  }
  return (
    <>
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium break-words whitespace-pre-line text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {contact.erasedAt ? (
        <p className="mt-4 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {t("accounts.contact.erased", {
            date: formatDayOfInstant(String(contact.erasedAt), locale, timeZone),
          })}
        </p>
      ) : contact.detailsVisible ? null : (
        <p className="mt-4 text-sm text-slate-600">{t("accounts.contact.hiddenDetails")}</p>
      )}
    </>
  );
}

export default function ContactPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { account, contact } = data;
  const title = contact
    ? data.canEdit
      ? t("accounts.contact.editTitle")
      : contact.name
    : t("accounts.contact.newTitle");
  const intro = contact
    ? t("accounts.contact.viewIntro", { account: account.name })
    : t("accounts.contact.newIntro", { account: account.name });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          to={`/accounts/${account.id}`}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t("accounts.contact.backToAccount", { account: account.name })}
        </Link>
      </div>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-slate-600">{intro}</p>
      </header>
      {data.canEdit ? (
        <Card
          title={contact ? contact.name : t("accounts.contact.formTitle")}
          description={t("accounts.contact.formDescription")}
          className="max-w-3xl"
        >
          <ContactForm data={data} />
        </Card>
      ) : contact ? (
        <Card title={t("accounts.contact.detailsTitle")} className="max-w-3xl">
          <ContactDetails contact={contact} />
        </Card>
      ) : null}
      {data.visibility || data.access ? (
        <div className="grid max-w-3xl gap-6">
          {data.visibility ? <ContactVisibilityPanel visibility={data.visibility} /> : null}
          {data.access ? <ItemAccessPanel access={data.access} /> : null}
        </div>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

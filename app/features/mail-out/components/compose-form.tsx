import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { Send } from "lucide-react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { RichTextEditor } from "~/features/history";
import {
  AudiencePicker,
  Chips,
  ErrorText,
  useAudienceText,
  type AudienceSummary,
} from "~/features/sharing";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { FileInput } from "~/components/ui/file-input";
import { formatBytes } from "~/kernel/files/format-bytes";
import { formatLocaleOf } from "~/i18n";
import type { ComposeOptions } from "../types";

export type ComposeFormProps = {
  choices: ComposeOptions & {
    audience: {
      presets: string[];
      organizations: { id: string; name: string }[];
      requiredOrganizationId: string | null;
      defaultPreset: string;
    };
  };
  summary: AudienceSummary;
  /** Recipients ticked when the page opens (`?to=contact:<id>`, or whom an answer goes to). */
  initialRecipients: string[];
  /** The email this one answers: its subject starts the new one, and it joins its conversation. */
  reply: { entryId: string; subject: string } | null;
  lastResult?: SubmissionResult<string[]> | null;
  cancelTo: string;
};

type ComposeFields = {
  to: string[];
  subject: string;
  body: string;
  documentIds: string[];
  audience: string;
  audienceOrganizationIds: string[];
};

const inputClasses = (invalid: boolean) =>
  cn(
    "block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 sm:text-sm",
    invalid ? "border-red-500" : "border-slate-300",
  );

const asArray = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : typeof value === "string" && value
      ? [value]
      : [];

/** What the file input offers; the server checks every file's content again. */
const ATTACHMENT_ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.txt,.csv";

/**
 * "Write an email": recipients, subject, the editor, files (project documents or new ones) and
 * who in the project may read it afterwards. Everything typed comes back when the server
 * refuses something; chosen files must be chosen again (a browser cannot refill them).
 */
export function ComposeForm({
  choices,
  summary,
  initialRecipients,
  reply,
  lastResult,
  cancelTo,
}: ComposeFormProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm<ComposeFields>({
    id: "compose-email",
    lastResult,
    defaultValue: {
      to: initialRecipients,
      subject: reply?.subject ?? "",
      audience: choices.audience.defaultPreset,
      documentIds: [],
      audienceOrganizationIds: [],
    },
    shouldValidate: "onSubmit",
  });
  const [audience, setAudience] = useState(
    typeof fields.audience.initialValue === "string" && fields.audience.initialValue
      ? fields.audience.initialValue
      : choices.audience.defaultPreset,
  );
  const { names, presetLabel } = useAudienceText(summary);
  const presetDescription = (preset: string) =>
    t(`entryForm.audienceDescriptions.${preset}`, {
      names: names(
        preset === "all_members" || preset === "partners" || preset === "customer"
          ? summary[preset]
          : [],
      ),
    });
  const bodyLabelId = useId();
  const submit = () => formRef.current?.requestSubmit();
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  const attachmentErrors = lastResult?.error?.attachments ?? undefined;
  const locale = formatLocaleOf(i18n.language);

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      ref={formRef}
      onKeyDown={onKeyDown}
      className="flex flex-col gap-6"
    >
      {reply ? <input type="hidden" name="replyTo" value={reply.entryId} /> : null}
      {lastResult?.status === "error" ? (
        <Alert tone="error">{t("entryForm.fixErrors")}</Alert>
      ) : null}
      <section className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <fieldset
          className="flex flex-col gap-1.5"
          aria-describedby={fields.to.errors ? "to-error" : "to-hint"}
        >
          <legend className="mb-1.5 text-sm font-medium text-slate-800">{t("mailOut.to")}</legend>
          <p id="to-hint" className="-mt-1 mb-1 text-sm text-slate-600">
            {t("mailOut.toHint")}
          </p>
          {choices.recipients.length ? (
            <Chips
              name="to"
              selected={
                fields.to.initialValue !== undefined
                  ? asArray(fields.to.initialValue)
                  : initialRecipients
              }
              options={choices.recipients.map((recipient) => ({
                id: recipient.key,
                label: recipient.name,
                detail: recipient.detail
                  ? `${recipient.detail} · ${recipient.email}`
                  : recipient.email,
              }))}
            />
          ) : (
            <p className="text-sm text-slate-600">{t("mailOut.noRecipients")}</p>
          )}
          <ErrorText id="to-error" errors={fields.to.errors} />
        </fieldset>

        <div className="flex flex-col gap-1.5">
          <label htmlFor="subject" className="text-sm font-medium text-slate-800">
            {t("entryForm.subject")}
          </label>
          <input
            id="subject"
            name="subject"
            type="text"
            maxLength={200}
            autoComplete="off"
            required
            defaultValue={
              typeof fields.subject.initialValue === "string" ? fields.subject.initialValue : ""
            }
            aria-invalid={fields.subject.errors ? true : undefined}
            aria-describedby={fields.subject.errors ? "subject-error" : undefined}
            className={inputClasses(Boolean(fields.subject.errors))}
          />
          <ErrorText id="subject-error" errors={fields.subject.errors} />
        </div>

        <div className="flex flex-col gap-1.5">
          <span id={bodyLabelId} className="text-sm font-medium text-slate-800">
            {t("mailOut.message")}
          </span>
          <RichTextEditor
            name="body"
            labelId={bodyLabelId}
            defaultValue={
              typeof fields.body.initialValue === "string" ? fields.body.initialValue : ""
            }
            placeholder={t("mailOut.messagePlaceholder")}
            errorId="body-error"
            invalid={Boolean(fields.body.errors)}
            onSubmitShortcut={submit}
          />
          <ErrorText id="body-error" errors={fields.body.errors} />
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1.5 text-sm font-medium text-slate-800">
            {t("mailOut.attachments")}
          </legend>
          {choices.documents.length ? (
            <div className="flex flex-col gap-1.5">
              <p className="text-sm text-slate-600">{t("mailOut.documentsHint")}</p>
              <Chips
                name="documentIds"
                selected={asArray(fields.documentIds.initialValue)}
                options={choices.documents.map((document) => ({
                  id: document.id,
                  label: document.title,
                  detail: formatBytes(document.sizeBytes, locale),
                }))}
              />
              <ErrorText id="documentIds-error" errors={fields.documentIds.errors} />
            </div>
          ) : null}
          <label htmlFor="attachments" className="text-sm text-slate-600">
            {t("mailOut.uploadHint")}
          </label>
          <FileInput
            id="attachments"
            name="attachments"
            multiple
            accept={ATTACHMENT_ACCEPT}
            aria-invalid={attachmentErrors?.length ? true : undefined}
            aria-describedby={attachmentErrors?.length ? "attachments-error" : undefined}
          />
          {attachmentErrors?.length ? (
            <ul
              id="attachments-error"
              className="flex flex-col gap-0.5 text-sm font-medium text-red-700"
            >
              {attachmentErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>
      </section>

      <AudiencePicker
        presets={choices.audience.presets}
        organizations={choices.audience.organizations}
        requiredOrganizationId={choices.audience.requiredOrganizationId}
        value={audience}
        onChange={setAudience}
        selectedOrganizationIds={asArray(fields.audienceOrganizationIds.initialValue)}
        presetLabel={presetLabel}
        presetDescription={presetDescription}
        audienceErrors={fields.audience.errors}
        organizationErrors={fields.audienceOrganizationIds.errors}
      />

      <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_-6px_rgb(15_23_42/0.15)] backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-4">
        <Button type="submit" pending={pending}>
          <Send aria-hidden className="size-4" />
          {pending ? t("mailOut.sending") : t("mailOut.send")}
        </Button>
        <Link to={cancelTo} className={buttonClasses("secondary")}>
          {t("entryForm.cancel")}
        </Link>
      </div>
    </Form>
  );
}

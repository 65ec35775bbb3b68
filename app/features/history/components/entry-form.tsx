import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Paperclip, Plus } from "lucide-react";
import { useTranslation } from "react-i18next";
import { callOutcomes, entryChannels, entryDirections, type EntryChannel } from "#db/schema/values";
import {
  AudiencePicker,
  Chips,
  ErrorText,
  useAudienceText,
  type AudienceSummary,
} from "~/features/sharing";
import { channelIcons } from "~/features/history/components/entry-channel";
import { RichTextEditor } from "~/features/history/components/rich-text-editor";
import { formatBytes } from "~/kernel/files/format-bytes";
import { useTimeZone } from "~/components/use-time-zone";
import { Alert } from "~/components/ui/alert";
import { Button, buttonClasses } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { defaultDirection, keepFieldName, WITHHELD_SHOWN } from "~/features/history/entry-defaults";
import type { EntryFormDefaults, WithheldAddress, WithheldValues } from "~/features/history/types";
import { formatLocaleOf } from "~/i18n";
import { DateInput, DateTimeInput } from "~/components/ui/date-input";
import { dayTimeIn, formatDayTime } from "~/kernel/day-input";
import { FileInput } from "~/components/ui/file-input";

export type EntryFormProps = {
  mode: "new" | "edit";
  defaults: EntryFormDefaults;
  choices: {
    audience: {
      presets: string[];
      organizations: { id: string; name: string; kind: string }[];
      requiredOrganizationId: string | null;
    };
    contacts: { id: string; name: string; roleTitle: string | null }[];
    users: { id: string; name: string; organizationName: string }[];
  };
  summary: AudienceSummary;
  accountName: string;
  lastResult?: SubmissionResult<string[]> | null;
  cancelTo: string;
  /** The contact of the author's last entry here, offered as a one-tap "Add …" (new entries). */
  suggestedContact?: { id: string; name: string } | null;
  /** Files already attached to the entry being edited. */
  existingAttachments?: { id: string; fileName: string; sizeBytes: number }[];
  withheld?: WithheldValues;
};

const inputClasses = (invalid: boolean, extra?: string) =>
  cn(
    "min-h-11 w-full rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
    invalid ? "border-red-500" : "border-slate-300",
    extra,
  );

/** "31.12.2026 14:10": an instant on the reader's clock, as the "When" field shows it. */
function whenText(date: Date, timeZone: string, language: string) {
  const { day, time } = dayTimeIn(date, timeZone);
  return formatDayTime(day, time, language);
}

const asArray = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : typeof value === "string"
      ? [value]
      : [];

function Labelled({
  id,
  label,
  hint,
  errors,
  children,
  footer,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
  /** Shown below the field's hint and errors. */
  footer?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} errors={errors} />
      {footer}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, errors?: string[]) =>
  [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") ||
  undefined;

/** Radio buttons drawn as a segmented control (channel, direction). */
function Segmented({
  name,
  legend,
  options,
  value,
  onChange,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; icon?: ReactNode }[];
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={describedBy(id, false, errors)}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((option) => (
          <label
            key={option.value}
            className="inline-flex min-h-10 cursor-pointer items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:text-brand-800 has-focus-visible:ring-2 has-focus-visible:ring-brand-500"
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.icon}
            {option.label}
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/**
 * "Log a call / email / letter / meeting / note" and "Edit entry": one form, tuned for speed —
 * sensible defaults, a toolbar-light editor, Ctrl+Enter to save — that keeps everything typed
 * when the server sends it back with errors.
 */
export function EntryForm({
  mode,
  defaults,
  choices,
  summary,
  accountName,
  lastResult,
  cancelTo,
  suggestedContact = null,
  existingAttachments = [],
  withheld,
}: EntryFormProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const whenRef = useRef<HTMLInputElement>(null);
  const timeZone = useTimeZone();
  const [form, fields] = useForm({
    id: "entry-form",
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
  });

  const initial = (value: unknown, fallback: string) =>
    typeof value === "string" && value !== "" ? value : fallback;
  const [channel, setChannel] = useState<EntryChannel>(
    initial(fields.channel.initialValue, defaults.channel) as EntryChannel,
  );
  const [direction, setDirection] = useState(
    initial(fields.direction.initialValue, defaults.direction),
  );
  const [directionTouched, setDirectionTouched] = useState(mode === "edit");
  const [audience, setAudience] = useState(
    initial(fields.audience.initialValue, defaults.audience),
  );
  const [contactIds, setContactIds] = useState<string[]>(() =>
    fields.contactIds.initialValue !== undefined
      ? asArray(fields.contactIds.initialValue)
      : defaults.contactIds,
  );

  // The zone the "When" text is written in. A time the form filled in keeps the zone it was
  // written in, even when the page learns the browser's zone afterwards.
  const [whenZone, setWhenZone] = useState(timeZone);
  useEffect(() => {
    // "Now" is the moment the page runs, so the browser fills in the time, on the reader's clock
    // (the zone sent along in `timezone`) and in their format.
    if (whenRef.current && !whenRef.current.value) {
      whenRef.current.value = whenText(
        defaults.occurredAtIso ? new Date(defaults.occurredAtIso) : new Date(),
        timeZone,
        i18n.language,
      );
      setWhenZone(timeZone);
    }
  }, [defaults.occurredAtIso, timeZone, i18n.language]);

  const chooseChannel = (value: string) => {
    const next = value as EntryChannel;
    setChannel(next);
    if (!directionTouched) setDirection(defaultDirection(next));
  };

  const contactNames = choices.contacts
    .filter((contact) => contactIds.includes(contact.id))
    .map((contact) => contact.name);
  const exampleSubject = contactNames.length
    ? t("entryForm.defaultSubject", {
        channel: t(`history.channels.${channel}`),
        names: contactNames.join(", "),
      })
    : t(`history.channels.${channel}`);

  const submit = () => formRef.current?.requestSubmit();
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const bodyLabelId = useId();
  // Files are not a conform field (nothing to refill); their refusals come with the reply.
  const attachmentErrors = lastResult?.error?.attachments ?? undefined;
  const formErrors = lastResult?.status === "error";
  const { names, presetLabel } = useAudienceText(summary);
  const presetDescription = (preset: string) =>
    t(`entryForm.audienceDescriptions.${preset}`, {
      names: names(
        preset === "all_members" || preset === "partners" || preset === "customer"
          ? summary[preset]
          : [],
      ),
    });
  const required = choices.audience.requiredOrganizationId;
  const customDefault =
    fields.audienceOrganizationIds.initialValue !== undefined
      ? asArray(fields.audienceOrganizationIds.initialValue)
      : defaults.audienceOrganizationIds;

  return (
    <Form
      method="post"
      // Attachments travel with the form, so an entry and its files are saved together.
      encType="multipart/form-data"
      {...getFormProps(form)}
      ref={formRef}
      onKeyDown={onKeyDown}
      className="flex flex-col gap-6"
    >
      {formErrors ? <Alert tone="error">{t("entryForm.fixErrors")}</Alert> : null}
      <input type="hidden" name="timezone" value={whenZone} />
      {defaults.occurredAtIso ? (
        <input type="hidden" name="occurredAtFallback" value={defaults.occurredAtIso} />
      ) : null}

      <section className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        {channel === "letter" ? (
          <AttachmentsField letter errors={attachmentErrors} existing={existingAttachments} />
        ) : null}
        <Segmented
          name="channel"
          legend={t("entryForm.channel")}
          value={channel}
          onChange={chooseChannel}
          errors={fields.channel.errors}
          options={entryChannels.map((value) => {
            const Icon = channelIcons[value]!;
            return {
              value,
              label: t(`history.channels.${value}`),
              icon: <Icon aria-hidden className="size-4" />,
            };
          })}
        />

        <div className="grid gap-5 sm:grid-cols-2">
          <Segmented
            name="direction"
            legend={t("entryForm.direction")}
            value={direction}
            onChange={(value) => {
              setDirection(value);
              setDirectionTouched(true);
            }}
            errors={fields.direction.errors}
            options={entryDirections.map((value) => ({
              value,
              label: t(`history.directions.${value}`),
            }))}
          />
          <Labelled
            id="occurredAt"
            label={t("entryForm.occurredAt")}
            hint={t("entryForm.occurredAtHint")}
            errors={fields.occurredAt.errors}
          >
            <DateTimeInput
              ref={whenRef}
              id="occurredAt"
              name="occurredAt"
              defaultValue={
                typeof fields.occurredAt.initialValue === "string"
                  ? fields.occurredAt.initialValue
                  : ""
              }
              aria-invalid={fields.occurredAt.errors ? true : undefined}
              aria-describedby={describedBy("occurredAt", true, fields.occurredAt.errors)}
              className={inputClasses(Boolean(fields.occurredAt.errors))}
            />
          </Labelled>
        </div>

        <ChannelFields
          channel={channel}
          fields={fields}
          withheld={withheld}
          resubmitted={Boolean(lastResult)}
        />

        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-sm font-medium text-slate-800">
            {t("entryForm.participants")}{" "}
            <span className="font-normal text-slate-500">
              · {t("entryForm.participantsHint", { account: accountName })}
            </span>
          </legend>
          {suggestedContact && !contactIds.includes(suggestedContact.id) ? (
            <p
              className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600"
              data-testid="contact-suggestion"
            >
              {t("entryForm.suggestion.lead")}
              <button
                type="button"
                onClick={() => setContactIds((current) => [...current, suggestedContact.id])}
                className={buttonClasses("secondary", "min-h-9 rounded-full px-3")}
              >
                <Plus aria-hidden className="size-4" />
                {t("entryForm.suggestion.add", { name: suggestedContact.name })}
              </button>
            </p>
          ) : null}
          {choices.contacts.length ? (
            <Chips
              name="contactIds"
              selected={contactIds}
              onToggle={(id, checked) =>
                setContactIds((current) =>
                  checked ? [...current, id] : current.filter((item) => item !== id),
                )
              }
              options={choices.contacts.map((contact) => ({
                id: contact.id,
                label: contact.name,
                detail: contact.roleTitle,
              }))}
            />
          ) : (
            <p className="text-sm text-slate-600">{t("entryForm.noContacts")}</p>
          )}
          <ErrorText id="contactIds-error" errors={fields.contactIds.errors} />
          {choices.users.length ? (
            <details
              className="mt-2 text-sm"
              open={
                (fields.userIds.initialValue !== undefined
                  ? asArray(fields.userIds.initialValue)
                  : defaults.userIds
                ).length > 0
              }
            >
              <summary className="cursor-pointer font-medium text-brand-700">
                {t("entryForm.people")}
              </summary>
              <p className="mt-1 mb-2 text-slate-600">{t("entryForm.peopleHint")}</p>
              <Chips
                name="userIds"
                selected={
                  fields.userIds.initialValue !== undefined
                    ? asArray(fields.userIds.initialValue)
                    : defaults.userIds
                }
                options={choices.users.map((user) => ({
                  id: user.id,
                  label: user.name,
                  detail: user.organizationName,
                }))}
              />
            </details>
          ) : null}
          <ErrorText id="userIds-error" errors={fields.userIds.errors} />
        </fieldset>

        <Labelled
          id="subject"
          label={t("entryForm.subject")}
          hint={
            withheld?.subject != null
              ? t("entryForm.withheld.field")
              : t("entryForm.subjectHint", { example: exampleSubject })
          }
          errors={fields.subject.errors}
        >
          <input
            id="subject"
            name="subject"
            type="text"
            autoFocus={mode === "new"}
            maxLength={200}
            autoComplete="off"
            placeholder={exampleSubject}
            readOnly={withheld?.subject != null}
            defaultValue={
              withheld?.subject ??
              (typeof fields.subject.initialValue === "string" ? fields.subject.initialValue : "")
            }
            aria-invalid={fields.subject.errors ? true : undefined}
            aria-describedby={describedBy("subject", true, fields.subject.errors)}
            className={inputClasses(Boolean(fields.subject.errors))}
          />
        </Labelled>

        <div className="flex flex-col gap-1.5">
          <span id={bodyLabelId} className="text-sm font-medium text-slate-800">
            {t("entryForm.body")}
          </span>
          {withheld?.bodyHtml != null ? (
            <>
              <div
                aria-labelledby={bodyLabelId}
                aria-describedby="body-withheld"
                className="entry-body max-w-none space-y-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 break-words text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6"
                // Rendered by the server from the stored document, with the hidden values replaced.
                dangerouslySetInnerHTML={{ __html: withheld.bodyHtml }}
              />
              <p id="body-withheld" className="text-sm text-slate-600">
                {t("entryForm.withheld.body")}
              </p>
            </>
          ) : (
            <RichTextEditor
              name="body"
              labelId={bodyLabelId}
              defaultValue={
                typeof fields.body.initialValue === "string" ? fields.body.initialValue : ""
              }
              placeholder={t("entryForm.bodyPlaceholder")}
              errorId="body-error"
              invalid={Boolean(fields.body.errors)}
              onSubmitShortcut={submit}
            />
          )}
          <ErrorText id="body-error" errors={fields.body.errors} />
        </div>
        {channel === "letter" ? null : (
          <AttachmentsField errors={attachmentErrors} existing={existingAttachments} />
        )}
      </section>

      <AudiencePicker
        presets={choices.audience.presets}
        organizations={choices.audience.organizations}
        requiredOrganizationId={required}
        value={audience}
        onChange={setAudience}
        selectedOrganizationIds={customDefault}
        presetLabel={presetLabel}
        presetDescription={presetDescription}
        audienceErrors={fields.audience.errors}
        organizationErrors={fields.audienceOrganizationIds.errors}
      />

      {/* Sticky: on a phone the form runs to several screens, and Save stays in reach. */}
      <div
        className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_-6px_rgb(15_23_42/0.15)] backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-4"
        data-testid="form-actions"
      >
        <Button type="submit" pending={pending}>
          {pending
            ? t("entryForm.saving")
            : mode === "edit"
              ? t("entryForm.saveChanges")
              : t(`entryForm.save.${channel}`)}
        </Button>
        <Link to={cancelTo} className={buttonClasses("secondary")}>
          {t("entryForm.cancel")}
        </Link>
        <span className="hidden text-sm text-slate-500 sm:inline">
          <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs">
            {t("entryForm.shortcutKeys.ctrl")}
          </kbd>{" "}
          +{" "}
          <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs">
            {t("entryForm.shortcutKeys.enter")}
          </kbd>{" "}
          {t("entryForm.submitHint")}
        </span>
      </div>
    </Form>
  );
}

type Fields = ReturnType<typeof useForm<Record<string, unknown>>>[1];

/** What the file input offers; the server checks every file's content again. */
const ATTACHMENT_ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.txt,.csv,.eml";

/**
 * "Attach files" (several at once), or for a letter "Scan of the letter", shown first. Refused
 * files are named with their reason below it; a browser cannot refill a file input, so the
 * message asks to choose them again.
 */
function AttachmentsField({
  letter = false,
  errors,
  existing,
}: {
  letter?: boolean;
  errors?: string[];
  existing: { id: string; fileName: string; sizeBytes: number }[];
}) {
  const { t, i18n } = useTranslation();
  const id = "attachments";
  return (
    <div
      className={cn(
        "flex flex-col gap-1.5",
        letter && "rounded-lg border border-dashed border-brand-300 bg-brand-50/50 p-3",
      )}
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {letter ? t("entryForm.attachments.letterLabel") : t("entryForm.attachments.label")}
      </label>
      {existing.length ? (
        <ul className="flex flex-col gap-1 text-sm" data-testid="existing-attachments">
          {existing.map((file) => (
            <li key={file.id} className="flex items-center gap-2">
              <Paperclip aria-hidden className="size-4 text-slate-400" />
              <a
                href={`/documents/${file.id}/download`}
                className="inline-flex min-h-6 items-center font-medium break-words text-brand-700 hover:underline"
              >
                {file.fileName}
              </a>
              <span className="text-slate-500">
                {formatBytes(file.sizeBytes, formatLocaleOf(i18n.language))}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <FileInput
        id={id}
        name="attachments"
        multiple
        accept={ATTACHMENT_ACCEPT}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, true, errors)}
      />
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {existing.length
          ? t("entryForm.attachments.hintMore")
          : letter
            ? t("entryForm.attachments.letterHint")
            : t("entryForm.attachments.hint")}
      </p>
      {errors?.length ? (
        <ul id={`${id}-error`} className="flex flex-col gap-0.5 text-sm font-medium text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function TextInput({
  name,
  fields,
  label,
  hint,
  type = "text",
  inputMode,
  withheld,
  children,
}: {
  name: string;
  fields: Fields;
  label: string;
  hint?: string;
  type?: string;
  inputMode?: "numeric" | "email";
  /** The stored value, redacted: shown read-only and kept as stored. */
  withheld?: string | null;
  /** Shown below the field (the addresses it holds that the editor cannot see). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const field = fields[name]!;
  const locked = withheld != null;
  return (
    <Labelled
      id={name}
      label={label}
      hint={locked ? t("entryForm.withheld.field") : hint}
      errors={field.errors}
      footer={children}
    >
      <input
        id={name}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        readOnly={locked}
        defaultValue={
          locked ? withheld : typeof field.initialValue === "string" ? field.initialValue : ""
        }
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hint) || locked, field.errors)}
        className={inputClasses(Boolean(field.errors), locked ? "bg-slate-50" : undefined)}
      />
    </Labelled>
  );
}

/**
 * A day field ("31.12.2026"): the stored day in the reader's format, or after a refused save
 * exactly what was typed.
 */
function DayField({
  name,
  fields,
  label,
  resubmitted,
}: {
  name: string;
  fields: Fields;
  label: string;
  resubmitted: boolean;
}) {
  const field = fields[name]!;
  const value = typeof field.initialValue === "string" ? field.initialValue : "";
  return (
    <Labelled id={name} label={label} errors={field.errors}>
      <DateInput
        id={name}
        name={name}
        defaultValue={resubmitted ? value : undefined}
        defaultDay={resubmitted ? undefined : value}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(name, false, field.errors)}
        className={inputClasses(Boolean(field.errors))}
      />
    </Labelled>
  );
}

/**
 * The addresses of a header field the editor sees only as names: ticked, they are kept as
 * stored; unticked, they are removed. The value is the address's place, never the address.
 */
function WithheldAddresses({
  field,
  addresses,
  fields,
  resubmitted,
  replaceable,
}: {
  field: "from" | "to" | "cc";
  addresses: WithheldAddress[];
  fields: Fields;
  resubmitted: boolean;
  replaceable?: boolean;
}) {
  const { t } = useTranslation();
  if (addresses.length === 0) return null;
  const name = keepFieldName(field);
  const all = addresses.map((address) => String(address.index));
  // After a failed save the ticks come back as they were sent.
  const selected = resubmitted ? asArray(fields[name]?.initialValue) : all;
  return (
    <fieldset className="mt-1 flex flex-col gap-1.5" data-testid={`withheld-${field}`}>
      <legend className="sr-only">{t("entryForm.withheld.legend")}</legend>
      <input type="hidden" name={WITHHELD_SHOWN} value={field} />
      <Chips
        name={name}
        selected={selected}
        options={addresses.map((address) => ({
          id: String(address.index),
          label: address.label,
        }))}
      />
      <p className="text-sm text-slate-600">
        {replaceable ? t("entryForm.withheld.sender") : t("entryForm.withheld.addresses")}
      </p>
    </fieldset>
  );
}

/** The fields only some channels have: a call's duration and outcome, a letter's date, … */
function ChannelFields({
  channel,
  fields,
  withheld,
  resubmitted,
}: {
  channel: EntryChannel;
  fields: Fields;
  withheld?: WithheldValues;
  resubmitted: boolean;
}) {
  const { t } = useTranslation();
  if (channel === "call" || channel === "meeting") {
    const outcome = fields.outcome!;
    return (
      <div className="grid gap-5 sm:grid-cols-2">
        <TextInput
          name="durationMinutes"
          fields={fields}
          label={t("entryForm.durationMinutes")}
          type="number"
          inputMode="numeric"
        />
        {channel === "call" ? (
          <Labelled id="outcome" label={t("entryForm.outcome")} errors={outcome.errors}>
            <select
              id="outcome"
              name="outcome"
              defaultValue={typeof outcome.initialValue === "string" ? outcome.initialValue : ""}
              aria-invalid={outcome.errors ? true : undefined}
              aria-describedby={describedBy("outcome", false, outcome.errors)}
              className={inputClasses(Boolean(outcome.errors))}
            >
              <option value="">{t("entryForm.outcomeNone")}</option>
              {callOutcomes.map((value) => (
                <option key={value} value={value}>
                  {t(`history.entry.outcomes.${value}`)}
                </option>
              ))}
            </select>
          </Labelled>
        ) : (
          <TextInput
            name="location"
            fields={fields}
            label={t("entryForm.location")}
            withheld={withheld?.location}
          />
        )}
      </div>
    );
  }
  if (channel === "letter") {
    return (
      <div className="grid gap-5 sm:grid-cols-2">
        <DayField
          name="postalDate"
          fields={fields}
          label={t("entryForm.postalDate")}
          resubmitted={resubmitted}
        />
        <TextInput
          name="reference"
          fields={fields}
          label={t("entryForm.reference")}
          withheld={withheld?.reference}
        />
      </div>
    );
  }
  if (channel === "email") {
    return (
      <div className="grid gap-5 sm:grid-cols-3">
        <TextInput
          name="emailFrom"
          fields={fields}
          label={t("entryForm.emailFrom")}
          inputMode="email"
        >
          <WithheldAddresses
            field="from"
            addresses={withheld?.from ?? []}
            fields={fields}
            resubmitted={resubmitted}
            replaceable
          />
        </TextInput>
        <TextInput
          name="emailTo"
          fields={fields}
          label={t("entryForm.emailTo")}
          hint={t("entryForm.emailListHint")}
          inputMode="email"
        >
          <WithheldAddresses
            field="to"
            addresses={withheld?.to ?? []}
            fields={fields}
            resubmitted={resubmitted}
          />
        </TextInput>
        <TextInput
          name="emailCc"
          fields={fields}
          label={t("entryForm.emailCc")}
          hint={t("entryForm.emailListHint")}
          inputMode="email"
        >
          <WithheldAddresses
            field="cc"
            addresses={withheld?.cc ?? []}
            fields={fields}
            resubmitted={resubmitted}
          />
        </TextInput>
      </div>
    );
  }
  return null;
}

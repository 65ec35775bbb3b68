import { TZDate } from "@date-fns/tz";
import { parseWithZod } from "@conform-to/zod/v4";
import type { TFunction } from "i18next";
import { z } from "zod";
import { callOutcomes, entryChannels, entryDirections, type EntryChannel } from "#db/schema/values";
import type { EntryInput } from "~/features/history/entry-write.server";
import type { AudienceChoices } from "~/features/sharing/index.server";
import { resolveAudience } from "~/features/sharing/index.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import {
  parseRichTextField,
  renderRichText,
  withoutNul,
} from "~/kernel/rich-text/rich-text.server";
import { refusalMessage, rejectedMessage } from "~/features/documents/index.server";
import {
  receiveUpload,
  UploadRejected,
  type ReceivedFile,
  type ReceivedUpload,
} from "~/kernel/files/upload.server";
import { parseDay, parseDayTime } from "~/kernel/day-input";
import { timeZoneOrUtc } from "~/kernel/time-zone";

/** The name of the form's file input. */
export const ATTACHMENTS_FIELD = "attachments";

export const MAX_SUBJECT = 200;
const MAX_SHORT = 200;
const MAX_ADDRESSES = 50;
// A little slack for clocks that run ahead; history is about what already happened.
const FUTURE_SLACK_MS = 10 * 60 * 1000;

export type FormChoices = {
  audience: AudienceChoices;
  contacts: { id: string; name: string; roleTitle: string | null }[];
  users: { id: string; name: string; organizationName: string }[];
};

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .transform((value) => withoutNul(value))
    .optional();

/**
 * A day and time as typed ("31.12.2026 14:10", "31/12/2026 14:10", or `YYYY-MM-DDTHH:mm`) as
 * wall-clock time in `timeZone`, or undefined when it is no real time.
 */
const MINUTE_MS = 60_000;
const sameMinute = (a: Date, b: Date) =>
  Math.floor(a.getTime() / MINUTE_MS) === Math.floor(b.getTime() / MINUTE_MS);

export function parseLocalDateTime(value: string, timeZone: string) {
  const parsed = parseDayTime(value);
  if (!parsed) return undefined;
  const [year, month, day] = parsed.day.split("-").map(Number) as [number, number, number];
  const [hour, minute] = parsed.time.split(":").map(Number) as [number, number];
  const date = new TZDate(year, month - 1, day, hour, minute, timeZone);
  const valid =
    date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day &&
    year >= 1900;
  return valid ? new Date(date.getTime()) : undefined;
}

function addressList(value: string | undefined) {
  return (value ?? "")
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

const isEmail = (value: string) => z.email().safeParse(value).success;

/** What to call an entry whose author left the subject empty: "Call with Felix Roth". */
function defaultSubject(t: TFunction, channel: EntryChannel, names: string[]) {
  const label = t(`history.channels.${channel}`);
  return names.length
    ? t("entryForm.defaultSubject", { channel: label, names: names.join(", ") })
    : label;
}

/**
 * The log/edit form's schema. Everything the author may choose (audience, organisations,
 * participants) is checked against what the form offered them; nothing else is accepted.
 */
function entrySchema(t: TFunction, choices: FormChoices, now: Date) {
  const contactNames = new Map(choices.contacts.map((contact) => [contact.id, contact.name]));
  const userIds = new Set(choices.users.map((user) => user.id));
  return z
    .object({
      channel: z.enum(entryChannels, { error: t("entryForm.errors.channel") }),
      direction: z.enum(entryDirections, { error: t("entryForm.errors.direction") }),
      occurredAt: z.string().trim().optional(),
      /** The stored time when editing, for a form submitted before its script filled the field. */
      occurredAtFallback: z.string().trim().optional(),
      timezone: z.string().trim().optional(),
      subject: optionalText(
        MAX_SUBJECT,
        t("entryForm.errors.subjectTooLong", { max: MAX_SUBJECT }),
      ),
      body: z.string().optional(),
      /** The plain text box shown until the editor loads (or without JavaScript). */
      bodyPlain: z
        .string()
        .max(100_000, t("errors.tooLong", { count: 100_000 }))
        .optional(),
      audience: z.string({ error: t("entryForm.errors.audience") }),
      audienceOrganizationIds: z.array(z.string()).default([]),
      contactIds: z.array(z.string()).default([]),
      userIds: z.array(z.string()).default([]),
      durationMinutes: z
        .number({ error: t("entryForm.errors.duration") })
        .int({ error: t("entryForm.errors.duration") })
        .min(0, { error: t("entryForm.errors.duration") })
        .max(24 * 60, { error: t("entryForm.errors.duration") })
        .optional(),
      outcome: z.enum(callOutcomes, { error: t("entryForm.errors.outcome") }).optional(),
      emailFrom: optionalText(320, t("entryForm.errors.email")),
      emailTo: optionalText(5000, t("entryForm.errors.emailList")),
      emailCc: optionalText(5000, t("entryForm.errors.emailList")),
      /** As typed ("31.12.2026", "31/12/2026" or ISO); stored as `YYYY-MM-DD`. */
      postalDate: z
        .string()
        .transform((value, ctx) => {
          const day = parseDay(value);
          if (day) return day;
          ctx.addIssue({ code: "custom", message: t("entryForm.errors.postalDate") });
          return z.NEVER;
        })
        .optional(),
      reference: optionalText(MAX_SHORT, t("entryForm.errors.tooLong", { max: MAX_SHORT })),
      location: optionalText(MAX_SHORT, t("entryForm.errors.tooLong", { max: MAX_SHORT })),
    })
    .transform((value, ctx): EntryInput => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });

      const fallback = value.occurredAtFallback ? new Date(value.occurredAtFallback) : undefined;
      const fallbackValid =
        fallback &&
        !Number.isNaN(fallback.getTime()) &&
        fallback.getTime() <= now.getTime() + FUTURE_SLACK_MS;
      let occurredAt = fallbackValid ? fallback : now;
      if (value.occurredAt) {
        const parsed = parseLocalDateTime(value.occurredAt, timeZoneOrUtc(value.timezone));
        if (!parsed) issue("occurredAt", t("entryForm.errors.occurredAt"));
        else if (parsed.getTime() > now.getTime() + FUTURE_SLACK_MS) {
          issue("occurredAt", t("entryForm.errors.occurredAtFuture"));
        } else if (!fallbackValid || !sameMinute(parsed, fallback)) {
          // The field shows minutes: the stored time's minute, sent back, is the stored time.
          // The current minute is now, to the second: two entries logged in one minute keep
          // the order they were logged in.
          occurredAt = sameMinute(parsed, now) ? now : parsed;
        }
      }

      const body =
        !value.body && value.bodyPlain?.trim()
          ? renderRichText(plainTextDoc(withoutNul(value.bodyPlain)))
          : parseRichTextField(value.body);
      if (!body.ok) issue("body", t(`entryForm.errors.body.${body.error}`));

      const audience = resolveAudience(
        choices.audience,
        value.audience,
        value.audienceOrganizationIds,
      );
      if (!audience.ok) {
        issue(
          audience.error === "audienceNotOffered" ? "audience" : "audienceOrganizationIds",
          t(`entryForm.errors.${audience.error}`),
        );
      }

      if (value.contactIds.some((id) => !contactNames.has(id))) {
        issue("contactIds", t("entryForm.errors.participants"));
      }
      if (value.userIds.some((id) => !userIds.has(id))) {
        issue("userIds", t("entryForm.errors.participants"));
      }

      const details: Record<string, unknown> = {};
      if (value.channel === "call" || value.channel === "meeting") {
        if (value.durationMinutes !== undefined) details.durationMinutes = value.durationMinutes;
      }
      if (value.channel === "call" && value.outcome) details.outcome = value.outcome;
      if (value.channel === "meeting" && value.location) details.location = value.location;
      if (value.channel === "letter") {
        if (value.postalDate) details.postalDate = value.postalDate;
        if (value.reference) details.reference = value.reference;
      }
      if (value.channel === "email") {
        if (value.emailFrom) {
          if (isEmail(value.emailFrom)) details.from = value.emailFrom;
          else issue("emailFrom", t("entryForm.errors.email"));
        }
        for (const [field, key] of [
          ["emailTo", "to"],
          ["emailCc", "cc"],
        ] as const) {
          const addresses = addressList(value[field]);
          if (addresses.length > MAX_ADDRESSES || !addresses.every(isEmail)) {
            issue(field, t("entryForm.errors.emailList"));
          } else if (addresses.length) details[key] = addresses;
        }
      }

      if (!body.ok || !audience.ok) return z.NEVER;
      const subject =
        value.subject ||
        defaultSubject(
          t,
          value.channel,
          value.contactIds.flatMap((id) => contactNames.get(id) ?? []),
        );
      return {
        channel: value.channel,
        direction: value.direction,
        occurredAt,
        subject,
        body: body.value,
        details,
        audience: audience.audience,
        audienceOrganizationIds: audience.organizationIds,
        contactIds: [...new Set(value.contactIds)],
        userIds: [...new Set(value.userIds)],
      };
    });
}

/** Parses a submitted log/edit form against the choices the author was offered. */
export function parseEntryForm(
  formData: FormData,
  t: TFunction,
  choices: FormChoices,
  now = new Date(),
) {
  return parseWithZod(formData, { schema: entrySchema(t, choices, now) });
}

/** The log/edit form as received: its fields, the files that passed the checks, the refused. */
export type EntryFormRequest = {
  formData: FormData;
  files: ReceivedFile[];
  /** One sentence per refused file (or for the whole upload), naming the file and why. */
  refusals: string[];
  cleanup: () => Promise<void>;
};

/**
 * Reads the log/edit form. The form is multipart (it may carry attachments) and is streamed
 * through the upload checks; a plain urlencoded post (no files) is read as it is.
 */
export async function readEntryFormRequest(
  request: Request,
  t: TFunction,
): Promise<EntryFormRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { formData: await request.formData(), files: [], refusals: [], cleanup: async () => {} };
  }
  let upload: ReceivedUpload;
  try {
    upload = await receiveUpload(request);
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw error;
    return {
      formData: new FormData(),
      files: [],
      refusals: [rejectedMessage(t, error)],
      cleanup: async () => {},
    };
  }
  const formData = new FormData();
  for (const [name, values] of upload.fields) {
    for (const value of values) formData.append(name, value);
  }
  return {
    formData,
    files: upload.files.filter((file) => file.field === ATTACHMENTS_FIELD),
    refusals: upload.refused.map((file) => refusalMessage(t, file)),
    cleanup: upload.cleanup,
  };
}

/**
 * The form's answer when a file was refused: nothing is saved, everything typed comes back,
 * and the refusals stand next to the attachments field (files must be chosen again).
 */
export function refusedAttachmentsReply(
  submission: ReturnType<typeof parseEntryForm>,
  t: TFunction,
  refusals: string[],
) {
  // conform merges these with the submission's own field errors.
  return submission.reply({
    fieldErrors: { [ATTACHMENTS_FIELD]: [...refusals, t("entryForm.attachments.chooseAgain")] },
  });
}

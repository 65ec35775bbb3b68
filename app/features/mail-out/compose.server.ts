import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import type { AppLoadContext } from "@remix-run/node";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { TFunction } from "i18next";
import { z } from "zod";
import { db, type Database } from "#db/client.server";
import { documents, documentVersions, outboundEmails, type OutboundRecipient } from "#db/schema";
import { actorOfAbility, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { listAccountContacts } from "~/features/accounts/index.server";
import {
  createEntry,
  entrySubject,
  findEntry,
  projectPeople,
  type EntryInput,
} from "~/features/history/index.server";
import { findProject } from "~/features/projects/index.server";
import {
  audienceChoices,
  projectForPolicy,
  resolveAudience,
  type AudienceChoices,
  type PolicyProject,
} from "~/features/sharing/index.server";
import { recordAudit } from "~/kernel/audit/audit.server";
import { env } from "~/kernel/env.server";
import type { ReceivedFile } from "~/kernel/files/upload.server";
import { enqueueJob } from "~/kernel/jobs/jobs.server";
import { readerLocaleOf, translatorOf } from "~/kernel/locale.server";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import {
  parseRichTextField,
  renderRichText,
  withoutNul,
} from "~/kernel/rich-text/rich-text.server";
import type { Viewer } from "~/kernel/viewer.server";
import type { ComposeOptions } from "./types";

export type ComposeChoices = ComposeOptions & { audience: AudienceChoices };

/** The queue of emails written in Ambit, one job per email. */
export const OUTBOUND_EMAIL = "outbound-email";

export const MAX_RECIPIENTS = 20;
export const MAX_SUBJECT = 200;
/** What one email may carry in files; mail servers commonly refuse more than this. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** May the reader write an email from this project (and so log it in its history)? */
export function maySendFrom(ability: AppAbility, project: PolicyProject) {
  const candidate = entrySubject(project, { channel: "email" });
  return ability.can("send", candidate) && ability.can("create", candidate);
}

/**
 * Whom the sender may write to: the account's contact persons whose address the sender may
 * read, and the active users of the host and of the project's member organisations the sender
 * may read.
 */
async function recipientChoices(ability: AppAbility, project: PolicyProject) {
  const [contactRows, userRows] = await Promise.all([
    listAccountContacts(ability, project.accountId),
    projectPeople(ability, project),
  ]);
  return [
    ...contactRows.flatMap((contact) =>
      contact.email
        ? [
            {
              key: `contact:${contact.id}`,
              name: contact.name,
              email: contact.email,
              detail: contact.roleTitle,
            },
          ]
        : [],
    ),
    // Replies come to the writer anyway (Reply-To): not offered to themselves.
    ...userRows
      .filter((user) => user.id !== actorOfAbility(ability)!.actor.id)
      .map((user) => ({
        key: `user:${user.id}`,
        name: user.name,
        email: user.email,
        detail: user.organizationName,
      })),
  ];
}

/** The project's own documents (not attachments) the sender may read, with their newest file. */
async function documentChoices(ability: AppAbility, projectId: string) {
  const rows = await db()
    .selectDistinctOn([documents.id], {
      id: documents.id,
      title: documents.title,
      fileName: documentVersions.fileName,
      sizeBytes: documentVersions.sizeBytes,
    })
    .from(documents)
    .innerJoin(documentVersions, eq(documentVersions.documentId, documents.id))
    .where(
      and(
        eq(documents.projectId, projectId),
        isNull(documents.entryId),
        isNull(documents.requestId),
        accessibleWhere(ability, "read", "Document"),
      ),
    )
    .orderBy(documents.id, desc(documentVersions.number));
  return rows.sort((a, b) => a.title.localeCompare(b.title));
}

/** An email being answered: what the answer takes from it. */
export type ReplyContext = {
  entryId: string;
  messageId: string;
  threadKey: string;
  subject: string;
  /** Whom the answer goes to by default: its sender, or its recipients when the reader sent it. */
  addresses: string[];
};

const addressIn = (value: string) => (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase();

const headerList = (value: unknown) =>
  (Array.isArray(value) ? value : typeof value === "string" ? [value] : []).filter(
    (item): item is string => typeof item === "string",
  );

/** The email entry `entryId` of the project, when the reader may read it and it can be answered. */
export async function replyContextOf(
  reader: { ability: AppAbility; user: { email: string } },
  projectId: string,
  entryId: string | null,
): Promise<ReplyContext | undefined> {
  const { ability } = reader;
  if (!entryId) return undefined;
  const entry = await findEntry(ability, projectId, entryId);
  if (!entry || entry.channel !== "email" || entry.redactedAt || !entry.messageId) return undefined;
  const details = entry.details;
  const from = headerList(details.from).map(addressIn);
  const own = reader.user.email.toLowerCase();
  const addresses = from.length && !from.includes(own) ? from : headerList(details.to);
  return {
    entryId: entry.id,
    messageId: entry.messageId,
    threadKey: entry.threadKey ?? entry.messageId,
    subject: /^(re|aw|antw):/i.test(entry.subject) ? entry.subject : `Re: ${entry.subject}`,
    addresses: addresses.map(addressIn),
  };
}

/** The compose page's checks and choices: 404 without the project, 403 without the right. */
export async function loadCompose(
  request: Request,
  context: AppLoadContext,
  params: { projectId?: string },
) {
  const current = await requireAbility(request, context);
  const t = await translatorOf(request, context);
  const found = await findProject(current.ability, params.projectId ?? "");
  if (!found) notFound();
  const project = await projectForPolicy(found.project.id, { scope: current.ability });
  if (!project) notFound();
  if (!maySendFrom(current.ability, project)) forbidden(t("mailOut.errors.sendForbidden"));
  const [recipients, documentRows] = await Promise.all([
    recipientChoices(current.ability, project),
    documentChoices(current.ability, project.id),
  ]);
  const choices: ComposeChoices = {
    audience: audienceChoices(current.ability, project),
    recipients,
    documents: documentRows,
  };
  return { current, t, project, found, choices };
}

/** What the sender chose, checked against what the page offered them. */
export type ComposedEmail = {
  recipients: (OutboundRecipient & { key: string })[];
  subject: string;
  body: ReturnType<typeof renderRichText> & { ok: true };
  documentIds: string[];
  audience: EntryInput["audience"];
  audienceOrganizationIds: string[];
  /** The email it answers, if any (checked again when it is sent). */
  replyTo: string | null;
};

function composeSchema(t: TFunction, choices: ComposeChoices) {
  const recipientsByKey = new Map(choices.recipients.map((choice) => [choice.key, choice]));
  const documentIds = new Set(choices.documents.map((row) => row.id));
  return z
    .object({
      // Checked in the transform, so that every field's error is shown at once.
      to: z.array(z.string()).default([]),
      subject: z
        .string()
        .trim()
        .max(MAX_SUBJECT, { error: t("mailOut.errors.subjectTooLong", { max: MAX_SUBJECT }) })
        .transform(withoutNul)
        .default(""),
      body: z.string().optional(),
      bodyPlain: z.string().max(100_000).optional(),
      documentIds: z.array(z.string()).default([]),
      audience: z.string({ error: t("entryForm.errors.audience") }),
      audienceOrganizationIds: z.array(z.string()).default([]),
      replyTo: z.string().optional(),
    })
    .transform((value, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const chosen = [...new Set(value.to)].map((key) => recipientsByKey.get(key));
      if (chosen.length === 0) issue("to", t("mailOut.errors.noRecipient"));
      else if (chosen.length > MAX_RECIPIENTS) {
        issue("to", t("mailOut.errors.tooManyRecipients", { max: MAX_RECIPIENTS }));
      } else if (chosen.some((choice) => !choice)) {
        issue("to", t("mailOut.errors.recipientNotOffered"));
      }
      if (!value.subject) issue("subject", t("mailOut.errors.subject"));
      if (value.documentIds.some((id) => !documentIds.has(id))) {
        issue("documentIds", t("mailOut.errors.documentNotOffered"));
      }
      const body =
        !value.body && value.bodyPlain?.trim()
          ? renderRichText(plainTextDoc(withoutNul(value.bodyPlain)))
          : parseRichTextField(value.body);
      if (!body.ok) issue("body", t(`entryForm.errors.body.${body.error}`));
      else if (!body.value.text.trim()) issue("body", t("mailOut.errors.emptyBody"));
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
      const recipientsOk =
        chosen.length > 0 && chosen.length <= MAX_RECIPIENTS && chosen.every(Boolean);
      if (!recipientsOk || !value.subject || !body.ok || !body.value.text.trim() || !audience.ok) {
        return z.NEVER;
      }
      const composed: ComposedEmail = {
        recipients: chosen.map((choice) => {
          const [kind, id] = choice!.key.split(":") as ["contact" | "user", string];
          return {
            key: choice!.key,
            name: choice!.name,
            email: choice!.email,
            ...(kind === "contact" ? { contactId: id } : { userId: id }),
          };
        }),
        subject: value.subject,
        body,
        documentIds: [...new Set(value.documentIds)],
        audience: audience.audience,
        audienceOrganizationIds: audience.organizationIds,
        replyTo: value.replyTo ?? null,
      };
      return composed;
    });
}

export function parseCompose(formData: FormData, t: TFunction, choices: ComposeChoices) {
  return parseWithZod(formData, { schema: composeSchema(t, choices) });
}

/** The picked documents' newest files and the uploads together, against the size limit. */
export function attachmentsTooLarge(
  composed: ComposedEmail,
  choices: ComposeChoices,
  files: ReceivedFile[],
) {
  const picked = choices.documents
    .filter((row) => composed.documentIds.includes(row.id))
    .reduce((sum, row) => sum + row.sizeBytes, 0);
  return picked + files.reduce((sum, file) => sum + file.size, 0) > MAX_ATTACHMENT_BYTES;
}

/** `Name <address>`, as the history shows email headers. */
const mailbox = (name: string, email: string) => `${name.replace(/[<>"]/g, "")} <${email}>`;

/** A Message-ID on the domain of our sender address, which replies will name. */
export function newMessageId() {
  const from = env().MAIL_FROM;
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "ambit.localhost";
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Writes the email into the project's history and queues its sending, in one transaction: the
 * entry, its attachments, the outbound row and the job commit together or not at all.
 */
export async function queueEmail(
  current: Viewer,
  language: string,
  project: PolicyProject,
  composed: ComposedEmail,
  files: ReceivedFile[],
) {
  const messageId = newMessageId();
  // An answer joins the conversation of the email it answers (if the reader may still read it).
  const reply = await replyContextOf(current, project.id, composed.replyTo);
  const input: EntryInput = {
    channel: "email",
    direction: "outbound",
    occurredAt: new Date(),
    subject: composed.subject,
    body: composed.body.value,
    details: {
      from: mailbox(current.user.name, current.user.email),
      to: composed.recipients.map((row) => mailbox(row.name, row.email)),
    },
    audience: composed.audience,
    audienceOrganizationIds: composed.audienceOrganizationIds,
    contactIds: composed.recipients.flatMap((row) => (row.contactId ? [row.contactId] : [])),
    userIds: composed.recipients.flatMap((row) => (row.userId ? [row.userId] : [])),
  };
  return createEntry(
    current.ability,
    current.policyActor,
    current.auditActor,
    project,
    input,
    files,
    {
      messageId,
      threadKey: reply?.threadKey ?? messageId,
      auditDetails: { source: "compose", ...(reply ? { inReplyTo: reply.entryId } : {}) },
      within: async (tx: Database, entryId: string) => {
        await tx.insert(outboundEmails).values({
          entryId,
          messageId,
          recipients: composed.recipients.map(({ key: _key, ...recipient }) => recipient),
          documentIds: composed.documentIds,
          language,
          // Counted when queued: a job that runs twice sends under one idempotency key.
          attempts: 1,
          inReplyTo: reply?.messageId ?? null,
          references: reply ? [...new Set([reply.threadKey, reply.messageId])].join(" ") : null,
        });
        await recordAudit(
          current.auditActor,
          {
            action: "email.queued",
            subjectType: "Entry",
            subjectId: entryId,
            projectId: project.id,
            details: {
              // Ids, not addresses: personal data stays out of the hash-chained log.
              recipients: composed.recipients.map((row) => row.key),
              documentIds: composed.documentIds,
              attachments: files.length,
            },
          },
          tx,
        );
        await enqueueJob(OUTBOUND_EMAIL, { entryId }, { singletonKey: entryId }, tx);
      },
    },
  );
}

export async function senderLanguage(request: Request, context: AppLoadContext) {
  return (await readerLocaleOf(request, context)).language;
}

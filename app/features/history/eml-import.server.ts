import { createHash, randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { db } from "#db/client.server";
import { contacts, entries, users, type Audience, type EntryDirection } from "#db/schema";
import type { Actor, AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import { createEntry } from "~/features/history/entry-write.server";
import {
  audienceChoices,
  resolveAudience,
  type AudienceChoices,
  type AudiencePreset,
} from "~/features/sharing/index.server";
import type { PolicyProject } from "~/features/sharing/index.server";
import type { AuditActor } from "~/kernel/audit/audit.server";
import { ACTIVE_MARKUP, checkFile } from "~/kernel/files/file-check.server";
import { uploadTempDir } from "~/kernel/storage/storage.server";
import {
  HEAD,
  MAX_FILES_PER_REQUEST,
  TAIL,
  uploadLimitBytes,
  type ReceivedFile,
  type RefusedFile,
} from "~/kernel/files/upload.server";
import { sanitizeFileName } from "~/kernel/files/file-name";
import { htmlToDoc } from "~/features/history/mail-html.server";
import { referencedIds, threadKeyFor } from "./email-thread.server";
import { plainTextDoc, type RichTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText, withoutNul } from "~/kernel/rich-text/rich-text.server";

const MAX_SUBJECT = 200;
const MAX_BODY = 100_000;
const MAX_ADDRESSES = 50;
const MAX_MESSAGE_ID = 998;

export type MalformedReason = "unreadable" | "noHeaders" | "noFrom";

export type EmlImportResult =
  | { kind: "malformed"; reason: MalformedReason }
  | { kind: "duplicate"; entryId: string }
  | {
      kind: "imported";
      entryId: string;
      subject: string;
      audience: Audience;
      audienceOrganizationIds: string[];
      /** Attachments of the mail that failed the file checks, with their reasons. */
      skipped: Pick<RefusedFile, "name" | "reason" | "detail">[];
    };

export class EmlImportDenied extends Error {}

/** How a mail that did not come through the import form is kept (captured mail). */
export type EmlImportOptions = {
  direction?: EntryDirection;
  /** The audience to give it instead of the sender's default (still checked against choices). */
  audience?: { preset: AudiencePreset; organizationIds: string[] };
  /** Added to the `entry.created` audit event; `source` says where the mail came from. */
  auditDetails?: Record<string, unknown>;
};

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((group) => group.value)
    // Groups ("undisclosed-recipients:;") nest their members.
    .flatMap((item) => (item.group ? item.group : [item]))
    .map((item) => item.address?.trim().toLowerCase() ?? "")
    .filter((address) => address !== "" && address.length <= 320)
    .slice(0, MAX_ADDRESSES);

/** Parses the file, or says why it is no email. mailparser accepts almost anything. */
async function parseEml(source: Buffer): Promise<ParsedMail | MalformedReason> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return "unreadable";
  }
  if (parsed.headers.size === 0) return "noHeaders";
  if (addressesOf(parsed.from).length === 0) return "noFrom";
  return parsed;
}

/**
 * The mail's body in the editor's format: from its HTML part (keeping paragraphs, lists, bold,
 * italic and links), else its text part. The HTML is never stored: what is kept goes through
 * the editor's renderer like typed notes (ADR 0008).
 */
function bodyOf(parsed: ParsedMail) {
  const text = withoutNul((parsed.text ?? "").replace(/\r\n?/g, "\n")).slice(0, MAX_BODY);
  const candidates: RichTextDoc[] = [];
  if (typeof parsed.html === "string" && parsed.html.trim()) {
    candidates.push(htmlToDoc(withoutNul(parsed.html)));
  }
  candidates.push(plainTextDoc(text));
  for (const doc of candidates) {
    const rendered = renderRichText(doc);
    if (rendered.ok && rendered.value.text) return rendered.value;
  }
  // Too many lines for the editor's limits: one paragraph of the same words.
  const flat = renderRichText(plainTextDoc(text.replace(/\s+/g, " ")));
  if (flat.ok) return flat.value;
  throw new Error("An email body could not be rendered");
}

/**
 * The audience by default: the host and the sending party. A sender who is a user of a member
 * organisation shares with that organisation; a contact person of the account with the
 * customer organisation (when it reads the history here); anyone else gets the importer's
 * usual default.
 */
export async function defaultEmailAudience(
  choices: AudienceChoices,
  project: PolicyProject,
  fromAddress: string,
): Promise<{ preset: AudiencePreset; organizationIds: string[] }> {
  const fallback = {
    preset: choices.defaultPreset,
    organizationIds: choices.requiredOrganizationId ? [choices.requiredOrganizationId] : [],
  };
  const offered = new Set(choices.organizations.map((organization) => organization.id));
  const withOwn = (organizationId: string) => ({
    preset: "custom" as const,
    organizationIds: [
      ...new Set([
        organizationId,
        ...(choices.requiredOrganizationId ? [choices.requiredOrganizationId] : []),
      ]),
    ],
  });
  const [sender] = await db()
    .select({ organizationId: users.organizationId })
    .from(users)
    .where(sql`lower(${users.email}) = ${fromAddress}`);
  if (sender) return offered.has(sender.organizationId) ? withOwn(sender.organizationId) : fallback;
  const [contact] = await db()
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, project.accountId),
        sql`lower(${contacts.email}) = ${fromAddress}`,
      ),
    );
  if (contact) {
    if (offered.has(project.accountId)) return withOwn(project.accountId);
    // The customer does not read this project's history: keep it with the host.
    return choices.presets.includes("internal")
      ? { preset: "internal", organizationIds: [] }
      : fallback;
  }
  return fallback;
}

/** Contact persons of the account the importer may read, named in the mail's addresses. */
async function participantsOf(ability: AppAbility, project: PolicyProject, addresses: string[]) {
  if (addresses.length === 0) return [];
  const rows = await db()
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, project.accountId),
        inArray(sql`lower(${contacts.email})`, addresses),
        accessibleWhere(ability, "read", "Contact"),
      ),
    );
  return rows.map((row) => row.id);
}

/** Writes each attachment to a temporary file and puts it through the upload's file checks. */
async function checkAttachments(parsed: ParsedMail, temporary: string[]) {
  const files: ReceivedFile[] = [];
  const refused: RefusedFile[] = [];
  const tempDir = await uploadTempDir();
  const attachments = parsed.attachments.filter(
    // Images embedded in the HTML body (cid:) belong to the layout, not to the letter.
    (attachment) => !(attachment.related && attachment.contentDisposition !== "attachment"),
  );
  for (const [index, attachment] of attachments.entries()) {
    const name = sanitizeFileName(attachment.filename ?? "") || `attachment-${index + 1}`;
    if (files.length >= MAX_FILES_PER_REQUEST) {
      refused.push({ field: "eml", name, reason: "notAllowed" });
      continue;
    }
    const content = attachment.content;
    if (content.byteLength > uploadLimitBytes()) {
      refused.push({ field: "eml", name, reason: "tooLarge" });
      continue;
    }
    const lower = content.toString("latin1").toLowerCase();
    const verdict = await checkFile({
      name,
      size: content.byteLength,
      head: content.subarray(0, HEAD),
      tail: content.subarray(Math.max(0, content.byteLength - TAIL)),
      markup: ACTIVE_MARKUP.filter((marker) => lower.includes(marker)),
      hasNul: content.includes(0),
    });
    if (!verdict.ok) {
      refused.push({ field: "eml", name, reason: verdict.reason, detail: verdict.detail });
      continue;
    }
    const file = path.join(tempDir, `${randomUUID()}.eml-part`);
    temporary.push(file);
    await writeFile(file, content);
    files.push({
      field: "eml",
      name,
      path: file,
      size: content.byteLength,
      sha256: createHash("sha256").update(content).digest("hex"),
      kind: verdict.kind,
      contentType: verdict.contentType,
    });
  }
  return { files, refused };
}

/** The entry already imported from this message in the project, if any. */
async function importedBefore(projectId: string, messageId: string) {
  const [row] = await db()
    .select({ id: entries.id })
    .from(entries)
    .where(and(eq(entries.projectId, projectId), eq(entries.messageId, messageId)));
  return row?.id;
}

const isUniqueViolation = (error: unknown): boolean => {
  const candidate = error as { code?: string; cause?: unknown } | null;
  return (
    candidate?.code === "23505" || (candidate?.cause ? isUniqueViolation(candidate.cause) : false)
  );
};

/**
 * Imports a received `.eml` (already through the upload checks) as an inbound email entry of
 * the project, with the mail's attachments that pass the file checks. The same message (by
 * Message-ID, or by content when it has none) is imported once per project.
 */
export async function importEml(
  ability: AppAbility,
  actor: Actor,
  auditActor: AuditActor,
  project: PolicyProject,
  eml: ReceivedFile,
  labels: { noSubject: string },
  options: EmlImportOptions = {},
  now = new Date(),
): Promise<EmlImportResult> {
  const source = await readFile(eml.path);
  const parsed = await parseEml(source);
  if (typeof parsed === "string") return { kind: "malformed", reason: parsed };

  const messageId = (parsed.messageId?.trim() || `<sha256:${eml.sha256}>`).slice(0, MAX_MESSAGE_ID);
  const existing = await importedBefore(project.id, messageId);
  if (existing) return { kind: "duplicate", entryId: existing };

  const from = addressesOf(parsed.from)[0]!;
  const to = addressesOf(parsed.to);
  const cc = addressesOf(parsed.cc);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : now;
  const subject = withoutNul(parsed.subject?.replace(/\s+/g, " ").trim() ?? "").slice(
    0,
    MAX_SUBJECT,
  );

  const choices = audienceChoices(ability, project);
  const preferred = options.audience ?? (await defaultEmailAudience(choices, project, from));
  let audience = resolveAudience(choices, preferred.preset, preferred.organizationIds);
  if (!audience.ok) {
    audience = resolveAudience(choices, choices.defaultPreset, preferred.organizationIds);
  }
  if (!audience.ok) throw new EmlImportDenied();

  const temporary: string[] = [];
  try {
    const { files, refused } = await checkAttachments(parsed, temporary);
    const input = {
      channel: "email" as const,
      direction: options.direction ?? ("inbound" as const),
      occurredAt: date,
      subject: subject || labels.noSubject,
      body: bodyOf(parsed),
      details: {
        from,
        ...(to.length ? { to } : {}),
        ...(cc.length ? { cc } : {}),
      },
      audience: audience.audience,
      audienceOrganizationIds: audience.organizationIds,
      contactIds: await participantsOf(ability, project, [from, ...to, ...cc]),
      userIds: [],
    };
    let entryId: string;
    try {
      entryId = await createEntry(ability, actor, auditActor, project, input, files, {
        messageId,
        threadKey: await threadKeyFor(
          project.id,
          referencedIds(parsed.references, parsed.inReplyTo),
          messageId,
        ),
        // A Message-ID often carries the sender's address or host: personal, erasable.
        auditPersonal: { messageId },
        auditDetails: {
          source: "eml",
          skippedAttachments: refused.length,
          ...options.auditDetails,
        },
      });
    } catch (error) {
      // Two imports of the same mail at once: the unique index lets one win.
      if (!isUniqueViolation(error)) throw error;
      const winner = await importedBefore(project.id, messageId);
      if (!winner) throw error;
      return { kind: "duplicate", entryId: winner };
    }
    return {
      kind: "imported",
      entryId,
      subject: input.subject,
      audience: input.audience,
      audienceOrganizationIds: input.audienceOrganizationIds,
      skipped: refused.map(({ name, reason, detail }) => ({ name, reason, detail })),
    };
  } finally {
    await Promise.all(temporary.map((file) => rm(file, { force: true })));
  }
}

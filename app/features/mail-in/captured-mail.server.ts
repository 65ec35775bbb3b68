import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { db, type Database } from "#db/client.server";
import { organizations, unresolvedMails, users, type UnresolvedReason } from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { actorOf } from "#policies/actor";
import { EntryWriteDenied, importEml, type EmlImportResult } from "~/features/history/index.server";
import { projectForPolicy } from "~/features/sharing/index.server";
import { translatorFor } from "~/i18n";
import { recordAudit } from "~/kernel/audit/audit.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { hostDefaultLanguage } from "~/kernel/locale.server";
import { logger } from "~/kernel/logger.server";
import { withoutNul } from "~/kernel/rich-text/rich-text.server";
import { withEmlFile } from "./eml-file.server";
import { placeCapturedMail, type Placement } from "./placement.server";
import { placeRequestReply, type ReplyPlacement } from "./request-reply.server";
import { fetchReceivedMail, type ReceivedMail } from "./received-mail.server";

/** The queue of received mail to fetch and place, one job per mail. */
export const INBOUND_MAIL = "inbound-mail";

const PREVIEW_CHARS = 20_000;

/** In the webhook's transaction: the received mail is fetched and placed by a job. */
export async function queueReceivedMail(tx: Database, emailId: string) {
  await enqueueJob(INBOUND_MAIL, { emailId }, { singletonKey: emailId }, tx);
}

const firstAddress = (parsed: ParsedMail | null) => {
  const item = parsed?.from?.value[0];
  return { address: item?.address?.trim().toLowerCase() ?? "", name: item?.name?.trim() || null };
};

/** Keeps the mail in the unresolved queue (once per received mail), audited with its reason. */
async function queueUnresolved(
  mail: ReceivedMail,
  parsed: ParsedMail | null,
  placement: { reason: UnresolvedReason; projectId?: string; organizationId?: string },
) {
  const sender = firstAddress(parsed);
  const text = withoutNul(parsed?.text ?? "").slice(0, PREVIEW_CHARS);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(unresolvedMails)
      .values({
        providerId: mail.id,
        messageId: parsed?.messageId?.slice(0, 998) ?? null,
        receivedAt: mail.receivedAt,
        fromAddress: (sender.address || mail.from).slice(0, 320),
        fromName: sender.name?.slice(0, 200) ?? null,
        recipients: mail.recipients.slice(0, 50),
        subject: withoutNul(parsed?.subject ?? mail.subject).slice(0, 200),
        previewText: text,
        raw: mail.raw,
        rawSize: mail.size,
        reason: placement.reason,
        projectId: placement.projectId ?? null,
        organizationId: placement.organizationId ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: unresolvedMails.id });
    if (!row) return;
    await recordAudit(
      {},
      {
        action: "email.unresolved",
        subjectType: "UnresolvedMail",
        subjectId: row.id,
        projectId: placement.projectId ?? null,
        details: { reason: placement.reason, providerId: mail.id },
      },
      tx,
    );
  });
  return { kind: "unresolved" as const, reason: placement.reason };
}

/** Imports the mail into the project as the placement's author, through the `.eml` pipeline. */
async function land(mail: ReceivedMail & { raw: Buffer }, placement: Placement & { kind: "land" }) {
  const [author] = await db()
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, placement.authorId));
  const project = await projectForPolicy(placement.projectId);
  if (!author || !project) return undefined;
  const actor = actorOf(author.user, author.organization);
  const t = translatorFor(await hostDefaultLanguage());
  try {
    return await withEmlFile(mail.raw, "captured.eml", (eml) =>
      importEml(
        defineAbilityFor(actor),
        actor,
        { userId: actor.id, organizationId: actor.organizationId },
        project,
        eml,
        { noSubject: t("history.emlImport.noSubject") },
        {
          direction: placement.direction,
          // The host and the capturing organisation; the host's own address keeps it internal.
          audience:
            placement.organizationKind === "host"
              ? { preset: "internal", organizationIds: [] }
              : { preset: "custom", organizationIds: [placement.organizationId] },
          auditDetails: {
            source: "capture",
            providerId: mail.id,
            captureOrganizationId: placement.organizationId,
          },
        },
      ),
    );
  } catch (error) {
    // The author's own rules refused it (e.g. a membership narrowed to other people).
    if (error instanceof EntryWriteDenied) return undefined;
    throw error;
  }
}

/**
 * Fetches one received mail and places it: into the history of the project its capture address
 * names, or into the unresolved queue with the reason. Idempotent: a mail queued before is left
 * alone, and a landed one is found again by its Message-ID.
 */
export async function receiveCapturedMail(
  data: unknown,
  fetchMail: (emailId: string) => Promise<ReceivedMail> = fetchReceivedMail,
  now = new Date(),
): Promise<
  | { kind: "unresolved"; reason: UnresolvedReason }
  | Exclude<EmlImportResult, { kind: "malformed" }>
  | { kind: "ignored" }
  | Exclude<ReplyPlacement, { kind: "unresolved" }>
> {
  const emailId = (data as { emailId?: unknown } | null)?.emailId;
  if (typeof emailId !== "string" || emailId.length > 200) {
    logger.warn({ data }, "inbound mail: not a job this worker knows");
    return { kind: "ignored" };
  }
  const [queued] = await db()
    .select({ id: unresolvedMails.id })
    .from(unresolvedMails)
    .where(eq(unresolvedMails.providerId, emailId));
  if (queued) return { kind: "ignored" };
  const mail = await fetchMail(emailId);
  if (!mail.raw) return queueUnresolved(mail, null, { reason: "tooLarge" });
  const raw = mail.raw;
  let parsed: ParsedMail | null = null;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return queueUnresolved(mail, null, { reason: "malformed" });
  }
  const sender = firstAddress(parsed);
  if (!sender.address) return queueUnresolved(mail, parsed, { reason: "malformed" });
  // A reply to a request's email answers the request, never a project's history.
  const reply = await placeRequestReply(parsed, sender.address, mail.recipients, now);
  if (reply?.kind === "unresolved") return queueUnresolved(mail, parsed, reply);
  if (reply) return reply;
  const placement = await placeCapturedMail(
    { from: sender.address, recipients: mail.recipients, headerLines: parsed.headerLines },
    now,
  );
  if (placement.kind === "unresolved") return queueUnresolved(mail, parsed, placement);
  const landed = await land({ ...mail, raw }, placement);
  if (!landed) return queueUnresolved(mail, parsed, { ...placement, reason: "membershipInactive" });
  if (landed.kind === "malformed") return queueUnresolved(mail, parsed, { reason: "malformed" });
  return landed;
}

/** The worker of received mail, started with the queue (app/boot.server.ts). */
export const inboundMailWorker: JobWorker = {
  name: INBOUND_MAIL,
  handler: async (data) => {
    await receiveCapturedMail(data);
  },
  // Fetching from Resend may fail for a while: retried with backoff.
  options: { policy: "exclusive", retryLimit: 5, retryDelay: 30, retryBackoff: true },
};

import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { db } from "#db/client.server";
import {
  contacts,
  organizations,
  projects,
  requestComments,
  users,
  type UnresolvedReason,
} from "#db/schema";
import { defineAbilityFor } from "#policies/ability";
import { actorOf } from "#policies/actor";
import { replyTargetOf, tokenOfReplyAddress } from "~/features/capture/index.server";
import {
  commentOnRequest,
  findRequest,
  RequestWriteDenied,
} from "~/features/requests/index.server";
import { plainTextDoc } from "~/kernel/rich-text/rich-text";
import { renderRichText, withoutNul } from "~/kernel/rich-text/rich-text.server";
import { senderVerified } from "./placement.server";

const MAX_REPLY = 20_000;

/** Where the quoted history of a reply begins: a line that introduces the message answered. */
const QUOTE_HEADERS = [
  /^On .+ wrote:\s*$/i,
  /^Am .+ schrieb .+:\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}\s*$/i,
  /^(From|Von):\s.+$/,
  /^_{10,}\s*$/,
];

/**
 * What the person wrote, without the history their mail program quoted below it: everything
 * up to the first line that introduces the quoted message or is itself quoted (`>`).
 */
export function withoutQuotedHistory(text: string) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = lines.findIndex(
    (line) =>
      line.trimStart().startsWith(">") ||
      QUOTE_HEADERS.some((pattern) => pattern.test(line.trim())),
  );
  const own = (cut === -1 ? lines : lines.slice(0, cut)).join("\n").trim();
  return own || text.trim();
}

export type ReplyPlacement =
  | { kind: "commented"; commentId: string; requestId: string }
  | { kind: "duplicate"; requestId: string }
  | { kind: "unresolved"; reason: UnresolvedReason; projectId?: string };

async function activeUser(where: SQL) {
  const [row] = await db()
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(where, isNull(users.disabledAt)));
  return row;
}

/**
 * A reply to a request's email (its recipients include a reply address): a public reply on
 * the request when the sender is one of the request's customer users, or a contact person of
 * the account answering what was sent to one of those users (written as that user's reply);
 * the sender's domain must pass the receiving server's checks, and a closed request must still
 * be reopenable. Undefined when the mail names no reply address.
 */
export async function placeRequestReply(
  parsed: ParsedMail,
  from: string,
  recipients: string[],
  now = new Date(),
): Promise<ReplyPlacement | undefined> {
  const token = recipients.map(tokenOfReplyAddress).find((value) => value !== null);
  if (!token) return undefined;
  const target = await replyTargetOf(token);
  if (!target) return { kind: "unresolved", reason: "unknownAddress" };
  const [request] = await db()
    .select({ projectId: projects.id, accountId: projects.accountId })
    .from(projects)
    .where(sql`${projects.id} = (select project_id from requests where id = ${target.requestId})`);
  if (!request) return { kind: "unresolved", reason: "unknownAddress" };
  const unresolved = (reason: UnresolvedReason): ReplyPlacement => ({
    kind: "unresolved",
    reason,
    projectId: request.projectId,
  });
  if (!senderVerified(parsed.headerLines, from)) return unresolved("senderUnverified");

  // The sender themselves, or the recipient a contact person of the account answers for.
  let author = await activeUser(sql`lower(${users.email}) = ${from}`);
  if (!author) {
    const [contact] = await db()
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(eq(contacts.accountId, request.accountId), sql`lower(${contacts.email}) = ${from}`),
      );
    if (contact) author = await activeUser(eq(users.id, target.userId));
  }
  if (!author || author.organization.kind !== "customer") return unresolved("senderNotAllowed");
  const ability = defineAbilityFor(actorOf(author.user, author.organization), now);
  const found = await findRequest(ability, target.requestId);
  if (!found || found.organizationId !== author.user.organizationId) {
    return unresolved("senderNotAllowed");
  }
  const closedForGood =
    found.status === "closed" && !(found.reopenableUntil && found.reopenableUntil > now);
  if (closedForGood) return unresolved("requestClosed");

  const messageId = (
    parsed.messageId?.trim() || `<reply:${token}:${parsed.date?.getTime()}>`
  ).slice(0, 998);
  const [seen] = await db()
    .select({ id: requestComments.id })
    .from(requestComments)
    .where(and(eq(requestComments.requestId, found.id), eq(requestComments.messageId, messageId)));
  if (seen) return { kind: "duplicate", requestId: found.id };
  const text = withoutNul(withoutQuotedHistory(parsed.text ?? "")).slice(0, MAX_REPLY);
  const body = renderRichText(plainTextDoc(text));
  if (!body.ok) return unresolved("malformed");
  try {
    const commentId = await commentOnRequest(
      {
        ability,
        actor: actorOf(author.user, author.organization),
        auditActor: { userId: author.user.id, organizationId: author.user.organizationId },
      },
      found.policyProject,
      found.stored,
      { audience: "all_members", body: body.value, email: { messageId } },
      now,
    );
    return { kind: "commented", commentId, requestId: found.id };
  } catch (error) {
    if (error instanceof RequestWriteDenied) return unresolved("senderNotAllowed");
    throw error;
  }
}

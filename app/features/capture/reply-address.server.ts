import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import { db } from "#db/client.server";
import { requestReplyAddresses } from "#db/schema";
import { env } from "~/kernel/env.server";

/** Reply tokens are longer than capture tokens (ten characters): the two never collide. */
const REPLY_TOKEN_LENGTH = 16;

const replyAddress = (token: string) => `reply.${token}@${env().INBOUND_DOMAIN}`;

/**
 * The address a request's email asks `userId` to reply to: made the first time, the same
 * afterwards. Its token is random (80 bits) and stored: it authorises nothing by itself, it
 * names the request and the recipient the reply answers.
 */
export async function replyAddressFor(requestId: string, userId: string) {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(10)).slice(0, REPLY_TOKEN_LENGTH);
  await db()
    .insert(requestReplyAddresses)
    .values({ token, requestId, userId })
    .onConflictDoNothing();
  const [row] = await db()
    .select({ token: requestReplyAddresses.token })
    .from(requestReplyAddresses)
    .where(
      and(eq(requestReplyAddresses.requestId, requestId), eq(requestReplyAddresses.userId, userId)),
    );
  return replyAddress(row!.token);
}

/** The token of a reply address on our inbound domain, or null for any other address. */
export function tokenOfReplyAddress(address: string) {
  const match = /^reply\.([a-z2-7]+)@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!match || match[2] !== env().INBOUND_DOMAIN.toLowerCase()) return null;
  return match[1]!.length === REPLY_TOKEN_LENGTH ? match[1]! : null;
}

/** The request and recipient a reply token was issued for, or null. */
export async function replyTargetOf(token: string) {
  const [row] = await db()
    .select({ requestId: requestReplyAddresses.requestId, userId: requestReplyAddresses.userId })
    .from(requestReplyAddresses)
    .where(eq(requestReplyAddresses.token, token));
  return row ?? null;
}

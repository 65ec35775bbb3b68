import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { db, type Database } from "#db/client.server";
import {
  emailWebhookEvents,
  entries,
  outboundEmails,
  outboundStatusRanks,
  type OutboundStatus,
} from "#db/schema";
import { recordAudit } from "~/kernel/audit/audit.server";
import { env } from "~/kernel/env.server";
import { logger } from "~/kernel/logger.server";
import { checkWebhookSignature } from "~/kernel/mail/webhook-signature.server";

/** Resend's delivery events and the status each means; other events are kept, not applied. */
const eventStatuses: Record<string, OutboundStatus> = {
  "email.sent": "sent",
  "email.delivery_delayed": "delayed",
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "rejected",
  "email.suppressed": "rejected",
};

type EventData = {
  email_id?: unknown;
  bounce?: { message?: unknown; type?: unknown; subType?: unknown };
  failed?: { reason?: unknown };
  suppressed?: { message?: unknown; type?: unknown };
};

const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/** What a bounce's recipient server said, as plainly as the event gives it. */
function reasonOf(type: string, data: EventData) {
  if (type === "email.failed") return text(data.failed?.reason)?.slice(0, 500) ?? null;
  if (type === "email.suppressed") {
    return (text(data.suppressed?.message) ?? text(data.suppressed?.type))?.slice(0, 500) ?? null;
  }
  if (type !== "email.bounced") return null;
  const message = text(data.bounce?.message);
  const kind = [text(data.bounce?.type), text(data.bounce?.subType)].filter(Boolean).join(" / ");
  return (message ?? kind ?? "").slice(0, 500) || null;
}

/**
 * Holds the provider's id for the rest of the transaction. An event and the send that records
 * the id may commit at the same moment; on PostgreSQL neither would see the other's row, and
 * the event would never be applied. One waits for the other instead.
 */
export async function lockProviderId(tx: Database, providerId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`outbound:${providerId}`}))`);
}

/**
 * Moves the email the provider calls `providerId` to the highest status its stored events
 * reach, if that is further than where it stands; the status never moves back. Returns the
 * email's entry and its new status when it moved.
 */
export async function applyStoredEvents(tx: Database, providerId: string) {
  const events = await tx
    .select({
      status: emailWebhookEvents.status,
      reason: emailWebhookEvents.reason,
      occurredAt: emailWebhookEvents.occurredAt,
    })
    .from(emailWebhookEvents)
    .where(
      and(eq(emailWebhookEvents.providerId, providerId), isNotNull(emailWebhookEvents.status)),
    );
  // The furthest status; of two as far, the one that happened first.
  const best = events
    .filter((event): event is typeof event & { status: OutboundStatus } => event.status !== null)
    .sort(
      (a, b) =>
        outboundStatusRanks[b.status] - outboundStatusRanks[a.status] ||
        a.occurredAt.getTime() - b.occurredAt.getTime(),
    )[0];
  if (!best) return undefined;
  const rank = outboundStatusRanks[best.status];
  const [moved] = await tx
    .update(outboundEmails)
    .set({
      status: best.status,
      statusRank: rank,
      statusAt: best.occurredAt,
      statusReason: best.reason,
    })
    .where(and(eq(outboundEmails.providerId, providerId), lt(outboundEmails.statusRank, rank)))
    .returning({ entryId: outboundEmails.entryId });
  return moved ? { entryId: moved.entryId, status: best.status } : undefined;
}

export type WebhookAnswer = { status: number; body: string };

/**
 * A delivery from the provider's webhook: signature, then the event stored once by its id,
 * then applied. Bad, missing or stale signatures are refused with 401 and logged; a delivery
 * seen before is answered 200 and changes nothing.
 */
export async function receiveMailWebhook(
  body: string,
  headers: Headers,
  from: { ip: string | null },
  /** Takes a received mail (`email.received`) in the event's transaction: inbound capture. */
  onReceived?: (tx: Database, emailId: string) => Promise<void>,
): Promise<WebhookAnswer> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) {
    logger.error("a mail webhook arrived, but RESEND_WEBHOOK_SECRET is not set");
    return { status: 503, body: "Webhook not configured" };
  }
  const check = checkWebhookSignature(body, headers, secret);
  if (!check.ok) {
    logger.warn({ reason: check.reason, ip: from.ip }, "mail webhook refused");
    return { status: 401, body: "Invalid signature" };
  }
  const payload = (check.payload ?? {}) as { type?: unknown; created_at?: unknown; data?: unknown };
  const type = text(payload.type);
  if (!type) return { status: 400, body: "Not an event" };
  const data = (payload.data ?? {}) as EventData;
  const providerId = text(data.email_id);
  const created = new Date(text(payload.created_at) ?? "");
  const occurredAt = Number.isNaN(created.getTime()) ? new Date() : created;
  const status = eventStatuses[type] ?? null;

  const outcome = await db().transaction(async (tx) => {
    if (providerId) await lockProviderId(tx, providerId);
    const [stored] = await tx
      .insert(emailWebhookEvents)
      .values({ id: check.id, type, providerId, status, reason: reasonOf(type, data), occurredAt })
      .onConflictDoNothing()
      .returning({ id: emailWebhookEvents.id });
    if (!stored) return "duplicate" as const;
    const moved = providerId && status ? await applyStoredEvents(tx, providerId) : undefined;
    if (type === "email.received" && providerId && onReceived) await onReceived(tx, providerId);
    const [email] = providerId
      ? await tx
          .select({ entryId: outboundEmails.entryId, projectId: entries.projectId })
          .from(outboundEmails)
          .innerJoin(entries, eq(entries.id, outboundEmails.entryId))
          .where(eq(outboundEmails.providerId, providerId))
      : [];
    await recordAudit(
      { ip: from.ip },
      {
        action: "email.delivery_event",
        subjectType: email ? "Entry" : null,
        subjectId: email?.entryId ?? null,
        projectId: email?.projectId ?? null,
        details: {
          eventId: check.id,
          type,
          providerId,
          ...(moved ? { status: moved.status } : {}),
        },
      },
      tx,
    );
    return "applied" as const;
  });
  return { status: 200, body: outcome === "duplicate" ? "Already received" : "OK" };
}

import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { createElement } from "react";
import { db } from "#db/client.server";
import {
  audiences,
  mailMessages,
  organizations,
  requestComments,
  requestEvents,
  requests,
  users,
  type RequestStatus,
} from "#db/schema";
import { requestStatuses } from "#db/schema/values";
import { defineAbilityFor, type AppAbility } from "#policies/ability";
import { actorOf } from "#policies/actor";
import {
  RequestUpdateEmail,
  requestUpdateSubject,
  type RequestUpdate,
} from "#emails/request-update";
import { replyAddressFor } from "~/features/capture/index.server";
import { translatorFor } from "~/i18n";
import { env } from "~/kernel/env.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { recipientLocaleOf } from "~/kernel/locale.server";
import { logger } from "~/kernel/logger.server";
import { sendMail, type MailTransport } from "~/kernel/mail/mail.server";
import { isUuid } from "~/kernel/query-input";
import { findRequest, readableComments, visibleEvents } from "./request.server";
import { requestSubject } from "./request-subject.server";

/** The queue of the emails about a request's public replies and status changes. */
export const REQUEST_MAIL = "request-mail";

/** One change to tell the request's customer and assigned partner about. */
export type RequestMailJob =
  { requestId: string; commentId: string } | { requestId: string; eventId: string };

function parseJob(data: unknown): RequestMailJob | undefined {
  const value = (data ?? {}) as Record<string, unknown>;
  const id = (key: string) =>
    typeof value[key] === "string" && isUuid(value[key]) ? value[key] : undefined;
  const requestId = id("requestId");
  const commentId = id("commentId");
  const eventId = id("eventId");
  if (!requestId) return undefined;
  if (commentId && !eventId) return { requestId, commentId };
  if (eventId && !commentId) return { requestId, eventId };
  return undefined;
}

/** The job's key: pg-boss keeps one job per change queued or running. */
function changeKey(job: RequestMailJob) {
  return "commentId" in job ? `comment:${job.commentId}` : `event:${job.eventId}`;
}

async function enqueue(job: RequestMailJob) {
  try {
    await enqueueJob(REQUEST_MAIL, job, { singletonKey: changeKey(job) });
  } catch (error) {
    // The change has committed: a queue that cannot take the job costs its emails, not the write.
    logger.error({ err: error, job }, "request mail not queued");
  }
}

/** After a comment is committed: a public reply is mailed; partner and internal notes never are. */
export async function notifyRequestComment(requestId: string, commentId: string, audience: string) {
  if (audience === "all_members") await enqueue({ requestId, commentId });
}

/** After a status change is committed: its `request_events` row is mailed. */
export async function notifyRequestStatus(requestId: string, eventId: string) {
  await enqueue({ requestId, eventId });
}

type Recipient = {
  user: typeof users.$inferSelect;
  organization: typeof organizations.$inferSelect;
};

/** The change as stored, whoever may read it: the worker decides per recipient. */
async function loadChange(job: RequestMailJob) {
  if ("commentId" in job) {
    const [row] = await db()
      .select({ authorId: requestComments.authorId, audience: audiences.kind })
      .from(requestComments)
      .innerJoin(audiences, eq(audiences.id, requestComments.audienceId))
      .where(
        and(eq(requestComments.id, job.commentId), eq(requestComments.requestId, job.requestId)),
      );
    // Only public replies are mailed, whatever a job says.
    return row && row.audience === "all_members" ? { authorId: row.authorId } : undefined;
  }
  const [row] = await db()
    .select({ authorId: requestEvents.actorId, to: requestEvents.toValue })
    .from(requestEvents)
    .where(
      and(
        eq(requestEvents.id, job.eventId),
        eq(requestEvents.requestId, job.requestId),
        eq(requestEvents.kind, "status"),
      ),
    );
  const status = (requestStatuses as readonly (string | null)[]).includes(row?.to ?? null)
    ? (row!.to as RequestStatus)
    : undefined;
  return row && status ? { authorId: row.authorId, status } : undefined;
}

/**
 * The people of the request's customer and of its assigned partner, active, without whoever
 * made the change. Each still has to pass their own ability before anything is written to them.
 */
async function candidates(requestId: string, authorId: string | null): Promise<Recipient[]> {
  const [request] = await db()
    .select({
      organizationId: requests.organizationId,
      assignedOrganizationId: requests.assignedOrganizationId,
    })
    .from(requests)
    .where(eq(requests.id, requestId));
  if (!request) return [];
  const organizationIds = [request.organizationId, request.assignedOrganizationId].filter(
    (id): id is string => id !== null,
  );
  return db()
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        inArray(users.organizationId, organizationIds),
        inArray(organizations.kind, ["customer", "partner"]),
        isNull(users.disabledAt),
        authorId ? ne(users.id, authorId) : undefined,
      ),
    )
    .orderBy(users.email);
}

async function hostName() {
  const [row] = await db()
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, "host"));
  return row?.name ?? "Ambit";
}

type Change = NonNullable<Awaited<ReturnType<typeof loadChange>>>;

/**
 * The message for one recipient, from what their own ability lets them read, or undefined
 * when they may not read the request or the change.
 */
async function composeFor(
  recipient: Recipient,
  job: RequestMailJob,
  change: Change,
  host: () => Promise<string>,
) {
  const ability: AppAbility = defineAbilityFor(actorOf(recipient.user, recipient.organization));
  const found = await findRequest(ability, job.requestId);
  if (!found) return undefined;
  const customer = recipient.organization.kind === "customer";
  const { language } = await recipientLocaleOf(recipient.user);
  const t = translatorFor(language);
  const requestUrl = `${env().APP_URL}/requests/${found.id}`;
  let update: RequestUpdate;
  if ("commentId" in job) {
    const comment = (await readableComments(ability, found.id)).find(
      (row) => row.id === job.commentId,
    );
    if (!comment || comment.audience !== "all_members") return undefined;
    update = { kind: "reply", text: comment.bodyText };
  } else {
    const event = (await visibleEvents(ability, found.id)).find((row) => row.id === job.eventId);
    if (!event || event.kind !== "status" || !("status" in change)) return undefined;
    const status = change.status;
    const mayRate =
      customer &&
      status === "resolved" &&
      found.rating === null &&
      ability.can("rate", requestSubject(found.policyProject, found.stored));
    update = {
      kind: "status",
      statusLabel:
        status === "waiting_on_customer" && !customer
          ? t("requests.hostStatuses.waiting_on_customer")
          : t(`requests.statuses.${status}`),
      reason: event.reason,
      ...(customer && status === "waiting_on_customer" ? { waitingOn: await host() } : {}),
      ...(mayRate ? { ratingUrl: `${requestUrl}#rating` } : {}),
    };
  }
  const fields = { reference: found.reference, title: found.title, update };
  return {
    template: update.kind === "reply" ? "request-reply" : "request-status",
    to: recipient.user.email,
    // Answering the email answers the request (a public reply, when the sender may write one).
    replyTo: await replyAddressFor(found.id, recipient.user.id),
    subject: requestUpdateSubject(t, fields),
    body: createElement(RequestUpdateEmail, {
      t,
      language,
      name: recipient.user.name,
      projectName: found.projectName,
      requestUrl,
      ...fields,
      repliesByEmail: customer,
    }),
  };
}

async function alreadySent(key: string) {
  const [row] = await db()
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(eq(mailMessages.dedupeKey, key));
  return row !== undefined;
}

/**
 * Sends the emails about one change, each written for its recipient with what they may read.
 * Idempotent: a message sent for (change, recipient) is never sent again; a failed delivery
 * fails the job, so pg-boss retries it for those still without their message.
 */
export async function sendRequestMail(data: unknown, transport?: MailTransport) {
  const job = parseJob(data);
  if (!job) {
    logger.warn({ data }, "request mail: not a job this worker knows");
    return { sent: 0 };
  }
  const change = await loadChange(job);
  if (!change) return { sent: 0 };
  let hostNameRead: Promise<string> | undefined;
  const host = () => (hostNameRead ??= hostName());
  let sent = 0;
  let failed = 0;
  for (const recipient of await candidates(job.requestId, change.authorId)) {
    const key = `${changeKey(job)}:${recipient.user.id}`;
    if (await alreadySent(key)) continue;
    const mail = await composeFor(recipient, job, change, host);
    if (!mail) continue;
    const row = await sendMail(mail, transport);
    if (row.status === "failed") {
      failed += 1;
      continue;
    }
    // sendMail stores no key, so the message is marked right after it went: a run that dies in
    // between sends that one message again (at least once). Two runs of one change never
    // overlap (the queue's policy), and the unique index refuses a second mark.
    await db().update(mailMessages).set({ dedupeKey: key }).where(eq(mailMessages.id, row.id));
    sent += 1;
  }
  if (failed > 0) throw new Error(`request mail: ${failed} message(s) not delivered`);
  return { sent };
}

/** The requests feature's worker, started with the queue (app/boot.server.ts). */
export const requestMailWorker: JobWorker = {
  name: REQUEST_MAIL,
  handler: async (data) => {
    await sendRequestMail(data);
  },
  // One job per change queued or running at a time (its singletonKey); retried with backoff.
  options: { policy: "exclusive", retryLimit: 5, retryDelay: 60, retryBackoff: true },
};

import { eq, sql } from "drizzle-orm";
import { audienceIdFor } from "#db/audiences";
import { db } from "#db/client.server";
import {
  requestComments,
  requestCounters,
  requestEvents,
  requests,
  type RequestCommentAudience,
  type RequestEventKind,
  type RequestPriority,
  type RequestStatus,
  type RequestType,
} from "#db/schema";
import type { Actor, AppAbility } from "#policies/ability";
import {
  discardStored,
  insertDocuments,
  mayCreateDocuments,
  storeFiles,
} from "~/features/documents/index.server";
import type { PolicyProject } from "~/features/sharing/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import type { ReceivedFile } from "~/kernel/files/upload.server";
import type { RenderedRichText } from "~/kernel/rich-text/rich-text.server";
import { NOTHING_DUE, refreshDueDates } from "./request-clock.server";
import { notifyRequestComment, notifyRequestStatus } from "./request-mail.server";
import { requestSettings } from "./request-settings.server";
import { commentSubject, requestSubject, type StoredRequest } from "./request-subject.server";
import { formatReference, isReopen, nextStatuses } from "./workflow";

type Tx = Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0];

/** A write the policy does not allow, or one the request's state rules out (with a reason). */
export class RequestWriteDenied extends Error {
  override name = "RequestWriteDenied";
  constructor(
    readonly reason: "denied" | "notNext" | "noPartner" | "notAMember" | "sameValue" = "denied",
  ) {
    super(reason);
  }
}

/** Who writes: the policy's actor, their abilities, and the audit log's actor. */
export type RequestWriter = { ability: AppAbility; actor: Actor; auditActor: AuditActor };

async function nextReference(tx: Tx, at: Date) {
  const year = at.getUTCFullYear();
  const [row] = await tx
    .insert(requestCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: requestCounters.year,
      set: { last: sql`${requestCounters.last} + 1` },
    })
    .returning({ last: requestCounters.last });
  return formatReference(year, row!.last);
}

async function addEvent(
  tx: Tx,
  writer: RequestWriter,
  requestId: string,
  kind: RequestEventKind,
  values: { from?: string | null; to?: string | null; reason?: string; at?: Date },
) {
  const [row] = await tx
    .insert(requestEvents)
    .values({
      requestId,
      kind,
      fromValue: values.from ?? null,
      toValue: values.to ?? null,
      reason: values.reason ?? "",
      actorId: writer.actor.id,
      actorOrganizationId: writer.actor.organizationId,
      ...(values.at ? { at: values.at } : {}),
    })
    .returning({ id: requestEvents.id });
  return row!.id;
}

/** Runs `write` in a transaction with the files stored first; stored files go if it fails. */
async function withStoredFiles<T>(
  files: ReceivedFile[],
  write: (tx: Tx, stored: Awaited<ReturnType<typeof storeFiles>>) => Promise<T>,
) {
  const stored = files.length ? await storeFiles(files) : [];
  try {
    return await db().transaction((tx) => write(tx, stored));
  } catch (error) {
    await discardStored(stored);
    throw error;
  }
}

export type OpenRequestInput = {
  type: RequestType;
  priority: RequestPriority;
  title: string;
  description: RenderedRichText;
  /** The call, letter or email it came from (host staff opening it on the customer's behalf). */
  sourceEntryId?: string | null;
};

/** Opens a request for the project's customer, with the files it came with, in one transaction. */
export async function openRequest(
  writer: RequestWriter,
  project: PolicyProject,
  input: OpenRequestInput,
  files: ReceivedFile[] = [],
  at = new Date(),
) {
  const fields = {
    organizationId: project.accountId,
    assignedOrganizationId: null,
    status: "new",
    type: input.type,
    priority: input.priority,
  };
  if (!writer.ability.can("create", requestSubject(project, fields))) {
    throw new RequestWriteDenied();
  }
  const attachmentInput = {
    audience: "internal" as const,
    audienceOrganizationIds: [],
    requestId: "00000000-0000-0000-0000-000000000000",
    request: { organizationId: project.accountId, assignedOrganizationId: null },
  };
  if (files.length && !mayCreateDocuments(writer.ability, writer.actor, project, attachmentInput)) {
    throw new RequestWriteDenied();
  }
  return withStoredFiles(files, async (tx, stored) => {
    const reference = await nextReference(tx, at);
    const [row] = await tx
      .insert(requests)
      .values({
        reference,
        projectId: project.id,
        organizationId: project.accountId,
        type: input.type,
        priority: input.priority,
        title: input.title,
        description: input.description.doc,
        descriptionHtml: input.description.html,
        descriptionText: input.description.text,
        openedById: writer.actor.id,
        openedByOrganizationId: writer.actor.organizationId,
        sourceEntryId: input.sourceEntryId ?? null,
        ownerId: project.ownerId,
        dueRank: NOTHING_DUE,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: requests.id });
    const requestId = row!.id;
    await addEvent(tx, writer, requestId, "opened", {
      to: JSON.stringify({ type: input.type, priority: input.priority }),
      at,
    });
    await recordAudit(
      writer.auditActor,
      {
        action: "request.opened",
        subjectType: "Request",
        subjectId: requestId,
        projectId: project.id,
        details: {
          reference,
          type: input.type,
          priority: input.priority,
          ...(input.sourceEntryId ? { sourceEntryId: input.sourceEntryId } : {}),
          ...(stored.length ? { attachments: stored.length } : {}),
        },
      },
      tx,
    );
    if (stored.length) {
      await insertDocuments(tx, writer.actor, writer.auditActor, project, stored, {
        ...attachmentInput,
        requestId,
      });
    }
    await refreshDueDates(tx, requestId, at);
    return { id: requestId, reference };
  });
}

/**
 * A reply or note on a request. A customer's public reply to a request waiting on them puts it
 * back in progress: the ball is in the host's court again.
 */
export async function commentOnRequest(
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  input: {
    audience: RequestCommentAudience;
    body: RenderedRichText;
    /** A reply that came by email: its Message-ID (one reply per mail) and where it came from. */
    email?: { messageId: string };
  },
  at = new Date(),
) {
  const { ability, actor } = writer;
  if (
    !ability.can("comment", requestSubject(project, request)) ||
    !ability.can("create", commentSubject(project, request, input.audience))
  ) {
    throw new RequestWriteDenied();
  }
  if (input.audience === "partners" && !request.assignedOrganizationId) {
    throw new RequestWriteDenied("noPartner");
  }
  const customerAnswers =
    input.audience === "all_members" &&
    actor.organizationId === request.organizationId &&
    request.status === "waiting_on_customer";
  const written = await db().transaction(async (tx) => {
    const audienceId = await audienceIdFor(tx, input.audience);
    const [row] = await tx
      .insert(requestComments)
      .values({
        requestId: request.id,
        authorId: actor.id,
        authorOrganizationId: actor.organizationId,
        audienceId,
        body: input.body.doc,
        bodyHtml: input.body.html,
        bodyText: input.body.text,
        messageId: input.email?.messageId ?? null,
        createdAt: at,
      })
      .returning({ id: requestComments.id });
    await recordAudit(
      writer.auditActor,
      {
        action: "request.commented",
        subjectType: "RequestComment",
        subjectId: row!.id,
        projectId: project.id,
        details: {
          requestId: request.id,
          audience: input.audience,
          ...(input.email ? { source: "email" } : {}),
        },
        ...(input.email ? { personal: { messageId: input.email.messageId } } : {}),
      },
      tx,
    );
    let statusEventId: string | undefined;
    if (customerAnswers) {
      statusEventId = await moveStatus(tx, writer, project, request, "in_progress", "", at);
    } else {
      await tx.update(requests).set({ updatedAt: at }).where(eq(requests.id, request.id));
    }
    await refreshDueDates(tx, request.id, at);
    return { commentId: row!.id, statusEventId };
  });
  // Committed: the emails go through the job queue.
  await notifyRequestComment(request.id, written.commentId, input.audience);
  if (written.statusEventId) await notifyRequestStatus(request.id, written.statusEventId);
  return written.commentId;
}

async function moveStatus(
  tx: Tx,
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  to: RequestStatus,
  reason: string,
  at: Date,
) {
  const reopening = isReopen(request.status, to);
  const { reopenWindowDays } = await requestSettings(tx);
  const windowEnd = new Date(at.getTime() + reopenWindowDays * 24 * 60 * 60 * 1000);
  await tx
    .update(requests)
    .set({
      status: to,
      updatedAt: at,
      ...(to === "resolved" ? { resolvedAt: at, reopenableUntil: windowEnd } : {}),
      // Closed without a resolution first: the window runs from the close.
      ...(to === "closed" && request.status !== "resolved" ? { reopenableUntil: windowEnd } : {}),
      // A reopened request asks for a new rating once it is resolved again.
      ...(reopening
        ? { reopenableUntil: null, rating: null, ratingComment: "", ratedAt: null }
        : {}),
    })
    .where(eq(requests.id, request.id));
  const eventId = await addEvent(tx, writer, request.id, "status", {
    from: request.status,
    to,
    reason,
    at,
  });
  await recordAudit(
    writer.auditActor,
    {
      action: reopening ? "request.reopened" : "request.status_changed",
      subjectType: "Request",
      subjectId: request.id,
      projectId: project.id,
      details: { from: request.status, to },
      ...(reason ? { personal: { reason } } : {}),
    },
    tx,
  );
  return eventId;
}

/** Moves the request to another status, as the workflow and the policy allow. */
export async function transitionRequest(
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  to: RequestStatus,
  reason: string,
  at = new Date(),
) {
  if (!nextStatuses(request.status).includes(to)) throw new RequestWriteDenied("notNext");
  if (!writer.ability.can("transition", requestSubject(project, request), to)) {
    throw new RequestWriteDenied();
  }
  const eventId = await db().transaction(async (tx) => {
    const id = await moveStatus(tx, writer, project, request, to, reason, at);
    await refreshDueDates(tx, request.id, at);
    return id;
  });
  await notifyRequestStatus(request.id, eventId);
}

/** The partner organisations a request can be handed to: live partner members of the project. */
export function assignableOrganizations(project: PolicyProject) {
  return project.liveMemberships
    .filter((row) => row.organizationKind === "partner")
    .map((row) => ({ id: row.membership.organizationId, name: row.organizationName }));
}

/** Hands the request to a partner organisation of the project, or back to the host (null). */
export async function assignRequest(
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  organizationId: string | null,
  at = new Date(),
) {
  if (!writer.ability.can("assign", requestSubject(project, request))) {
    throw new RequestWriteDenied();
  }
  if (organizationId === request.assignedOrganizationId) throw new RequestWriteDenied("sameValue");
  if (
    organizationId &&
    !assignableOrganizations(project).some((organization) => organization.id === organizationId)
  ) {
    throw new RequestWriteDenied("notAMember");
  }
  await db().transaction(async (tx) => {
    await tx
      .update(requests)
      .set({ assignedOrganizationId: organizationId, updatedAt: at })
      .where(eq(requests.id, request.id));
    await addEvent(tx, writer, request.id, "assigned", {
      from: request.assignedOrganizationId,
      to: organizationId,
      at,
    });
    await recordAudit(
      writer.auditActor,
      {
        action: organizationId ? "request.assigned" : "request.unassigned",
        subjectType: "Request",
        subjectId: request.id,
        projectId: project.id,
        details: { from: request.assignedOrganizationId, to: organizationId },
      },
      tx,
    );
    await refreshDueDates(tx, request.id, at);
  });
}

export type RequestChanges = { priority?: RequestPriority; type?: RequestType; ownerId?: string };

/** Changes the request's priority, type or owner; each change is a line of its history. */
export async function changeRequest(
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  changes: RequestChanges,
  at = new Date(),
) {
  if (!writer.ability.can("update", requestSubject(project, request))) {
    throw new RequestWriteDenied();
  }
  const changed = (["priority", "type", "ownerId"] as const).filter(
    (field) => changes[field] !== undefined && changes[field] !== request[field],
  );
  if (changed.length === 0) throw new RequestWriteDenied("sameValue");
  await db().transaction(async (tx) => {
    await tx
      .update(requests)
      .set({
        ...Object.fromEntries(changed.map((field) => [field, changes[field]])),
        updatedAt: at,
      })
      .where(eq(requests.id, request.id));
    for (const field of changed) {
      await addEvent(tx, writer, request.id, field === "ownerId" ? "owner" : field, {
        from: request[field],
        to: changes[field],
        at,
      });
    }
    await recordAudit(
      writer.auditActor,
      {
        action: "request.updated",
        subjectType: "Request",
        subjectId: request.id,
        projectId: project.id,
        details: Object.fromEntries(
          changed.map((field) => [field, { from: request[field], to: changes[field] }]),
        ),
      },
      tx,
    );
    await refreshDueDates(tx, request.id, at);
  });
}

/** The customer's rating of a resolution: 1 to 5 stars and an optional comment. */
export async function rateRequest(
  writer: RequestWriter,
  project: PolicyProject,
  request: StoredRequest,
  input: { rating: number; comment: string },
  at = new Date(),
) {
  if (!writer.ability.can("rate", requestSubject(project, request))) {
    throw new RequestWriteDenied();
  }
  await db().transaction(async (tx) => {
    await tx
      .update(requests)
      .set({ rating: input.rating, ratingComment: input.comment, ratedAt: at, updatedAt: at })
      .where(eq(requests.id, request.id));
    await addEvent(tx, writer, request.id, "rated", {
      to: String(input.rating),
      reason: input.comment,
      at,
    });
    await recordAudit(
      writer.auditActor,
      {
        action: "request.rated",
        subjectType: "Request",
        subjectId: request.id,
        projectId: project.id,
        details: { rating: input.rating, commented: input.comment.length > 0 },
      },
      tx,
    );
  });
}

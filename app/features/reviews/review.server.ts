import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Database } from "#db/client.server";
import {
  accessReviewItems,
  accessReviews,
  memberships,
  membershipUsers,
  organizations,
  projects,
  users,
} from "#db/schema";
import type { ReviewDecision, ReviewDefault, ReviewScope } from "#db/schema/values";
import { subject, type AppAbility } from "#policies/ability";
import { accessibleWhere } from "#policies/to-sql";
import {
  membershipSubject,
  revokeMembership,
  updateMembership,
} from "~/features/projects/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { isUuid } from "~/kernel/query-input";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import type { DecisionInput, ReviewInput } from "./review-input.server";

const reviewers = alias(users, "reviewer");
const deciders = alias(users, "decider");

/**
 * The live external memberships a review of this scope covers, each with the person who
 * decides it: the review's named reviewer, or the project's owner.
 */
function membershipsInScope(
  database: Database,
  scope: ReviewScope,
  scopeId: string | null,
  reviewerId: string | null,
) {
  const inScope: Record<ReviewScope, SQL | undefined> = {
    all: undefined,
    project: eq(memberships.projectId, scopeId ?? ""),
    account: eq(projects.accountId, scopeId ?? ""),
    organization: eq(memberships.organizationId, scopeId ?? ""),
  };
  return database
    .select({
      membershipId: memberships.id,
      projectId: memberships.projectId,
      organizationId: memberships.organizationId,
      reviewerId: reviewerId ? sql<string>`${reviewerId}::uuid` : projects.ownerId,
      accessAtStart: memberships.access,
      sectionsAtStart: memberships.sections,
    })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        isNull(memberships.revokedAt),
        sql`(${memberships.expiresAt} is null or ${memberships.expiresAt} > now())`,
        sql`${organizations.kind} <> 'host'`,
        inScope[scope],
      ),
    );
}

/** Starts a review: every membership in scope becomes an item for its reviewer. */
export async function startReview(actor: AuditActor & { userId: string }, input: ReviewInput) {
  return db().transaction(async (tx) => {
    const items = await membershipsInScope(tx, input.scope, input.scopeId, input.reviewerId);
    if (items.length === 0) return { empty: true as const };
    const [review] = await tx
      .insert(accessReviews)
      .values({
        title: input.title,
        scope: input.scope,
        scopeId: input.scopeId,
        reviewerId: input.reviewerId,
        dueOn: input.dueOn,
        defaultDecision: input.defaultDecision,
        createdById: actor.userId,
      })
      .returning();
    await tx
      .insert(accessReviewItems)
      .values(items.map((item) => ({ ...item, reviewId: review!.id })));
    await recordAudit(
      actor,
      {
        action: "access_review.started",
        subjectType: "AccessReview",
        subjectId: review!.id,
        details: {
          scope: input.scope,
          scopeId: input.scopeId,
          dueOn: input.dueOn,
          defaultDecision: input.defaultDecision,
          items: items.length,
        },
      },
      tx,
    );
    return { empty: false as const, review: review!, items: items.length };
  });
}

/** Decided and all items of each review, as the reader may read them. */
function progressColumns(ability: AppAbility) {
  const readable = accessibleWhere(ability, "read", "AccessReviewItem");
  return {
    total: sql<number>`(select count(*)::int from ${accessReviewItems}
      where ${accessReviewItems.reviewId} = ${accessReviews.id} and ${readable})`,
    decided: sql<number>`(select count(*)::int from ${accessReviewItems}
      where ${accessReviewItems.reviewId} = ${accessReviews.id} and ${readable}
        and ${accessReviewItems.decision} is not null)`,
  };
}

/** The reviews the reader may open, open ones first, newest first. */
export async function listReviews(ability: AppAbility) {
  return db()
    .select({
      id: accessReviews.id,
      title: accessReviews.title,
      scope: accessReviews.scope,
      dueOn: accessReviews.dueOn,
      defaultDecision: accessReviews.defaultDecision,
      closedAt: accessReviews.closedAt,
      createdAt: accessReviews.createdAt,
      ...progressColumns(ability),
    })
    .from(accessReviews)
    .where(accessibleWhere(ability, "read", "AccessReview"))
    .orderBy(sql`${accessReviews.closedAt} is not null`, desc(accessReviews.createdAt))
    .limit(100);
}

/** One review the reader may open, with the name of what it covers; undefined otherwise. */
export async function findReview(ability: AppAbility, reviewId: string) {
  if (!isUuid(reviewId)) return undefined;
  const [row] = await db()
    .select({
      review: accessReviews,
      reviewerName: reviewers.name,
      scopeName: sql<string | null>`coalesce(
        (select name from ${projects} where ${projects.id} = ${accessReviews.scopeId}),
        (select name from ${organizations} where ${organizations.id} = ${accessReviews.scopeId}))`,
      ...progressColumns(ability),
    })
    .from(accessReviews)
    .leftJoin(reviewers, eq(reviewers.id, accessReviews.reviewerId))
    .where(and(eq(accessReviews.id, reviewId), accessibleWhere(ability, "read", "AccessReview")));
  return row;
}

export type FoundReview = NonNullable<Awaited<ReturnType<typeof findReview>>>;

/** The membership as it stands now beside the item: its present scope, or that it is gone. */
const itemColumns = {
  item: accessReviewItems,
  projectName: projects.name,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  reviewerName: reviewers.name,
  reviewerDisabledAt: reviewers.disabledAt,
  deciderName: deciders.name,
  access: memberships.access,
  sections: memberships.sections,
  expiresAt: memberships.expiresAt,
  revokedAt: memberships.revokedAt,
  people: sql<{ id: string; name: string }[]>`coalesce((
    select json_agg(json_build_object('id', mu.id, 'name', mu.name) order by mu.name)
    from ${membershipUsers} inner join ${users} mu on mu.id = ${membershipUsers.userId}
    where ${membershipUsers.membershipId} = ${memberships.id}), '[]'::json)`,
};

function itemsQuery() {
  return db()
    .select(itemColumns)
    .from(accessReviewItems)
    .innerJoin(memberships, eq(memberships.id, accessReviewItems.membershipId))
    .innerJoin(projects, eq(projects.id, accessReviewItems.projectId))
    .innerJoin(organizations, eq(organizations.id, accessReviewItems.organizationId))
    .innerJoin(reviewers, eq(reviewers.id, accessReviewItems.reviewerId))
    .leftJoin(deciders, eq(deciders.id, accessReviewItems.decidedById));
}

/** The review's items the reader may read, by project and organisation. */
export async function listReviewItems(ability: AppAbility, reviewId: string) {
  return itemsQuery()
    .where(
      and(
        eq(accessReviewItems.reviewId, reviewId),
        accessibleWhere(ability, "read", "AccessReviewItem"),
      ),
    )
    .orderBy(asc(projects.name), asc(organizations.name), asc(accessReviewItems.id));
}

export type ReviewItemRow = Awaited<ReturnType<typeof listReviewItems>>[number];

export class ReviewClosed extends Error {}
export class MembershipGone extends Error {}
/** A change that gives more than the membership had when the review began. */
export class WidensAccess extends Error {}

/** Would this change give more access or more sections than the review began with? */
function widens(
  item: { accessAtStart: string; sectionsAtStart: string[] },
  input: Pick<DecisionInput, "access" | "sections">,
) {
  return (
    (input.access === "contribute" && item.accessAtStart !== "contribute") ||
    (input.sections ?? []).some((section) => !item.sectionsAtStart.includes(section))
  );
}

/**
 * A reviewer's decision, applied at once: the membership stays, gets the new scope, or is
 * revoked, in the same transaction as the decision and its audit event. A decided item is final.
 */
export async function decideItem(
  ability: AppAbility,
  actor: AuditActor & { userId: string },
  reviewId: string,
  itemId: string,
  input: DecisionInput,
) {
  if (!isUuid(itemId) || !isUuid(reviewId)) return undefined;
  const [found] = await db()
    .select({
      item: accessReviewItems,
      review: accessReviews,
      membership: memberships,
      projectName: projects.name,
      ownerId: projects.ownerId,
      organizationName: organizations.name,
    })
    .from(accessReviewItems)
    .innerJoin(accessReviews, eq(accessReviews.id, accessReviewItems.reviewId))
    .innerJoin(memberships, eq(memberships.id, accessReviewItems.membershipId))
    .innerJoin(projects, eq(projects.id, accessReviewItems.projectId))
    .innerJoin(organizations, eq(organizations.id, accessReviewItems.organizationId))
    .where(
      and(
        eq(accessReviewItems.id, itemId),
        eq(accessReviewItems.reviewId, reviewId),
        accessibleWhere(ability, "read", "AccessReviewItem"),
      ),
    );
  if (!found || !ability.can("update", subject("AccessReviewItem", found.item))) return undefined;
  if (found.review.closedAt || found.item.decision) throw new ReviewClosed();
  if (found.membership.revokedAt) throw new MembershipGone();
  if (input.decision === "change" && widens(found.item, input)) {
    // Recertifying may take access away; giving more is the project's owner's to decide.
    const project = { id: found.membership.projectId, ownerId: found.ownerId };
    if (!ability.can("manage", membershipSubject(project, found.membership)))
      throw new WidensAccess();
  }
  await db().transaction(async (tx) => {
    // The review's row is the lock a closing takes too: a decision and a close never interleave.
    const [review] = await tx
      .select({ closedAt: accessReviews.closedAt })
      .from(accessReviews)
      .where(eq(accessReviews.id, reviewId))
      .for("update");
    if (!review || review.closedAt) throw new ReviewClosed();
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(eq(memberships.id, found.membership.id))
      .for("update");
    if (!membership || membership.revokedAt) throw new MembershipGone();
    // Only the first of two simultaneous decisions counts.
    const [claimed] = await tx
      .update(accessReviewItems)
      .set({
        decision: input.decision,
        justification: input.justification,
        decidedById: actor.userId,
        decidedAt: new Date(),
      })
      .where(and(eq(accessReviewItems.id, itemId), isNull(accessReviewItems.decision)))
      .returning({ id: accessReviewItems.id });
    if (!claimed) throw new ReviewClosed();
    await applyDecision(tx, membership, input, actor);
    await recordAudit(
      actor,
      {
        action: "access_review.decided",
        subjectType: "Membership",
        subjectId: found.membership.id,
        projectId: found.membership.projectId,
        details: {
          reviewId: found.review.id,
          decision: input.decision,
        },
        personal: { justification: input.justification },
      },
      tx,
    );
  });
  return found;
}

async function applyDecision(
  tx: Database,
  membership: typeof memberships.$inferSelect,
  input: {
    decision: ReviewDecision;
    access?: DecisionInput["access"];
    sections?: DecisionInput["sections"];
  },
  actor: AuditActor,
) {
  if (input.decision === "revoke") return revokeMembership(membership, actor, tx);
  if (input.decision !== "change") return;
  const named = await tx
    .select({ userId: membershipUsers.userId })
    .from(membershipUsers)
    .where(eq(membershipUsers.membershipId, membership.id));
  await updateMembership(
    membership,
    {
      access: input.access ?? membership.access,
      sections: input.sections ?? membership.sections,
      expiresAt: membership.expiresAt,
      userIds: named.map((row) => row.userId),
    },
    actor,
    tx,
  );
}

/**
 * Closes a review: every item nobody decided follows the review's default (kept, or revoked),
 * marked as such. `actor` is whoever closed it; the daily job closes overdue reviews as Ambit.
 */
export async function closeReview(reviewId: string, actor: AuditActor & { userId: string | null }) {
  return db().transaction(async (tx) => {
    const [review] = await tx
      .update(accessReviews)
      .set({ closedAt: new Date(), closedById: actor.userId })
      .where(and(eq(accessReviews.id, reviewId), isNull(accessReviews.closedAt)))
      .returning();
    if (!review) return undefined;
    const decision: ReviewDefault = review.defaultDecision;
    // A membership revoked outside the review meanwhile is no one's default: it says revoked,
    // decided by nobody, when it was revoked.
    await tx.execute(sql`update ${accessReviewItems} set decision = 'revoke',
        decided_at = ${memberships.revokedAt}
      from ${memberships}
      where ${memberships.id} = ${accessReviewItems.membershipId}
        and ${accessReviewItems.reviewId} = ${reviewId} and ${accessReviewItems.decision} is null
        and ${memberships.revokedAt} is not null`);
    // Exactly the items still undecided now: a decision that won the review's lock first stays.
    const defaulted = await tx
      .update(accessReviewItems)
      .set({ decision, defaulted: true, decidedAt: new Date() })
      .where(and(eq(accessReviewItems.reviewId, reviewId), isNull(accessReviewItems.decision)))
      .returning({ membershipId: accessReviewItems.membershipId });
    if (decision === "revoke" && defaulted.length) {
      const live = await tx
        .select()
        .from(memberships)
        .where(
          and(
            inArray(
              memberships.id,
              defaulted.map((row) => row.membershipId),
            ),
            isNull(memberships.revokedAt),
          ),
        )
        .for("update");
      for (const membership of live) await revokeMembership(membership, actor, tx);
    }
    await recordAudit(
      actor,
      {
        action: "access_review.closed",
        subjectType: "AccessReview",
        subjectId: reviewId,
        details: { defaulted: defaulted.length, defaultDecision: decision },
      },
      tx,
    );
    return { review, defaulted: defaulted.length };
  });
}

/** Open reviews whose last day has passed in the host's calendar. */
export async function overdueReviews(now = new Date()) {
  const today = calendarDayIn(now, HOST_TIME_ZONE);
  return db()
    .select({ id: accessReviews.id })
    .from(accessReviews)
    .where(and(isNull(accessReviews.closedAt), sql`${accessReviews.dueOn} < ${today}::date`));
}

/** Open reviews and the items still undecided in them, for the console. */
export async function openReviewFigures() {
  const [row] = await db()
    .select({
      reviews: count(sql`distinct ${accessReviews.id}`),
      undecided: sql<number>`count(${accessReviewItems.id}) filter (where ${accessReviewItems.decision} is null)::int`,
    })
    .from(accessReviews)
    .leftJoin(accessReviewItems, eq(accessReviewItems.reviewId, accessReviews.id))
    .where(isNull(accessReviews.closedAt));
  return { reviews: Number(row?.reviews ?? 0), undecided: Number(row?.undecided ?? 0) };
}

/** The items of several reviews a reviewer has still to decide, for their home page. */
export async function undecidedFor(ability: AppAbility, userId: string) {
  return db()
    .select({
      reviewId: accessReviews.id,
      title: accessReviews.title,
      dueOn: accessReviews.dueOn,
      undecided: count(accessReviewItems.id),
    })
    .from(accessReviewItems)
    .innerJoin(accessReviews, eq(accessReviews.id, accessReviewItems.reviewId))
    .where(
      and(
        eq(accessReviewItems.reviewerId, userId),
        isNull(accessReviewItems.decision),
        isNull(accessReviews.closedAt),
        accessibleWhere(ability, "read", "AccessReviewItem"),
      ),
    )
    .groupBy(accessReviews.id, accessReviews.title, accessReviews.dueOn)
    .orderBy(asc(accessReviews.dueOn));
}

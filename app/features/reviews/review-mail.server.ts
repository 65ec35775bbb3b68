import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { createElement } from "react";
import { db } from "#db/client.server";
import { accessReviewItems, accessReviews, users } from "#db/schema";
import { AccessReviewEmail, accessReviewSubject } from "#emails/access-review";
import { translatorFor } from "~/i18n";
import { formatDay } from "~/kernel/day-input";
import { env } from "~/kernel/env.server";
import { enqueueJob, type JobWorker } from "~/kernel/jobs/jobs.server";
import { recipientLocaleOf } from "~/kernel/locale.server";
import { logger } from "~/kernel/logger.server";
import { sendMail, type MailTransport } from "~/kernel/mail/mail.server";
import { isUuid } from "~/kernel/query-input";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import { closeReview, overdueReviews } from "./review.server";

/** Reviewers are reminded once more this many days before the last day. */
export const REMIND_DAYS_BEFORE = 3;

/** Ambit itself, closing a review on its due day. */
const SYSTEM = { userId: null, organizationId: null, ip: null, userAgent: null };

/**
 * Emails every reviewer who has memberships left to decide: once when a review starts, and once
 * more when its last day is near. Each reviewer gets one message per review, in their language.
 */
export async function remindReviewers(
  options: { reviewId?: string; now?: Date; transport?: MailTransport } = {},
) {
  const now = options.now ?? new Date();
  const today = calendarDayIn(now, HOST_TIME_ZONE);
  const nearDue = sql`${accessReviews.dueOn} - ${REMIND_DAYS_BEFORE}::int <= ${today}::date`;
  // Told at the start, and not since the last days began.
  const needsMessage = or(
    isNull(accessReviewItems.remindedAt),
    and(
      nearDue,
      sql`${accessReviewItems.remindedAt} < (${accessReviews.dueOn} - ${REMIND_DAYS_BEFORE}::int)::timestamp at time zone ${HOST_TIME_ZONE}`,
    ),
  );
  const rows = await db()
    .select({
      reviewId: accessReviews.id,
      title: accessReviews.title,
      dueOn: accessReviews.dueOn,
      defaultDecision: accessReviews.defaultDecision,
      reviewer: users,
      items: sql<string[]>`array_agg(${accessReviewItems.id})`,
      reminder: sql<boolean>`bool_and(${accessReviewItems.remindedAt} is not null)`,
    })
    .from(accessReviewItems)
    .innerJoin(accessReviews, eq(accessReviews.id, accessReviewItems.reviewId))
    .innerJoin(users, eq(users.id, accessReviewItems.reviewerId))
    .where(
      and(
        isNull(accessReviews.closedAt),
        isNull(accessReviewItems.decision),
        isNull(users.disabledAt),
        needsMessage,
        options.reviewId ? eq(accessReviews.id, options.reviewId) : undefined,
      ),
    )
    .groupBy(accessReviews.id, users.id);
  let sent = 0;
  for (const row of rows) {
    const { language } = await recipientLocaleOf(row.reviewer);
    const t = translatorFor(language);
    const fields = {
      title: row.title,
      dueDate: formatDay(row.dueOn, language),
      reminder: row.reminder,
    };
    const mail = await sendMail(
      {
        template: "access-review",
        to: row.reviewer.email,
        subject: accessReviewSubject(t, fields),
        body: createElement(AccessReviewEmail, {
          t,
          language,
          name: row.reviewer.name,
          count: row.items.length,
          defaultDecision: row.defaultDecision,
          reviewUrl: `${env().APP_URL}/reviews/${row.reviewId}`,
          ...fields,
        }),
      },
      options.transport,
    );
    if (mail.status === "failed") continue;
    await db()
      .update(accessReviewItems)
      .set({ remindedAt: now })
      .where(inArray(accessReviewItems.id, row.items));
    sent += 1;
  }
  return { sent };
}

/** The daily round: reviews past their last day close (their default applies), then reminders. */
export async function runReviewRound(now = new Date(), transport?: MailTransport) {
  let closed = 0;
  for (const { id } of await overdueReviews(now)) {
    if (await closeReview(id, SYSTEM)) closed += 1;
  }
  const { sent } = await remindReviewers({ now, transport });
  return { closed, sent };
}

export const ACCESS_REVIEW_MAIL = "access-review-mail";
export const ACCESS_REVIEW_ROUND = "access-review-round";

/** After a review starts: its reviewers hear of it right away, not at the next daily round. */
export async function announceReview(reviewId: string) {
  try {
    await enqueueJob(ACCESS_REVIEW_MAIL, { reviewId }, { singletonKey: reviewId });
  } catch (error) {
    // The review stands; the daily round tells its reviewers instead.
    logger.error({ err: error, reviewId }, "access review announcement not queued");
  }
}

export const accessReviewMailWorker: JobWorker = {
  name: ACCESS_REVIEW_MAIL,
  handler: async (data) => {
    const reviewId = (data as { reviewId?: unknown } | null)?.reviewId;
    if (typeof reviewId === "string" && isUuid(reviewId)) await remindReviewers({ reviewId });
  },
};

export const accessReviewRoundWorker: JobWorker = {
  name: ACCESS_REVIEW_ROUND,
  handler: async () => {
    await runReviewRound();
  },
  // Early every morning, before the host's working day.
  schedule: "15 4 * * *",
};

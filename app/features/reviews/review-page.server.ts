import { subject, type AppAbility } from "#policies/ability";
import { dormantAfterDays, dormantExternalUsers } from "./access-hygiene.server";
import { listReviewItems, type FoundReview } from "./review.server";
import type { ReviewItemView, ReviewView } from "./types";

/** A review's page: its facts, and each membership the reader may read with its dormant users. */
export async function reviewPageData(ability: AppAbility, found: FoundReview) {
  const [items, days] = await Promise.all([
    listReviewItems(ability, found.review.id),
    dormantAfterDays(),
  ]);
  const organizationIds = [...new Set(items.map((row) => row.item.organizationId))];
  const dormant = organizationIds.length
    ? await dormantExternalUsers(ability, days, { organizationIds })
    : [];
  const dormantOf = (organizationId: string) =>
    dormant.filter((user) => user.organizationId === organizationId).map((user) => user.name);
  const review: ReviewView = {
    id: found.review.id,
    title: found.review.title,
    scope: found.review.scope,
    scopeName: found.scopeName,
    reviewerName: found.reviewerName,
    dueOn: found.review.dueOn,
    defaultDecision: found.review.defaultDecision,
    closedAt: found.review.closedAt?.toISOString() ?? null,
    total: found.total,
    decided: found.decided,
    mayClose: ability.can("update", subject("AccessReview", found.review)),
  };
  return {
    review,
    items: items.map((row): ReviewItemView => ({
      id: row.item.id,
      projectId: row.item.projectId,
      projectName: row.projectName,
      organizationName: row.organizationName,
      reviewerName: row.reviewerName,
      reviewerDisabled: row.reviewerDisabledAt !== null,
      atStart: { access: row.item.accessAtStart, sections: row.item.sectionsAtStart },
      now: {
        access: row.access,
        sections: row.sections,
        revokedAt: row.revokedAt?.toISOString() ?? null,
      },
      people: row.people.map((person) => person.name),
      dormant: dormantOf(row.item.organizationId),
      decision: row.item.decision,
      defaulted: row.item.defaulted,
      justification: row.item.justification,
      deciderName: row.deciderName,
      decidedAt: row.item.decidedAt?.toISOString() ?? null,
      mayDecide: ability.can("update", subject("AccessReviewItem", row.item)),
    })),
  };
}

import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import type { AppAbility } from "#policies/ability";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { listReviewItems, type FoundReview } from "./review.server";

const COLUMNS = [
  "project",
  "organisation",
  "reviewer",
  "access_at_start",
  "sections_at_start",
  "decision",
  "by_default",
  "justification",
  "decided_by",
  "decided_at_utc",
  "access_now",
  "sections_now",
  "revoked_at_utc",
];

/**
 * The review's report: every membership the reader may read in it, what it was, what was decided,
 * by whom and why, and what it is now. As CSV with a byte order mark; the export is audited.
 */
export async function reviewReportCsv(
  reader: { ability: AppAbility; auditActor: AuditActor },
  found: FoundReview,
  t: TFunction,
) {
  const items = await listReviewItems(reader.ability, found.review.id);
  await recordAudit(reader.auditActor, {
    action: "access_review.exported",
    subjectType: "AccessReview",
    subjectId: found.review.id,
    details: { format: "csv", rows: items.length },
  });
  const section = (name: string) => t(`projects.sections.${name}`);
  const rows = items.map((row) => [
    row.projectName,
    row.organizationName,
    row.reviewerName,
    t(`projects.overview.accessLevel.${row.item.accessAtStart}`),
    row.item.sectionsAtStart.map(section).join(", "),
    row.item.decision ? t(`reviews.decisions.${row.item.decision}`) : "",
    row.item.defaulted ? t("reviews.report.yes") : "",
    row.item.justification ?? "",
    row.deciderName ?? "",
    row.item.decidedAt?.toISOString() ?? "",
    t(`projects.overview.accessLevel.${row.access}`),
    row.sections.map(section).join(", "),
    row.revokedAt?.toISOString() ?? "",
  ]);
  // Formulas are escaped: a justification is typed by people, and spreadsheets run formulas.
  return `\uFEFF${stringify([COLUMNS, ...rows], { escape_formulas: true })}`;
}

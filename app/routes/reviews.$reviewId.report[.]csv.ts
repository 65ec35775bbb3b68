import type { LoaderFunctionArgs } from "@remix-run/node";
import { findReview, reviewReportCsv } from "~/features/reviews/index.server";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";

/** An access review's report: each membership the reader may read in it, as CSV. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const found = await findReview(viewer.ability, params.reviewId ?? "");
  if (!found) notFound();
  const csv = await reviewReportCsv(viewer, found, await translatorOf(request, context));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="access-review-${found.review.dueOn}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

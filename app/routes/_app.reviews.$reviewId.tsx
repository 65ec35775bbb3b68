import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { ReviewPage } from "~/features/reviews";
import {
  closeReview,
  decideItem,
  decisionSchema,
  findReview,
  MembershipGone,
  ReviewClosed,
  reviewPageData,
  WidensAccess,
} from "~/features/reviews/index.server";
import { subject } from "#policies/ability";
import { translatorOf } from "~/kernel/locale.server";
import { forbidden, notFound, requireAbility } from "~/kernel/permissions.server";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.review.title} · Ambit` : "Ambit" },
];

/** A review, for those who run it and for reviewers (who see only their own memberships). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  const found = await findReview(ability, params.reviewId ?? "");
  if (!found) notFound();
  return reviewPageData(ability, found);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ability, auditActor } = await requireAbility(request, context);
  const found = await findReview(ability, params.reviewId ?? "");
  if (!found) notFound();
  const t = await translatorOf(request, context);
  const form = await request.formData();
  const back = `/reviews/${found.review.id}`;

  if (form.get("intent") === "close") {
    if (!ability.can("update", subject("AccessReview", found.review))) {
      forbidden(t("reviews.errors.closeForbidden"));
    }
    const closed = await closeReview(found.review.id, auditActor);
    return redirectWithToast(back, {
      tone: closed ? "success" : "info",
      message: closed
        ? t("reviews.review.closedToast", { count: closed.defaulted })
        : t("reviews.review.alreadyClosed"),
    });
  }

  const submission = parseWithZod(form, { schema: decisionSchema(t) });
  const itemId = String(form.get("itemId") ?? "");
  if (submission.status !== "success") return { itemId, result: submission.reply() };
  try {
    const decided = await decideItem(
      ability,
      auditActor,
      found.review.id,
      itemId,
      submission.value,
    );
    if (!decided) notFound();
    return redirectWithToast(back, {
      tone: "success",
      message: t("reviews.review.decidedToast", {
        decision: t(`reviews.decided.${submission.value.decision}`),
        organization: decided.organizationName,
        project: decided.projectName,
      }),
    });
  } catch (error) {
    if (error instanceof WidensAccess) {
      const message = t("reviews.errors.widens");
      return { itemId, result: submission.reply({ fieldErrors: { sections: [message] } }) };
    }
    if (!(error instanceof ReviewClosed || error instanceof MembershipGone)) throw error;
    const message = t(
      error instanceof MembershipGone
        ? "reviews.errors.membershipGone"
        : "reviews.errors.alreadyDecided",
    );
    return { itemId, result: submission.reply({ formErrors: [message] }) };
  }
}

export default function Review() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ReviewPage review={data.review} items={data.items} lastDecision={actionData} />;
}

export const ErrorBoundary = RouteErrorBoundary;

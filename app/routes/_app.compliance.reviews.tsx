import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { DormantUsers, ReviewList, ReviewStartForm } from "~/features/reviews";
import {
  announceReview,
  disableDormantUser,
  dormantAfterDays,
  dormantExternalUsers,
  listReviews,
  organizationsWithAccess,
  reviewInputOf,
  reviewSchema,
  reviewChoices,
  revokeOrganizationEverywhere,
  startReview,
} from "~/features/reviews/index.server";
import { RevokeOrganization } from "~/features/reviews";
import { translatorOf } from "~/kernel/locale.server";
import { notFound, requireAbility } from "~/kernel/permissions.server";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import { redirectWithToast } from "~/kernel/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.metaTitle} · Ambit` : "Ambit" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ability } = await requireAbility(request, context);
  if (!ability.can("create", "AccessReview")) notFound();
  const t = await translatorOf(request, context);
  const days = await dormantAfterDays();
  const [reviews, choices, dormant] = await Promise.all([
    listReviews(ability),
    reviewChoices(ability),
    dormantExternalUsers(ability, days),
  ]);
  return {
    metaTitle: t("reviews.title"),
    today: calendarDayIn(new Date(), HOST_TIME_ZONE),
    reviews: reviews.map((row) => ({ ...row, closedAt: row.closedAt?.toISOString() ?? null })),
    choices,
    days,
    dormant: dormant.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      organizationName: row.organizationName,
      lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      mayDisable: row.mayDisable,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireAbility(request, context);
  const { ability, auditActor } = viewer;
  if (!ability.can("create", "AccessReview")) notFound();
  const t = await translatorOf(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = "/compliance/reviews";

  if (intent === "start") {
    const submission = parseWithZod(form, { schema: reviewSchema(t) });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const input = reviewInputOf(submission.value);
    const choices = await reviewChoices(ability);
    const known: Record<string, { id: string }[]> = {
      project: choices.projects,
      account: choices.accounts,
      organization: choices.organizations,
    };
    if (input.scopeId && !known[input.scope]!.some((row) => row.id === input.scopeId)) {
      return {
        intent,
        result: submission.reply({
          fieldErrors: { [input.scope]: [t("reviews.errors.scopeUnknown")] },
        }),
      };
    }
    if (input.reviewerId && !choices.reviewers.some((row) => row.id === input.reviewerId)) {
      return {
        intent,
        result: submission.reply({
          fieldErrors: { reviewerId: [t("reviews.errors.reviewerUnknown")] },
        }),
      };
    }
    const started = await startReview(auditActor, input);
    if (started.empty) {
      return { intent, result: submission.reply({ formErrors: [t("reviews.start.empty")] }) };
    }
    await announceReview(started.review.id);
    const count = started.items;
    return redirectWithToast(`/reviews/${started.review.id}`, {
      tone: "success",
      message: t("reviews.started", { title: input.title, count }),
    });
  }

  if (intent === "disable") {
    const userId = String(form.get("userId") ?? "");
    const disabled = await disableDormantUser(
      ability,
      auditActor,
      userId,
      await dormantAfterDays(),
    );
    return redirectWithToast(back, {
      tone: disabled ? "success" : "info",
      message: disabled
        ? t("reviews.dormant.disabled", { name: disabled.name })
        : t("reviews.dormant.notAllowed"),
    });
  }

  if (intent === "revoke-organization") {
    const organizationId = String(form.get("organizationId") ?? "");
    const organization = (await organizationsWithAccess(ability)).find(
      (row) => row.id === organizationId,
    );
    if (!organization) return { intent, error: t("reviews.revokeOrganization.required") };
    const revoked = await revokeOrganizationEverywhere(ability, auditActor, organizationId);
    return redirectWithToast(back, {
      tone: revoked?.length ? "success" : "info",
      message: revoked?.length
        ? t("reviews.revokeOrganization.done", {
            name: organization.name,
            projects: revoked.join(", "),
          })
        : t("reviews.revokeOrganization.nothing", { name: organization.name }),
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function AccessReviews() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ to: "/compliance", label: t("compliance.console.title") }}
        title={t("reviews.title")}
        intro={t("reviews.intro")}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start">
        <div className="flex flex-col gap-6">
          <ReviewList reviews={data.reviews} today={data.today} />
          <ReviewStartForm
            choices={data.choices}
            lastResult={actionData && "result" in actionData ? actionData.result : undefined}
          />
        </div>
        <div className="flex flex-col gap-6">
          <DormantUsers users={data.dormant} days={data.days} />
          <RevokeOrganization
            organizations={data.choices.organizations}
            error={actionData && "error" in actionData ? actionData.error : undefined}
          />
        </div>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

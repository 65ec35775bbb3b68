import { Form, Link } from "@remix-run/react";
import { Building2, ClipboardCheck, UserX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { formatCalendarDay, formatDayOfInstant, useFormatting } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField } from "~/components/ui/select-field";
import { Badge } from "~/features/projects";
import type { DormantUserView, ReviewChoices, ReviewListItem } from "../types";

/** The reviews the reader may open, open ones first, with how far each has come. */
export function ReviewList({ reviews, today }: { reviews: ReviewListItem[]; today: string }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const day = (value: string) => formatCalendarDay(value, locale);
  return (
    <Card title={t("reviews.list.title")}>
      {reviews.length === 0 ? (
        <p className="text-sm text-slate-600">{t("reviews.list.empty")}</p>
      ) : (
        <ul className="-my-3 divide-y divide-slate-100" data-testid="review-list">
          {reviews.map((review) => {
            const overdue = !review.closedAt && review.dueOn < today;
            return (
              <li key={review.id} className="flex items-start gap-3 py-3">
                <ClipboardCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <Link
                      to={`/reviews/${review.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {review.title}
                    </Link>
                    <Badge tone={review.closedAt ? "completed" : overdue ? "on_hold" : "active"}>
                      {t(
                        review.closedAt
                          ? "reviews.list.closed"
                          : overdue
                            ? "reviews.list.overdue"
                            : "reviews.list.open",
                      )}
                    </Badge>
                  </p>
                  <p className="text-sm text-slate-600">
                    {t(`reviews.start.scopes.${review.scope}`)} ·{" "}
                    {t("reviews.list.progress", { decided: review.decided, total: review.total })} ·{" "}
                    {review.closedAt
                      ? t("reviews.list.closedOn", {
                          date: formatDayOfInstant(review.closedAt, locale, timeZone),
                        })
                      : t("reviews.list.due", { date: day(review.dueOn) })}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** External users silent for longer than the setting, each with a one-step disable. */
export function DormantUsers({ users, days }: { users: DormantUserView[]; days: number }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormatting();
  const day = (iso: string) => formatDayOfInstant(iso, locale, timeZone);
  return (
    <Card
      title={t("reviews.dormant.title")}
      description={t("reviews.dormant.intro", { count: days })}
    >
      {users.length === 0 ? (
        <p className="text-sm text-slate-600">{t("reviews.dormant.none")}</p>
      ) : (
        <ul className="-my-3 divide-y divide-slate-100" data-testid="dormant-users">
          {users.map((user) => (
            <li key={user.id} className="flex flex-wrap items-center gap-3 py-3">
              <UserX aria-hidden className="size-5 shrink-0 text-amber-600" />
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium text-slate-900">
                  {user.name}{" "}
                  <span className="font-normal text-slate-500">· {user.organizationName}</span>
                </p>
                <p className="break-all text-slate-600">{user.email}</p>
                <p className="text-slate-600">
                  {user.lastSignInAt
                    ? t("reviews.dormant.lastSignIn", { date: day(user.lastSignInAt) })
                    : t("reviews.dormant.never", { date: day(user.createdAt) })}
                </p>
              </div>
              {user.mayDisable ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!confirm(t("reviews.dormant.disableConfirm", { name: user.name })))
                      event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="disable" />
                  <input type="hidden" name="userId" value={user.id} />
                  <Button type="submit" variant="secondary">
                    {t("reviews.dormant.disable")}
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Ends every project access of one organisation, after a confirmation. */
export function RevokeOrganization({
  organizations,
  error,
}: {
  organizations: ReviewChoices["organizations"];
  error?: string;
}) {
  const { t } = useTranslation();
  const withAccess = organizations.filter((org) => org.projects > 0);
  return (
    <Card
      title={t("reviews.revokeOrganization.title")}
      description={t("reviews.revokeOrganization.intro")}
    >
      <Form
        method="post"
        className="flex flex-col items-start gap-4"
        onSubmit={(event) => {
          const select = event.currentTarget.elements.namedItem("organizationId");
          const chosen = withAccess.find(
            (org) => org.id === (select as HTMLSelectElement | null)?.value,
          );
          if (chosen && !confirm(t("reviews.revokeOrganization.confirm", { name: chosen.name })))
            event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="revoke-organization" />
        <div className="w-full">
          <SelectField
            label={t("reviews.revokeOrganization.organization")}
            errors={error ? [error] : undefined}
            selectProps={{ id: "revoke-organization", name: "organizationId", defaultValue: "" }}
          >
            <option value="">{t("reviews.start.choose")}</option>
            {withAccess.map((org) => (
              <option key={org.id} value={org.id}>
                {t("reviews.revokeOrganization.option", { name: org.name, count: org.projects })}
              </option>
            ))}
          </SelectField>
        </div>
        <Button type="submit" variant="danger">
          <Building2 aria-hidden className="size-4" />
          {t("reviews.revokeOrganization.submit")}
        </Button>
      </Form>
    </Card>
  );
}

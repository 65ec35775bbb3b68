import type { TFunction } from "i18next";
import { z } from "zod";
import {
  membershipAccess,
  projectSections,
  reviewDecisions,
  reviewDefaults,
  reviewScopes,
} from "#db/schema/values";
import { parseDay } from "~/kernel/day-input";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";

/** A review is due at the latest a year from today. */
const LONGEST_DAYS = 366;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The form that starts a review; the scope's id is checked against what exists afterwards. */
export const reviewSchema = (t: TFunction, now = new Date()) => {
  const today = calendarDayIn(now, HOST_TIME_ZONE);
  return z
    .object({
      title: z
        .string({ error: t("reviews.errors.titleRequired") })
        .trim()
        .min(1, t("reviews.errors.titleRequired"))
        .max(120, t("reviews.errors.titleTooLong")),
      scope: z.enum(reviewScopes, { error: t("errors.chooseOption") }),
      project: z.uuid({ error: t("reviews.errors.scopeUnknown") }).optional(),
      account: z.uuid({ error: t("reviews.errors.scopeUnknown") }).optional(),
      organization: z.uuid({ error: t("reviews.errors.scopeUnknown") }).optional(),
      reviewerId: z.uuid({ error: t("reviews.errors.reviewerUnknown") }).optional(),
      dueOn: z
        .string({ error: t("reviews.errors.dueRequired") })
        .transform((value, ctx) => {
          const day = parseDay(value);
          if (day) return day;
          ctx.addIssue({ code: "custom", message: t("reviews.errors.dueInvalid") });
          return z.NEVER;
        })
        .refine((day) => day >= today, t("reviews.errors.duePast"))
        .refine((day) => day <= addDays(today, LONGEST_DAYS), t("reviews.errors.dueTooFar")),
      defaultDecision: z.enum(reviewDefaults, { error: t("errors.chooseOption") }),
    })
    .superRefine(
      (value, ctx) => {
        const scope = value.scope as string;
        if (scope !== "project" && scope !== "account" && scope !== "organization") return;
        if (value[scope]) return;
        ctx.addIssue({
          code: "custom",
          path: [scope],
          message: t(`reviews.errors.${scope}Required`),
        });
      },
      // Said together with whatever else is wrong, not only once everything else is right.
      { when: () => true },
    );
};

export type ReviewInput = {
  title: string;
  scope: (typeof reviewScopes)[number];
  scopeId: string | null;
  reviewerId: string | null;
  dueOn: string;
  defaultDecision: (typeof reviewDefaults)[number];
};

/** The parsed form as a review's settings: the id of whatever the scope names. */
export function reviewInputOf(value: z.infer<ReturnType<typeof reviewSchema>>): ReviewInput {
  return {
    title: value.title,
    scope: value.scope,
    scopeId: value.scope === "all" ? null : (value[value.scope] ?? null),
    reviewerId: value.reviewerId ?? null,
    dueOn: value.dueOn,
    defaultDecision: value.defaultDecision,
  };
}

/** One decision on one membership: a reason always; a new scope when it is changed. */
export const decisionSchema = (t: TFunction) =>
  z
    .object({
      itemId: z.uuid({ error: t("reviews.errors.alreadyDecided") }),
      decision: z.enum(reviewDecisions, { error: t("reviews.errors.decisionRequired") }),
      justification: z
        .string({ error: t("reviews.errors.justificationRequired") })
        .trim()
        .min(3, t("reviews.errors.justificationRequired"))
        .max(2000, t("reviews.errors.justificationTooLong")),
      access: z.enum(membershipAccess, { error: t("errors.chooseOption") }).optional(),
      sections: z.array(z.enum(projectSections, { error: t("errors.chooseOption") })).optional(),
    })
    .superRefine(
      (value, ctx) => {
        if ((value.decision as string) !== "change") return;
        if (!value.access) {
          ctx.addIssue({ code: "custom", path: ["access"], message: t("errors.chooseOption") });
        }
        if (!value.sections?.length) {
          ctx.addIssue({
            code: "custom",
            path: ["sections"],
            message: t("projects.members.errors.sectionsRequired"),
          });
        }
      },
      { when: () => true },
    );

export type DecisionInput = z.infer<ReturnType<typeof decisionSchema>>;

import type { TFunction } from "i18next";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** A new password with its confirmation; shared by the change and reset forms. */
export function newPasswordFields(t: TFunction) {
  return {
    newPassword: z
      .string({ error: t("account.errors.newPasswordRequired") })
      .min(
        MIN_PASSWORD_LENGTH,
        t("account.errors.newPasswordShort", { count: MIN_PASSWORD_LENGTH }),
      )
      .max(
        MAX_PASSWORD_LENGTH,
        t("account.errors.newPasswordLong", { count: MAX_PASSWORD_LENGTH }),
      ),
    confirmPassword: z.string({ error: t("account.errors.confirmRequired") }),
  };
}

export function passwordsMatch(t: TFunction) {
  return (value: { newPassword: string; confirmPassword: string }, ctx: z.RefinementCtx) => {
    if (value.newPassword !== value.confirmPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["confirmPassword"],
        message: t("account.errors.confirmMismatch"),
      });
    }
  };
}

import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "~/features/identity/password-policy";

/** The new password and its repetition, as every password form asks for them. */
export function NewPasswordFields({
  newPassword,
  confirmPassword,
  labels,
}: {
  newPassword: FieldMetadata<string>;
  confirmPassword: FieldMetadata<string>;
  labels?: { newPassword: string; confirmPassword: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={labels?.newPassword ?? t("account.newPassword")}
        hint={t("account.passwordHint", { count: MIN_PASSWORD_LENGTH })}
        inputProps={{
          ...getInputProps(newPassword, { type: "password" }),
          autoComplete: "new-password",
        }}
        errors={newPassword.errors}
      />
      <Field
        label={labels?.confirmPassword ?? t("account.confirmPassword")}
        inputProps={{
          ...getInputProps(confirmPassword, { type: "password" }),
          autoComplete: "new-password",
        }}
        errors={confirmPassword.errors}
      />
    </>
  );
}

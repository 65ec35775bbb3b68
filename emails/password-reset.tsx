import { Button, Link, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, emailStyles } from "./components/layout";

export type PasswordResetEmailProps = {
  t: TFunction;
  language: string;
  name: string;
  resetUrl: string;
  expiresInMinutes: number;
};

export function passwordResetSubject(t: TFunction) {
  return t("emails.passwordReset.subject");
}

export function PasswordResetEmail({
  t,
  language,
  name,
  resetUrl,
  expiresInMinutes,
}: PasswordResetEmailProps) {
  return (
    <EmailLayout
      language={language}
      preview={t("emails.passwordReset.preview")}
      footer={t("emails.footer")}
    >
      <Text style={emailStyles.heading}>{t("emails.passwordReset.heading")}</Text>
      <Text style={emailStyles.text}>{t("emails.passwordReset.greeting", { name })}</Text>
      <Text style={emailStyles.text}>
        {t("emails.passwordReset.body", { minutes: expiresInMinutes })}
      </Text>
      <Section style={{ margin: "24px 0" }}>
        <Button href={resetUrl} style={emailStyles.button}>
          {t("emails.passwordReset.button")}
        </Button>
      </Section>
      <Text style={emailStyles.small}>{t("emails.passwordReset.fallback")}</Text>
      <Link href={resetUrl} style={{ ...emailStyles.small, wordBreak: "break-all" }}>
        {resetUrl}
      </Link>
      <Text style={emailStyles.small}>{t("emails.passwordReset.notYou")}</Text>
    </EmailLayout>
  );
}

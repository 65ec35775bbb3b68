import { Button, Link, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, emailStyles } from "./components/layout";

export type InvitationEmailProps = {
  t: TFunction;
  language: string;
  /** The invited person's name and address. */
  name: string;
  email: string;
  inviterName: string;
  inviterOrganization: string;
  /** The organisation they are invited into, and their role there (already translated). */
  organizationName: string;
  role: string;
  acceptUrl: string;
  /** When the link stops working, formatted for the reader. */
  expires: string;
};

export function invitationSubject(
  t: TFunction,
  props: { inviterName: string; organizationName: string },
) {
  const organization = props.organizationName;
  return props.inviterName
    ? t("admin.emails.invitation.subject", { inviter: props.inviterName, organization })
    : t("admin.emails.invitation.subjectNoInviter", { organization });
}

export function InvitationEmail({
  t,
  language,
  name,
  email,
  inviterName,
  inviterOrganization,
  organizationName,
  role,
  acceptUrl,
  expires,
}: InvitationEmailProps) {
  return (
    <EmailLayout
      language={language}
      preview={t("admin.emails.invitation.preview", { organization: organizationName })}
      footer={t("admin.emails.invitation.footer", { inviterOrganization, email })}
    >
      <Text style={emailStyles.heading}>{t("admin.emails.invitation.heading")}</Text>
      <Text style={emailStyles.text}>{t("admin.emails.invitation.greeting", { name })}</Text>
      <Text style={emailStyles.text}>
        {inviterName
          ? t("admin.emails.invitation.body", {
              inviter: inviterName,
              inviterOrganization,
              organization: organizationName,
              role,
            })
          : t("admin.emails.invitation.bodyNoInviter", { organization: organizationName, role })}
      </Text>
      <Text style={emailStyles.text}>{t("admin.emails.invitation.about")}</Text>
      <Text style={emailStyles.text}>{t("admin.emails.invitation.action", { date: expires })}</Text>
      <Section style={{ margin: "24px 0" }}>
        <Button href={acceptUrl} style={emailStyles.button}>
          {t("admin.emails.invitation.button")}
        </Button>
      </Section>
      <Text style={emailStyles.small}>{t("admin.emails.invitation.fallback")}</Text>
      <Link href={acceptUrl} style={{ ...emailStyles.small, wordBreak: "break-all" }}>
        {acceptUrl}
      </Link>
      <Text style={emailStyles.small}>{t("admin.emails.invitation.notYou")}</Text>
    </EmailLayout>
  );
}

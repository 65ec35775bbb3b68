import { Button, Link, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, emailStyles } from "./components/layout";

export type AccessReviewEmailProps = {
  t: TFunction;
  language: string;
  /** The reviewer's name. */
  name: string;
  title: string;
  /** Memberships the reviewer has still to decide. */
  count: number;
  /** The last day, as the reviewer reads dates. */
  dueDate: string;
  defaultDecision: "keep" | "revoke";
  reviewUrl: string;
  /** A reminder close to the due day, rather than the first message. */
  reminder: boolean;
};

export function accessReviewSubject(
  t: TFunction,
  { title, reminder, dueDate }: Pick<AccessReviewEmailProps, "title" | "reminder" | "dueDate">,
) {
  return t(reminder ? "reviews.mail.reminderSubject" : "reviews.mail.subject", {
    title,
    date: dueDate,
  });
}

/** To one reviewer: the memberships an access review asks them to decide, and by when. */
export function AccessReviewEmail({
  t,
  language,
  name,
  title,
  count,
  dueDate,
  defaultDecision,
  reviewUrl,
  reminder,
}: AccessReviewEmailProps) {
  return (
    <EmailLayout
      language={language}
      preview={t("reviews.mail.preview", { count, date: dueDate })}
      footer={t("emails.footer")}
    >
      <Text style={emailStyles.heading}>{t("reviews.mail.heading", { title })}</Text>
      <Text style={emailStyles.text}>{t("reviews.mail.greeting", { name })}</Text>
      <Text style={emailStyles.text}>
        {t(reminder ? "reviews.mail.reminderBody" : "reviews.mail.body", {
          count,
          date: dueDate,
        })}
      </Text>
      <Text style={emailStyles.text}>{t(`reviews.mail.default.${defaultDecision}`)}</Text>
      <Section style={{ margin: "24px 0" }}>
        <Button href={reviewUrl} style={emailStyles.button}>
          {t("reviews.mail.button")}
        </Button>
      </Section>
      <Link href={reviewUrl} style={{ ...emailStyles.small, wordBreak: "break-all" }}>
        {reviewUrl}
      </Link>
    </EmailLayout>
  );
}

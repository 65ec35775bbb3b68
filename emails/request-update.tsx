import { Button, Link, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, emailStyles } from "./components/layout";

/** What changed on the request: a public reply (its plain text) or a new status. */
export type RequestUpdate =
  | { kind: "reply"; text: string }
  | {
      kind: "status";
      /** The status as the recipient reads it ("waiting for you" to the customer). */
      statusLabel: string;
      /** Why, as the customer also reads it on the request's page; may be empty. */
      reason: string;
      /** The host's name, when the customer is asked to answer (waiting on the customer). */
      waitingOn?: string;
      /** The request page's rating form, when the customer is asked to rate the resolution. */
      ratingUrl?: string;
    };

export type RequestUpdateEmailProps = {
  t: TFunction;
  language: string;
  /** The recipient's name. */
  name: string;
  reference: string;
  title: string;
  projectName: string;
  requestUrl: string;
  update: RequestUpdate;
  /** Whether a reply to this email becomes a public reply on the request (customers). */
  repliesByEmail?: boolean;
};

type SubjectFields = Pick<RequestUpdateEmailProps, "reference" | "title" | "update">;

export function requestUpdateSubject(t: TFunction, { reference, title, update }: SubjectFields) {
  return update.kind === "reply"
    ? t("requests.mail.replySubject", { reference, title })
    : t("requests.mail.statusSubject", { reference, title, status: update.statusLabel });
}

const quote = {
  ...emailStyles.text,
  borderLeft: "3px solid #cbd5e1",
  paddingLeft: 12,
  margin: "12px 0",
  whiteSpace: "pre-wrap" as const,
};

/** One email about one change of one request, written for one recipient. */
export function RequestUpdateEmail({
  t,
  language,
  name,
  reference,
  title,
  projectName,
  requestUrl,
  update,
  repliesByEmail = false,
}: RequestUpdateEmailProps) {
  const fields = { reference, title, project: projectName };
  const buttonUrl = update.kind === "status" && update.ratingUrl ? update.ratingUrl : requestUrl;
  return (
    <EmailLayout
      language={language}
      preview={
        update.kind === "reply"
          ? t("requests.mail.replyPreview", fields)
          : t("requests.mail.statusPreview", { ...fields, status: update.statusLabel })
      }
      footer={t("emails.footer")}
    >
      <Text style={emailStyles.heading}>
        {t(update.kind === "reply" ? "requests.mail.replyHeading" : "requests.mail.statusHeading")}
      </Text>
      <Text style={emailStyles.text}>{t("requests.mail.greeting", { name })}</Text>
      {update.kind === "reply" ? (
        <>
          <Text style={emailStyles.text}>{t("requests.mail.replyIntro", fields)}</Text>
          <Text style={quote}>{update.text}</Text>
        </>
      ) : (
        <>
          <Text style={emailStyles.text}>{t("requests.mail.statusIntro", fields)}</Text>
          <Text style={{ ...emailStyles.text, fontWeight: 700 }}>{update.statusLabel}</Text>
          {update.reason ? (
            <Text style={quote}>{t("requests.mail.reason", { reason: update.reason })}</Text>
          ) : null}
          {update.waitingOn ? (
            <Text style={emailStyles.text}>
              {t("requests.mail.waitingOnYou", { host: update.waitingOn })}
            </Text>
          ) : null}
          {update.ratingUrl ? (
            <Text style={emailStyles.text}>{t("requests.mail.ratingPrompt")}</Text>
          ) : null}
        </>
      )}
      <Section style={{ margin: "24px 0" }}>
        <Button href={buttonUrl} style={emailStyles.button}>
          {t(
            update.kind === "status" && update.ratingUrl
              ? "requests.mail.rateButton"
              : "requests.mail.openButton",
          )}
        </Button>
      </Section>
      {repliesByEmail ? (
        <Text style={emailStyles.text}>{t("requests.mail.replyByEmail")}</Text>
      ) : null}
      <Text style={emailStyles.small}>{t("requests.mail.fallback")}</Text>
      <Link href={buttonUrl} style={{ ...emailStyles.small, wordBreak: "break-all" }}>
        {buttonUrl}
      </Link>
    </EmailLayout>
  );
}

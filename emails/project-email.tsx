import { Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, emailStyles } from "./components/layout";

export type ProjectEmailProps = {
  /** The sender's translator: the frame of the mail speaks the sender's language. */
  t: TFunction;
  language: string;
  senderName: string;
  senderOrganization: string;
  projectName: string;
  /** The body as the sender wrote it, rendered from the editor's document (sanitised). */
  bodyHtml: string;
  /** Its plain text, for the preview line. */
  bodyText: string;
};

/** An email a person wrote from a project: their words in our frame, and who sent it. */
export function ProjectEmail({
  t,
  language,
  senderName,
  senderOrganization,
  projectName,
  bodyHtml,
  bodyText,
}: ProjectEmailProps) {
  return (
    <EmailLayout
      language={language}
      preview={bodyText.slice(0, 140)}
      footer={t("mailOut.mail.footer", {
        name: senderName,
        organization: senderOrganization,
        project: projectName,
      })}
    >
      <Section style={{ ...emailStyles.text, paddingTop: 12 }}>
        {/* Rendered by the server from the editor's JSON: only the editor's own marks. */}
        <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      </Section>
      <Text style={{ ...emailStyles.small, marginTop: 20 }}>
        {t("mailOut.mail.replyHint", { name: senderName })}
      </Text>
    </EmailLayout>
  );
}

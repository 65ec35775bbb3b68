import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const brand = "#0f6f63";

/** The frame every Ambit email shares: brand bar, content, and a quiet footer. */
export function EmailLayout({
  language,
  preview,
  footer,
  children,
}: {
  /** The recipient's language, so mail programs read it out and hyphenate correctly. */
  language: string;
  preview: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <Html lang={language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Helvetica, Arial, sans-serif" }}>
        <Container
          style={{
            maxWidth: 560,
            margin: "32px auto",
            backgroundColor: "#ffffff",
            borderRadius: 12,
          }}
        >
          <Section
            style={{ backgroundColor: brand, borderRadius: "12px 12px 0 0", padding: "18px 28px" }}
          >
            <Text style={{ color: "#ffffff", fontSize: 18, fontWeight: 700, margin: 0 }}>
              Ambit
            </Text>
          </Section>
          <Section style={{ padding: "8px 28px 20px" }}>{children}</Section>
          <Hr style={{ borderColor: "#e2e8f0", margin: 0 }} />
          <Section style={{ padding: "16px 28px" }}>
            <Text style={{ color: "#64748b", fontSize: 12, lineHeight: "18px", margin: 0 }}>
              {footer}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const emailStyles = {
  heading: { fontSize: 20, fontWeight: 700, color: "#0f172a", margin: "20px 0 8px" },
  text: { fontSize: 15, lineHeight: "24px", color: "#334155" },
  button: {
    backgroundColor: brand,
    borderRadius: 8,
    color: "#ffffff",
    fontSize: 15,
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
    display: "inline-block",
  },
  small: { fontSize: 13, lineHeight: "20px", color: "#64748b" },
} as const;

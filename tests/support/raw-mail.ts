/** An email as a mail server hands it on (RFC 822), for the inbound tests. */
export type RawMailParts = {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  /** When it was written; now by default. */
  date?: Date;
  /** The receiving server's verdict, added on top; null leaves it out. */
  authenticationResults?: string | null;
  /** Headers the sender wrote (below the receiving server's). */
  extraHeaders?: string[];
  attachments?: { filename: string; contentType: string; content: Buffer }[];
};

const base64Lines = (bytes: Buffer) => bytes.toString("base64").replace(/.{1,76}/g, "$&\r\n");

/** DMARC and DKIM passed for the From domain, as a receiving server writes it. */
export const authenticPass = (from: string) => {
  const domain = from.slice(from.lastIndexOf("@") + 1).replace(/>.*/, "");
  return `inbound.resend.example; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`;
};

export function rawMail(parts: RawMailParts) {
  const address = /<([^>]+)>/.exec(parts.from)?.[1] ?? parts.from;
  const auth =
    parts.authenticationResults === undefined
      ? authenticPass(address)
      : parts.authenticationResults;
  const head = [
    ...(auth ? [`Authentication-Results: ${auth}`] : []),
    ...(parts.extraHeaders ?? []),
    `From: ${parts.from}`,
    `To: ${parts.to.join(", ")}`,
    ...(parts.cc?.length ? [`Cc: ${parts.cc.join(", ")}`] : []),
    `Subject: ${parts.subject}`,
    `Date: ${(parts.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${parts.messageId ?? `<${Math.random().toString(36).slice(2)}@mail.example>`}`,
    "MIME-Version: 1.0",
  ];
  const textPart = [
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    parts.text,
  ];
  const htmlPart = parts.html ? ["Content-Type: text/html; charset=utf-8", "", parts.html] : null;
  const body = htmlPart
    ? [
        'Content-Type: multipart/alternative; boundary="alt-1"',
        "",
        "--alt-1",
        ...textPart,
        "--alt-1",
        ...htmlPart,
        "--alt-1--",
      ]
    : textPart;
  if (!parts.attachments?.length) return [...head, ...body, ""].join("\r\n");
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="mixed-1"',
    "",
    "--mixed-1",
    ...body,
    ...parts.attachments.flatMap((file) => [
      "--mixed-1",
      `Content-Type: ${file.contentType}; name="${file.filename}"`,
      `Content-Disposition: attachment; filename="${file.filename}"`,
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(file.content),
    ]),
    "--mixed-1--",
    "",
  ].join("\r\n");
}

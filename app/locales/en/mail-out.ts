// Writing an email from a project, and where it stands (app/features/mail-out).
export const mailOut = {
  metaTitle: "Write an email · {{project}} · Ambit",
  title: "Write an email",
  intro:
    "{{project}} · {{account}}. The email is sent from Ambit with your name, replies come to your own address, and it is kept in the contact history.",
  reply: "Reply",
  replyTitle: "Answer an email",
  write: "Write an email",
  to: "To",
  toHint:
    "The customer's contact persons and the people of the project's organisations. Every recipient sees whom else it went to.",
  noRecipients:
    "Nobody to write to yet: add a contact person with an email address to the customer account.",
  message: "Message",
  messagePlaceholder: "Write your message…",
  attachments: "Attachments",
  documentsHint: "Project documents (their newest version is sent):",
  uploadHint: "Or attach files from your device:",
  send: "Send email",
  sending: "Sending…",
  queued: "“{{subject}}” is on its way.",
  retry: "Send again",
  retried: "The email is queued to be sent again.",
  notFailedAnyMore: "This email is no longer waiting to be sent again.",
  status: {
    queued: "Waiting to be sent",
    sent: "Sent",
    delayed: "Delivery delayed",
    delivered: "Delivered",
    bounced: "Bounced",
    complained: "Marked as spam by the recipient",
    rejected: "Not delivered",
    redacted: "The entry was redacted before the email went out; it was not sent.",
    failed: "Not sent",
    stuck:
      "It could not be sent within an hour. Send it again; if that fails too, tell your administrator.",
    preparation: "The attachments could not be read. Try again, or remove them.",
  },
  errors: {
    sendForbidden: "You cannot write emails from this project.",
    retryForbidden: "You cannot send this email again.",
    noRecipient: "Choose at least one recipient.",
    tooManyRecipients: "Choose at most {{max}} recipients.",
    recipientNotOffered: "A chosen recipient is not available any more. Choose again.",
    documentNotOffered: "A chosen document is not available any more. Choose again.",
    subject: "Enter a subject.",
    subjectTooLong: "The subject can be at most {{max}} characters long.",
    emptyBody: "Write a message.",
    attachmentsTooLarge:
      "The attachments together are larger than {{max}}, more than most mail servers accept.",
  },
  mail: {
    footer: "Sent by {{name}} ({{organization}}) for the project {{project}} with Ambit.",
    replyHint: "Replies reach {{name}} directly.",
  },
};

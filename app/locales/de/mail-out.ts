// E-Mails aus einem Projekt schreiben, und wo sie stehen (app/features/mail-out).
export const mailOut = {
  metaTitle: "E-Mail schreiben · {{project}} · Ambit",
  title: "E-Mail schreiben",
  intro:
    "{{project}} · {{account}}. Die E-Mail wird von Ambit mit Ihrem Namen versendet, Antworten erreichen Ihre eigene Adresse, und sie wird in der Kontakthistorie abgelegt.",
  reply: "Antworten",
  replyTitle: "Auf eine E-Mail antworten",
  write: "E-Mail schreiben",
  to: "An",
  toHint:
    "Die Ansprechpartner des Kunden und die Personen der Organisationen im Projekt. Alle Empfänger sehen, an wen die E-Mail noch geht.",
  noRecipients:
    "Noch niemand, an den Sie schreiben können: Legen Sie im Kundenkonto einen Ansprechpartner mit E-Mail-Adresse an.",
  message: "Nachricht",
  messagePlaceholder: "Schreiben Sie Ihre Nachricht …",
  attachments: "Anhänge",
  documentsHint: "Projektdokumente (die neueste Version wird versendet):",
  uploadHint: "Oder hängen Sie Dateien von Ihrem Gerät an:",
  send: "E-Mail senden",
  sending: "Wird gesendet …",
  queued: "„{{subject}}“ ist unterwegs.",
  retry: "Erneut senden",
  retried: "Die E-Mail wird erneut gesendet.",
  notFailedAnyMore: "Diese E-Mail wartet nicht mehr darauf, erneut gesendet zu werden.",
  status: {
    queued: "Wartet auf Versand",
    sent: "Gesendet",
    delayed: "Zustellung verzögert",
    delivered: "Zugestellt",
    bounced: "Unzustellbar",
    complained: "Vom Empfänger als Spam markiert",
    rejected: "Nicht zugestellt",
    redacted:
      "Der Eintrag wurde ausgeblendet, bevor die E-Mail hinausging; sie wurde nicht gesendet.",
    failed: "Nicht gesendet",
    stuck:
      "Sie konnte innerhalb einer Stunde nicht gesendet werden. Senden Sie sie erneut; schlägt auch das fehl, wenden Sie sich an Ihre Administration.",
    preparation:
      "Die Anhänge konnten nicht gelesen werden. Versuchen Sie es erneut, oder entfernen Sie sie.",
  },
  errors: {
    sendForbidden: "Sie können aus diesem Projekt keine E-Mails schreiben.",
    retryForbidden: "Sie können diese E-Mail nicht erneut senden.",
    noRecipient: "Wählen Sie mindestens einen Empfänger.",
    tooManyRecipients: "Wählen Sie höchstens {{max}} Empfänger.",
    recipientNotOffered: "Ein gewählter Empfänger ist nicht mehr verfügbar. Wählen Sie erneut.",
    documentNotOffered: "Ein gewähltes Dokument ist nicht mehr verfügbar. Wählen Sie erneut.",
    subject: "Geben Sie einen Betreff ein.",
    subjectTooLong: "Der Betreff darf höchstens {{max}} Zeichen lang sein.",
    emptyBody: "Schreiben Sie eine Nachricht.",
    attachmentsTooLarge:
      "Die Anhänge sind zusammen größer als {{max}}, mehr als die meisten Mailserver annehmen.",
  },
  mail: {
    footer: "Gesendet von {{name}} ({{organization}}) für das Projekt {{project}} mit Ambit.",
    replyHint: "Antworten erreichen {{name}} direkt.",
  },
};

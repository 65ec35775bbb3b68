import type { sharing as english } from "../en/sharing";

// "Who can see this, and why": one panel for every shared item (entries, documents, attachments).
export const sharing: typeof english = {
  explain: {
    title: "Wer dies sehen kann und warum",
    description: {
      entry:
        "Ermittelt aus der Sichtbarkeit dieses Eintrags und der aktuellen Projektmitgliedschaft jeder Organisation.",
      document:
        "Ermittelt aus der Sichtbarkeit dieses Dokuments und der aktuellen Projektmitgliedschaft jeder Organisation.",
      attachment:
        "Diese Datei ist an einen Eintrag angehängt und wie dieser geteilt: ermittelt aus seiner Sichtbarkeit und der aktuellen Projektmitgliedschaft jeder Organisation.",
      request:
        "Ermittelt daraus, wessen Anfrage es ist, wem sie zugewiesen ist, und aus der aktuellen Projektmitgliedschaft jeder Organisation.",
      project:
        "Ermittelt aus der aktuellen Projektmitgliedschaft jeder Organisation; jede sieht nur die Bereiche ihrer Mitgliedschaft und darin nur, was mit ihr geteilt ist.",
    },
    host: "Alle Personen bei {{name}}",
    hostReason: {
      entry: "Das Gastgeberunternehmen sieht jeden Eintrag in jedem Projekt.",
      document: "Das Gastgeberunternehmen sieht jedes Dokument in jedem Projekt.",
      attachment: "Das Gastgeberunternehmen sieht jeden Eintrag in jedem Projekt samt Anhängen.",
      request: "Das Gastgeberunternehmen sieht jede Anfrage jedes Projekts.",
      project: "Das Gastgeberunternehmen sieht jedes Projekt.",
    },
    canRead: "Sichtbar",
    cannotRead: "Nicht sichtbar",
    notShared: "Nicht mit dieser Organisation geteilt.",
    lacksSection:
      "Mit dieser Organisation geteilt, ihre Mitgliedschaft umfasst aber nicht den Bereich „{{section}}“.",
    onlyNamed: "Nur benannte Personen: {{names}}",
    sections: "Bereiche: {{sections}}",
    previewAs: "So ansehen, wie {{name}} es sieht",
    noMembers: "Keine andere Organisation ist Mitglied dieses Projekts.",
    reasons: {
      shared: {
        allMembers: "Mit allen Mitgliedern geteilt, und die Mitgliedschaft umfasst „{{section}}“.",
        organization:
          "Mit dieser Organisation geteilt, und ihre Mitgliedschaft umfasst „{{section}}“.",
        partners: "Mit den Partnern geteilt, und diese Mitgliedschaft umfasst „{{section}}“.",
        customer: "Mit dem Kunden geteilt, und seine Mitgliedschaft umfasst „{{section}}“.",
      },
      attached: {
        allMembers:
          "Anhang eines Eintrags, der mit allen Mitgliedern geteilt ist; die Mitgliedschaft umfasst „{{section}}“.",
        organization:
          "Anhang eines Eintrags, der mit dieser Organisation geteilt ist; ihre Mitgliedschaft umfasst „{{section}}“.",
        partners:
          "Anhang eines Eintrags, der mit den Partnern geteilt ist; diese Mitgliedschaft umfasst „{{section}}“.",
        customer:
          "Anhang eines Eintrags, der mit dem Kunden geteilt ist; seine Mitgliedschaft umfasst „{{section}}“.",
      },
      assigned: "Die Anfrage ist dieser Organisation zugewiesen.",
      customerRequests:
        "Es ist die Anfrage dieser Organisation, und ihre Mitgliedschaft umfasst Anfragen.",
      assignedRequestFiles: "Mit einer Anfrage gesendet, die dieser Organisation zugewiesen ist.",
      customerRequestFiles: "Mit einer Anfrage dieser Organisation gesendet.",
      liveMembership: "Ihre aktuelle Mitgliedschaft lässt sie in das Projekt.",
    },
  },
  preview: {
    title: "Vorschau als Mitglied",
    intro:
      "Sehen Sie dieses Projekt genau so, wie eine Mitgliedsorganisation oder eine ihrer Personen es sieht: mit deren eigenen Berechtigungen.",
    organization: "Organisation",
    person: "Als",
    anyone: "Beliebige Person bei {{name}}",
    expiredChoice: "{{name}} (Mitgliedschaft abgelaufen)",
    show: "Anzeigen",
    personOf: "{{person}} ({{organization}})",
    banner: "Vorschau: Sie sehen „{{project}}“ so, wie {{party}} es sieht.",
    bannerNote:
      "Nur lesend. Nichts geschieht in deren Namen; nur Ihre Vorschau wird im Prüfprotokoll vermerkt.",
    end: "Vorschau beenden",
    noChoices:
      "Noch ist keine andere Organisation Mitglied dieses Projekts. Fügen Sie ein Mitglied hinzu und sehen Sie dann vorab, was es sehen wird.",
    access: "Deren Zugang",
    sections: "Bereiche ihrer Mitgliedschaft",
    notOpened: "Bereiche, die sie nicht öffnen",
    contacts: "Sichtbare Ansprechpartner",
    detailsHidden: "E-Mail und Telefon verborgen",
    noContacts: "Sie sehen keine Ansprechpartner dieses Kunden.",
    members: "Sichtbare Mitglieder",
    nothingShared: "Hier ist nichts mit ihnen geteilt.",
    more: "Sie sehen mehr; dies sind die neuesten {{count}}.",
    closed: {
      title: "{{party}} kann dieses Projekt nicht öffnen.",
      expired: "Die Mitgliedschaft ist am {{date}} abgelaufen.",
      notNamed:
        "Die Mitgliedschaft ist auf benannte Personen beschränkt, und diese Person gehört nicht dazu.",
      other: "Keine aktuelle Mitgliedschaft lässt sie hinein.",
      notFound: "Für sie existiert das Projekt nicht: seine Adresse antwortet „nicht gefunden“.",
    },
  },
};

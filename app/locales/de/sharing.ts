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
    },
    host: "Alle Personen bei {{name}}",
    hostReason: {
      entry: "Das Gastgeberunternehmen sieht jeden Eintrag in jedem Projekt.",
      document: "Das Gastgeberunternehmen sieht jedes Dokument in jedem Projekt.",
      attachment: "Das Gastgeberunternehmen sieht jeden Eintrag in jedem Projekt samt Anhängen.",
      request: "Das Gastgeberunternehmen sieht jede Anfrage jedes Projekts.",
    },
    canRead: "Sichtbar",
    cannotRead: "Nicht sichtbar",
    notShared: "Nicht mit dieser Organisation geteilt.",
    lacksSection:
      "Mit dieser Organisation geteilt, ihre Mitgliedschaft umfasst aber nicht den Bereich „{{section}}“.",
    onlyNamed: "Nur benannte Personen: {{names}}",
    noMembers: "Keine andere Organisation ist Mitglied dieses Projekts.",
  },
};

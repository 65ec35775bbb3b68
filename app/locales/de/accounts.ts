import type { accounts as english } from "../en/accounts";

// Customer accounts and their contact persons.
export const accounts: typeof english = {
  list: {
    metaTitle: "Kundenkonten · Ambit",
    title: "Kundenkonten",
    intro: "Ihre Kunden, deren Ansprechpartner und deren Projekte.",
    searchLabel: "Kundenkonten durchsuchen",
    searchPlaceholder: "Nach Namen suchen",
    search: "Suchen",
    clearSearch: "Zurücksetzen",
    allTitle: "Kundenkonten",
    searchResultsTitle: "Suchergebnisse",
    countAll_one: "{{count}} Kundenkonto",
    countAll_other: "{{count}} Kundenkonten",
    countMatching_one: "{{count}} Kundenkonto für „{{search}}“ gefunden",
    countMatching_other: "{{count}} Kundenkonten für „{{search}}“ gefunden",
    truncated:
      "Die ersten {{count}} Kundenkonten werden angezeigt. Suchen Sie nach dem Namen, um die übrigen zu finden.",
    contacts_one: "{{count}} Ansprechpartner",
    contacts_other: "{{count}} Ansprechpartner",
    projects_one: "{{count}} Projekt",
    projects_other: "{{count}} Projekte",
    emptyTitle: "Noch keine Kundenkonten",
    emptyBody:
      "Kundenkonten erscheinen hier, sobald eine Kundenorganisation angelegt wurde oder Sie Zugriff auf eines ihrer Projekte erhalten haben.",
    noMatchTitle: "Kein Kundenkonto für „{{search}}“ gefunden",
    noMatchBody: "Prüfen Sie die Schreibweise oder suchen Sie nach einem Teil des Namens.",
  },
  detail: {
    metaTitle: "{{name}} · Kundenkonten · Ambit",
    back: "Alle Kundenkonten",
    kind: "Kundenkonto",
    summary: "{{contacts}} · {{projects}}",
    contactsTitle: "Ansprechpartner",
    contactsDescriptionFull: "Die Personen bei diesem Kunden, mit denen Sie zusammenarbeiten.",
    contactsDescriptionNames:
      "Nur Namen und Rollen: E-Mail und Telefon sehen Projektmitglieder mit Zugriff auf den Bereich „Kontaktdaten“.",
    addContact: "Ansprechpartner hinzufügen",
    contactsEmptyTitle: "Noch keine Ansprechpartner",
    contactsEmptyWriter:
      "Fügen Sie die Personen bei diesem Kunden hinzu, mit denen Sie sprechen, jeweils mit der Rechtsgrundlage für die Speicherung ihrer Daten.",
    contactsEmptyReader: "Mit Ihnen sind keine Ansprechpartner dieses Kundenkontos geteilt.",
    projectsTitle: "Projekte",
    projectsDescription: "Projektbereiche dieses Kundenkontos, die Sie öffnen können.",
    projectsEmptyTitle: "Keine Projekte",
    projectsEmptyBody: "Es gibt keine Projekte dieses Kundenkontos, die Sie öffnen können.",
    open: "Öffnen",
    edit: "Bearbeiten",
    openContact: "{{name}} öffnen: wer diesen Ansprechpartner sehen kann",
    editContact: "{{name}} bearbeiten",
    viewContact: "{{name}} anzeigen",
    noRole: "Keine Rolle angegeben",
    email: "E-Mail",
    phone: "Telefon",
    legalBasis: "Rechtsgrundlage",
    notes: "Notizen",
    notStored: "Nicht angegeben",
  },
  projectStatus: {
    planning: "Planung",
    active: "Aktiv",
    on_hold: "Pausiert",
    completed: "Abgeschlossen",
  },
  contact: {
    visibility: {
      title: "Wer diesen Ansprechpartner sehen kann",
      description:
        "Ermittelt aus den aktuellen Mitgliedschaften jeder Organisation in den Projekten dieses Kundenkontos.",
      host: "Alles, mit Rechtsgrundlage und Notizen",
      details: "Name, Funktion, E-Mail und Telefon (Bereich Kontaktdaten)",
      name: "Nur Name und Funktion: keine Mitgliedschaft mit dem Bereich Kontaktdaten",
      nothing: "Kann diesen Ansprechpartner nicht sehen",
      noMembers: "Keine andere Organisation ist Mitglied in den Projekten dieses Kundenkontos.",
    },
    newMetaTitle: "Neuer Ansprechpartner · Ambit",
    editMetaTitle: "{{name}} · Ansprechpartner · Ambit",
    newTitle: "Neuer Ansprechpartner",
    newIntro: "Fügen Sie eine Person bei {{account}} hinzu, mit der Sie zusammenarbeiten.",
    editTitle: "Ansprechpartner bearbeiten",
    viewIntro: "Ansprechpartner bei {{account}}.",
    backToAccount: "Zurück zu {{account}}",
    detailsTitle: "Angaben",
    formTitle: "Ansprechpartner",
    formDescription:
      "Speichern Sie nur, was Sie für die Zusammenarbeit mit dieser Person brauchen. Partner mit Zugriff auf den Bereich „Kontaktdaten“ sehen E-Mail und Telefon; Rechtsgrundlage und Notizen bleiben in Ihrem Unternehmen.",
    name: "Name",
    roleTitle: "Rolle oder Funktion",
    roleTitleHint: "Zum Beispiel Geschäftsführung, Einkauf.",
    email: "E-Mail",
    phone: "Telefon",
    legalBasis: "Rechtsgrundlage der Verarbeitung",
    legalBasisHint: "Warum Ihr Unternehmen die Daten dieser Person speichern darf (Art. 6 DSGVO).",
    chooseLegalBasis: "Rechtsgrundlage auswählen",
    notes: "Notizen",
    notesHint: "Intern: Nur Ihr Unternehmen sieht diese Notizen.",
    optional: "optional",
    create: "Ansprechpartner hinzufügen",
    save: "Änderungen speichern",
    cancel: "Abbrechen",
    erased:
      "Am {{date}} auf Wunsch der Person gelöscht (Datenschutz). Der Datensatz bleibt unter diesem Pseudonym und kann nicht mehr geändert werden.",
    hiddenDetails:
      "E-Mail und Telefon werden nur mit Projektmitgliedern geteilt, die Zugriff auf den Bereich „Kontaktdaten“ haben.",
    created: "{{name}} wurde als Ansprechpartner hinzugefügt.",
    updated: "Die Änderungen für {{name}} wurden gespeichert.",
    unchanged: "Es wurde nichts geändert.",
  },
  legalBases: {
    contract: "Vertrag",
    consent: "Einwilligung",
    legitimate_interest: "Berechtigtes Interesse",
    legal_obligation: "Rechtliche Verpflichtung",
  },
  legalBasisHints: {
    contract:
      "Erforderlich zur Erfüllung oder Anbahnung eines Vertrags mit dem Kunden (Art. 6 Abs. 1 lit. b).",
    consent: "Die Person hat eingewilligt (Art. 6 Abs. 1 lit. a).",
    legitimate_interest: "Berechtigtes Interesse Ihres Unternehmens (Art. 6 Abs. 1 lit. f).",
    legal_obligation:
      "Gesetzlich vorgeschrieben, z. B. durch Aufbewahrungspflichten (Art. 6 Abs. 1 lit. c).",
  },
  errors: {
    nameRequired: "Geben Sie den Namen des Ansprechpartners ein.",
    nameTooLong: "Der Name darf höchstens {{max}} Zeichen lang sein.",
    roleTitleTooLong: "Die Rolle darf höchstens {{max}} Zeichen lang sein.",
    emailInvalid:
      "Geben Sie eine E-Mail-Adresse wie name@firma.de ein oder lassen Sie das Feld leer.",
    phoneInvalid:
      "Geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) - / ein oder lassen Sie das Feld leer.",
    legalBasisRequired:
      "Wählen Sie die Rechtsgrundlage für die Speicherung der Daten dieser Person aus.",
    notesTooLong: "Die Notizen dürfen höchstens {{max}} Zeichen lang sein.",
    createForbidden:
      "Sie können keine Ansprechpartner hinzufügen: Das dürfen nur Administrator(inn)en und Kundenbetreuer(innen) des Gastgeberunternehmens.",
    updateForbidden:
      "Sie können keine Ansprechpartner ändern: Das dürfen nur Administrator(inn)en und Kundenbetreuer(innen) des Gastgeberunternehmens.",
  },
};

import type { search as english } from "../en/search";

export const search: typeof english = {
  metaTitle: "Suche · Ambit",
  metaTitleFor: "{{query}} · Suche · Ambit",
  title: "Suche",
  intro:
    "Finden Sie Anrufe, E-Mails, Briefe, Termine, Notizen und Anfragen in allen Projekten, die Sie sehen können – anhand der Wörter in Betreff oder Inhalt.",
  shell: {
    label: "Kontakthistorie durchsuchen",
    placeholder: "Suchen …",
    shortcut: "Drücken Sie /, um zu suchen",
  },
  form: {
    label: "Suchen nach",
    placeholder: "Ein Wort, ein Name oder eine „Wortgruppe“",
    project: "Projekt",
    allProjects: "Alle Projekte",
    submit: "Suchen",
  },
  errors: {
    empty: "Geben Sie ein, wonach Sie suchen.",
    tooShort_one: "Geben Sie mindestens {{count}} Zeichen ein.",
    tooShort_other: "Geben Sie mindestens {{count}} Zeichen ein.",
    tooLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
    tooLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
  },
  countCapped: "Die {{count}} neuesten Treffer für „{{query}}“, die besten zuerst",
  count_one: "{{count}} Ergebnis für „{{query}}“",
  count_other: "{{count}} Ergebnisse für „{{query}}“",
  countInProject_one: "{{count}} Ergebnis für „{{query}}“ in {{project}}",
  countInProject_other: "{{count}} Ergebnisse für „{{query}}“ in {{project}}",
  resultsLabel: "Suchergebnisse",
  inProject: "{{project}} · {{account}}",
  byline: "{{author}} · {{organization}}",
  entriesTitle: "Kontakthistorie",
  requests: {
    title: "Anfragen",
    label: "Gefundene Anfragen und Kommentare zu Anfragen",
    request: "Anfrage {{reference}}",
    comment: {
      all_members: "Öffentliche Antwort zu Anfrage {{reference}}",
      partners: "Partnernotiz zu Anfrage {{reference}}",
      internal: "Interne Notiz zu Anfrage {{reference}}",
    },
    more: "Die {{shown}} besten von {{total}} Treffern in Anfragen und ihren Kommentaren. Ergänzen Sie Wörter, um weitere zu finden.",
  },
  pagination: {
    label: "Ergebnisseiten",
    previous: "Zurück",
    next: "Weiter",
    status: "Seite {{page}} von {{count}}",
  },
  empty: {
    title: "Keine Treffer für „{{query}}“",
    body: "Prüfen Sie die Schreibweise oder versuchen Sie es mit weniger oder anderen Wörtern. Durchsucht werden nur Einträge und Anfragen, die Sie lesen dürfen.",
    bodyInProject:
      "Prüfen Sie die Schreibweise, versuchen Sie es mit weniger oder anderen Wörtern oder durchsuchen Sie alle Projekte. Durchsucht werden nur Einträge und Anfragen, die Sie lesen dürfen.",
    allProjects: "Alle Projekte durchsuchen",
  },
  initial: {
    title: "Kontakthistorie durchsuchen",
    body: "Geben Sie ein Wort aus dem Betreff oder dem Inhalt eines Eintrags ein. Deutsche und englische Wortformen gelten als dasselbe Wort: „Kalkulationen“ findet „Kalkulation“.",
    // "or" is the operator the search understands (websearch_to_tsquery); do not translate it.
    tips: "Setzen Sie eine Wortgruppe in „Anführungszeichen“, schließen Sie ein Wort mit einem Minus aus (-Entwurf) oder verbinden Sie Alternativen mit „or“. Drücken Sie auf jeder Seite /, um zur Suche zu springen.",
  },
};

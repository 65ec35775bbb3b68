import type { home as english } from "../en/home";

export const home: typeof english = {
  welcome: "Willkommen, {{name}}",
  organization: "Organisation",
  role: "Rolle",
  aboutYou: "Über Sie",
  projectsTitle: "Ihre Projekte",
  projectsDescription:
    "Neueste Aktivität zuerst, mit allem, was seit Ihrem letzten Besuch neu ist.",
  allProjects: "Alle Projekte",
  allProjectsCount_one: "Alle Projekte ({{count}})",
  allProjectsCount_other: "Alle {{count}} Projekte",
  latestLabel: "Letzte Aktivität",
  latestRedacted: "Ein ausgeblendeter Eintrag",
  noActivity: "Noch keine Aktivität",
  newCount_one: "{{count}} neu",
  newCount_other: "{{count}} neu",
  newCountMany: "{{count}}+ neu",
  newSinceTitle_one: "{{count}} neuer Eintrag seit Ihrem letzten Besuch am {{date}}",
  newSinceTitle_other: "{{count}} neue Einträge seit Ihrem letzten Besuch am {{date}}",
  newSinceTitleMany: "{{count}}+ neue Einträge seit Ihrem letzten Besuch am {{date}}",
  projectsEmptyTitle: "Noch keine Projekte",
  projectsEmpty: {
    host: "Hier erscheinen die Projektbereiche Ihrer Kundenkonten, sobald sie angelegt sind.",
    partner:
      "Sobald Ihre Organisation zu einem Projekt eingeladen wird, erscheint es hier mit den Bereichen, die mit Ihnen geteilt sind.",
    customer: "Hier erscheinen Ihre Projekte, sobald Ihr Projektteam sie für Sie freigibt.",
  },
  entriesTitle: "Neueste Einträge",
  entriesDescription:
    "Die letzten Anrufe, E-Mails, Briefe, Termine und Notizen, die Sie sehen dürfen.",
  entriesEmptyTitle: "Noch keine Einträge",
  entriesEmpty: {
    host: "Hier erscheinen Anrufe, E-Mails, Briefe und Termine, die in Ihren Projekten erfasst werden.",
    partner: "Hier erscheinen Einträge, die in Projekten mit Ihrer Organisation geteilt werden.",
    customer: "Hier erscheinen Neuigkeiten, die Ihr Projektteam mit Ihnen teilt.",
  },
  securityTitle: "Kontosicherheit",
  twoFactorOn: "Die Zwei-Faktor-Anmeldung ist aktiviert.",
  twoFactorOff: "Die Zwei-Faktor-Anmeldung ist deaktiviert.",
  manage: "Verwalten",
  turnOn: "Aktivieren",
  activeSessions_one: "{{count}} aktive Sitzung.",
  activeSessions_other: "{{count}} aktive Sitzungen.",
  review: "Prüfen",
};

import type { reviews as english } from "../en/reviews";

// Zugriffsprüfungen: externe Mitgliedschaften, bestätigt von der Projektleitung (oder einer
// benannten prüfenden Person).
export const reviews: typeof english = {
  nav: "Zugriffsprüfungen",
  title: "Zugriffsprüfungen",
  intro:
    "Bestätigen Sie regelmäßig, wer außerhalb des Unternehmens was sehen darf: Die Projektleitung oder eine von Ihnen benannte Person behält, ändert oder entzieht jede externe Mitgliedschaft bis zu einem Stichtag.",
  start: {
    title: "Prüfung starten",
    name: "Name",
    namePlaceholder: "z. B. Prüfung Q1 2027",
    scope: "Umfang",
    scopes: {
      all: "Alle externen Mitgliedschaften",
      project: "Ein Projekt",
      account: "Ein Kundenkonto",
      organization: "Eine Organisation",
    },
    project: "Projekt",
    account: "Kundenkonto",
    organization: "Organisation",
    choose: "Bitte wählen …",
    reviewer: "Prüfende Person",
    reviewerOwner: "Die jeweilige Projektleitung",
    dueOn: "Stichtag",
    defaultDecision: "Wenn bis dahin niemand entscheidet",
    defaults: { keep: "Zugriff behalten", revoke: "Zugriff entziehen" },
    submit: "Prüfung starten",
    empty: "Nichts zu prüfen: In diesem Umfang gibt es keine aktuelle externe Mitgliedschaft.",
  },
  started_one:
    "Die Prüfung „{{title}}“ hat begonnen; {{count}} Mitgliedschaft ist zu entscheiden. Die prüfenden Personen werden per E-Mail informiert.",
  started_other:
    "Die Prüfung „{{title}}“ hat begonnen; {{count}} Mitgliedschaften sind zu entscheiden. Die prüfenden Personen werden per E-Mail informiert.",
  list: {
    title: "Prüfungen",
    empty: "Noch keine Zugriffsprüfung.",
    progress: "{{decided}} von {{total}} entschieden",
    due: "Stichtag {{date}}",
    closedOn: "Abgeschlossen am {{date}}",
    open: "Offen",
    closed: "Abgeschlossen",
    overdue: "Überfällig",
  },
  scopeLabel: {
    all: "Alle externen Mitgliedschaften",
    project: "Projekt {{name}}",
    account: "Kundenkonto {{name}}",
    organization: "Organisation: {{name}}",
  },
  decisions: { keep: "Behalten", change: "Ändern", revoke: "Entziehen" },
  decided: { keep: "Behalten", change: "Geändert", revoke: "Entzogen" },
  review: {
    covers: "Umfang",
    reviewer: "Prüfende Person",
    lastDay: "Stichtag",
    ifUndecided: "Ohne Entscheidung",
    progress: "Entschieden",
    report: "Bericht als CSV",
    close: "Prüfung jetzt abschließen",
    closeConfirm_one:
      "Diese Prüfung jetzt abschließen? {{count}} offene Mitgliedschaft folgt der Vorgabe: {{decision}}.",
    closeConfirm_other:
      "Diese Prüfung jetzt abschließen? {{count}} offene Mitgliedschaften folgen der Vorgabe: {{decision}}.",
    closedNote:
      "Abgeschlossen am {{date}}. Nicht entschiedene Mitgliedschaften sind der Vorgabe gefolgt.",
    closedToast_one: "Die Prüfung ist abgeschlossen; {{count}} Mitgliedschaft folgte der Vorgabe.",
    closedToast_other:
      "Die Prüfung ist abgeschlossen; {{count}} Mitgliedschaften folgten der Vorgabe.",
    alreadyClosed: "Die Prüfung war bereits abgeschlossen.",
    items: "Mitgliedschaften",
    noItems: "Keine Mitgliedschaft dieser Prüfung ist von Ihnen zu entscheiden.",
    atStart: "Zu Beginn der Prüfung",
    now: "Jetzt",
    revokedMeanwhile: "Inzwischen entzogen",
    wholeOrganization: "Alle bei {{name}}",
    onlyNamed: "Nur {{names}}",
    dormant_one: "{{count}} inaktive Person: {{names}}",
    dormant_other: "{{count}} inaktive Personen: {{names}}",
    decision: "Entscheidung",
    reason: "Begründung",
    reasonHint: "Sie erscheint im Bericht der Prüfung und im Prüfprotokoll.",
    newAccess: "Neuer Zugriff",
    newSections: "Neue Bereiche",
    save: "Entscheidung speichern",
    decidedBy: "{{decision}} von {{name}} am {{date}}",
    byDefault: "{{decision}} nach der Vorgabe der Prüfung am {{date}}",
    revokedOutside: "Außerhalb der Prüfung entzogen am {{date}}",
    reviewedBy: "Prüfende Person: {{name}}",
    reviewerDisabled:
      "{{name}} ist deaktiviert und entscheidet dies nicht: Entscheiden Sie selbst, sonst gilt die Vorgabe.",
    decidedToast: "{{decision}}: {{organization}} im Projekt {{project}}.",
  },
  errors: {
    titleRequired: "Geben Sie der Prüfung einen Namen.",
    titleTooLong: "Der Name darf höchstens 120 Zeichen lang sein.",
    dueRequired: "Geben Sie den Stichtag ein.",
    dueInvalid: "Geben Sie ein Datum ein, z. B. 31.03.2027.",
    duePast: "Der Stichtag darf nicht in der Vergangenheit liegen.",
    dueTooFar: "Wählen Sie einen Stichtag innerhalb eines Jahres.",
    projectRequired: "Wählen Sie das Projekt.",
    accountRequired: "Wählen Sie das Kundenkonto.",
    organizationRequired: "Wählen Sie die Organisation.",
    scopeUnknown: "Dies gibt es nicht mehr; bitte wählen Sie erneut.",
    reviewerUnknown: "Wählen Sie eine Kundenbetreuung oder einen Administrator.",
    decisionRequired: "Wählen Sie Behalten, Ändern oder Entziehen.",
    justificationRequired: "Begründen Sie die Entscheidung in wenigen Worten.",
    justificationTooLong: "Die Begründung darf höchstens 2.000 Zeichen lang sein.",
    alreadyDecided:
      "Über diese Mitgliedschaft wurde bereits entschieden, oder die Prüfung ist abgeschlossen.",
    widens:
      "Eine Prüfung kann Zugriff nur einschränken. Mehr Zugriff gibt die Projektleitung auf der Seite „Mitglieder“ des Projekts.",
    closeForbidden: "Nur Compliance-Beauftragte und Administratoren schließen eine Prüfung ab.",
    membershipGone:
      "Diese Mitgliedschaft wurde inzwischen entzogen; es gibt nichts mehr zu entscheiden.",
  },
  dormant: {
    title: "Inaktive externe Personen",
    intro_one: "Externe Personen, die sich seit {{count}} Tag oder länger nicht angemeldet haben.",
    intro_other:
      "Externe Personen, die sich seit {{count}} Tagen oder länger nicht angemeldet haben.",
    lastSignIn: "Zuletzt angemeldet am {{date}}",
    never: "Nie angemeldet; Konto seit {{date}}",
    disable: "Deaktivieren",
    disableConfirm:
      "{{name}} deaktivieren? Die Person wird überall abgemeldet und kann sich nicht mehr anmelden.",
    disabled: "{{name}} ist deaktiviert und überall abgemeldet.",
    notAllowed: "Diese Person dürfen Sie nicht deaktivieren.",
    none: "Keine inaktiven externen Personen.",
  },
  revokeOrganization: {
    title: "Einer Organisation alle Projekte entziehen",
    intro:
      "Wenn ein Partner nicht mehr für Sie arbeitet: Jeder Projektzugriff der Organisation endet in einem Schritt.",
    organization: "Organisation",
    option_one: "{{name}} ({{count}} Projekt)",
    option_other: "{{name}} ({{count}} Projekte)",
    submit: "Zugriff auf alle Projekte entziehen",
    confirm: "{{name}} den Zugriff auf alle Projekte entziehen?",
    done: "{{name}} hat keinen Zugriff mehr auf: {{projects}}.",
    nothing: "{{name}} hat keinen Projektzugriff, der entzogen werden könnte.",
    required: "Wählen Sie die Organisation.",
  },
  report: { yes: "ja" },
  home: {
    title: "Zugriffsprüfungen für Sie",
    item_one: "{{count}} Mitgliedschaft bis {{date}} zu entscheiden",
    item_other: "{{count}} Mitgliedschaften bis {{date}} zu entscheiden",
  },
  console: {
    figure: "Offene Zugriffsprüfungen",
    undecided_one: "{{count}} Mitgliedschaft offen",
    undecided_other: "{{count}} Mitgliedschaften offen",
  },
  mail: {
    subject: "Zugriffsprüfung „{{title}}“: bitte bis {{date}} entscheiden",
    reminderSubject: "Erinnerung: Die Zugriffsprüfung „{{title}}“ endet am {{date}}",
    preview_one: "{{count}} Mitgliedschaft bis {{date}} zu entscheiden",
    preview_other: "{{count}} Mitgliedschaften bis {{date}} zu entscheiden",
    heading: "Zugriffsprüfung: {{title}}",
    greeting: "Guten Tag {{name}},",
    body_one:
      "eine Zugriffsprüfung bittet Sie, bis {{date}} über {{count}} externe Mitgliedschaft zu entscheiden: behalten, ändern oder entziehen.",
    body_other:
      "eine Zugriffsprüfung bittet Sie, bis {{date}} über {{count}} externe Mitgliedschaften zu entscheiden: behalten, ändern oder entziehen.",
    reminderBody_one:
      "{{count}} Mitgliedschaft wartet noch auf Ihre Entscheidung; die Prüfung endet am {{date}}.",
    reminderBody_other:
      "{{count}} Mitgliedschaften warten noch auf Ihre Entscheidung; die Prüfung endet am {{date}}.",
    default: {
      keep: "Was bis dahin niemand entscheidet, behält seinen Zugriff.",
      revoke: "Was bis dahin niemand entscheidet, verliert seinen Zugriff.",
    },
    button: "Prüfung öffnen",
  },
};

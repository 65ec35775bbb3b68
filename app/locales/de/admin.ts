import type { admin as english } from "../en/admin";

// Administration: organisations, users, invitations, and the invitation email.
export const admin: typeof english = {
  errors: {
    onlyAdminsOrganizations: "Nur Administrator(inn)en können Organisationen anlegen.",
    onlyAdminsUsers:
      "Nur Administrator(inn)en können Benutzer einladen, deaktivieren oder reaktivieren.",
    onlyAdminsInvitations:
      "Nur Administrator(inn)en können Einladungen erneut senden oder zurückziehen.",
    onlyAdminsMailDomains:
      "Nur Administrator(inn)en können die E-Mail-Domains einer Organisation ändern.",
  },
  organizations: {
    title: "Organisationen",
    intro:
      "Ihr Unternehmen, die Partnerorganisationen, die an Ihren Projekten arbeiten, und die Kundenkonten, für die die Projekte laufen.",
    listTitle_one: "{{count}} Organisation",
    listTitle_other: "{{count}} Organisationen",
    added: "Hinzugefügt am",
    users_one: "{{count}} Benutzer",
    users_other: "{{count}} Benutzer",
    inviteFirst: "Ersten Benutzer einladen",
    invited_one: "{{count}} eingeladen",
    invited_other: "{{count}} eingeladen",
    newTitle: "Organisation hinzufügen",
    newDescription: "Laden Sie danach auf der Seite „Benutzer“ den ersten Benutzer ein.",
    nameLabel: "Name",
    nameHint: "So, wie die Organisation ihn schreibt, mit Rechtsform, z. B. „Holzwerk Meyer KG“.",
    typeLabel: "Art",
    types: {
      customer: "Kundenkonto",
      supplier: "Partner · Lieferant",
      freelancer: "Partner · Freelancer",
      agency: "Partner · Agentur",
    },
    typeHints: {
      customer:
        "Ein Kunde, für den Ihre Projekte laufen. Seine Mitarbeitenden verfolgen dort ihre Projekte und Anfragen.",
      supplier: "Liefert Material, Möbel oder andere Waren für Ihre Projekte.",
      freelancer: "Eine selbstständige Person, etwa aus Design oder Handwerk.",
      agency: "Ein Studio oder eine Agentur, etwa für Design, Planung oder Marketing.",
    },
    create: "Organisation hinzufügen",
    created: "{{name}} wurde hinzugefügt. Laden Sie als Nächstes den ersten Benutzer ein.",
    mailDomainsLabel: "E-Mail-Domains",
    mailDomainsHint:
      "E-Mails von diesen Domains an die Erfassungsadressen dieser Organisation landen in ihren Projekten. Öffentliche E-Mail-Anbieter sind nicht erlaubt.",
    mailDomainsPlaceholder: "z. B. studio-lumen.example",
    mailDomainsNone: "keine",
    mailDomainsEdit: "E-Mail-Domains ändern",
    mailDomainsSave: "E-Mail-Domains speichern",
    mailDomainsSaved: "Die E-Mail-Domains von {{name}} wurden gespeichert.",
    mailDomainsUnchanged: "Die E-Mail-Domains von {{name}} bleiben unverändert.",
    errors: {
      nameRequired: "Geben Sie den Namen der Organisation ein.",
      nameTooLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
      nameTooLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
      nameTaken:
        "Eine Organisation namens „{{name}}“ gibt es bereits. Wählen Sie einen unterscheidbaren Namen, zum Beispiel mit Ort oder Rechtsform.",
      typeRequired: "Wählen Sie aus, um welche Art von Organisation es sich handelt.",
      mailDomains: {
        address:
          "„{{domain}}“ ist eine E-Mail-Adresse. Geben Sie nur die Domain ein, also den Teil nach dem @.",
        scheme:
          "„{{domain}}“ ist eine Webadresse. Geben Sie nur die Domain ein, etwa studio-lumen.example, ohne http:// oder https://.",
        wildcard:
          "„{{domain}}“ enthält einen Platzhalter. Geben Sie jede Domain vollständig ein, etwa studio-lumen.example.",
        tooLong:
          "„{{domain}}“ ist zu lang für eine Domain: Erlaubt sind höchstens {{max}} Zeichen.",
        invalid:
          "„{{domain}}“ ist keine Domain. Geben Sie Domains wie studio-lumen.example ein, nur mit Buchstaben, Ziffern, Bindestrichen und Punkten.",
        publicProvider:
          "{{domain}} ist ein öffentlicher E-Mail-Anbieter: Dort kann jeder eine Adresse bekommen. Geben Sie nur Domains ein, die der Organisation gehören.",
        tooMany_one: "Geben Sie höchstens {{count}} Domain ein.",
        tooMany_other: "Geben Sie höchstens {{count}} Domains ein.",
      },
    },
  },
  users: {
    title: "Benutzer",
    intro:
      "Alle, die sich bei Ambit anmelden können, und die noch offenen Einladungen. Laden Sie hier Personen ein; wer deaktiviert wird, wird sofort abgemeldet.",
    listTitle_one: "{{count}} Person",
    listTitle_other: "{{count}} Personen",
    listDescriptionAll: "Alle Organisationen",
    listDescriptionFiltered: "Nur {{name}}",
    filterLabel: "Organisation",
    filterAll: "Alle Organisationen",
    filterApply: "Anzeigen",
    truncated:
      "Die ersten {{count}} werden angezeigt. Wählen Sie eine Organisation, um deren übrige Personen zu sehen.",
    empty: "Noch niemand hier. Laden Sie die erste Person mit dem Formular oben ein.",
    person: "Person",
    organization: "Organisation",
    status: "Status",
    actions: "Aktionen",
    you: "Sie",
    twoFactorOn: "Zwei-Faktor-Anmeldung aktiv",
    statuses: {
      active: "Aktiv",
      disabled: "Deaktiviert",
      invited: "Eingeladen",
      expired: "Einladung abgelaufen",
    },
    disabledSince: "Deaktiviert seit",
    invitedBy: "Eingeladen von {{name}}",
    validUntil: "Link gültig bis",
    expiredOn: "Link abgelaufen am",
    disable: "Deaktivieren",
    disableLabel: "{{name}} deaktivieren",
    enable: "Reaktivieren",
    enableLabel: "{{name}} reaktivieren",
    resend: "Erneut senden",
    resendLabel: "Einladung an {{email}} erneut senden",
    revoke: "Zurückziehen",
    revokeLabel: "Einladung an {{email}} zurückziehen",
    disabled: "{{name}} wurde deaktiviert und überall abgemeldet.",
    enabled: "{{name}} kann sich wieder anmelden.",
    invited:
      "Einladung an {{email}} gesendet. Der Link ist {{days}} Tage gültig und funktioniert nur einmal.",
    resent:
      "Eine neue Einladung wurde an {{email}} gesendet. Der bisherige Link funktioniert nicht mehr.",
    revoked: "Die Einladung an {{email}} wurde zurückgezogen. Der Link funktioniert nicht mehr.",
    mailFailed:
      "Die Einladung an {{email}} ist gespeichert, aber die E-Mail konnte nicht gesendet werden. Versuchen Sie es gleich noch einmal mit „Erneut senden“.",
    inviteTitle: "Person einladen",
    inviteDescription:
      "Die Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt. Der Link ist {{days}} Tage gültig und funktioniert nur einmal.",
    email: "E-Mail",
    name: "Name",
    nameHint: "Die Person kann ihn beim Annehmen der Einladung korrigieren.",
    organizationLabel: "Organisation",
    organizationPlaceholder: "Organisation auswählen",
    roleLabel: "Rolle",
    rolePlaceholder: "Zuerst Organisation auswählen",
    roleChoose: "Rolle auswählen",
    roleHints: {
      host: "Ihre eigenen Mitarbeitenden: Administrator(in), Kundenbetreuer(in) oder Compliance-Beauftragte(r).",
      partner: "Personen einer Partnerorganisation arbeiten als Partner.",
      customer: "Personen eines Kundenkontos arbeiten als Kunden.",
    },
    languageLabel: "Sprache der Einladung",
    languageHint:
      "In dieser Sprache wird die E-Mail geschrieben. Nach der Anmeldung wählt die Person ihre Sprache selbst.",
    sendInvitation: "Einladung senden",
    errors: {
      emailRequired: "Geben Sie die E-Mail-Adresse der Person ein.",
      emailInvalid: "Geben Sie eine E-Mail-Adresse wie name@firma.de ein.",
      nameRequired: "Geben Sie den Namen der Person ein.",
      nameTooLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
      nameTooLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
      organizationRequired: "Wählen Sie die Organisation aus, zu der die Person gehört.",
      roleRequired: "Wählen Sie die Rolle der Person aus.",
      languageRequired: "Wählen Sie die Sprache der Einladung aus.",
      roleMismatch: {
        host: "Ihre eigenen Mitarbeitenden sind Administrator(inn)en, Kundenbetreuer(innen) oder Compliance-Beauftragte.",
        partner: "Personen einer Partnerorganisation haben die Rolle „Partner“.",
        customer: "Personen eines Kundenkontos haben die Rolle „Kunde“.",
      },
      emailTaken:
        "{{email}} gehört bereits zu einem Benutzer. Jede Person meldet sich mit ihrer eigenen Adresse an. Um dieser Person wieder Zugriff zu geben, reaktivieren Sie ihr Konto.",
      alreadyInvited:
        "Für {{email}} gibt es bereits eine offene Einladung. Senden Sie diese stattdessen in der Liste unten erneut.",
      cannotDisableSelf:
        "Sie können Ihr eigenes Konto nicht deaktivieren. Wenden Sie sich an eine andere Administratorin oder einen anderen Administrator, falls es deaktiviert werden muss.",
      invitationNotPending: "Diese Einladung wurde bereits angenommen oder zurückgezogen.",
      invitationEmailTaken:
        "{{email}} gehört bereits zu einem Benutzer, daher kann diese Einladung nicht mehr verwendet werden. Ziehen Sie sie zurück.",
    },
  },
  settings: {
    title: "Einstellungen",
    intro: "Einstellungen Ihrer Ambit-Installation, für alle, die darin arbeiten.",
    languageTitle: "Sprache",
    languageDescription:
      "Jede Person kann ihre Sprache selbst wählen. Diese Sprache gilt für alle, die noch keine gewählt haben und deren Browser eine Sprache verlangt, die Ambit nicht spricht, sowie für neue Einladungen.",
    defaultLanguage: "Standardsprache",
    saved: "Die Einstellungen wurden gespeichert.",
    forbidden: "Nur Administratoren können die Einstellungen ändern.",
    errors: { languageRequired: "Wählen Sie eine Sprache aus." },
    dormant: {
      title: "Zugriffsprüfungen",
      description:
        "Externe Personen, die sich so lange nicht angemeldet haben, werden in Zugriffsprüfungen als inaktiv markiert und lassen sich dort in einem Schritt deaktivieren.",
      label: "Inaktiv nach (Tagen ohne Anmeldung)",
      hint: "Zwischen {{min}} und {{max}} Tagen; 90, solange Sie nichts ändern.",
      invalid: "Geben Sie eine ganze Zahl von Tagen zwischen 14 und 730 ein.",
    },
    requests: {
      title: "Kundenanfragen",
      description:
        "Wann Ihr Unternehmen arbeitet und wie schnell Anfragen beantwortet werden. Die Ziele zählen nur Geschäftszeit: die Geschäftszeiten der Arbeitstage, ohne Feiertage und Schließtage.",
      calendarTitle: "Geschäftszeiten",
      federalState: "Bundesland",
      federalStateHint: "Seine gesetzlichen Feiertage sind arbeitsfrei.",
      workingDays: "Arbeitstage",
      dayStart: "Geschäftszeit von",
      dayEnd: "Geschäftszeit bis",
      closingDays: "Schließtage",
      closingDaysHint:
        "Tage, an denen Ihr Unternehmen außer an Feiertagen geschlossen ist, einer je Zeile oder durch Kommas getrennt, z. B. 24.12.2026.",
      reopenWindow: "Frist zum Wiedereröffnen",
      reopenWindowHint:
        "Wie viele Tage nach der Lösung der Kunde eine Anfrage wieder öffnen kann (0: gar nicht). Gilt für Anfragen, die ab jetzt gelöst werden.",
      reopenWindowUnit: "Tage",
      targetsTitle: "Ziele",
      targetsDescription:
        "Geschäftsstunden bis zur ersten Antwort und bis zur Lösung, je Art und Priorität. Dezimalzahlen sind erlaubt, z. B. 1,5 für anderthalb Stunden.",
      priority: "Priorität",
      firstResponse: "Erste Antwort (Stunden)",
      resolution: "Lösung (Stunden)",
      savedDueDatesInBackground:
        "Die Einstellungen für Kundenanfragen wurden gespeichert. Die Fälligkeiten der offenen Anfragen werden im Hintergrund aktualisiert.",
      errors: {
        federalStateRequired: "Wählen Sie das Bundesland, dessen Feiertage gelten.",
        workingDaysRequired: "Wählen Sie mindestens einen Arbeitstag.",
        timeInvalid: "Geben Sie eine Uhrzeit wie 08:00 ein.",
        endBeforeStart: "Die Geschäftszeit muss nach ihrem Beginn enden.",
        closingDayInvalid:
          "Zeile {{line}}: „{{text}}“ ist kein Datum. Schreiben Sie Tage wie 24.12.2026.",
        reopenWindowInvalid: "Geben Sie eine ganze Zahl von Tagen von 0 bis {{max}} ein.",
        targetRequired: "Geben Sie die Stunden ein.",
        targetInvalid: "Geben Sie Stunden über 0 ein, z. B. 1,5.",
        targetTooLong: "Geben Sie höchstens {{max}} Stunden ein.",
        resolutionBeforeResponse: "Mindestens so lange wie für die erste Antwort.",
      },
    },
  },
  accept: {
    metaTitle: "Einladung annehmen",
    title: "{{organization}} auf Ambit beitreten",
    intro:
      "{{inviter}} hat Sie eingeladen. Geben Sie Ihren Namen ein und wählen Sie ein Passwort, um Ihr Konto zu erstellen.",
    introNoInviter:
      "Geben Sie Ihren Namen ein und wählen Sie ein Passwort, um Ihr Konto zu erstellen.",
    organization: "Organisation",
    role: "Rolle",
    email: "E-Mail für die Anmeldung",
    name: "Ihr Name",
    nameHint: "So sehen ihn Ihr Team und Ihre Projektpartner.",
    password: "Passwort wählen",
    confirmPassword: "Passwort wiederholen",
    validUntil: "Link gültig bis",
    twoFactorNote:
      "Ihr Unternehmen verlangt für seine Mitarbeitenden die Zwei-Faktor-Anmeldung: Direkt im Anschluss richten Sie eine Authenticator-App auf Ihrem Smartphone ein.",
    signedInNote:
      "Sie sind als {{name}} angemeldet. Wenn Sie die Einladung annehmen, werden Sie von diesem Konto abgemeldet und mit Ihrem neuen Konto angemeldet.",
    submit: "Konto erstellen",
    welcome: "Willkommen bei Ambit, {{name}}.",
    goneTitle: "Diese Einladung ist nicht mehr gültig",
    gone: {
      expired:
        "Einladungen sind {{days}} Tage gültig, und diese ist abgelaufen. Bitten Sie {{inviter}} um eine neue.",
      revoked:
        "Diese Einladung wurde zurückgezogen. Bitten Sie {{inviter}} um eine neue, falls Sie weiterhin Zugriff benötigen.",
      accepted:
        "Mit dieser Einladung wurde bereits ein Konto erstellt. Melden Sie sich mit der zugehörigen E-Mail-Adresse und Ihrem Passwort an.",
      unknown:
        "Der Link ist möglicherweise unvollständig, oder eine neuere Einladung hat ihn ersetzt. Verwenden Sie die neueste Einladungs-E-Mail oder bitten Sie die Person, die Sie eingeladen hat, um eine neue.",
    },
    inviterFallback: "die einladende Person",
    signIn: "Zur Anmeldung",
    errors: {
      nameRequired: "Geben Sie Ihren Namen ein.",
      nameTooLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
      nameTooLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
      gone: "Diese Einladung ist nicht mehr gültig. Bitten Sie die Person, die Sie eingeladen hat, um eine neue.",
      emailTaken:
        "Für diese E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich damit an oder setzen Sie das Passwort zurück.",
    },
  },
  emails: {
    invitation: {
      subject: "{{inviter}} hat Sie zu {{organization}} auf Ambit eingeladen",
      subjectNoInviter: "Ihre Einladung zu {{organization}} auf Ambit",
      preview: "Wählen Sie Ihr Passwort, um {{organization}} auf Ambit beizutreten.",
      heading: "Ihre Einladung zu Ambit",
      greeting: "Guten Tag {{name}},",
      body: "{{inviter}} ({{inviterOrganization}}) hat Sie mit der Rolle „{{role}}“ eingeladen, {{organization}} auf Ambit beizutreten.",
      bodyNoInviter:
        "Sie wurden mit der Rolle „{{role}}“ eingeladen, {{organization}} auf Ambit beizutreten.",
      about:
        "Ambit ist der gemeinsame Arbeitsbereich für Ihre gemeinsamen Projekte: eine Kontakthistorie aller Anrufe, E-Mails, Briefe und Termine, genau so weit geteilt, wie es sein soll.",
      action:
        "Wählen Sie Ihr Passwort über die Schaltfläche unten. Der Link funktioniert nur einmal und ist bis {{date}} gültig.",
      button: "Einladung annehmen",
      fallback:
        "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
      notYou:
        "Sie haben diese E-Mail nicht erwartet? Dann ignorieren Sie sie einfach: Ohne Ihre Antwort wird kein Konto erstellt.",
      footer:
        "Sie erhalten diese E-Mail, weil jemand bei {{inviterOrganization}} {{email}} zu Ambit eingeladen hat.",
    },
  },
};

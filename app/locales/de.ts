import { accounts } from "./de/accounts";
import { admin } from "./de/admin";
import { compliance } from "./de/compliance";
import { documents } from "./de/documents";
import { erasure } from "./de/erasure";
import { entryForm } from "./de/entry-form";
import { history } from "./de/history";
import { home } from "./de/home";
import { mailIn } from "./de/mail-in";
import { mailOut } from "./de/mail-out";
import { projects } from "./de/projects";
import { requests } from "./de/requests";
import { retention } from "./de/retention";
import { search } from "./de/search";
import { reviews } from "./de/reviews";
import { sharing } from "./de/sharing";
import type { Messages } from "./en";

// German. Keys are grouped by page or concern; large areas live in de/.
export const de: Messages = {
  projects,
  requests,
  history,
  documents,
  entryForm,
  search,
  sharing,
  mailIn,
  mailOut,
  accounts,
  admin,
  compliance,
  reviews,
  erasure,
  retention,
  // Der Rahmen jedes signierten Nachweises (Löschungen, Läufe der Aufbewahrung).
  certificate: {
    download: "Signierten Nachweis herunterladen (JSON)",
    print: "Drucken",
    chainBefore: "Kettenende vorher",
    event: "Ereignis {{seq}}",
    signature: "Signatur",
    algorithm: "{{algorithm}}-Signatur",
    keyId: "Schlüssel",
    verifyHint:
      "Zum Prüfen außerhalb von Ambit: „npm run certificate:verify -- certificate.json --public-key SCHLÜSSEL“ mit dem öffentlichen Schlüssel, den Ihnen Ihre Administration gibt („npm run audit:public-key“).",
  },
  // Each language named in itself, in both catalogues.
  languageNames: { de: "Deutsch", en: "English" },
  // Our own file fields: the browser's follow the browser's language, not the reader's.
  files: {
    chooseOne: "Datei auswählen",
    chooseMany: "Dateien auswählen",
    noneOne: "Keine Datei ausgewählt",
    noneMany: "Keine Dateien ausgewählt",
  },
  common: {
    dismiss: "Schließen",
    cancel: "Abbrechen",
    save: "Speichern",
  },
  // Filters whose choices are searched as one types (app/components/filter-combobox.tsx).
  filterChoice: {
    showChoices: "Auswahl für {{label}} anzeigen",
    clear: "{{label}} zurücksetzen",
    searching: "Suche läuft …",
    noMatches: "Keine Treffer",
  },
  // Date fields (app/components/ui/date-input.tsx): typed in the reader's format.
  dateInput: {
    placeholder: "TT.MM.JJJJ",
    placeholderDateTime: "TT.MM.JJJJ hh:mm",
    openCalendar: "Kalender öffnen",
    invalidDay: "Geben Sie ein Datum wie 31.12.2026 ein.",
  },
  // Shown in place of contact data the reader may not see (ADR 0013).
  redaction: {
    externalAddress: "externe Adresse",
    hiddenPhone: "ausgeblendete Telefonnummer",
  },
  nav: {
    label: "Hauptnavigation",
    home: "Startseite",
    projects: "Projekte",
    accounts: "Kundenkonten",
    administration: "Administration",
    organizations: "Organisationen",
    users: "Benutzer",
    settings: "Einstellungen",
    yourAccount: "Ihr Konto",
    account: "Profil & Passwort",
    twoFactor: "Zwei-Faktor-Anmeldung",
    sessions: "Sitzungen",
    development: "Entwicklung",
    outbox: "Postausgang",
    signOut: "Abmelden",
    menu: "Menü",
    skipToContent: "Zum Inhalt springen",
    language: "Sprache",
  },
  roles: {
    admin: "Administrator(in)",
    account_manager: "Kundenbetreuer(in)",
    compliance_officer: "Compliance-Beauftragte(r)",
    partner: "Partner",
    customer: "Kunde",
  },
  roleDescriptions: {
    admin: "Sie verwalten Organisationen, Benutzer, Einladungen und Einstellungen.",
    account_manager: "Sie betreuen Kundenkonten und Projektbereiche.",
    compliance_officer:
      "Sie sehen alle Inhalte, prüfen Zugriffe und beantworten Anfragen betroffener Personen.",
    partner: "Sie arbeiten an den Projekten, zu denen Ihre Organisation eingeladen wurde.",
    customer: "Sie verfolgen Ihre Projekte, Dokumente und Anfragen.",
  },
  organizationKinds: {
    host: "Gastgeberunternehmen",
    customer: "Kunde",
    partner: "Partner",
    partner_supplier: "Partner · Lieferant",
    partner_freelancer: "Partner · Freelancer",
    partner_agency: "Partner · Agentur",
  },
  auth: {
    tagline: "Eine gemeinsame Kontakthistorie für alle, die für Ihren Kunden arbeiten.",
    taglineDetail:
      "Briefe, Anrufe, Termine und E-Mails von Ihrem Team, Ihren Partnern und Ihren Kunden – genau so weit geteilt wie vorgesehen, jeder Zugriff protokolliert.",
    invitationOnly: "Zugriff nur auf Einladung.",
    signInTitle: "Bei Ambit anmelden",
    signInIntro: "Verwenden Sie die E-Mail-Adresse, an die Ihre Einladung gesendet wurde.",
    email: "E-Mail",
    password: "Passwort",
    signIn: "Anmelden",
    forgotPassword: "Passwort vergessen?",
    passwordResetDone: "Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen Passwort an.",
    errors: {
      emailRequired: "Geben Sie Ihre E-Mail-Adresse ein.",
      emailInvalid: "Geben Sie eine E-Mail-Adresse wie name@firma.de ein.",
      passwordRequired: "Geben Sie Ihr Passwort ein.",
      invalid:
        "E-Mail-Adresse und Passwort passen zu keinem Konto. Prüfen Sie beide Angaben und versuchen Sie es erneut.",
      throttled:
        "Zu viele fehlgeschlagene Anmeldeversuche aus Ihrem Netzwerk. Warten Sie eine Minute und versuchen Sie es dann erneut.",
      // Said for unknown addresses too, so it cannot tell who has an account.
      locked_one:
        "Dieses Konto ist nach zu vielen fehlgeschlagenen Anmeldeversuchen für {{count}} Minute gesperrt. In einem Browser, in dem Sie sich schon einmal angemeldet haben, können Sie sich weiterhin anmelden. Oder setzen Sie Ihr Passwort zurück, um die Sperre in diesem Browser aufzuheben.",
      locked_other:
        "Dieses Konto ist nach zu vielen fehlgeschlagenen Anmeldeversuchen für {{count}} Minuten gesperrt. In einem Browser, in dem Sie sich schon einmal angemeldet haben, können Sie sich weiterhin anmelden. Oder setzen Sie Ihr Passwort zurück, um die Sperre in diesem Browser aufzuheben.",
      lockedHere_one:
        "Die Anmeldung in diesem Browser ist nach zu vielen fehlgeschlagenen Versuchen für {{count}} Minute gesperrt. Versuchen Sie es später erneut oder setzen Sie Ihr Passwort zurück, um die Sperre sofort aufzuheben.",
      lockedHere_other:
        "Die Anmeldung in diesem Browser ist nach zu vielen fehlgeschlagenen Versuchen für {{count}} Minuten gesperrt. Versuchen Sie es später erneut oder setzen Sie Ihr Passwort zurück, um die Sperre sofort aufzuheben.",
      disabled:
        "Dieses Konto wurde deaktiviert. Bitten Sie Ihre Administration, es wieder zu aktivieren.",
    },
  },
  home,
  twoFactor: {
    title: "Zwei-Faktor-Anmeldung",
    intro:
      "Ein Code aus einer Authenticator-App auf Ihrem Smartphone, der nach Ihrem Passwort abgefragt wird.",
    signInTitle: "Anmeldecode eingeben",
    signInIntro:
      "Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code für Ambit ein.",
    recoveryIntro:
      "Geben Sie einen der Wiederherstellungscodes ein, die Sie beim Einrichten der Zwei-Faktor-Anmeldung gespeichert haben.",
    code: "6-stelliger Code",
    recoveryCode: "Wiederherstellungscode",
    verify: "Bestätigen",
    useRecovery: "Stattdessen Wiederherstellungscode verwenden",
    useApp: "Stattdessen Authenticator-App verwenden",
    cancel: "Abbrechen und abmelden",
    setupTitle: "Authenticator-App einrichten",
    setupDescription:
      "Jede TOTP-App ist geeignet, etwa 1Password, Google Authenticator oder Microsoft Authenticator.",
    qrAlt: "QR-Code, um Ambit zu Ihrer Authenticator-App hinzuzufügen",
    stepScan:
      "Scannen Sie den QR-Code mit Ihrer Authenticator-App oder geben Sie den Schlüssel unten ein.",
    stepEnter: "Geben Sie zur Bestätigung den 6-stelligen Code ein, den die App anzeigt.",
    manualKey: "Schlüssel für die manuelle Eingabe",
    turnOn: "Zwei-Faktor-Anmeldung aktivieren",
    requiredNotice:
      "Ihr Unternehmen verlangt die Zwei-Faktor-Anmeldung für seine Beschäftigten. Richten Sie sie ein, um fortzufahren.",
    enrolledNow:
      "Die Zwei-Faktor-Anmeldung ist aktiviert. Ab jetzt werden Sie nach Ihrem Passwort nach einem Code gefragt.",
    recoveryTitle: "Wiederherstellungscodes speichern",
    recoveryDescription:
      "Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihr Smartphone verlieren. Die Codes werden nur jetzt angezeigt: Bewahren Sie sie sicher auf, etwa in Ihrem Passwortmanager.",
    savedThem: "Ich habe sie gespeichert",
    isOn: "Die Zwei-Faktor-Anmeldung ist aktiviert",
    onSince: "Aktiviert seit",
    codesLeft_one: "Noch {{count}} Wiederherstellungscode",
    codesLeft_other: "Noch {{count}} Wiederherstellungscodes",
    newCodesTitle: "Wiederherstellungscodes",
    newCodesDescription: "Erzeugen Sie neue Codes; die bisherigen werden sofort ungültig.",
    newCodes: "Neue Codes erzeugen",
    turnOffTitle: "Zwei-Faktor-Anmeldung deaktivieren",
    turnOffDescription: "Ihr Konto ist dann nur noch durch Ihr Passwort geschützt.",
    turnOff: "Deaktivieren",
    replaceTitle: "Authenticator ersetzen",
    replaceDescription:
      "Neues Smartphone? Damit wird der aktuelle Schlüssel entfernt; anschließend richten Sie gleich die neue App ein.",
    replace: "Authenticator ersetzen",
    errors: {
      codeRequired: "Geben Sie den Code ein.",
      codeShort: "Der Code ist zu kurz.",
      codeSixDigits: "Geben Sie die 6 Ziffern ein, die Ihre App anzeigt.",
      invalid_totp:
        "Dieser Code ist ungültig. Prüfen Sie die Uhrzeit auf Ihrem Smartphone und verwenden Sie den neuesten Code.",
      invalid_recovery: "Dieser Wiederherstellungscode ist ungültig oder wurde bereits verwendet.",
      alreadyOn: "Die Zwei-Faktor-Anmeldung ist bereits aktiviert.",
    },
  },
  account: {
    title: "Profil & Passwort",
    intro: "Ihre Angaben und das Passwort, mit dem Sie sich anmelden.",
    profileTitle: "Profil",
    name: "Name",
    passwordTitle: "Passwort",
    passwordDescription: "Wählen Sie ein langes Passwort, das Sie nirgendwo sonst verwenden.",
    passwordLastChanged: "Zuletzt geändert",
    currentPassword: "Aktuelles Passwort",
    newPassword: "Neues Passwort",
    confirmPassword: "Neues Passwort wiederholen",
    passwordHint_one:
      "Mindestens {{count}} Zeichen. Gut geeignet sind einige Wörter ohne Zusammenhang.",
    passwordHint_other:
      "Mindestens {{count}} Zeichen. Gut geeignet sind einige Wörter ohne Zusammenhang.",
    otherSessionsNote: "Wenn Sie Ihr Passwort ändern, werden Sie überall sonst abgemeldet.",
    changePassword: "Passwort ändern",
    preferencesTitle: "Sprache und Zeitzone",
    preferencesDescription:
      "In dieser Sprache spricht Ambit mit Ihnen, auch in E-Mails; in dieser Zeitzone sehen Sie Datum und Uhrzeit.",
    language: "Sprache",
    languageBrowser: "Wie vom Browser gewünscht (derzeit {{language}})",
    timeZone: "Zeitzone",
    timeZoneHint: "Datum und Uhrzeit werden in dieser Zeitzone angezeigt und eingelesen.",
    timeZoneBrowser: "Zeitzone des Browsers",
    savePreferences: "Speichern",
    preferencesSaved: "Sprache und Zeitzone wurden gespeichert.",
    passwordChanged_one: "Passwort geändert. {{count}} andere Sitzung wurde beendet.",
    passwordChanged_other: "Passwort geändert. {{count}} andere Sitzungen wurden beendet.",
    errors: {
      currentPasswordRequired: "Geben Sie Ihr aktuelles Passwort ein.",
      currentPasswordWrong: "Das ist nicht Ihr aktuelles Passwort.",
      newPasswordRequired: "Geben Sie ein neues Passwort ein.",
      newPasswordShort_one: "Verwenden Sie mindestens {{count}} Zeichen.",
      newPasswordShort_other: "Verwenden Sie mindestens {{count}} Zeichen.",
      newPasswordLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
      newPasswordLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
      confirmRequired: "Wiederholen Sie das neue Passwort.",
      confirmMismatch: "Die beiden Passwörter stimmen nicht überein.",
      languageInvalid: "Wählen Sie eine Sprache aus der Liste.",
      timeZoneInvalid: "Wählen Sie eine Zeitzone aus der Liste.",
    },
  },
  sessions: {
    title: "Sitzungen",
    intro:
      "Hier sind Sie derzeit angemeldet. Beenden Sie jede Sitzung, die Sie nicht zuordnen können.",
    activeTitle_one: "{{count}} aktive Sitzung",
    activeTitle_other: "{{count}} aktive Sitzungen",
    revokeOthers: "Alle anderen Sitzungen beenden",
    thisDevice: "Dieses Gerät",
    unknownBrowser: "Unbekannter Browser",
    unknownIp: "Unbekannte Adresse",
    lastSeen: "Zuletzt aktiv",
    signedIn: "Angemeldet",
    revoke: "Abmelden",
    signOutHere: "Hier abmelden",
    revoked: "Die Sitzung wurde beendet.",
    othersRevoked_one: "{{count}} andere Sitzung wurde beendet.",
    othersRevoked_other: "{{count}} andere Sitzungen wurden beendet.",
    notFound: "Diese Sitzung ist bereits beendet.",
  },
  reset: {
    requestTitle: "Passwort zurücksetzen",
    requestIntro:
      "Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, über den Sie ein neues Passwort wählen können.",
    sendLink: "Link senden",
    backToSignIn: "Zurück zur Anmeldung",
    checkInboxTitle: "Prüfen Sie Ihr Postfach",
    checkInbox:
      "Wenn {{email}} zu einem Ambit-Konto gehört, ist ein Link zum Wählen eines neuen Passworts unterwegs. Er ist einmalig und {{minutes}} Minuten lang gültig.",
    chooseTitle: "Neues Passwort wählen",
    chooseIntro:
      "Danach werden Sie überall abgemeldet und können sich mit dem neuen Passwort anmelden.",
    save: "Neues Passwort speichern",
    expiredTitle: "Dieser Link ist nicht mehr gültig",
    linkExpired:
      "Links zum Zurücksetzen sind einmalig und 30 Minuten lang gültig. Fordern Sie einen neuen Link an.",
    requestNew: "Neuen Link anfordern",
  },
  outbox: {
    title: "Postausgang",
    intro:
      "Solange kein E-Mail-Anbieter eingerichtet ist, landet hier jede E-Mail, die die Anwendung versendet.",
    developmentOnly: "Nur in der Entwicklung",
    empty:
      "Noch keine E-Mails. Hier erscheinen E-Mails zum Zurücksetzen des Passworts und Einladungen.",
    from: "Von",
    to: "an",
    htmlPreview: "E-Mail-Vorschau",
    plainText: "Nur-Text-Version",
    status: { outbox: "im Postausgang", sent: "gesendet", failed: "fehlgeschlagen" },
  },
  emails: {
    footer:
      "Sie erhalten diese E-Mail, weil Sie ein Konto bei Ambit haben. Wenn Ihnen etwas ungewöhnlich vorkommt, wenden Sie sich an Ihr Projektteam.",
    passwordReset: {
      subject: "Ihr Ambit-Passwort zurücksetzen",
      preview: "Ein Link zum Wählen eines neuen Passworts, 30 Minuten lang gültig.",
      heading: "Passwort zurücksetzen",
      greeting: "Guten Tag {{name}},",
      body: "Jemand hat angefordert, das Passwort Ihres Ambit-Kontos zurückzusetzen. Wenn Sie das waren, wählen Sie über die Schaltfläche unten ein neues Passwort. Der Link ist einmalig und {{minutes}} Minuten lang gültig.",
      button: "Neues Passwort wählen",
      fallback:
        "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
      notYou:
        "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
    },
  },
  errors: {
    notFoundTitle: "Diese Seite wurde nicht gefunden",
    notFoundMessage: "Möglicherweise wurde sie verschoben, oder Sie haben keinen Zugriff darauf.",
    forbiddenTitle: "Diese Aktion ist nicht erlaubt",
    forbiddenMessage: "Ihre Rolle erlaubt diese Aktion nicht.",
    crossSiteText: "Websiteübergreifende Anfragen sind nicht zulässig.",
    crossSiteTitle: "Dieses Formular stammt von einer anderen Website",
    crossSiteMessage:
      "Zu Ihrer Sicherheit nimmt Ambit nur Formulare an, die von den eigenen Seiten unter der eigenen Adresse gesendet werden. Öffnen Sie Ambit über die gewohnte Adresse und versuchen Sie es dann erneut.",
    unexpectedTitle: "Bei uns ist ein Fehler aufgetreten",
    unexpectedMessage:
      "Das tut uns leid. Versuchen Sie es gleich noch einmal; wenn der Fehler weiterhin auftritt, senden Sie uns die folgende Referenz.",
    reference: "Referenz",
    backHome: "Zur Startseite",
    unknownLanguage: "Ambit spricht Deutsch und Englisch; wählen Sie eine der beiden Sprachen.",
    // Fields whose browser control cannot send a wrong value; said to a crafted request.
    chooseOption: "Wählen Sie eine der Möglichkeiten aus.",
    tooLong_one: "Verwenden Sie höchstens {{count}} Zeichen.",
    tooLong_other: "Verwenden Sie höchstens {{count}} Zeichen.",
  },
};

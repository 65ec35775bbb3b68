// E-Mails, die Ambit erreichen: Erfassungsadressen und ungeklärte E-Mails (app/features/mail-in).
export const mailIn = {
  capture: {
    title: "E-Mails zu diesem Projekt hinzufügen",
    introOwn:
      "Setzen Sie diese Adresse in BCC, wenn Sie aus Ihrem eigenen E-Mail-Programm schreiben, oder leiten Sie einen Verlauf an sie weiter: Die E-Mail und ihre Anhänge landen in der Kontakthistorie dieses Projekts, geteilt mit {{host}} und {{organization}}.",
    introAll:
      "E-Mails, die an die Adresse einer Organisation gesendet, weitergeleitet oder in BCC kopiert werden, landen in der Kontakthistorie dieses Projekts, geteilt mit dem Gastgeber und dieser Organisation. Nur E-Mails von Personen dieser Organisation landen; alles andere wartet unter „Ungeklärte E-Mails“.",
    copy: "Kopieren",
    copied: "Kopiert",
    copyLabel: "Erfassungsadresse von {{organization}} kopieren",
    rotate: "Neue Adresse",
    rotateLabel: "{{organization}} eine neue Erfassungsadresse geben",
    rotateConfirm:
      "Die bisherige Adresse funktioniert sofort nicht mehr: E-Mails, die danach an sie gehen, warten unter „Ungeklärte E-Mails“. Fortfahren?",
    alreadyRotated:
      "Die Erfassungsadresse von {{organization}} wurde gerade von jemand anderem ersetzt. Die angezeigte Adresse ist die aktuelle.",
    rotated: "{{organization}} hat eine neue Erfassungsadresse.",
    rotateForbidden: "Sie können diese Erfassungsadresse nicht ändern.",
  },
  unresolved: {
    nav: "Ungeklärte E-Mails",
    metaTitle: "Ungeklärte E-Mails · Ambit",
    title: "Ungeklärte E-Mails",
    intro:
      "E-Mails, die eine Erfassungsadresse erreicht haben, aber nicht sicher zugeordnet werden konnten. Nur Kundenbetreuer und Administratoren sehen sie. Ordnen Sie sie einem Projekt zu oder verwerfen Sie sie mit einer Begründung; beides steht im Prüfprotokoll.",
    waiting_one: "{{count}} E-Mail wartet auf eine Entscheidung.",
    waiting_other: "{{count}} E-Mails warten auf eine Entscheidung.",
    pages: "Seiten der ungeklärten E-Mails",
    firstPage: "Zurück zu den ältesten",
    nextPage: "Nächste Seite",
    emptyTitle: "Nichts offen",
    emptyBody:
      "E-Mails von unbekannten Absendern, an alte oder unbekannte Adressen oder für beendete Mitgliedschaften warten hier, bis jemand entscheidet.",
    to: "An: {{addresses}}",
    showText: "Text anzeigen",
    noText: "Diese E-Mail hat keinen Text.",
    notKept:
      "Diese E-Mail ({{size}}) war größer, als Ambit aufbewahrt. Sie kann nicht zugeordnet werden; bitten Sie den Absender, sie in kleineren Teilen zu senden.",
    project: "Projekt",
    chooseProject: "Projekt wählen",
    audience: "Geteilt mit",
    presets: {
      internal: "Intern: nur Gastgeber",
      all_members: "Alle Mitglieder",
      partners: "Partner",
      customer: "Kunde",
    },
    assign: "Projekt zuordnen",
    discardReason: "Begründung für das Verwerfen",
    discard: "Verwerfen",
    assigned: "Die E-Mail steht jetzt in der Kontakthistorie des Projekts.",
    alreadyThere: "Diese E-Mail stand bereits in der Kontakthistorie des Projekts.",
    discarded: "Die E-Mail wurde verworfen.",
    errors: {
      gone: "Diese E-Mail wurde bereits zugeordnet oder verworfen.",
      notKept: "Der Inhalt dieser E-Mail wurde nicht aufbewahrt; sie kann nicht zugeordnet werden.",
      project: "Wählen Sie ein Projekt, in dessen Kontakthistorie Sie schreiben dürfen.",
      audience: "Wählen Sie, wer sie sehen darf.",
      reason: "Geben Sie eine Begründung ein (höchstens 500 Zeichen).",
    },
    reasons: {
      unknownAddress: {
        title: "Unbekannte Adresse.",
        body: "Keiner der Empfänger ist eine aktuelle Erfassungsadresse: Die Adresse ist vertippt oder wurde durch eine neue ersetzt.",
      },
      membershipInactive: {
        title: "Mitgliedschaft nicht aktiv.",
        body: "Die Adresse gehört einer Organisation, deren Mitgliedschaft in {{project}} beendet ist oder keine Einträge in der Kontakthistorie erlaubt.",
      },
      senderNotAllowed: {
        title: "Unbekannter Absender.",
        body: "Der Absender gehört nicht zu den Personen der Organisation, an deren Adresse die E-Mail ging ({{project}}).",
      },
      senderUnverified: {
        title: "Absender nicht bestätigt.",
        body: "Der empfangende Mailserver konnte nicht bestätigen, dass die E-Mail von der Domain des Absenders stammt: Der Absender ist möglicherweise gefälscht.",
      },
      requestClosed: {
        title: "Anfrage geschlossen.",
        body: "Die E-Mail antwortet auf eine Anfrage ({{project}}), die geschlossen ist und nicht mehr wieder geöffnet werden kann.",
      },
      tooLarge: { title: "Zu groß.", body: "Die E-Mail ist größer, als Ambit aufbewahrt." },
      malformed: {
        title: "Nicht lesbar.",
        body: "Die E-Mail konnte nicht als E-Mail gelesen werden.",
      },
    },
  },
};

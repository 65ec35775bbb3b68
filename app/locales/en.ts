import { accounts } from "./en/accounts";
import { admin } from "./en/admin";
import { compliance } from "./en/compliance";
import { documents } from "./en/documents";
import { erasure } from "./en/erasure";
import { entryForm } from "./en/entry-form";
import { history } from "./en/history";
import { home } from "./en/home";
import { mailIn } from "./en/mail-in";
import { mailOut } from "./en/mail-out";
import { projects } from "./en/projects";
import { requests } from "./en/requests";
import { retention } from "./en/retention";
import { search } from "./en/search";
import { reviews } from "./en/reviews";
import { sharing } from "./en/sharing";

// English, the reference language. Keys are grouped by page or concern; large areas live in en/.
export const en = {
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
  // The frame of every signed certificate (deletions, retention runs).
  certificate: {
    download: "Download signed certificate (JSON)",
    print: "Print",
    chainBefore: "Chain head before",
    event: "Event {{seq}}",
    signature: "Signature",
    algorithm: "{{algorithm}} signature",
    keyId: "Key",
    verifyHint:
      "To check the file away from Ambit, run “npm run certificate:verify -- certificate.json --public-key KEY” with the public key your administrator gives you (“npm run audit:public-key”).",
  },
  // Each language named in itself, in both catalogues.
  languageNames: { de: "Deutsch", en: "English" },
  // Our own file fields: the browser's follow the browser's language, not the reader's.
  files: {
    chooseOne: "Choose a file",
    chooseMany: "Choose files",
    noneOne: "No file chosen",
    noneMany: "No files chosen",
  },
  common: {
    dismiss: "Dismiss",
    cancel: "Cancel",
    save: "Save",
  },
  // Filters whose choices are searched as one types (app/components/filter-combobox.tsx).
  filterChoice: {
    showChoices: "Show the choices for {{label}}",
    clear: "Clear {{label}}",
    searching: "Searching…",
    noMatches: "Nothing matches",
  },
  // Date fields (app/components/ui/date-input.tsx): typed in the reader's format.
  dateInput: {
    placeholder: "DD/MM/YYYY",
    placeholderDateTime: "DD/MM/YYYY hh:mm",
    openCalendar: "Open calendar",
    invalidDay: "Enter a date like 31/12/2026.",
  },
  // Shown in place of contact data the reader may not see (ADR 0013).
  redaction: {
    externalAddress: "external address",
    hiddenPhone: "hidden phone number",
  },
  nav: {
    label: "Main",
    home: "Home",
    projects: "Projects",
    accounts: "Accounts",
    administration: "Administration",
    organizations: "Organisations",
    users: "Users",
    settings: "Settings",
    yourAccount: "Your account",
    account: "Profile & password",
    twoFactor: "Two-factor",
    sessions: "Sessions",
    development: "Development",
    outbox: "Mail outbox",
    signOut: "Sign out",
    menu: "Menu",
    skipToContent: "Skip to content",
    language: "Language",
  },
  roles: {
    admin: "Administrator",
    account_manager: "Account manager",
    compliance_officer: "Compliance officer",
    partner: "Partner",
    customer: "Customer",
  },
  roleDescriptions: {
    admin: "Manages organisations, users, invitations and settings.",
    account_manager: "Owns customer accounts and project spaces.",
    compliance_officer: "Reads everything, audits access, answers data-subject requests.",
    partner: "Works on the projects your organisation was invited to.",
    customer: "Follows your projects, documents and requests.",
  },
  organizationKinds: {
    host: "Host company",
    customer: "Customer",
    partner: "Partner",
    partner_supplier: "Partner · supplier",
    partner_freelancer: "Partner · freelancer",
    partner_agency: "Partner · agency",
  },
  auth: {
    tagline: "One contact history for everyone who works for your customer.",
    taglineDetail:
      "Letters, calls, meetings and emails from your team, your partners and your customers — shared exactly as far as they should be, with every access on record.",
    invitationOnly: "Access is by invitation only.",
    signInTitle: "Sign in to Ambit",
    signInIntro: "Use the email address your invitation was sent to.",
    email: "Email",
    password: "Password",
    signIn: "Sign in",
    forgotPassword: "Forgot your password?",
    passwordResetDone: "Your password was changed. Sign in with the new one.",
    errors: {
      emailRequired: "Enter your email address.",
      emailInvalid: "Enter an email address like name@company.com.",
      passwordRequired: "Enter your password.",
      invalid: "That email and password do not match an account. Check both and try again.",
      throttled:
        "Too many failed sign-in attempts from your network. Wait a minute, then try again.",
      // Said for unknown addresses too, so it cannot tell who has an account.
      locked_one:
        "This account is locked for {{count}} minute after too many failed sign-in attempts. You can still sign in on a browser you have signed in with before, or reset your password to unlock it on this one.",
      locked_other:
        "This account is locked for {{count}} minutes after too many failed sign-in attempts. You can still sign in on a browser you have signed in with before, or reset your password to unlock it on this one.",
      lockedHere_one:
        "Signing in on this browser is locked for {{count}} minute after too many failed attempts. Try again later, or reset your password to unlock it now.",
      lockedHere_other:
        "Signing in on this browser is locked for {{count}} minutes after too many failed attempts. Try again later, or reset your password to unlock it now.",
      disabled: "This account has been disabled. Ask your administrator to re-enable it.",
    },
  },
  home,
  twoFactor: {
    title: "Two-factor sign-in",
    intro: "A code from an authenticator app on your phone, asked for after your password.",
    signInTitle: "Enter your sign-in code",
    signInIntro: "Open your authenticator app and enter the 6-digit code for Ambit.",
    recoveryIntro: "Enter one of the recovery codes you saved when you set up two-factor sign-in.",
    code: "6-digit code",
    recoveryCode: "Recovery code",
    verify: "Verify",
    useRecovery: "Use a recovery code instead",
    useApp: "Use your authenticator app instead",
    cancel: "Cancel and sign out",
    setupTitle: "Set up your authenticator app",
    setupDescription:
      "Any TOTP app works, such as 1Password, Google Authenticator or Microsoft Authenticator.",
    qrAlt: "QR code to add Ambit to your authenticator app",
    stepScan: "Scan the QR code with your authenticator app, or type the key below.",
    stepEnter: "Enter the 6-digit code the app shows to confirm.",
    manualKey: "Key for manual entry",
    turnOn: "Turn on two-factor",
    requiredNotice:
      "Your company requires two-factor sign-in for its staff. Set it up to continue.",
    enrolledNow:
      "Two-factor sign-in is on. From now on you will be asked for a code after your password.",
    recoveryTitle: "Save your recovery codes",
    recoveryDescription:
      "Each code signs you in once if you lose your phone. They are shown only now: store them somewhere safe, such as your password manager.",
    savedThem: "I have saved them",
    isOn: "Two-factor sign-in is on",
    onSince: "On since",
    codesLeft_one: "{{count}} recovery code left",
    codesLeft_other: "{{count}} recovery codes left",
    newCodesTitle: "Recovery codes",
    newCodesDescription: "Generate a new set; the old codes stop working at once.",
    newCodes: "Generate new codes",
    turnOffTitle: "Turn off two-factor sign-in",
    turnOffDescription: "Your account will be protected by your password alone.",
    turnOff: "Turn off",
    replaceTitle: "Replace your authenticator",
    replaceDescription:
      "Got a new phone? This removes the current key; you then set up the new app right away.",
    replace: "Replace authenticator",
    errors: {
      codeRequired: "Enter the code.",
      codeShort: "The code is too short.",
      codeSixDigits: "Enter the 6 digits your app shows.",
      invalid_totp: "That code is not valid. Check the time on your phone and try the newest code.",
      invalid_recovery: "That recovery code is not valid or was already used.",
      alreadyOn: "Two-factor sign-in is already on.",
    },
  },
  account: {
    title: "Profile & password",
    intro: "Your details, and the password you sign in with.",
    profileTitle: "Profile",
    name: "Name",
    passwordTitle: "Password",
    passwordDescription: "Choose a long password you do not use anywhere else.",
    passwordLastChanged: "Last changed",
    currentPassword: "Current password",
    newPassword: "New password",
    confirmPassword: "Repeat the new password",
    passwordHint_one: "At least {{count}} character. A few unrelated words work well.",
    passwordHint_other: "At least {{count}} characters. A few unrelated words work well.",
    otherSessionsNote: "Changing your password signs you out everywhere else.",
    changePassword: "Change password",
    preferencesTitle: "Language and time zone",
    preferencesDescription:
      "The language Ambit speaks to you in, also in its emails, and the clock your dates are shown by.",
    language: "Language",
    languageBrowser: "As my browser asks (now {{language}})",
    timeZone: "Time zone",
    timeZoneHint: "Dates and times are shown, and read from what you type, in this zone.",
    timeZoneBrowser: "My browser's time zone",
    savePreferences: "Save",
    preferencesSaved: "Your language and time zone were saved.",
    passwordChanged_one: "Password changed. {{count}} other session was signed out.",
    passwordChanged_other: "Password changed. {{count}} other sessions were signed out.",
    errors: {
      currentPasswordRequired: "Enter your current password.",
      currentPasswordWrong: "That is not your current password.",
      newPasswordRequired: "Enter a new password.",
      newPasswordShort_one: "Use at least {{count}} character.",
      newPasswordShort_other: "Use at least {{count}} characters.",
      newPasswordLong_one: "Use at most {{count}} character.",
      newPasswordLong_other: "Use at most {{count}} characters.",
      confirmRequired: "Repeat the new password.",
      confirmMismatch: "The two passwords do not match.",
      languageInvalid: "Choose a language from the list.",
      timeZoneInvalid: "Choose a time zone from the list.",
    },
  },
  sessions: {
    title: "Sessions",
    intro: "Where you are signed in now. Sign out any session you do not recognise.",
    activeTitle_one: "{{count}} active session",
    activeTitle_other: "{{count}} active sessions",
    revokeOthers: "Sign out all other sessions",
    thisDevice: "This device",
    unknownBrowser: "Unknown browser",
    unknownIp: "Unknown address",
    lastSeen: "Last active",
    signedIn: "Signed in",
    revoke: "Sign out",
    signOutHere: "Sign out here",
    revoked: "That session was signed out.",
    othersRevoked_one: "{{count}} other session was signed out.",
    othersRevoked_other: "{{count}} other sessions were signed out.",
    notFound: "That session has already ended.",
  },
  reset: {
    requestTitle: "Reset your password",
    requestIntro:
      "Enter the email address you sign in with. We will send you a link to choose a new password.",
    sendLink: "Send reset link",
    backToSignIn: "Back to sign in",
    checkInboxTitle: "Check your inbox",
    checkInbox:
      "If {{email}} belongs to an Ambit account, a link to choose a new password is on its way. It works once, for {{minutes}} minutes.",
    chooseTitle: "Choose a new password",
    chooseIntro:
      "After this, you will be signed out everywhere and can sign in with the new password.",
    save: "Save new password",
    expiredTitle: "This link no longer works",
    linkExpired: "Reset links work once and for 30 minutes. Request a new one.",
    requestNew: "Request a new link",
  },
  outbox: {
    title: "Mail outbox",
    intro: "Without a mail provider configured, every email the app sends lands here.",
    developmentOnly: "Development only",
    empty: "No mail yet. Password resets and invitations will appear here.",
    from: "From",
    to: "to",
    htmlPreview: "Email preview",
    plainText: "Plain-text version",
    status: { outbox: "kept in outbox", sent: "sent", failed: "failed" },
  },
  emails: {
    footer:
      "You receive this email because you have an account on Ambit. If something looks wrong, contact your project team.",
    passwordReset: {
      subject: "Reset your Ambit password",
      preview: "A link to choose a new password, valid for 30 minutes.",
      heading: "Reset your password",
      greeting: "Hello {{name}},",
      body: "Someone asked to reset the password of your Ambit account. If it was you, choose a new password with the button below. The link works once, for {{minutes}} minutes.",
      button: "Choose a new password",
      fallback: "If the button does not work, copy this address into your browser:",
      notYou: "If you did not ask for this, ignore this email: your password stays as it is.",
    },
  },
  errors: {
    notFoundTitle: "We couldn't find that page",
    notFoundMessage: "It may have moved, or you may not have access to it.",
    forbiddenTitle: "You can't do that",
    forbiddenMessage: "Your role does not allow this action.",
    crossSiteText: "Cross-site requests are not allowed.",
    crossSiteTitle: "This form came from somewhere else",
    crossSiteMessage:
      "For your safety, Ambit only accepts forms sent from its own pages at its own address. Open Ambit from its usual address, then try again.",
    unexpectedTitle: "Something went wrong on our side",
    unexpectedMessage:
      "Sorry about that. Try again in a moment; if it keeps happening, send us the reference below.",
    reference: "Reference",
    backHome: "Back to home",
    unknownLanguage: "Ambit speaks German and English; choose one of them.",
    // Fields whose browser control cannot send a wrong value; said to a crafted request.
    chooseOption: "Choose one of the options.",
    tooLong_one: "Use at most {{count}} character.",
    tooLong_other: "Use at most {{count}} characters.",
  },
};

export type Messages = typeof en;

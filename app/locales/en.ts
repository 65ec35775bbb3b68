// English, the reference language. Keys are grouped by page or concern.
export const en = {
  common: {
    dismiss: "Dismiss",
    cancel: "Cancel",
    save: "Save",
  },
  nav: {
    label: "Main",
    home: "Home",
    yourAccount: "Your account",
    account: "Profile & password",
    twoFactor: "Two-factor",
    sessions: "Sessions",
    development: "Development",
    outbox: "Mail outbox",
    signOut: "Sign out",
    menu: "Menu",
    skipToContent: "Skip to content",
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
      locked_one:
        "This account is locked for {{count}} minute after too many failed sign-in attempts. Try again later, or reset your password.",
      locked_other:
        "This account is locked for {{count}} minutes after too many failed sign-in attempts. Try again later, or reset your password.",
      disabled: "This account has been disabled. Ask your administrator to re-enable it.",
    },
  },
  home: {
    welcome: "Welcome, {{name}}",
    you: "You",
    organization: "Organisation",
    role: "Role",
    projectsTitle: "Projects",
    projectsDescription: {
      host: "Customer project spaces you own or work on.",
      partner: "Projects your organisation was invited to.",
      customer: "Your projects with us.",
    },
    projectsEmptyTitle: "No projects yet",
    projectsEmpty: {
      host: "Project spaces for your customer accounts will appear here once they are opened.",
      partner:
        "When a project owner invites your organisation, the project appears here with the sections shared with you.",
      customer: "Your projects appear here as soon as your project team opens them to you.",
    },
    securityTitle: "Account security",
    twoFactorOn: "Two-factor sign-in is on.",
    twoFactorOff: "Two-factor sign-in is off.",
    manage: "Manage",
    turnOn: "Turn it on",
    activeSessions_one: "{{count}} active session.",
    activeSessions_other: "{{count}} active sessions.",
    review: "Review",
    activityTitle: "Recent activity",
    activityDescription: "The latest calls, emails, letters and meetings you may see.",
    activityEmptyTitle: "Nothing here yet",
    activityEmpty: {
      host: "New history entries from your team, partners and customers will show up here.",
      partner: "Entries shared with your organisation will show up here.",
      customer: "Updates shared with you will show up here.",
    },
  },
  errors: {
    notFoundTitle: "We couldn't find that page",
    notFoundMessage: "It may have moved, or you may not have access to it.",
    forbiddenTitle: "You can't do that",
    forbiddenMessage: "Your role does not allow this action.",
    unexpectedTitle: "Something went wrong on our side",
    unexpectedMessage:
      "Sorry about that. Try again in a moment; if it keeps happening, send us the reference below.",
    reference: "Reference",
    backHome: "Back to home",
  },
};

export type Messages = typeof en;

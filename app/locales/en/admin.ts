// Administration: organisations, users, invitations, and the invitation email.
export const admin = {
  errors: {
    onlyAdminsOrganizations: "Only administrators can create organisations.",
    onlyAdminsUsers: "Only administrators can invite, disable or re-enable users.",
    onlyAdminsInvitations: "Only administrators can resend or revoke invitations.",
    onlyAdminsMailDomains: "Only administrators can change an organisation's mail domains.",
  },
  organizations: {
    title: "Organisations",
    intro:
      "Your company, the partner organisations that work on your projects, and the customer accounts the projects are for.",
    listTitle_one: "{{count}} organisation",
    listTitle_other: "{{count}} organisations",
    added: "Added",
    users_one: "{{count}} user",
    users_other: "{{count}} users",
    inviteFirst: "Invite the first user",
    invited_one: "{{count}} invited",
    invited_other: "{{count}} invited",
    newTitle: "Add an organisation",
    newDescription: "Then invite its first user from the Users page.",
    nameLabel: "Name",
    nameHint: "As the organisation writes it, with its legal form, e.g. “Holzwerk Meyer KG”.",
    typeLabel: "Type",
    types: {
      customer: "Customer account",
      supplier: "Partner · supplier",
      freelancer: "Partner · freelancer",
      agency: "Partner · agency",
    },
    typeHints: {
      customer: "A customer your projects are for. Its people follow their projects and requests.",
      supplier: "Delivers materials, furniture or other goods to your projects.",
      freelancer: "A self-employed person, such as a designer or a craftsperson.",
      agency: "A studio or agency, such as design, planning or marketing.",
    },
    create: "Add organisation",
    created: "{{name}} was added. Invite its first user next.",
    mailDomainsLabel: "Mail domains",
    mailDomainsHint:
      "Mail from these domains to this organisation's capture addresses lands in its projects. Public mail providers are not allowed.",
    mailDomainsPlaceholder: "e.g. studio-lumen.example",
    mailDomainsNone: "none",
    mailDomainsEdit: "Change mail domains",
    mailDomainsSave: "Save mail domains",
    mailDomainsSaved: "The mail domains of {{name}} were saved.",
    mailDomainsUnchanged: "The mail domains of {{name}} stay as they were.",
    errors: {
      nameRequired: "Enter the organisation's name.",
      nameTooLong_one: "Use at most {{count}} character.",
      nameTooLong_other: "Use at most {{count}} characters.",
      nameTaken:
        "An organisation called “{{name}}” already exists. Choose a name that tells them apart, for example with the city or the legal form.",
      typeRequired: "Choose what kind of organisation this is.",
      mailDomains: {
        address: "“{{domain}}” is an email address. Enter only the domain, the part after the @.",
        scheme:
          "“{{domain}}” is a web address. Enter only the domain, like studio-lumen.example, without http:// or https://.",
        wildcard:
          "“{{domain}}” contains a wildcard. Enter each domain in full, like studio-lumen.example.",
        tooLong:
          "“{{domain}}” is too long for a domain name: it may have at most {{max}} characters.",
        invalid:
          "“{{domain}}” is not a domain name. Enter domains like studio-lumen.example, with letters, digits, hyphens and dots only.",
        publicProvider:
          "{{domain}} is a public mail provider: anyone can get an address there. Enter only domains that belong to the organisation.",
        tooMany_one: "Enter at most {{count}} domain.",
        tooMany_other: "Enter at most {{count}} domains.",
      },
    },
  },
  users: {
    title: "Users",
    intro:
      "Everyone who can sign in to Ambit, and the invitations still waiting for an answer. Invite people here; disabling someone signs them out at once.",
    listTitle_one: "{{count}} person",
    listTitle_other: "{{count}} people",
    listDescriptionAll: "All organisations",
    listDescriptionFiltered: "Only {{name}}",
    filterLabel: "Organisation",
    filterAll: "All organisations",
    filterApply: "Show",
    truncated: "Showing the first {{count}}. Choose an organisation to see the rest of its people.",
    empty: "Nobody here yet. Invite the first person with the form above.",
    person: "Person",
    organization: "Organisation",
    status: "Status",
    actions: "Actions",
    you: "You",
    twoFactorOn: "Two-factor on",
    statuses: {
      active: "Active",
      disabled: "Disabled",
      invited: "Invited",
      expired: "Invitation expired",
    },
    disabledSince: "Disabled since",
    invitedBy: "Invited by {{name}}",
    validUntil: "Link valid until",
    expiredOn: "Link expired",
    disable: "Disable",
    disableLabel: "Disable {{name}}",
    enable: "Re-enable",
    enableLabel: "Re-enable {{name}}",
    resend: "Resend",
    resendLabel: "Resend the invitation to {{email}}",
    revoke: "Revoke",
    revokeLabel: "Revoke the invitation to {{email}}",
    disabled: "{{name}} is disabled and was signed out everywhere.",
    enabled: "{{name}} can sign in again.",
    invited: "Invitation sent to {{email}}. The link works once, for {{days}} days.",
    resent: "A new invitation was sent to {{email}}. The earlier link no longer works.",
    revoked: "The invitation to {{email}} was revoked. Its link no longer works.",
    mailFailed:
      "The invitation to {{email}} is saved, but the email could not be sent. Try “Resend” in a moment.",
    inviteTitle: "Invite someone",
    inviteDescription:
      "They receive an email with a link to choose their password. The link works once, for {{days}} days.",
    email: "Email",
    name: "Name",
    nameHint: "They can correct it when they accept.",
    organizationLabel: "Organisation",
    organizationPlaceholder: "Choose an organisation",
    roleLabel: "Role",
    rolePlaceholder: "Choose an organisation first",
    roleChoose: "Choose a role",
    roleHints: {
      host: "Your own staff: administrator, account manager or compliance officer.",
      partner: "People of a partner organisation work as partners.",
      customer: "People of a customer account work as customers.",
    },
    languageLabel: "Language of the invitation",
    languageHint: "The email is written in it. Once signed in, they choose their own language.",
    sendInvitation: "Send invitation",
    errors: {
      emailRequired: "Enter their email address.",
      emailInvalid: "Enter an email address like name@company.com.",
      nameRequired: "Enter their name.",
      nameTooLong_one: "Use at most {{count}} character.",
      nameTooLong_other: "Use at most {{count}} characters.",
      organizationRequired: "Choose the organisation they belong to.",
      roleRequired: "Choose their role.",
      languageRequired: "Choose the language of the invitation.",
      roleMismatch: {
        host: "Your own staff are administrators, account managers or compliance officers.",
        partner: "People of a partner organisation have the partner role.",
        customer: "People of a customer account have the customer role.",
      },
      emailTaken:
        "{{email}} already belongs to a user. Everyone signs in with their own address; to let this person back in, re-enable their account.",
      alreadyInvited:
        "{{email}} already has an invitation waiting. Resend it from the list below instead.",
      cannotDisableSelf:
        "You cannot disable your own account. Ask another administrator if it must be disabled.",
      invitationNotPending: "That invitation was already accepted or revoked.",
      invitationEmailTaken:
        "{{email}} already belongs to a user, so this invitation cannot be used any more. Revoke it.",
    },
  },
  settings: {
    title: "Settings",
    intro: "Settings of your Ambit installation, for everyone who works in it.",
    languageTitle: "Language",
    languageDescription:
      "Everyone can choose their own language. This one is for people who have not chosen one and whose browser asks for a language Ambit does not speak, and for new invitations.",
    defaultLanguage: "Default language",
    saved: "The settings were saved.",
    forbidden: "Only administrators can change the settings.",
    errors: { languageRequired: "Choose a language." },
    dormant: {
      title: "Access reviews",
      description:
        "External users who have not signed in for this long are flagged as dormant in access reviews, where they can be disabled in one step.",
      label: "Dormant after (days without a sign-in)",
      hint: "Between {{min}} and {{max}} days; 90 unless you change it.",
      invalid: "Enter a whole number of days between 14 and 730.",
    },
    requests: {
      title: "Customer requests",
      description:
        "When your company works and how quickly requests are answered. Targets count business time only: the business hours of working days, without public holidays and closing days.",
      calendarTitle: "Business hours",
      federalState: "Federal state",
      federalStateHint: "Its public holidays are days off.",
      workingDays: "Working days",
      dayStart: "Business hours from",
      dayEnd: "Business hours until",
      closingDays: "Company closing days",
      closingDaysHint:
        "Days your company is closed besides the public holidays, one per line or separated by commas, like 24/12/2026.",
      reopenWindow: "Reopening window",
      reopenWindowHint:
        "For how many days after a resolution the customer may reopen a request (0: not at all). Applies to requests resolved from now on.",
      reopenWindowUnit: "days",
      targetsTitle: "Targets",
      targetsDescription:
        "Business hours until the first response and until the resolution, for each type and priority. Decimals are allowed, like 1.5 for an hour and a half.",
      priority: "Priority",
      firstResponse: "First response (hours)",
      resolution: "Resolution (hours)",
      savedDueDatesInBackground:
        "The settings for customer requests were saved. The due dates of open requests are being brought up to date in the background.",
      errors: {
        federalStateRequired: "Choose the federal state whose public holidays apply.",
        workingDaysRequired: "Choose at least one working day.",
        timeInvalid: "Enter a time like 08:00.",
        endBeforeStart: "Business hours must end after they start.",
        closingDayInvalid: "Line {{line}}: “{{text}}” is not a day. Write days like 24/12/2026.",
        reopenWindowInvalid: "Enter a whole number of days from 0 to {{max}}.",
        targetRequired: "Enter the hours.",
        targetInvalid: "Enter hours above 0, like 1.5.",
        targetTooLong: "Enter at most {{max}} hours.",
        resolutionBeforeResponse: "Allow at least as long as for the first response.",
      },
    },
  },
  accept: {
    metaTitle: "Accept your invitation",
    title: "Join {{organization}} on Ambit",
    intro: "{{inviter}} invited you. Enter your name and choose a password to create your account.",
    introNoInviter: "Enter your name and choose a password to create your account.",
    organization: "Organisation",
    role: "Role",
    email: "Sign-in email",
    name: "Your name",
    nameHint: "As your colleagues and project partners will see it.",
    password: "Choose a password",
    confirmPassword: "Repeat the password",
    validUntil: "Link valid until",
    twoFactorNote:
      "Your company requires two-factor sign-in for its staff: right after this, you set up an authenticator app on your phone.",
    signedInNote:
      "You are signed in as {{name}}. Accepting signs you out of that account and into your new one.",
    submit: "Create my account",
    welcome: "Welcome to Ambit, {{name}}.",
    goneTitle: "This invitation no longer works",
    gone: {
      expired:
        "Invitations work for {{days}} days, and this one has run out. Ask {{inviter}} for a new one.",
      revoked:
        "This invitation was withdrawn. Ask {{inviter}} for a new one if you still need access.",
      accepted:
        "This invitation was already used to create an account. Sign in with its email address and your password.",
      unknown:
        "The link may be incomplete, or a newer invitation replaced it. Use the newest invitation email, or ask the person who invited you for a new one.",
    },
    inviterFallback: "the person who invited you",
    signIn: "Go to sign in",
    errors: {
      nameRequired: "Enter your name.",
      nameTooLong_one: "Use at most {{count}} character.",
      nameTooLong_other: "Use at most {{count}} characters.",
      gone: "This invitation no longer works. Ask the person who invited you for a new one.",
      emailTaken:
        "An account with this email address exists already. Sign in with it, or reset its password.",
    },
  },
  emails: {
    invitation: {
      subject: "{{inviter}} invited you to join {{organization}} on Ambit",
      subjectNoInviter: "You are invited to join {{organization}} on Ambit",
      preview: "Choose your password to join {{organization}} on Ambit.",
      heading: "You are invited to Ambit",
      greeting: "Hello {{name}},",
      body: "{{inviter}} ({{inviterOrganization}}) invited you to join {{organization}} on Ambit, with the role “{{role}}”.",
      bodyNoInviter:
        "You were invited to join {{organization}} on Ambit, with the role “{{role}}”.",
      about:
        "Ambit is the shared workspace for the projects you work on together: one history of every call, email, letter and meeting, shared exactly as far as it should be.",
      action: "Choose your password with the button below. The link works once, until {{date}}.",
      button: "Accept the invitation",
      fallback: "If the button does not work, copy this address into your browser:",
      notYou: "Not expecting this? Ignore this email: without your answer, no account is created.",
      footer:
        "You receive this email because someone at {{inviterOrganization}} invited {{email}} to Ambit.",
    },
  },
};

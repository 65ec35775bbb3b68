// Who the end-to-end stories sign in as: the nine demo users of shared/DEMO_WORLD.md (never
// changed), plus a few e2e-only users that prepare.ts adds for the stories that change an
// account for good (two-factor enrolment, a password reset, a lockout).

export const PASSWORD = "ambit-demo-2026";

export type Person = {
  name: string;
  email: string;
  organization: string;
  /** The label home shows for the role, in the person's language. */
  roleLabel: string;
  /** The language they chose (DEMO_WORLD.md); without one, the browser's English. */
  language?: "de" | "en";
};

export const demoUsers = {
  ida: {
    name: "Ida Hansen",
    email: "ida@hansen.example",
    organization: "Hansen Innenausbau GmbH",
    roleLabel: "Administrator",
  },
  anna: {
    name: "Anna Berg",
    email: "anna@hansen.example",
    organization: "Hansen Innenausbau GmbH",
    roleLabel: "Account manager",
  },
  tom: {
    name: "Tom Kurz",
    email: "tom@hansen.example",
    organization: "Hansen Innenausbau GmbH",
    roleLabel: "Account manager",
  },
  clara: {
    name: "Clara Vogt",
    email: "clara@hansen.example",
    organization: "Hansen Innenausbau GmbH",
    roleLabel: "Compliance officer",
  },
  lena: {
    name: "Lena Falk",
    email: "lena@studio-lumen.example",
    organization: "Studio Lumen",
    roleLabel: "Partner",
    language: "en",
  },
  jonas: {
    name: "Jonas Meyer",
    email: "jonas@holzwerk-meyer.example",
    organization: "Holzwerk Meyer KG",
    roleLabel: "Partner",
  },
  mara: {
    name: "Mara Wolff",
    email: "mara@wolff-design.example",
    organization: "Mara Wolff Design",
    roleLabel: "Partner",
  },
  eva: {
    name: "Eva Roth",
    email: "eva@cafe-morgenrot.example",
    organization: "Café Morgenrot GmbH",
    roleLabel: "Kunde",
    language: "de",
  },
  paul: {
    name: "Paul Brandt",
    email: "paul@kanzlei-brandt.example",
    organization: "Kanzlei Brandt",
    roleLabel: "Kunde",
    language: "de",
  },
} satisfies Record<string, Person>;

/** The partner organisation that holds the e2e-only partner users (not part of the demo world). */
export const PROBE_ORGANIZATION = "Probe Werkstatt (e2e)";

export const e2eUsers = {
  /** Host staff without the demo exemption: sign-in forces two-factor enrolment. */
  erik: {
    name: "Erik Probe",
    email: "erik@hansen.example",
    organization: "Hansen Innenausbau GmbH",
    roleLabel: "Account manager",
    role: "account_manager",
    twoFactorExempt: false,
  },
  /** Resets the password by email. */
  pia: {
    name: "Pia Probe",
    email: "pia@probe-werkstatt.example",
    organization: PROBE_ORGANIZATION,
    roleLabel: "Partner",
    role: "partner",
    twoFactorExempt: true,
  },
  /** Gets locked out. */
  lars: {
    name: "Lars Probe",
    email: "lars@probe-werkstatt.example",
    organization: PROBE_ORGANIZATION,
    roleLabel: "Partner",
    role: "partner",
    twoFactorExempt: true,
  },
} satisfies Record<
  string,
  Person & { role: "account_manager" | "partner"; twoFactorExempt: boolean }
>;

export const users = { ...demoUsers, ...e2eUsers };
export type UserKey = keyof typeof users;

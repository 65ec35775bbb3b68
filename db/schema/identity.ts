import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { languages } from "./values";

export const organizationKinds = ["host", "partner", "customer"] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const partnerTypes = ["supplier", "freelancer", "agency"] as const;
export type PartnerType = (typeof partnerTypes)[number];
export const userRoles = [
  "admin",
  "account_manager",
  "compliance_officer",
  "partner",
  "customer",
] as const;
export type UserRole = (typeof userRoles)[number];
export const hostRoles: readonly UserRole[] = ["admin", "account_manager", "compliance_officer"];

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: organizationKinds }).notNull(),
    partnerType: text("partner_type", { enum: partnerTypes }),
    /**
     * Domains whose senders speak for the organisation (`studio-lumen.example`): mail from them
     * to its capture addresses lands, as mail from its users' own addresses does.
     */
    mailDomains: text("mail_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    check("organizations_kind_check", sql`${t.kind} in ('host', 'partner', 'customer')`),
    check(
      "organizations_partner_type_check",
      sql`(${t.kind} = 'partner') = (${t.partnerType} is not null) and (${t.partnerType} is null or ${t.partnerType} in ('supplier', 'freelancer', 'agency'))`,
    ),
    // There is exactly one host organisation.
    uniqueIndex("organizations_single_host")
      .on(t.kind)
      .where(sql`${t.kind} = 'host'`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    role: text("role", { enum: userRoles }).notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    // Encrypted with ENCRYPTION_KEY (AES-256-GCM); null until two-factor enrolment is confirmed.
    totpKey: text("totp_key"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    // Last accepted TOTP time step, so one code cannot be replayed.
    totpLastStep: integer("totp_last_step"),
    twoFactorExempt: boolean("two_factor_exempt").notNull().default(false),
    // The language the user chose; null until they choose, and their browser decides.
    locale: text("locale", { enum: languages }),
    // The language their browser asked for when they last signed in: emails use it until they
    // choose one.
    browserLocale: text("browser_locale", { enum: languages }),
    // The IANA zone the user chose for dates; null means their browser's, else the host's.
    timeZone: text("time_zone"),
    /** The last successful sign-in; access reviews flag external users dormant by it. */
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** When the person's data was erased (ADR 27): the row stays, under a pseudonym. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`),
    index("users_organization_idx").on(t.organizationId),
    check(
      "users_role_check",
      sql`${t.role} in ('admin', 'account_manager', 'compliance_officer', 'partner', 'customer')`,
    ),
    check("users_locale_check", sql`${t.locale} in ('de', 'en')`),
    check("users_browser_locale_check", sql`${t.browserLocale} in ('de', 'en')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // Hex SHA-256 of the token in the cookie; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

// Browsers that once signed in successfully; lockouts of unknown browsers do not reach them.
export const trustedDevices = pgTable(
  "trusted_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("trusted_devices_user_idx").on(t.userId)],
);

export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ip: text("ip").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_ip_at_idx").on(t.ip, t.at)],
);

// Consecutive failures per typed address and device key ("untrusted" or a trusted device's hash).
// Keyed by the normalised address, with or without an account behind it, so an unknown address
// counts and locks exactly like a real one and the lock says nothing about who has an account.
export const accountLockouts = pgTable(
  "account_lockouts",
  {
    email: text("email").notNull(),
    deviceKey: text("device_key").notNull(),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.email, t.deviceKey] }),
    index("account_lockouts_last_failed_idx").on(t.lastFailedAt),
  ],
);

// Settings of the whole installation, one row; the host's administrators change them.
export const hostSettings = pgTable(
  "host_settings",
  {
    id: boolean("id").primaryKey().default(true),
    // The language of anyone who has not chosen one and whose browser asks for none we speak.
    defaultLocale: text("default_locale", { enum: languages }).notNull().default("de"),
    /** Business hours, federal state and closing days of the SLA clock; null: the defaults. */
    businessCalendar: jsonb("business_calendar").$type<Record<string, unknown>>(),
    /** First-response and resolution targets per request type and priority; null: defaults. */
    slaTargets: jsonb("sla_targets").$type<Record<string, unknown>>(),
    /** How long after a resolution the customer may reopen a request. */
    reopenWindowDays: integer("reopen_window_days").notNull().default(14),
    /** External users without a sign-in for this many days are flagged dormant. */
    dormantAfterDays: integer("dormant_after_days").notNull().default(90),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("host_settings_single_row", sql`${t.id}`),
    check("host_settings_default_locale_check", sql`${t.defaultLocale} in ('de', 'en')`),
    check("host_settings_reopen_window_check", sql`${t.reopenWindowDays} between 0 and 365`),
    check("host_settings_dormant_check", sql`${t.dormantAfterDays} between 14 and 730`),
  ],
);

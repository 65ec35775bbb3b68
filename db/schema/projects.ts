import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, userRoles, users } from "./identity";

import {
  languages,
  type LegalBasis,
  legalBases,
  type MembershipAccess,
  membershipAccess,
  type ProjectSection,
  projectSections,
  type ProjectStatus,
  projectStatuses,
} from "./values";

export { legalBases, membershipAccess, projectSections, projectStatuses };
export type { LegalBasis, MembershipAccess, ProjectSection, ProjectStatus };

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** Contact persons of a customer account (the account is the customer organisation). */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    roleTitle: text("role_title").notNull().default(""),
    email: text("email"),
    phone: text("phone"),
    legalBasis: text("legal_basis", { enum: legalBases }).notNull(),
    notes: text("notes").notNull().default(""),
    /** When the person's data was erased (ADR 27): the row stays, under a pseudonym. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("contacts_account_idx").on(t.accountId, t.name),
    index("contacts_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => organizations.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    status: text("status", { enum: projectStatuses }).notNull().default("active"),
    description: text("description").notNull().default(""),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    ...timestamps,
  },
  (t) => [
    index("projects_account_idx").on(t.accountId),
    index("projects_name_idx").on(t.name, t.id),
    check(
      "projects_status_check",
      sql`${t.status} in ('planning', 'active', 'on_hold', 'completed')`,
    ),
  ],
);

/**
 * An organisation's access to a project. Revoked rows stay for the record; `narrowed` means only
 * the users listed in membership_users are let in.
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    access: text("access", { enum: membershipAccess }).notNull(),
    sections: text("sections").array().notNull().$type<ProjectSection[]>(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    narrowed: boolean("narrowed").notNull().default(false),
    createdById: uuid("created_by_id").references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index("memberships_org_idx").on(t.organizationId, t.projectId),
    index("memberships_project_idx").on(t.projectId),
    uniqueIndex("memberships_one_live_per_org")
      .on(t.projectId, t.organizationId)
      .where(sql`${t.revokedAt} is null`),
    check("memberships_access_check", sql`${t.access} in ('view', 'contribute')`),
    check(
      "memberships_sections_check",
      sql`${t.sections} <@ array['history', 'documents', 'requests', 'contacts']::text[]`,
    ),
  ],
);

export const membershipUsers = pgTable(
  "membership_users",
  {
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.membershipId, t.userId] }),
    index("membership_users_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    role: text("role", { enum: userRoles }).notNull(),
    // The language the inviter chose for the invitee: the invitation email is written in it.
    locale: text("locale", { enum: languages }).notNull().default("de"),
    invitedById: uuid("invited_by_id").references(() => users.id),
    userId: uuid("user_id").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("invitations_email_idx").on(sql`lower(${t.email})`),
    index("invitations_organization_idx").on(t.organizationId),
    // At most one open invitation per address.
    uniqueIndex("invitations_one_open_per_email")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    check("invitations_locale_check", sql`${t.locale} in ('de', 'en')`),
  ],
);

import { count } from "drizzle-orm";
import type { Database } from "../client.server";
import {
  contacts,
  memberships,
  organizations,
  projects,
  users,
  type LegalBasis,
  type MembershipAccess,
  type ProjectSection,
  type OrganizationKind,
  type PartnerType,
  type UserRole,
} from "../schema";
import { hashPassword } from "../../app/utils/password.server";

export const DEMO_PASSWORD = "ambit-demo-2026";

type DemoOrganization = {
  key: string;
  name: string;
  kind: OrganizationKind;
  partnerType?: PartnerType;
  users: { name: string; email: string; role: UserRole }[];
};

/** The organisations and users of shared/DEMO_WORLD.md, exactly. */
export const demoOrganizations: DemoOrganization[] = [
  {
    key: "hansen",
    name: "Hansen Innenausbau GmbH",
    kind: "host",
    users: [
      { name: "Ida Hansen", email: "ida@hansen.example", role: "admin" },
      { name: "Anna Berg", email: "anna@hansen.example", role: "account_manager" },
      { name: "Tom Kurz", email: "tom@hansen.example", role: "account_manager" },
      { name: "Clara Vogt", email: "clara@hansen.example", role: "compliance_officer" },
    ],
  },
  {
    key: "lumen",
    name: "Studio Lumen",
    kind: "partner",
    partnerType: "agency",
    users: [{ name: "Lena Falk", email: "lena@studio-lumen.example", role: "partner" }],
  },
  {
    key: "meyer",
    name: "Holzwerk Meyer KG",
    kind: "partner",
    partnerType: "supplier",
    users: [{ name: "Jonas Meyer", email: "jonas@holzwerk-meyer.example", role: "partner" }],
  },
  {
    key: "wolff",
    name: "Mara Wolff Design",
    kind: "partner",
    partnerType: "freelancer",
    users: [{ name: "Mara Wolff", email: "mara@wolff-design.example", role: "partner" }],
  },
  {
    key: "morgenrot",
    name: "Café Morgenrot GmbH",
    kind: "customer",
    users: [{ name: "Eva Roth", email: "eva@cafe-morgenrot.example", role: "customer" }],
  },
  {
    key: "brandt",
    name: "Kanzlei Brandt",
    kind: "customer",
    users: [{ name: "Paul Brandt", email: "paul@kanzlei-brandt.example", role: "customer" }],
  },
];

type DemoMembership = {
  org: string;
  access: MembershipAccess;
  sections: ProjectSection[];
  expiredYesterday?: boolean;
};

export const demoContacts: {
  account: string;
  name: string;
  roleTitle: string;
  email: string;
  phone: string;
  legalBasis: LegalBasis;
}[] = [
  {
    account: "morgenrot",
    name: "Eva Roth",
    roleTitle: "Geschäftsführerin",
    email: "eva@cafe-morgenrot.example",
    phone: "+49 40 555 0101",
    legalBasis: "contract",
  },
  {
    account: "morgenrot",
    name: "Felix Roth",
    roleTitle: "Einkauf",
    email: "felix@cafe-morgenrot.example",
    phone: "+49 40 555 0102",
    legalBasis: "contract",
  },
  {
    account: "brandt",
    name: "Paul Brandt",
    roleTitle: "Partner",
    email: "paul@kanzlei-brandt.example",
    phone: "+49 30 555 0201",
    legalBasis: "contract",
  },
];

export const demoProjects: {
  key: string;
  name: string;
  account: string;
  owner: string;
  description: string;
  members: DemoMembership[];
}[] = [
  {
    key: "gastraum",
    name: "Morgenrot – Umbau Gastraum",
    account: "morgenrot",
    owner: "anna@hansen.example",
    description: "Neugestaltung des Gastraums: Tresen, Bestuhlung, Licht und Farbkonzept.",
    members: [
      { org: "lumen", access: "contribute", sections: ["history", "documents", "contacts"] },
      { org: "meyer", access: "contribute", sections: ["history"] },
      { org: "morgenrot", access: "contribute", sections: ["history", "documents", "requests"] },
    ],
  },
  {
    key: "empfang",
    name: "Brandt – Empfang",
    account: "brandt",
    owner: "tom@hansen.example",
    description: "Empfangsbereich der Kanzlei: Tresen, Wartezone und Beschilderung.",
    members: [
      { org: "wolff", access: "contribute", sections: ["history", "documents"] },
      { org: "brandt", access: "contribute", sections: ["history", "documents", "requests"] },
      { org: "lumen", access: "view", sections: ["history"], expiredYesterday: true },
    ],
  },
  {
    key: "terrasse",
    name: "Morgenrot – Terrasse",
    account: "morgenrot",
    owner: "anna@hansen.example",
    description: "Vorplanung der Außenterrasse (intern).",
    members: [],
  },
];

export async function isDatabaseEmpty(database: Database) {
  const [row] = await database.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) === 0;
}

/** Seeds the demo world; `now` anchors "expired yesterday". */
export async function seedDemoWorld(database: Database, now: Date = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const org of demoOrganizations) {
      const [created] = await tx
        .insert(organizations)
        .values({ name: org.name, kind: org.kind, partnerType: org.partnerType ?? null })
        .returning({ id: organizations.id });
      orgIds.set(org.key, created!.id);
      const createdUsers = await tx
        .insert(users)
        .values(
          org.users.map((user) => ({
            ...user,
            organizationId: created!.id,
            passwordHash,
            // DEMO_WORLD.md: TOTP is not enforced for demo users.
            twoFactorExempt: true,
          })),
        )
        .returning({ id: users.id, email: users.email });
      for (const user of createdUsers) userIds.set(user.email, user.id);
    }
    await tx.insert(contacts).values(
      demoContacts.map(({ account, ...contact }) => ({
        ...contact,
        accountId: orgIds.get(account)!,
      })),
    );
    const yesterday = new Date(now.getTime() - 24 * 3600 * 1000);
    for (const project of demoProjects) {
      const [created] = await tx
        .insert(projects)
        .values({
          name: project.name,
          accountId: orgIds.get(project.account)!,
          ownerId: userIds.get(project.owner)!,
          description: project.description,
          status: "active",
        })
        .returning({ id: projects.id });
      if (project.members.length === 0) continue;
      await tx.insert(memberships).values(
        project.members.map((member) => ({
          projectId: created!.id,
          organizationId: orgIds.get(member.org)!,
          access: member.access,
          sections: member.sections,
          expiresAt: member.expiredYesterday ? yesterday : null,
          createdById: userIds.get(project.owner)!,
        })),
      );
    }
  });
}

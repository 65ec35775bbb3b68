import { count } from "drizzle-orm";
import type { Database } from "../client.server";
import {
  organizations,
  users,
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

export async function isDatabaseEmpty(database: Database) {
  const [row] = await database.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) === 0;
}

export async function seedDemoWorld(database: Database) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.transaction(async (tx) => {
    for (const org of demoOrganizations) {
      const [created] = await tx
        .insert(organizations)
        .values({ name: org.name, kind: org.kind, partnerType: org.partnerType ?? null })
        .returning({ id: organizations.id });
      await tx.insert(users).values(
        org.users.map((user) => ({
          ...user,
          organizationId: created!.id,
          passwordHash,
          // DEMO_WORLD.md: TOTP is not enforced for demo users.
          twoFactorExempt: true,
        })),
      );
    }
  });
}

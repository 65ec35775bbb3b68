import { count } from "drizzle-orm";
import type { Database } from "../client.server";
import {
  contacts,
  entries,
  entryAudienceOrganizations,
  type Audience,
  type EntryChannel,
  type EntryDirection,
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

type DemoEntry = {
  project: string;
  subject: string;
  channel: EntryChannel;
  direction: EntryDirection;
  audience: Audience;
  custom?: string[];
  author: string;
  daysAgo: number;
  body: string;
  details?: Record<string, unknown>;
};

/** The nine history entries of DEMO_WORLD.md, with their marker words, audiences and authors. */
export const demoEntries: DemoEntry[] = [
  {
    project: "gastraum",
    subject: "Kickoff Gastraum AURORA",
    channel: "meeting",
    direction: "internal",
    audience: "all_members",
    author: "anna@hansen.example",
    daysAgo: 21,
    body: "Kickoff im Café mit Eva Roth, Studio Lumen und Holzwerk Meyer. Ziele: neuer Tresen, warmes Licht, Eröffnung vor Ostern.",
    details: { location: "Café Morgenrot" },
  },
  {
    project: "gastraum",
    subject: "Kalkulation Marge KESTREL",
    channel: "note",
    direction: "internal",
    audience: "internal",
    author: "anna@hansen.example",
    daysAgo: 19,
    body: "Interne Kalkulation: Zielmarge 22 %, Puffer für Eichenholz einplanen.",
  },
  {
    project: "gastraum",
    subject: "Lieferzeit Eichenholz BIRCH",
    channel: "call",
    direction: "outbound",
    audience: "custom",
    custom: ["meyer"],
    author: "jonas@holzwerk-meyer.example",
    daysAgo: 14,
    body: "Sägewerk bestätigt Eichenholz in sechs Wochen; Lieferung an die Werkstatt.",
    details: { durationMinutes: 12, outcome: "reached" },
  },
  {
    project: "gastraum",
    subject: "Moodboard Farbkonzept LUPIN",
    channel: "email",
    direction: "outbound",
    audience: "custom",
    custom: ["lumen", "morgenrot"],
    author: "lena@studio-lumen.example",
    daysAgo: 10,
    body: "Moodboard mit drei Farbwelten an Eva Roth geschickt; Favorit: Terrakotta mit Salbeigrün.",
    details: { from: "lena@studio-lumen.example", to: ["eva@cafe-morgenrot.example"] },
  },
  {
    project: "gastraum",
    subject: "Angebot Holzwerk intern OSPREY",
    channel: "letter",
    direction: "outbound",
    audience: "custom",
    custom: ["meyer"],
    author: "anna@hansen.example",
    daysAgo: 7,
    body: "Anfrage für Tresenfront und Sitzbänke per Brief an Holzwerk Meyer.",
    details: { postalDate: "2026-11-16", reference: "HI-2026-114" },
  },
  {
    project: "gastraum",
    subject: "Rückruf Eva Terminwunsch MAPLE",
    channel: "call",
    direction: "inbound",
    audience: "all_members",
    author: "anna@hansen.example",
    daysAgo: 2,
    body: "Eva Roth bittet um einen Vor-Ort-Termin nächste Woche, gern vormittags.",
    details: { durationMinutes: 6, outcome: "reached" },
  },
  {
    project: "empfang",
    subject: "Empfangstresen Entwurf QUARTZ",
    channel: "email",
    direction: "outbound",
    audience: "all_members",
    author: "mara@wolff-design.example",
    daysAgo: 9,
    body: "Erster Entwurf für den Empfangstresen: Nussbaum, integrierte Beleuchtung, barrierefreie Höhe.",
    details: { from: "mara@wolff-design.example", to: ["paul@kanzlei-brandt.example"] },
  },
  {
    project: "empfang",
    subject: "Honorar Mara intern TUNDRA",
    channel: "note",
    direction: "internal",
    audience: "internal",
    author: "tom@hansen.example",
    daysAgo: 8,
    body: "Honorarvereinbarung mit Mara Wolff: Pauschale für Entwurf, Stundensatz für Änderungen.",
  },
  {
    project: "terrasse",
    subject: "Terrasse Vorplanung GLACIER",
    channel: "note",
    direction: "internal",
    audience: "internal",
    author: "anna@hansen.example",
    daysAgo: 4,
    body: "Erste Skizzen für die Außenterrasse; Genehmigung beim Bezirksamt klären.",
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
    const projectIds = new Map<string, string>();
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
      projectIds.set(project.key, created!.id);
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
    const orgOfUser = new Map(
      demoOrganizations.flatMap((org) => org.users.map((user) => [user.email, org.key] as const)),
    );
    for (const entry of demoEntries) {
      const [created] = await tx
        .insert(entries)
        .values({
          projectId: projectIds.get(entry.project)!,
          channel: entry.channel,
          direction: entry.direction,
          occurredAt: new Date(now.getTime() - entry.daysAgo * 24 * 3600 * 1000),
          subject: entry.subject,
          body: {
            type: "doc",
            content: [{ type: "paragraph", content: [{ type: "text", text: entry.body }] }],
          },
          bodyHtml: `<p>${escapeHtml(entry.body)}</p>`,
          bodyText: entry.body,
          details: entry.details ?? {},
          authorId: userIds.get(entry.author)!,
          authorOrganizationId: orgIds.get(orgOfUser.get(entry.author)!)!,
          audience: entry.audience,
        })
        .returning({ id: entries.id });
      if (entry.custom?.length) {
        await tx
          .insert(entryAudienceOrganizations)
          .values(
            entry.custom.map((org) => ({ entryId: created!.id, organizationId: orgIds.get(org)! })),
          );
      }
    }
  });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { audienceIdFor, organizationKeyOf } from "../audiences";
import type { Database } from "../client.server";
import {
  contacts,
  documents,
  documentVersions,
  entries,
  entryParticipants,
  hostSettings,
  requestComments,
  requestCounters,
  requestEvents,
  requests,
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
import type { Language } from "../schema/values";
import { backgroundEntries, type BackgroundEntry } from "./background-entries";
import { demoDocuments, demoPdfFile } from "./demo-documents";
import {
  backgroundRequests,
  demoRequests,
  planRequest,
  type PlannedRequest,
  type RequestTime,
} from "./demo-requests";

export const DEMO_PASSWORD = "ambit-demo-2026";

type DemoOrganization = {
  key: string;
  name: string;
  kind: OrganizationKind;
  partnerType?: PartnerType;
  // DEMO_WORLD.md: only Eva, Paul (German) and Lena (English) have chosen a language.
  users: { name: string; email: string; role: UserRole; locale?: Language }[];
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
    users: [
      { name: "Lena Falk", email: "lena@studio-lumen.example", role: "partner", locale: "en" },
    ],
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
    users: [
      { name: "Eva Roth", email: "eva@cafe-morgenrot.example", role: "customer", locale: "de" },
    ],
  },
  {
    key: "brandt",
    name: "Kanzlei Brandt",
    kind: "customer",
    users: [
      { name: "Paul Brandt", email: "paul@kanzlei-brandt.example", role: "customer", locale: "de" },
    ],
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
    // Felix Roth's number, written as people write it: only readers with the contacts section
    // (and the host) see it; everyone else reads his name in its place.
    body: "Eva Roth bittet um einen Vor-Ort-Termin nächste Woche, gern vormittags. Die Maße der Sitzbank klärt Felix Roth: 040 555-0102.",
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

/**
 * What seeding needs from the app above the database: a password hash, an entry body rendered
 * the way the editor's are, a place for files and the requests' due dates. Handed in, so nothing
 * here imports the app.
 */
export type SeedTools = {
  hashPassword: (password: string) => Promise<string>;
  /** A plain-text body as the stored rich text: its document, HTML and plain text. */
  renderBody: (text: string) => { doc: Record<string, unknown>; html: string; text: string };
  files: {
    put(
      key: string,
      file: { path: string; size: number; contentType: string; name: string },
    ): Promise<void>;
  };
  /**
   * Derives a request's due dates (`due_at`, `at_risk_at`, `due_rank`, `first_responded_at`)
   * from its stored history, as the app does after every change of it.
   */
  refreshRequestDueDates: (executor: Database, requestId: string, now: Date) => Promise<void>;
};

export type SeedOptions = {
  /**
   * The everyday entries around the nine (background-entries.ts) and the everyday requests
   * around the two (demo-requests.ts): on for the demo, off for the test fixture, which is
   * exactly DEMO_WORLD.md.
   */
  backgroundEntries?: boolean;
  /** Told after each step: what was made, and how many of how many. */
  onProgress?: (step: string, done: number, total: number) => void;
};

/** Seeds the demo world; `now` anchors "expired yesterday" and every entry's date. */
export async function seedDemoWorld(
  database: Database,
  tools: SeedTools,
  now: Date = new Date(),
  options: SeedOptions = {},
) {
  const withBackground = options.backgroundEntries ?? true;
  const { files } = tools;
  const progress = options.onProgress ?? (() => {});
  const passwordHash = await tools.hashPassword(DEMO_PASSWORD);
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
    const createdContacts = await tx
      .insert(contacts)
      .values(
        demoContacts.map(({ account, ...contact }) => ({
          ...contact,
          accountId: orgIds.get(account)!,
        })),
      )
      .returning({ id: contacts.id, name: contacts.name });
    progress(
      "organisations, people and contacts",
      demoOrganizations.length,
      demoOrganizations.length,
    );
    const contactIds = new Map(createdContacts.map((row) => [row.name, row.id] as const));
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
    progress("projects and memberships", demoProjects.length, demoProjects.length);
    const orgOfUser = new Map(
      demoOrganizations.flatMap((org) => org.users.map((user) => [user.email, org.key] as const)),
    );
    // One row of `audiences` per audience, shared by every entry and document that has it.
    const audienceIds = new Map<string, string>();
    const audienceOf = async (kind: Audience, custom: string[] = []) => {
      const organizationIds = custom.map((org) => orgIds.get(org)!);
      const key = `${kind}:${organizationKeyOf(organizationIds)}`;
      if (!audienceIds.has(key)) {
        audienceIds.set(key, await audienceIdFor(tx as Database, kind, organizationIds));
      }
      return audienceIds.get(key)!;
    };
    const rows: SeedEntry[] = demoEntries.map((entry) => ({
      ...entry,
      occurredAt: new Date(now.getTime() - entry.daysAgo * DAY),
    }));
    if (withBackground) rows.push(...backgroundEntries.map((entry) => backgroundRow(entry, now)));
    for (const [index, entry] of rows.entries()) {
      // Every 20th entry, and the last, so a slow machine still shows movement.
      if ((index + 1) % 20 === 0 || index + 1 === rows.length) {
        progress("history entries", index + 1, rows.length);
      }
      const body = tools.renderBody(entry.body);
      const [created] = await tx
        .insert(entries)
        .values({
          projectId: projectIds.get(entry.project)!,
          channel: entry.channel,
          direction: entry.direction,
          occurredAt: entry.occurredAt,
          subject: entry.subject,
          body: body.doc,
          bodyHtml: body.html,
          bodyText: body.text,
          details: entry.details ?? {},
          authorId: userIds.get(entry.author)!,
          authorOrganizationId: orgIds.get(orgOfUser.get(entry.author)!)!,
          audienceId: await audienceOf(entry.audience, entry.custom),
          ...(entry.loggedAt ? { createdAt: entry.loggedAt, updatedAt: entry.loggedAt } : {}),
        })
        .returning({ id: entries.id });
      const participants = [
        ...(entry.contacts ?? []).map((name) => ({
          entryId: created!.id,
          contactId: contactIds.get(name)!,
        })),
        ...(entry.users ?? []).map((email) => ({
          entryId: created!.id,
          userId: userIds.get(email)!,
        })),
      ];
      if (participants.length) await tx.insert(entryParticipants).values(participants);
    }
    for (const document of demoDocuments) {
      const file = await demoPdfFile(document);
      const storageKey = randomUUID();
      try {
        await files.put(storageKey, {
          path: file.path,
          size: file.size,
          contentType: "application/pdf",
          name: document.fileName,
        });
      } finally {
        await file.dispose();
      }
      const uploadedAt = new Date(now.getTime() - document.daysAgo * DAY);
      const uploaderId = userIds.get(document.uploader)!;
      const uploaderOrganizationId = orgIds.get(orgOfUser.get(document.uploader)!)!;
      const [created] = await tx
        .insert(documents)
        .values({
          projectId: projectIds.get(document.project)!,
          title: document.title,
          kind: "pdf",
          audienceId: await audienceOf(document.audience, document.custom),
          uploaderId,
          uploaderOrganizationId,
          createdAt: uploadedAt,
          updatedAt: uploadedAt,
        })
        .returning({ id: documents.id });
      await tx.insert(documentVersions).values({
        documentId: created!.id,
        number: 1,
        fileName: document.fileName,
        sizeBytes: file.size,
        contentType: "application/pdf",
        sha256: file.sha256,
        storageKey,
        uploaderId,
        uploaderOrganizationId,
        createdAt: uploadedAt,
      });
    }
    progress("documents with their PDF files", demoDocuments.length, demoDocuments.length);
    const [settings] = await tx
      .select({ reopenWindowDays: hostSettings.reopenWindowDays })
      .from(hostSettings)
      .where(eq(hostSettings.id, true));
    const planned = planDemoRequests(now, {
      background: withBackground,
      reopenWindowDays: settings?.reopenWindowDays,
    });
    for (const plan of planned) {
      const requestId = await insertRequest(tx as Database, plan, {
        renderBody: tools.renderBody,
        projectId: (key) => projectIds.get(key)!,
        organizationId: (key) => orgIds.get(key)!,
        userId: (email) => userIds.get(email)!,
        organizationOfUser: (email) => orgIds.get(orgOfUser.get(email)!)!,
        audienceId: (kind) => audienceOf(kind),
      });
      await tools.refreshRequestDueDates(tx as Database, requestId, now);
    }
    progress("customer requests", planned.length, planned.length);
  });
}

/**
 * The demo's requests as the app would have stored them, in the order they were opened (which
 * is the order of their reference numbers): the two of DEMO_WORLD.md, and with `background` the
 * everyday ones around them. `now` anchors every date, as for the entries.
 */
export function planDemoRequests(
  now: Date,
  { background = true, reopenWindowDays = 14 }: { background?: boolean; reopenWindowDays?: number },
): PlannedRequest[] {
  const orgOfUser = new Map(
    demoOrganizations.flatMap((org) => org.users.map((user) => [user.email, org.key] as const)),
  );
  const world = {
    timeOf: (when: RequestTime) => requestTime(when, now),
    organizationOf: (email: string) => orgOfUser.get(email)!,
    accountOf: (key: string) => demoProjects.find((project) => project.key === key)!.account,
    reopenWindowDays,
  };
  const stories = background ? [...demoRequests, ...backgroundRequests] : demoRequests;
  return stories
    .map((request) => planRequest(request, world))
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
}

/** `due_rank` until the due dates are derived from the history: nothing due. */
const NOTHING_DUE = new Date("9999-12-31T00:00:00Z");

/**
 * Inserts a planned request with its reference number (counted per year of creation, UTC, as
 * the app counts them), its history and its comments; returns its id.
 */
async function insertRequest(
  tx: Database,
  plan: PlannedRequest,
  ids: {
    renderBody: SeedTools["renderBody"];
    projectId: (key: string) => string;
    organizationId: (key: string) => string;
    userId: (email: string) => string;
    organizationOfUser: (email: string) => string;
    audienceId: (kind: Audience) => Promise<string>;
  },
) {
  const { request } = plan;
  const project = demoProjects.find((candidate) => candidate.key === request.project)!;
  const year = plan.openedAt.getUTCFullYear();
  const [counter] = await tx
    .insert(requestCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: requestCounters.year,
      set: { last: sql`${requestCounters.last} + 1` },
    })
    .returning({ last: requestCounters.last });
  const description = ids.renderBody(request.description);
  const orgIdOrNull = (key: string | null) => (key === null ? null : ids.organizationId(key));
  const [created] = await tx
    .insert(requests)
    .values({
      reference: `R-${year}-${String(counter!.last).padStart(4, "0")}`,
      projectId: ids.projectId(request.project),
      organizationId: ids.organizationId(project.account),
      type: request.type,
      priority: request.priority,
      status: plan.status,
      title: request.title,
      description: description.doc,
      descriptionHtml: description.html,
      descriptionText: description.text,
      openedById: ids.userId(request.openedBy),
      openedByOrganizationId: ids.organizationOfUser(request.openedBy),
      ownerId: ids.userId(project.owner),
      assignedOrganizationId: orgIdOrNull(plan.assigned),
      reopenableUntil: plan.reopenableUntil,
      resolvedAt: plan.resolvedAt,
      rating: plan.rating,
      ratingComment: plan.ratingComment,
      ratedAt: plan.ratedAt,
      dueRank: NOTHING_DUE,
      createdAt: plan.openedAt,
      updatedAt: plan.updatedAt,
    })
    .returning({ id: requests.id });
  const requestId = created!.id;
  await tx.insert(requestEvents).values(
    plan.events.map((event) => ({
      requestId,
      kind: event.kind,
      // An assignment names organisations by id, as the app writes it.
      fromValue: event.kind === "assigned" ? orgIdOrNull(event.from) : event.from,
      toValue: event.kind === "assigned" ? orgIdOrNull(event.to) : event.to,
      reason: event.reason,
      actorId: ids.userId(event.actor),
      actorOrganizationId: ids.organizationOfUser(event.actor),
      at: event.at,
    })),
  );
  const comments = [];
  for (const comment of plan.comments) {
    const body = ids.renderBody(comment.body);
    comments.push({
      requestId,
      authorId: ids.userId(comment.author),
      authorOrganizationId: ids.organizationOfUser(comment.author),
      audienceId: await ids.audienceId(comment.audience),
      body: body.doc,
      bodyHtml: body.html,
      bodyText: body.text,
      createdAt: comment.at,
    });
  }
  if (comments.length) await tx.insert(requestComments).values(comments);
  return requestId;
}

const DAY = 24 * 3600 * 1000;

/** An entry ready to insert: the nine and the background entries in one shape. */
type SeedEntry = Omit<DemoEntry, "daysAgo"> & {
  occurredAt: Date;
  loggedAt?: Date;
  contacts?: string[];
  users?: string[];
};

// The demo's people work in Hamburg and Berlin; their days and office hours are German ones.
const ZONE = "Europe/Berlin";
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The German calendar day of an instant, as a UTC midnight (for day arithmetic). */
function germanDay(instant: Date) {
  return new Date(`${dayFormat.format(instant)}T00:00:00Z`);
}

/** The instant of `HH:MM` German wall-clock time on `day` (a UTC midnight). */
function germanTime(day: Date, at: string) {
  const [hours, minutes] = at.split(":").map(Number) as [number, number];
  const wall = day.getTime() + (hours * 60 + minutes) * 60_000;
  // The zone's offset at that moment: the wall clock read back as if it were UTC, minus UTC.
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: ZONE,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    }).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const read = Date.UTC(
      part("year"),
      part("month") - 1,
      part("day"),
      part("hour"),
      part("minute"),
    );
    return read - Math.floor(instant / 60_000) * 60_000;
  };
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/**
 * The instant of a request's step: `minutesAgo` before `now`, or at its German wall-clock time
 * on the `day`-th working day (Monday to Friday) before the German day of `now`.
 */
export function requestTime(when: RequestTime, now: Date) {
  if ("minutesAgo" in when) return new Date(now.getTime() - when.minutesAgo * 60_000);
  let day = germanDay(now);
  for (let left = when.day; left > 0;) {
    day = new Date(day.getTime() - DAY);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return germanTime(day, when.at);
}

/**
 * A background entry `daysAgo` German days before `now`, at its time of day. Weekends move to
 * the Monday after, or to the Friday before when that Monday has not come yet, so the order of
 * a story's steps holds and nothing lies in the future.
 */
function backgroundRow(entry: BackgroundEntry, now: Date): SeedEntry {
  const today = germanDay(now);
  let day = new Date(today.getTime() - entry.daysAgo * DAY);
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) {
    const monday = new Date(day.getTime() + (weekday === 6 ? 2 : 1) * DAY);
    day =
      monday.getTime() < today.getTime()
        ? monday
        : new Date(day.getTime() - (weekday === 6 ? 1 : 2) * DAY);
  }
  const occurredAt = germanTime(day, entry.at);
  const details: Record<string, unknown> = {};
  if (entry.call) Object.assign(details, entry.call);
  if (entry.email) {
    Object.assign(details, { from: entry.email.from, to: entry.email.to });
    if (entry.email.cc) details.cc = entry.email.cc;
  }
  if (entry.letter) {
    const posted = new Date(day.getTime() - entry.letter.postalDaysBefore * DAY);
    details.postalDate = posted.toISOString().slice(0, 10);
    details.reference = entry.letter.reference;
  }
  if (entry.meeting) Object.assign(details, entry.meeting);
  return {
    project: entry.project,
    subject: entry.subject,
    channel: entry.channel,
    direction: entry.direction,
    audience: entry.audience,
    custom: entry.custom,
    author: entry.author,
    body: entry.body,
    details,
    occurredAt,
    loggedAt: new Date(
      Math.min(now.getTime(), occurredAt.getTime() + (entry.loggedAfterMinutes ?? 10) * 60_000),
    ),
    contacts: entry.contacts,
    users: entry.users,
  };
}

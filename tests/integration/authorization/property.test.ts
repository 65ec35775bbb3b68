import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { expect, test } from "vitest";
import { db, queryRows, type Database } from "#db/client.server";
import { audienceIdFor } from "#db/audiences";
import {
  audienceKinds,
  type Audience,
  captureAddresses,
  contacts,
  documents,
  entries,
  hostRoles,
  memberships,
  membershipUsers,
  organizations,
  projects,
  projectSections,
  requestCommentAudiences,
  requestComments,
  requests,
  requestStatuses,
  requestTypes,
  unresolvedMails,
  users,
  type ProjectSection,
} from "#db/schema";
import {
  defineAbilityFor,
  subject,
  type Action,
  type Actor,
  type SubjectName,
} from "#policies/ability";
import { subjectTables } from "#policies/subjects";
import { accessibleWhere } from "#policies/to-sql";
import {
  readableDocuments,
  readableEntries,
  readableEntriesByProject,
} from "~/features/sharing/item-scope.server";
import { actorByEmail, loadWorld, rowIdOf } from "../../support/world";

/*
 * For random worlds — organisations, users, projects, memberships with random access, sections,
 * expiry, revocation and narrowing to named users; customer requests in random statuses, assigned
 * to nobody, to a partner in the project, to one outside it or to one whose membership lapsed,
 * with comments for every audience and files — the rows the SQL filter returns must be exactly
 * the rows CASL allows in memory, for every user, subject type and action (and, for a request's
 * transitions, every status it may move to). The rows read must also keep the product's promises
 * about requests (see `assertRequestPromises`).
 */

const RUNS = process.env.FULL === "1" ? 2000 : 200;
const ACTIONS: Action[] = ["read", "create", "update", "manage", "review", "redact"];
/** What is checked of each subject: an action, or `action:field` (`transition:resolved`). */
const CHECKS = {
  Organization: ACTIONS,
  User: ACTIONS,
  Account: ACTIONS,
  Contact: ACTIONS,
  Project: ACTIONS,
  Membership: ACTIONS,
  Entry: ACTIONS,
  Document: ACTIONS,
  Request: [
    "read",
    "create",
    "update",
    "delete",
    "manage",
    "comment",
    "assign",
    "rate",
    "transition",
    ...requestStatuses.map((status) => `transition:${status}`),
  ],
  RequestComment: ["read", "create", "update", "delete", "manage", "comment"],
  CaptureAddress: ACTIONS,
  UnresolvedMail: ACTIONS,
} satisfies Partial<Record<SubjectName, string[]>>;
type CheckedSubject = keyof typeof CHECKS;
const HOUR = 3600_000;
/** Whom a request is assigned to, relative to its project's memberships. */
const ASSIGNMENTS = ["none", "member", "non_member", "lapsed"] as const;
type Assignment = (typeof ASSIGNMENTS)[number];

const membershipArb = fc.record({
  access: fc.constantFrom("view" as const, "contribute" as const),
  sections: fc.subarray([...projectSections]),
  expiry: fc.constantFrom("none", "past", "future"),
  revoked: fc.boolean(),
  narrowedTo: fc.option(fc.subarray([0, 1]), { nil: null }),
});
type MembershipSpec = typeof membershipArb extends fc.Arbitrary<infer T> ? T : never;
/**
 * Memberships made for requests are, half the time, open to the whole organisation and include
 * the requests section: otherwise few requests would be read by anyone outside the host.
 */
const requestMembershipArb: fc.Arbitrary<MembershipSpec> = fc.oneof(
  membershipArb,
  fc.record({
    access: fc.constantFrom("view" as const, "contribute" as const),
    sections: fc
      .subarray([...projectSections])
      .map((sections): ProjectSection[] =>
        sections.includes("requests") ? sections : [...sections, "requests"],
      ),
    expiry: fc.constantFrom("none" as const, "future" as const),
    revoked: fc.constant(false),
    narrowedTo: fc.constant(null),
  }),
);

const worldArb = fc.record({
  partners: fc.integer({ min: 1, max: 3 }),
  customers: fc.integer({ min: 1, max: 2 }),
  usersPerOrg: fc.integer({ min: 1, max: 2 }),
  projects: fc.array(
    fc.record({
      customer: fc.nat(),
      owner: fc.constantFrom("anna@hansen.example", "tom@hansen.example"),
      members: fc.array(fc.tuple(fc.nat(), membershipArb), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  contactsPerCustomer: fc.integer({ min: 0, max: 2 }),
  entries: fc.array(
    fc.record({
      project: fc.nat(),
      audience: fc.constantFrom(...audienceKinds),
      custom: fc.subarray([0, 1, 2, 3, 4]),
      byMember: fc.option(fc.nat(), { nil: null }),
    }),
    { maxLength: 5 },
  ),
  // Standalone documents, and attachments of one of the entries (with that entry's audience).
  documents: fc.array(
    fc.record({
      project: fc.nat(),
      audience: fc.constantFrom(...audienceKinds),
      custom: fc.subarray([0, 1, 2, 3, 4]),
      byMember: fc.option(fc.nat(), { nil: null }),
      attachedTo: fc.option(fc.nat(), { nil: null }),
    }),
    { maxLength: 4 },
  ),
  // Requests of the project's customer, opened by one of its users or by host staff.
  requests: fc.array(
    fc.record({
      project: fc.nat(),
      type: fc.constantFrom(...requestTypes),
      status: fc.constantFrom(...requestStatuses),
      reopenableUntil: fc.constantFrom("none", "past", "future"),
      assigned: fc.constantFrom(...ASSIGNMENTS),
      assignedPick: fc.nat(),
      // When no partner fits the assignment, one is given this membership (made to fit).
      fitting: requestMembershipArb,
      // The customer's membership of the project, if it has none yet.
      customerJoins: fc.option(requestMembershipArb, { nil: null }),
      openedBy: fc.option(fc.nat(), { nil: null }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  // Comments by anyone (null: host staff), of every kind.
  comments: fc.array(
    fc.record({
      request: fc.nat(),
      audience: fc.constantFrom(...requestCommentAudiences),
      author: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }),
    }),
    { maxLength: 5 },
  ),
  // Files sent with a request, internal as openRequest stores them (null: by its opener).
  requestFiles: fc.array(
    fc.record({ request: fc.nat(), uploader: fc.option(fc.nat(), { nil: null }) }),
    { maxLength: 3 },
  ),
});

type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

class Rollback extends Error {}

type Org = { id: string; kind: "partner" | "customer"; userIds: string[] };
/** A membership as inserted: whose, whether revoked, whether live at `now`. */
type MembershipMade = { orgIndex: number; revoked: boolean; live: boolean };

/** How often each case came up over the whole run, so that no promise is checked vacuously. */
const seen = {
  assignment: Object.fromEntries(ASSIGNMENTS.map((kind) => [kind, 0])) as Record<
    Assignment,
    number
  >,
  partnerReadsRequest: 0,
  partnerReadsPartnerNote: 0,
  partnerTransitions: 0,
  partnerDeniedOnLapsed: 0,
  customerReadsRequest: 0,
  customerReadsReply: 0,
  customerTransitions: 0,
  customerRates: 0,
  externalReadsRequestFile: 0,
};

async function insertMembership(
  tx: Database,
  projectId: string,
  org: Org,
  member: MembershipSpec,
  now: Date,
) {
  const [row] = await tx
    .insert(memberships)
    .values({
      projectId,
      organizationId: org.id,
      access: member.access,
      sections: member.sections as ProjectSection[],
      expiresAt:
        member.expiry === "none"
          ? null
          : new Date(now.getTime() + (member.expiry === "past" ? -HOUR : HOUR)),
      revokedAt: member.revoked ? new Date(now.getTime() - HOUR) : null,
      narrowed: member.narrowedTo !== null,
    })
    .returning({ id: memberships.id });
  const named = (member.narrowedTo ?? [])
    .map((i) => org.userIds[i])
    .filter((id): id is string => Boolean(id));
  if (named.length > 0) {
    await tx
      .insert(membershipUsers)
      .values(named.map((userId) => ({ membershipId: row!.id, userId })));
  }
}

async function insertWorld(tx: Database, spec: WorldSpec, now: Date, run: number) {
  const orgs: Org[] = [];
  const kinds = [
    ...Array.from({ length: spec.partners }, () => "partner" as const),
    ...Array.from({ length: spec.customers }, () => "customer" as const),
  ];
  for (const [index, kind] of kinds.entries()) {
    const [org] = await tx
      .insert(organizations)
      .values({
        name: `Org ${run}-${index}`,
        kind,
        partnerType: kind === "partner" ? "supplier" : null,
      })
      .returning({ id: organizations.id });
    const created = await tx
      .insert(users)
      .values(
        Array.from({ length: spec.usersPerOrg }, (_, u) => ({
          organizationId: org!.id,
          role: kind,
          name: `User ${run}-${index}-${u}`,
          email: `u${run}-${index}-${u}@property.example`,
        })),
      )
      .returning({ id: users.id });
    orgs.push({ id: org!.id, kind, userIds: created.map((row) => row.id) });
  }
  const customers = orgs.filter((org) => org.kind === "customer");
  for (const customer of customers) {
    for (let c = 0; c < spec.contactsPerCustomer; c += 1) {
      await tx.insert(contacts).values({
        accountId: customer.id,
        name: `Contact ${c}`,
        email: `c${c}@property.example`,
        legalBasis: "contract",
      });
    }
  }
  const [anna, tom] = await Promise.all([
    actorByEmail(tx, "anna@hansen.example"),
    actorByEmail(tx, "tom@hansen.example"),
  ]);
  const projectIds: string[] = [];
  const accountIds: string[] = [];
  const membershipsMade: MembershipMade[][] = [];
  for (const [p, project] of spec.projects.entries()) {
    const [created] = await tx
      .insert(projects)
      .values({
        name: `Project ${run}-${p}`,
        accountId: customers[project.customer % customers.length]!.id,
        ownerId: project.owner.startsWith("anna") ? anna.id : tom.id,
      })
      .returning({ id: projects.id });
    projectIds.push(created!.id);
    accountIds.push(customers[project.customer % customers.length]!.id);
    const made: MembershipMade[] = [];
    membershipsMade.push(made);
    const used = new Set<number>();
    for (const [orgPick, member] of project.members) {
      const orgIndex = orgPick % orgs.length;
      if (used.has(orgIndex) && !member.revoked) continue; // one live membership per organisation
      used.add(orgIndex);
      await insertMembership(tx, created!.id, orgs[orgIndex]!, member, now);
      made.push({
        orgIndex,
        revoked: member.revoked,
        live: !member.revoked && member.expiry !== "past",
      });
    }
  }
  // Every organisation's capture address in every project, whatever its membership, and the
  // host's: who sees or rotates one is the policy's to decide.
  const hostOrganizationId = anna.organizationId;
  for (const projectId of projectIds) {
    for (const organizationId of [hostOrganizationId, ...orgs.map((org) => org.id)]) {
      await tx.insert(captureAddresses).values({
        projectId,
        organizationId,
        label: `capture-${run}`,
        token: randomUUID(),
      });
    }
  }
  await tx.insert(unresolvedMails).values({
    receivedAt: now,
    fromAddress: `stranger${run}@property.example`,
    recipients: [`capture-${run}@in.example`],
    subject: `Unresolved ${run}`,
    previewText: "",
    rawSize: 1,
    reason: "senderNotAllowed",
    projectId: projectIds[0],
  });
  // A custom audience names at least one organisation; one that names none is internal.
  const audienceOf = (kind: Audience, custom: string[]) =>
    kind === "custom" && custom.length === 0
      ? audienceIdFor(tx, "internal")
      : audienceIdFor(tx, kind, kind === "custom" ? custom : []);
  const entryRows: {
    id: string;
    projectId: string;
    audience: Audience;
    audienceId: string;
    custom: string[];
  }[] = [];
  for (const [e, entry] of spec.entries.entries()) {
    const author = entry.byMember === null ? null : orgs[entry.byMember % orgs.length]!;
    const custom = [...new Set(entry.custom.map((i) => orgs[i % orgs.length]!.id))];
    const audienceId = await audienceOf(entry.audience, custom);
    const [created] = await tx
      .insert(entries)
      .values({
        projectId: projectIds[entry.project % projectIds.length]!,
        channel: "note",
        direction: "internal",
        occurredAt: now,
        subject: `Entry ${run}-${e}`,
        authorId: author ? author.userIds[0]! : anna.id,
        authorOrganizationId: author ? author.id : anna.organizationId,
        audienceId,
      })
      .returning({ id: entries.id });
    entryRows.push({
      id: created!.id,
      projectId: projectIds[entry.project % projectIds.length]!,
      audience: entry.audience,
      audienceId,
      custom: entry.audience === "custom" ? custom : [],
    });
  }
  for (const document of spec.documents) {
    const author = document.byMember === null ? null : orgs[document.byMember % orgs.length]!;
    const entry =
      document.attachedTo === null || entryRows.length === 0
        ? null
        : entryRows[document.attachedTo % entryRows.length]!;
    const custom = [...new Set(document.custom.map((i) => orgs[i % orgs.length]!.id))];
    await tx.insert(documents).values({
      projectId: entry ? entry.projectId : projectIds[document.project % projectIds.length]!,
      entryId: entry?.id ?? null,
      title: `Document ${run}`,
      kind: "pdf",
      audienceId: entry ? entry.audienceId : await audienceOf(document.audience, custom),
      uploaderId: author ? author.userIds[0]! : anna.id,
      uploaderOrganizationId: author ? author.id : anna.organizationId,
    });
  }
  await insertRequests(tx, spec, now, run, {
    orgs,
    projectIds,
    accountIds,
    membershipsMade,
    anna,
    tom,
  });
  return orgs;
}

/**
 * The partner a request is assigned to, by the kind of assignment: one with a live membership of
 * the project, one with none at all, or one whose memberships all expired or were revoked. When
 * none fits, a partner is given a membership that makes it fit (or, where that is impossible,
 * the request stays unassigned). Returns the partner's index and the assignment made.
 */
async function assignee(
  tx: Database,
  request: WorldSpec["requests"][number],
  world: { orgs: Org[]; projectId: string; made: MembershipMade[] },
  now: Date,
): Promise<{ orgIndex: number | null; made: Assignment }> {
  const { orgs, projectId, made } = world;
  if (request.assigned === "none") return { orgIndex: null, made: "none" };
  const partners = orgs.flatMap((org, index) => (org.kind === "partner" ? [index] : []));
  const rows = (index: number) => made.filter((row) => row.orgIndex === index);
  const live = (index: number) => rows(index).some((row) => row.live);
  const unrevoked = (index: number) => rows(index).some((row) => !row.revoked);
  const pick = (candidates: number[]) => candidates[request.assignedPick % candidates.length]!;
  const fits = {
    member: partners.filter(live),
    non_member: partners.filter((index) => rows(index).length === 0),
    lapsed: partners.filter((index) => rows(index).length > 0 && !live(index)),
  }[request.assigned];
  if (fits.length > 0) return { orgIndex: pick(fits), made: request.assigned };
  if (request.assigned === "member") {
    // At most one unrevoked membership per organisation and project.
    const free = partners.filter((index) => !unrevoked(index));
    if (free.length === 0) return { orgIndex: null, made: "none" };
    const orgIndex = pick(free);
    const expiry = request.fitting.expiry === "past" ? "future" : request.fitting.expiry;
    await insertMembership(
      tx,
      projectId,
      orgs[orgIndex]!,
      { ...request.fitting, expiry, revoked: false },
      now,
    );
    made.push({ orgIndex, revoked: false, live: true });
    return { orgIndex, made: "member" };
  }
  if (request.assigned === "lapsed") {
    const notLive = partners.filter((index) => !live(index));
    if (notLive.length === 0) return { orgIndex: null, made: "none" };
    const orgIndex = pick(notLive);
    // Expired if it may hold an unrevoked membership, revoked otherwise.
    const revoked = request.fitting.revoked || unrevoked(orgIndex);
    const expiry = revoked ? request.fitting.expiry : "past";
    await insertMembership(
      tx,
      projectId,
      orgs[orgIndex]!,
      { ...request.fitting, expiry, revoked },
      now,
    );
    made.push({ orgIndex, revoked, live: false });
    return { orgIndex, made: "lapsed" };
  }
  return { orgIndex: null, made: "none" };
}

async function insertRequests(
  tx: Database,
  spec: WorldSpec,
  now: Date,
  run: number,
  world: {
    orgs: Org[];
    projectIds: string[];
    /** Each project's customer. */
    accountIds: string[];
    membershipsMade: MembershipMade[][];
    anna: Actor;
    tom: Actor;
  },
) {
  const { orgs, projectIds, accountIds, membershipsMade, anna, tom } = world;
  const made: { id: string; projectId: string; openedById: string; openedByOrgId: string }[] = [];
  for (const [r, request] of spec.requests.entries()) {
    const p = request.project % projectIds.length;
    const projectId = projectIds[p]!;
    const customer = orgs.find((org) => org.id === accountIds[p])!;
    const customerIndex = orgs.indexOf(customer);
    const projectMemberships = membershipsMade[p]!;
    if (
      request.customerJoins &&
      !projectMemberships.some((row) => row.orgIndex === customerIndex && !row.revoked)
    ) {
      const member = request.customerJoins;
      await insertMembership(tx, projectId, customer, member, now);
      projectMemberships.push({
        orgIndex: customerIndex,
        revoked: member.revoked,
        live: !member.revoked && member.expiry !== "past",
      });
    }
    const host = r % 2 === 0 ? anna : tom;
    const opener =
      request.openedBy === null
        ? { id: host.id, organizationId: host.organizationId }
        : {
            id: customer.userIds[request.openedBy % customer.userIds.length]!,
            organizationId: customer.id,
          };
    const assigned = await assignee(
      tx,
      request,
      { orgs, projectId, made: projectMemberships },
      now,
    );
    seen.assignment[assigned.made] += 1;
    const [created] = await tx
      .insert(requests)
      .values({
        reference: `P-${run}-${r}`,
        projectId,
        organizationId: customer.id,
        type: request.type,
        status: request.status,
        title: `Request ${run}-${r}`,
        openedById: opener.id,
        openedByOrganizationId: opener.organizationId,
        ownerId: host.id,
        assignedOrganizationId: assigned.orgIndex === null ? null : orgs[assigned.orgIndex]!.id,
        reopenableUntil:
          request.reopenableUntil === "none"
            ? null
            : new Date(now.getTime() + (request.reopenableUntil === "past" ? -HOUR : HOUR)),
        dueRank: new Date("9999-01-01T00:00:00Z"),
      })
      .returning({ id: requests.id });
    made.push({
      id: created!.id,
      projectId,
      openedById: opener.id,
      openedByOrgId: opener.organizationId,
    });
  }
  // The three audiences are values shared by every comment: one look-up each.
  const audienceIds = new Map<string, string>();
  const audienceOf = async (kind: (typeof requestCommentAudiences)[number]) => {
    if (!audienceIds.has(kind)) audienceIds.set(kind, await audienceIdFor(tx, kind));
    return audienceIds.get(kind)!;
  };
  const comments = [];
  for (const [c, comment] of spec.comments.entries()) {
    const request = made[comment.request % made.length]!;
    const org = comment.author === null ? null : orgs[comment.author[0] % orgs.length]!;
    comments.push({
      requestId: request.id,
      authorId: org ? org.userIds[comment.author![1] % org.userIds.length]! : anna.id,
      authorOrganizationId: org ? org.id : anna.organizationId,
      audienceId: await audienceOf(comment.audience),
      bodyText: `Comment ${run}-${c}`,
    });
  }
  if (comments.length > 0) await tx.insert(requestComments).values(comments);
  const files = [];
  for (const file of spec.requestFiles) {
    const request = made[file.request % made.length]!;
    const org = file.uploader === null ? null : orgs[file.uploader % orgs.length]!;
    files.push({
      projectId: request.projectId,
      requestId: request.id,
      title: `Request file ${run}`,
      kind: "image" as const,
      audienceId: await audienceOf("internal"),
      uploaderId: org ? org.userIds[0]! : request.openedById,
      uploaderOrganizationId: org ? org.id : request.openedByOrgId,
    });
  }
  if (files.length > 0) await tx.insert(documents).values(files);
}

type Row = Record<string, unknown> & { id: string };

/** The world as CASL sees it, loaded once per world (it does not change between actors). */
async function inMemorySubjects(tx: Database) {
  const world = await loadWorld(tx);
  return {
    Organization: world.organizations.map((row) => subject("Organization", row)),
    User: world.users.map((row) => subject("User", row)),
    Account: world.accounts,
    Contact: world.contacts,
    Project: world.projects,
    Membership: world.memberships,
    Entry: world.entries,
    Document: world.documents,
    Request: world.requests,
    RequestComment: world.requestComments,
    CaptureAddress: world.captureAddresses,
    UnresolvedMail: world.unresolvedMails,
  } satisfies Record<CheckedSubject, Row[]>;
}
type Objects = Awaited<ReturnType<typeof inMemorySubjects>>;

/** Per subject and check, the ids the SQL filter lets through (equal to CASL's, once compared). */
type Allowed = Record<CheckedSubject, Map<string, Set<string>>>;

async function compare(tx: Database, actor: Actor, now: Date, objects: Objects) {
  const ability = defineAbilityFor(actor, now);
  // The timelines' and search's filter, which decides the project-level part in memory.
  const readable = await queryRows<{ id: string }>(
    tx,
    sql`select id from entries where ${await readableEntries(ability, null, tx)}`,
  );
  const expected = objects.Entry.filter((entry) => ability.can("read", entry as never))
    .map((entry) => entry.id)
    .sort();
  expect(
    readable.map((row) => row.id).sort(),
    `${actor.role} ${actor.id} readable entries`,
  ).toEqual(expected);
  // Home's form of the same filter: one condition per project, each naming its project.
  const byProject = await readableEntriesByProject(
    ability,
    objects.Project.map((project) => project.id),
    tx,
  );
  const perProject = byProject.size
    ? await queryRows<{ id: string }>(
        tx,
        sql`select id from entries where ${sql.join(
          [...byProject.values()].map((where) => sql`(${where})`),
          sql` or `,
        )}`,
      )
    : [];
  expect(
    perProject.map((row) => row.id).sort(),
    `${actor.role} ${actor.id} readable entries, project by project`,
  ).toEqual(expected);
  // Documents include the files sent with requests.
  const readableFiles = await queryRows<{ id: string }>(
    tx,
    sql`select id from documents where ${await readableDocuments(ability, null, tx)}`,
  );
  expect(
    readableFiles.map((row) => row.id).sort(),
    `${actor.role} ${actor.id} readable documents`,
  ).toEqual(
    objects.Document.filter((document) => ability.can("read", document as never))
      .map((document) => document.id)
      .sort(),
  );
  const allowed = {} as Allowed;
  for (const [subjectName, checks] of Object.entries(CHECKS) as [CheckedSubject, string[]][]) {
    const spec = subjectTables[subjectName]!;
    const parsed = checks.map((check) => {
      const [action, field] = check.split(":") as [Action, string | undefined];
      return { check, action, field };
    });
    const columns = parsed.map(
      ({ check, action, field }) =>
        sql`(${accessibleWhere(ability, action, subjectName, { field })}) as ${sql.identifier(check)}`,
    );
    const rows = await queryRows<Row>(
      tx,
      sql`select ${rowIdOf(subjectName)} as id, ${sql.join(columns, sql`, `)}
          from ${spec.table as PgTable}`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const subjectObjects: Row[] = objects[subjectName];
    const sets = new Map(checks.map((check) => [check, new Set<string>()]));
    for (const object of subjectObjects) {
      for (const { check, action, field } of parsed) {
        const inMemory = ability.can(action, object as never, field);
        const inSql = byId.get(object.id)?.[check] === true;
        if (inMemory !== inSql) {
          throw new Error(
            `${actor.role} ${actor.id} ${check} ${subjectName} ${object.id}: CASL ${inMemory}, SQL ${inSql}`,
          );
        }
        if (inSql) sets.get(check)!.add(object.id);
      }
    }
    allowed[subjectName] = sets;
  }
  assertRequestPromises(actor, objects, allowed, now);
}

/**
 * What the product promises about requests, whatever the world: internal notes are the host's,
 * partner notes the host's and the assigned partner's; partners see only the requests assigned to
 * their organisation (so none that is unassigned), and those only while their organisation is a
 * live member of the project; customers only their organisation's. Beyond those: host staff read
 * every request, comment and request file, and a comment or a request's file is read only by
 * whoever reads the request.
 */
function assertRequestPromises(actor: Actor, objects: Objects, allowed: Allowed, now: Date) {
  const who = `${actor.role} ${actor.id}`;
  const host = hostRoles.includes(actor.role);
  const promise = (kept: boolean, message: string) => {
    if (!kept) throw new Error(`${who}: ${message}`);
  };
  const reads = (subjectName: CheckedSubject, id: string) =>
    allowed[subjectName].get("read")!.has(id);
  for (const request of objects.Request) {
    const label = `request ${request.id} (of ${request.organizationId}, assigned to ${request.assignedOrganizationId})`;
    if (!reads("Request", request.id)) {
      promise(!host, `host staff cannot read ${label}`);
      continue;
    }
    if (actor.role === "partner") {
      promise(request.assignedOrganizationId !== null, `a partner reads unassigned ${label}`);
      promise(
        request.assignedOrganizationId === actor.organizationId,
        `a partner reads ${label}, not assigned to its organisation`,
      );
      seen.partnerReadsRequest += 1;
      for (const status of requestStatuses) {
        if (allowed.Request.get(`transition:${status}`)!.has(request.id)) {
          seen.partnerTransitions += 1;
        }
      }
    }
    if (actor.role === "customer") {
      promise(
        request.organizationId === actor.organizationId,
        `a customer reads ${label} of another organisation`,
      );
      seen.customerReadsRequest += 1;
      for (const status of requestStatuses) {
        if (allowed.Request.get(`transition:${status}`)!.has(request.id)) {
          seen.customerTransitions += 1;
        }
      }
      if (allowed.Request.get("rate")!.has(request.id)) seen.customerRates += 1;
    }
  }
  for (const comment of objects.RequestComment) {
    const kind = comment.audience.kind;
    const label = `${kind} comment ${comment.id} on request ${comment.requestId}`;
    if (!reads("RequestComment", comment.id)) {
      promise(!host, `host staff cannot read ${label}`);
      continue;
    }
    promise(reads("Request", comment.requestId), `reads ${label} but not its request`);
    promise(kind !== "internal" || host, `reads ${label}: internal notes are the host's`);
    promise(
      kind !== "partners" ||
        host ||
        comment.request.assignedOrganizationId === actor.organizationId,
      `reads ${label}: partner notes are the host's and the assigned partner's (${comment.request.assignedOrganizationId})`,
    );
    if (actor.role === "partner" && kind === "partners") seen.partnerReadsPartnerNote += 1;
    if (actor.role === "customer") seen.customerReadsReply += 1;
  }
  for (const document of objects.Document) {
    if (document.requestId === null) continue;
    const label = `file ${document.id} of request ${document.requestId}`;
    if (!reads("Document", document.id)) {
      promise(!host, `host staff cannot read ${label}`);
      continue;
    }
    promise(reads("Request", document.requestId), `reads ${label} but not the request`);
    if (!host) seen.externalReadsRequestFile += 1;
  }
  // A request assigned to a partner's organisation is the partner's exactly while it holds a
  // live membership of the project (whatever its sections): not outside the project, not once
  // the membership expired or was revoked, nor when it names other people.
  if (actor.role === "partner") {
    const live = liveMembershipProjects(objects, actor, now);
    for (const request of objects.Request) {
      if (request.assignedOrganizationId !== actor.organizationId) continue;
      const member = live.has(request.projectId);
      promise(
        reads("Request", request.id) === member,
        `${member ? "cannot read" : "reads"} request ${request.id} assigned to it, ${member ? "with" : "without"} a live membership`,
      );
      if (!member) seen.partnerDeniedOnLapsed += 1;
    }
  }
}

/** The projects in which the actor holds a live membership (open to its organisation or naming it). */
function liveMembershipProjects(objects: Objects, actor: Actor, now: Date) {
  return new Set(
    objects.Membership.filter(
      (row) =>
        row.organizationId === actor.organizationId &&
        row.revokedAt === null &&
        (row.expiresAt === null || row.expiresAt > now) &&
        (!row.narrowed || row.userIds.includes(actor.id)),
    ).map((row) => row.projectId),
  );
}

test(`the SQL filter and CASL in memory agree on ${RUNS} random worlds`, async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(worldArb, async (spec) => {
      run += 1;
      const now = new Date();
      await db()
        .transaction(async (tx) => {
          const orgs = await insertWorld(tx, spec, now, run);
          const checked = [
            await actorByEmail(tx, "ida@hansen.example"),
            await actorByEmail(tx, "anna@hansen.example"),
            await actorByEmail(tx, "clara@hansen.example"),
          ];
          for (const org of orgs) {
            for (const id of org.userIds) {
              checked.push({
                id,
                organizationId: org.id,
                role: org.kind,
                organizationKind: org.kind,
              });
            }
          }
          const objects = await inMemorySubjects(tx);
          for (const actor of checked) await compare(tx, actor, now, objects);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }),
    { numRuns: RUNS },
  );
  expect(run).toBe(RUNS);
  // Every kind of assignment was made, and every promise was checked on rows it is about.
  const { assignment, ...cases } = seen;
  console.info(`property test: cases seen ${JSON.stringify({ ...assignment, ...cases })}`);
  for (const [key, count] of Object.entries({ ...assignment, ...cases })) {
    expect(count, `cases seen: ${key}`).toBeGreaterThan(0);
  }
}, 600_000);

import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { expect, test } from "vitest";
import { db, queryRows, type Database } from "#db/client.server";
import { audienceIdFor } from "#db/audiences";
import {
  audienceKinds,
  type Audience,
  contacts,
  documents,
  entries,
  memberships,
  membershipUsers,
  organizations,
  projects,
  projectSections,
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
import { actorByEmail, loadWorld } from "../../support/world";

/*
 * For random worlds — organisations, users, projects, memberships with random access, sections,
 * expiry, revocation and narrowing to named users — the rows the SQL filter returns must be
 * exactly the rows CASL allows in memory, for every user, subject type and action.
 */

const RUNS = process.env.FULL === "1" ? 2000 : 200;
const ACTIONS: Action[] = ["read", "create", "update", "manage", "review", "redact"];
const SUBJECTS = [
  "Organization",
  "User",
  "Account",
  "Contact",
  "Project",
  "Membership",
  "Entry",
  "Document",
] as const;
const HOUR = 3600_000;

const membershipArb = fc.record({
  access: fc.constantFrom("view" as const, "contribute" as const),
  sections: fc.subarray([...projectSections]),
  expiry: fc.constantFrom("none", "past", "future"),
  revoked: fc.boolean(),
  narrowedTo: fc.option(fc.subarray([0, 1]), { nil: null }),
});

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
});

type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

class Rollback extends Error {}

async function insertWorld(tx: Database, spec: WorldSpec, now: Date, run: number) {
  const orgs: { id: string; kind: "partner" | "customer"; userIds: string[] }[] = [];
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
    const used = new Set<number>();
    for (const [orgPick, member] of project.members) {
      const orgIndex = orgPick % orgs.length;
      if (used.has(orgIndex) && !member.revoked) continue; // one live membership per organisation
      used.add(orgIndex);
      const org = orgs[orgIndex]!;
      const [row] = await tx
        .insert(memberships)
        .values({
          projectId: created!.id,
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
  }
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
  return orgs;
}

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
  } satisfies Partial<Record<SubjectName, (Record<string, unknown> & { id: string })[]>>;
}

async function compare(tx: Database, actor: Actor, now: Date) {
  const ability = defineAbilityFor(actor, now);
  const objects = await inMemorySubjects(tx);
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
  for (const subjectName of SUBJECTS) {
    const spec = subjectTables[subjectName]!;
    const columns = ACTIONS.map(
      (action) =>
        sql`(${accessibleWhere(ability, action, subjectName)}) as ${sql.identifier(action)}`,
    );
    const rows = await queryRows<Record<string, unknown> & { id: string }>(
      tx,
      sql`select id, ${sql.join(columns, sql`, `)} from ${spec.table as PgTable}`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const subjectObjects: (Record<string, unknown> & { id: string })[] =
      objects[subjectName as keyof typeof objects];
    for (const object of subjectObjects) {
      for (const action of ACTIONS) {
        const inMemory = ability.can(action, object as never);
        const inSql = byId.get(object.id)?.[action] === true;
        if (inMemory !== inSql) {
          throw new Error(
            `${actor.role} ${actor.id} ${action} ${subjectName} ${object.id}: CASL ${inMemory}, SQL ${inSql}`,
          );
        }
      }
    }
  }
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
          for (const actor of checked) await compare(tx, actor, now);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }),
    { numRuns: RUNS },
  );
  expect(run).toBe(RUNS);
}, 600_000);

import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import {
  audienceOrganizations,
  audiences,
  captureAddresses,
  contacts,
  documents,
  entries,
  memberships,
  membershipUsers,
  organizations,
  projects,
  requestComments,
  requests,
  unresolvedMails,
  users,
} from "#db/schema";
import { subject, type Actor, type SubjectName } from "#policies/ability";

/**
 * How a subject's rows are told apart in SQL, as `id`: a capture address is its project and
 * organisation (the same pair `loadWorld` gives it as its id).
 */
export const rowIdOf = (subjectName: SubjectName) =>
  subjectName === "CaptureAddress"
    ? sql`project_id::text || '/' || organization_id::text`
    : sql`id`;

/**
 * Every policy subject loaded into memory with the relations its rules walk, for checking CASL
 * in memory against the SQL filter. (Tests only: the app never loads ID lists like this.)
 */
export async function loadWorld(database: Database) {
  const [
    orgRows,
    userRows,
    projectRows,
    membershipRows,
    namedRows,
    contactRows,
    entryRows,
    audienceRows,
    audienceOrganizationRows,
    documentRows,
    requestRows,
    commentRows,
    captureRows,
    unresolvedRows,
  ] = await Promise.all([
    database.select().from(organizations),
    database.select().from(users),
    database.select().from(projects),
    database.select().from(memberships),
    database.select().from(membershipUsers),
    database.select().from(contacts),
    database.select().from(entries),
    database.select().from(audiences),
    database.select().from(audienceOrganizations),
    database.select().from(documents),
    database.select().from(requests),
    database.select().from(requestComments),
    database.select().from(captureAddresses),
    database.select().from(unresolvedMails),
  ]);
  // An item's audience as the policy sees it: the row's kind and its organisations.
  const audienceById = new Map(
    audienceRows.map((row) => [
      row.id,
      {
        kind: row.kind,
        organizationIds: audienceOrganizationRows
          .filter((item) => item.audienceId === row.id)
          .map((item) => item.organizationId),
      },
    ]),
  );
  const membershipData = membershipRows.map((row) => ({
    ...row,
    userIds: namedRows.filter((n) => n.membershipId === row.id).map((n) => n.userId),
  }));
  const projectData = projectRows.map((row) => ({
    ...row,
    memberships: membershipData.filter((m) => m.projectId === row.id),
  }));
  const accountData = orgRows
    .filter((org) => org.kind === "customer")
    .map((org) => ({ ...org, projects: projectData.filter((p) => p.accountId === org.id) }));
  const accountById = new Map(accountData.map((account) => [account.id, account]));
  const projectById = new Map(projectData.map((project) => [project.id, project]));
  // A request inside its project, as a comment or a file the customer sent walks it.
  const requestData = requestRows.map((row) => ({
    ...row,
    project: projectById.get(row.projectId)!,
  }));
  const requestById = new Map(requestData.map((request) => [request.id, request]));

  return {
    organizations: orgRows,
    users: userRows,
    projects: projectData.map((row) => subject("Project", row)),
    accounts: accountData.map((row) => subject("Account", row)),
    contacts: contactRows.map((row) =>
      subject("Contact", { ...row, account: accountById.get(row.accountId)! }),
    ),
    entries: entryRows.map((row) =>
      subject("Entry", {
        ...row,
        project: projectById.get(row.projectId)!,
        audience: audienceById.get(row.audienceId)!,
      }),
    ),
    // The policy calls a document's uploader its author, as for entries.
    documents: documentRows.map((row) =>
      subject("Document", {
        ...row,
        authorId: row.uploaderId,
        authorOrganizationId: row.uploaderOrganizationId,
        project: projectById.get(row.projectId)!,
        audience: audienceById.get(row.audienceId)!,
        // A file sent with a request is read by whoever reads the request.
        ...(row.requestId ? { request: requestById.get(row.requestId)! } : {}),
      }),
    ),
    requests: requestData.map((row) => subject("Request", row)),
    // A comment's kind is its audience (public reply, partner note, internal note).
    requestComments: commentRows.map((row) =>
      subject("RequestComment", {
        ...row,
        audience: audienceById.get(row.audienceId)!,
        request: requestById.get(row.requestId)!,
      }),
    ),
    memberships: membershipData.map((row) =>
      subject("Membership", { ...row, project: projectById.get(row.projectId)! }),
    ),
    captureAddresses: captureRows.map((row) =>
      subject("CaptureAddress", {
        ...row,
        id: `${row.projectId}/${row.organizationId}`,
        project: projectById.get(row.projectId)!,
      }),
    ),
    unresolvedMails: unresolvedRows.map((row) => subject("UnresolvedMail", row)),
  };
}

export async function actorByEmail(database: Database, email: string): Promise<Actor> {
  const [row] = await database
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return {
    id: row.user.id,
    organizationId: row.user.organizationId,
    role: row.user.role,
    organizationKind: row.organization.kind,
  };
}

/**
 * A seeded demo request by its title (DEMO_WORLD.md's CORAL, DELTA): its id and reference. Throws
 * naming the request when the seed lacks it, so a test's setup fails on the missing fixture.
 */
export async function demoRequestByTitle(database: Database, title: string) {
  const [row] = await database
    .select({ id: requests.id, reference: requests.reference })
    .from(requests)
    .where(eq(requests.title, title));
  if (!row) throw new Error(`demo request "${title}" is missing`);
  return row;
}

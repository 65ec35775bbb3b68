import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "#db/client.server";
import { users, type OrganizationKind } from "#db/schema";
import { subject, type AppAbility } from "#policies/ability";
import {
  contactRedaction,
  listAccountContacts,
  type RedactionLabels,
} from "~/features/accounts/index.server";
import { listDocuments, mayOpenDocuments } from "~/features/documents/index.server";
import { listProjectEntries, mayOpenHistory } from "~/features/history/index.server";
import { findProject, listMemberships } from "~/features/projects/index.server";
import {
  listRequests,
  mayOpenRequestsTab,
  requestListItem,
} from "~/features/requests/index.server";
import { memberAbility, projectForPolicy } from "~/features/sharing/index.server";
import { recordAudit, type AuditActor } from "~/kernel/audit/audit.server";
import { calendarDayIn, HOST_TIME_ZONE } from "~/kernel/time-zone";
import type { PreviewChoice, PreviewParty, ProjectPreview } from "./types";

/** How many of each kind of item the preview lists: enough to judge what a party sees. */
const SHOWN = 10;

/**
 * Whom the project can be previewed as: each organisation with an unrevoked membership (expired
 * ones too, to show that they now see nothing), with its active users.
 */
export async function previewChoices(
  ability: AppAbility,
  projectId: string,
): Promise<PreviewChoice[]> {
  const rows = (await listMemberships(ability, projectId)).filter(
    (row) => row.state !== "revoked" && row.organizationKind !== "host",
  );
  const organizationIds = rows.map((row) => row.membership.organizationId);
  const people = organizationIds.length
    ? await db()
        .select({ id: users.id, name: users.name, organizationId: users.organizationId })
        .from(users)
        .where(and(inArray(users.organizationId, organizationIds), isNull(users.disabledAt)))
        .orderBy(asc(users.name), asc(users.id))
    : [];
  return rows.map((row) => ({
    organizationId: row.membership.organizationId,
    name: row.organizationName,
    kind: row.organizationKind as Exclude<OrganizationKind, "host">,
    state: row.state,
    access: row.membership.access,
    sections: row.membership.sections,
    expiresOn: row.membership.expiresAt
      ? calendarDayIn(row.membership.expiresAt, HOST_TIME_ZONE)
      : null,
    namedPeople: row.membership.narrowed ? row.people.map((person) => person.id) : [],
    people: people
      .filter((person) => person.organizationId === row.membership.organizationId)
      .map(({ id, name }) => ({ id, name })),
  }));
}

/**
 * The party the URL asks for: one of the choices (the first when none is named), and one of its
 * users or none, meaning an ordinary user of the organisation. A narrowed membership lets in only
 * its named people, so its preview starts as the first of them.
 */
export function choosePreviewParty(
  choices: PreviewChoice[],
  organizationId: string | null,
  personId: string | null,
): PreviewParty | undefined {
  const choice = choices.find((row) => row.organizationId === organizationId) ?? choices[0];
  if (!choice) return undefined;
  const named = choice.people.find((person) => person.id === personId);
  const person =
    named ??
    (choice.namedPeople.length
      ? choice.people.find((row) => row.id === choice.namedPeople[0])
      : undefined);
  return { choice, person: person ?? null };
}

/**
 * The project through the party's own ability: the sections it opens, and the first items of
 * each list as that party's pages list them. Nothing is written but the previewer's audit event.
 */
export async function previewProject(
  previewer: AuditActor,
  projectId: string,
  party: PreviewParty,
  labels: RedactionLabels,
): Promise<ProjectPreview> {
  const ability = partyAbility(party);
  await recordAudit(previewer, {
    action: "project.previewed_as",
    subjectType: party.person ? "User" : "Organization",
    subjectId: party.person?.id ?? party.choice.organizationId,
    projectId,
    details: { organizationId: party.choice.organizationId },
  });
  const found = await findProject(ability, projectId);
  const project = found && (await projectForPolicy(projectId, { scope: ability }));
  if (!found || !project) return { opens: false };

  const opens = {
    history: mayOpenHistory(ability, project),
    documents: mayOpenDocuments(ability, project),
    requests: await mayOpenRequestsTab(ability, project),
  };
  const [entryPage, documentPage, requestPage, contacts] = await Promise.all([
    opens.history ? listProjectEntries(ability, projectId) : undefined,
    opens.documents ? listDocuments(ability, projectId, {}, undefined, SHOWN) : undefined,
    opens.requests
      ? listRequests(ability, { projectId, status: "all" }, undefined, { pageSize: SHOWN })
      : undefined,
    listAccountContacts(ability, found.project.accountId),
  ]);
  const entries = (entryPage?.entries ?? [])
    .filter((entry) => entry.redactedAt === null)
    .slice(0, SHOWN);
  // What the party's own timeline would hide of contact persons, hidden here too.
  const redaction = await contactRedaction(
    { ability, user: { email: party.person ? await emailOf(party.person.id) : "" } },
    labels,
    { projectIds: [projectId], texts: entries.map((entry) => entry.subject) },
  );
  const memberships = project.memberships;
  return {
    opens: true,
    sections: opens,
    entries: opens.history
      ? {
          items: entries.map((entry) => ({
            id: entry.id,
            subject: redaction.text(entry.subject),
            channel: entry.channel,
            occurredAt: entry.occurredAt.toISOString(),
            author: entry.authorName,
            authorOrganization: entry.authorOrganizationName,
          })),
          more: Boolean(entryPage?.next) || (entryPage?.entries.length ?? 0) > SHOWN,
        }
      : null,
    documents: documentPage
      ? {
          items: documentPage.documents.map((document) => ({
            id: document.id,
            title: document.title,
            version: document.versionNumber,
            updatedAt: document.updatedAt.toISOString(),
            uploader: document.uploaderName,
          })),
          more: documentPage.hasMore,
        }
      : null,
    requests: requestPage
      ? {
          items: requestPage.requests.map(requestListItem),
          more: Boolean(requestPage.next),
        }
      : null,
    contacts: contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      roleTitle: contact.roleTitle,
      email: contact.email,
      phone: contact.phone,
    })),
    members: project.liveMemberships
      .filter((row) =>
        ability.can(
          "read",
          subject("Membership", {
            ...row.membership,
            userIds: row.people.map((person) => person.id),
            project: { id: projectId, memberships },
          }),
        ),
      )
      .map((row) => ({ name: row.organizationName, kind: row.organizationKind })),
  };
}

/** The policy as the party itself has it: the chosen user's, or an ordinary user's. */
function partyAbility({ choice, person }: PreviewParty): AppAbility {
  return memberAbility(
    {
      organizationId: choice.organizationId,
      organizationKind: choice.kind,
      role: choice.kind === "partner" ? "partner" : "customer",
      personId: person?.id,
    },
    new Date(),
  );
}

async function emailOf(userId: string) {
  const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? "";
}

import { sql, type SQL } from "drizzle-orm";

/*
 * Whether a record is under a legal hold in force, as SQL over its own columns: what retention
 * may not remove and erasure may not rewrite. A hold covers its project or account and all in
 * them, or a contact person, their entries, and (through their account) their projects.
 */

const scoped = (scope: "project" | "account" | "contact", id: SQL) =>
  sql`(h.scope = ${scope} and h.scope_id = ${id})`;

export const holdIn = (conditions: SQL) =>
  sql`exists (select 1 from legal_holds h where h.released_at is null and (${conditions}))`;

/** A project held by a hold on it or on its account. */
export const projectHeld = (projectId: SQL) =>
  holdIn(sql`${scoped("project", projectId)} or (h.scope = 'account'
    and h.scope_id = (select account_id from projects where id = ${projectId}))`);

/** An entry held through its project, or through a held contact person who took part in it. */
export const entryHeld = (entryId: SQL, projectId: SQL) =>
  sql`(${projectHeld(projectId)} or exists (
    select 1 from entry_participants ep join contacts c on c.id = ep.contact_id
    where ep.entry_id = ${entryId}
      and ${holdIn(sql`${scoped("contact", sql`c.id`)} or ${scoped("account", sql`c.account_id`)}`)}))`;

/** A contact person held by a hold on them, their account, or a project of theirs. */
export const contactHeld = (contactId: SQL, accountId: SQL) =>
  holdIn(sql`${scoped("contact", contactId)} or ${scoped("account", accountId)}
    or (h.scope = 'project' and (h.scope_id in (select id from projects where account_id = ${accountId})
      or h.scope_id in (select e.project_id from entry_participants ep
        join entries e on e.id = ep.entry_id where ep.contact_id = ${contactId})))`);

/** A request, or a document, held through its project (an attachment also through its entry). */
export const requestHeld = (requestId: SQL) =>
  sql`exists (select 1 from requests q where q.id = ${requestId} and ${projectHeld(sql`q.project_id`)})`;
export const documentHeld = (documentId: SQL) =>
  sql`exists (select 1 from documents d where d.id = ${documentId} and (${projectHeld(sql`d.project_id`)}
    or (d.entry_id is not null and ${entryHeld(sql`d.entry_id`, sql`d.project_id`)})))`;
export const entryIdHeld = (entryId: SQL) =>
  sql`exists (select 1 from entries x where x.id = ${entryId} and ${entryHeld(sql`x.id`, sql`x.project_id`)})`;

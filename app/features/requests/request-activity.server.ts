import { sql, type SQL } from "drizzle-orm";
import { db, queryRows } from "#db/client.server";
import {
  audiences,
  projects,
  requestComments,
  requestEvents,
  requests,
  users,
  type RequestStatus,
} from "#db/schema";
import type { AppAbility } from "#policies/ability";
import { accessibleWhere, compileWithKnown } from "#policies/to-sql";
import { isUuid } from "~/kernel/query-input";

/**
 * What a line of request activity on a contact history timeline says. Only what every reader of
 * the request may know: that it was opened, how its status moved, and that someone replied
 * publicly. Partner and internal notes, hand-overs and owners never become timeline lines.
 */
export type RequestActivityKind = "opened" | "status" | "reply";

export type RequestActivity = {
  /** The request event's id, or the public reply's. */
  id: string;
  kind: RequestActivityKind;
  /** When it happened, to the millisecond (the grain of a timeline's cursor). */
  at: Date;
  requestId: string;
  reference: string;
  title: string;
  projectId: string;
  projectName: string;
  /** The status it moved to (`status` lines only). */
  status: RequestStatus | null;
  /** Who did it; null for the system (a status the clock changed). */
  actorName: string | null;
};

/** A place in a timeline's order: newest first by time, then by id (as the entries' keyset). */
export type TimelinePosition = { at: Date; id: string };

export type RequestActivityQuery = {
  /** The projects of the timeline (the reader may open them; the Request filter still decides). */
  projectIds: string[];
  /** Only lines strictly after this place in the order (older than the page's cursor). */
  before?: TimelinePosition;
  /** The timeline's date filter: from this instant on, and before `to`. */
  from?: Date;
  to?: Date;
  /** The timeline's author and party filters, applied to who did it. */
  actorId?: string;
  actorOrganizationId?: string;
  /** At most this many lines, newest first. */
  limit: number;
};

/**
 * The request activity of the given projects the reader may see, newest first: the openings and
 * status changes of every request the reader may read (the policy's Request filter, in SQL), and
 * the public replies on them the reader may read (the RequestComment filter as well). One
 * statement. Times are cut to milliseconds before they are compared or ordered, so a line's
 * place survives a round trip through a cursor in the URL.
 */
export async function listRequestActivity(
  ability: AppAbility,
  query: RequestActivityQuery,
): Promise<RequestActivity[]> {
  const projectIds = query.projectIds.filter(isUuid);
  if (projectIds.length === 0 || query.limit <= 0) return [];
  // A reader no rule lets read any request (or any comment) costs no statement.
  const readsRequests = compileWithKnown(ability, "read", "Request").condition !== false;
  if (!readsRequests) return [];
  const readsComments = compileWithKnown(ability, "read", "RequestComment").condition !== false;

  const eventAt = sql`date_trunc('milliseconds', ${requestEvents.at})`;
  const replyAt = sql`date_trunc('milliseconds', ${requestComments.createdAt})`;
  const window = (at: SQL, id: SQL, actor: SQL, actorOrganization: SQL) => {
    const conditions: SQL[] = [];
    if (query.before) {
      conditions.push(
        sql`(${at}, ${id}) < (${query.before.at.toISOString()}::timestamptz, ${query.before.id}::uuid)`,
      );
    }
    if (query.from) conditions.push(sql`${at} >= ${query.from.toISOString()}::timestamptz`);
    if (query.to) conditions.push(sql`${at} < ${query.to.toISOString()}::timestamptz`);
    if (query.actorId && isUuid(query.actorId)) {
      conditions.push(sql`${actor} = ${query.actorId}::uuid`);
    }
    if (query.actorOrganizationId && isUuid(query.actorOrganizationId)) {
      conditions.push(sql`${actorOrganization} = ${query.actorOrganizationId}::uuid`);
    }
    return conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``;
  };
  const ids = sql.join(
    projectIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

  const eventWindow = window(
    eventAt,
    sql`${requestEvents.id}`,
    sql`${requestEvents.actorId}`,
    sql`${requestEvents.actorOrganizationId}`,
  );
  const replyWindow = window(
    replyAt,
    sql`${requestComments.id}`,
    sql`${requestComments.authorId}`,
    sql`${requestComments.authorOrganizationId}`,
  );
  const events = sql`(select ${requestEvents.id} as id,
        case when ${requestEvents.kind} = 'opened' then 'opened' else 'status' end as kind,
        ${eventAt} as at, ${requestEvents.requestId} as request_id,
        case when ${requestEvents.kind} = 'status' then ${requestEvents.toValue} end as status,
        ${requestEvents.actorId} as actor_id
      from ${requestEvents}
      where ${requestEvents.requestId} in (select id from readable_requests)
        and ${requestEvents.kind} in ('opened', 'status')
        ${eventWindow}
      order by 3 desc, 1 desc
      limit ${query.limit})`;
  const replies = sql`(select ${requestComments.id} as id, 'reply' as kind, ${replyAt} as at,
        ${requestComments.requestId} as request_id, null as status,
        ${requestComments.authorId} as actor_id
      from ${requestComments}
      where ${requestComments.requestId} in (select id from readable_requests)
        and ${requestComments.audienceId} in (
          select ${audiences.id} from ${audiences} where ${audiences.kind} = 'all_members')
        and ${accessibleWhere(ability, "read", "RequestComment")}
        ${replyWindow}
      order by 3 desc, 1 desc
      limit ${query.limit})`;

  const rows = await queryRows<{
    id: string;
    kind: RequestActivityKind;
    at: string | Date;
    request_id: string;
    status: RequestStatus | null;
    actor_name: string | null;
    reference: string;
    title: string;
    project_id: string;
    project_name: string;
  }>(
    db(),
    sql`with readable_requests as materialized (
          select ${requests.id} as id, ${requests.reference} as reference,
                 ${requests.title} as title, ${requests.projectId} as project_id
          from ${requests}
          where ${requests.projectId} in (${ids})
            and ${accessibleWhere(ability, "read", "Request")}
        ), lines as (
          ${readsComments ? sql`${events} union all ${replies}` : events}
        )
        select lines.id, lines.kind, lines.at, lines.request_id, lines.status,
               actor.name as actor_name, readable_requests.reference, readable_requests.title,
               readable_requests.project_id, project.name as project_name
        from lines
        inner join readable_requests on readable_requests.id = lines.request_id
        inner join ${projects} project on project.id = readable_requests.project_id
        left join ${users} actor on actor.id = lines.actor_id
        order by lines.at desc, lines.id desc
        limit ${query.limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    at: new Date(row.at),
    requestId: row.request_id,
    reference: row.reference,
    title: row.title,
    projectId: row.project_id,
    projectName: row.project_name,
    status: row.status,
    actorName: row.actor_name,
  }));
}

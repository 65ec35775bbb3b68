import type postgres from "postgres";
import { listRequests, type RequestCursor } from "~/features/requests/request.server";
import { encodeRequestCursor } from "~/features/requests/request-views.server";
import { defineAbilityFor, type AppAbility } from "#policies/ability";
import { asUser, type UserRow } from "./subjects";

/** A user with how many open requests their list holds. */
type ReaderRow = UserRow & { requests: number };

const OPEN = `r.status in ('new', 'in_progress', 'waiting_on_customer')`;
/** A membership that lets the whole organisation in now (not revoked, not expired, not narrowed). */
const LIVE = `m.revoked_at is null and (m.expires_at is null or m.expires_at > now())
  and not m.narrowed`;

/**
 * The requests' readers besides the host's queue (the busiest project's owner): the customer
 * user whose organisation follows the most open requests (its own, in projects where its live
 * membership has the `requests` section), and the partner user whose organisation has the most
 * open requests assigned to it in projects it is a live member of. Each with how many open
 * requests their list holds.
 */
export async function pickRequestPeople(raw: postgres.Sql) {
  const users = `select u.id, u.organization_id, u.role, o.kind, u.email, x.requests
    from users u join organizations o on o.id = u.organization_id`;
  const [customer] = await raw.unsafe<ReaderRow[]>(
    `${users}
    join (
      select r.organization_id, count(distinct r.id)::int as requests
      from requests r join memberships m
        on m.project_id = r.project_id and m.organization_id = r.organization_id
      where ${OPEN} and ${LIVE} and 'requests' = any(m.sections)
      group by 1
    ) x on x.organization_id = u.organization_id
    where u.role = 'customer'
    order by x.requests desc, u.email limit 1`,
  );
  const [partner] = await raw.unsafe<ReaderRow[]>(
    `${users}
    join (
      select r.assigned_organization_id as organization_id, count(distinct r.id)::int as requests
      from requests r join memberships m
        on m.project_id = r.project_id and m.organization_id = r.assigned_organization_id
      where ${OPEN} and ${LIVE}
      group by 1
    ) x on x.organization_id = u.organization_id
    where u.role = 'partner'
    order by x.requests desc, u.email limit 1`,
  );
  const people = {
    customer: asUser(customer, "customer (requests)"),
    requestsPartner: asUser(partner, "partner (requests)"),
  };
  return {
    people,
    abilities: {
      customer: defineAbilityFor(people.customer),
      requestsPartner: defineAbilityFor(people.requestsPartner),
    },
    /** Open requests in each one's list (first page: 25 of them). */
    reach: { customer: customer!.requests, partner: partner!.requests },
  };
}

export type RequestPeople = Awaited<ReturnType<typeof pickRequestPeople>>;

/** The keyset cursor of the queue's page `page`, paging through it as a reader does. */
export async function requestCursorOfPage(ability: AppAbility, page: number) {
  let after: RequestCursor | undefined;
  let reached = 1;
  while (reached < page) {
    const { next } = await listRequests(ability, {}, after);
    if (!next) break;
    after = next;
    reached++;
  }
  return { after, reached, path: after ? `/requests?cursor=${encodeRequestCursor(after)}` : "" };
}

/** Who reads the list, for the hand-written SQL: the host reads every request. */
export type RequestReader =
  { kind: "host" } | { kind: "customer" | "partner"; userId: string; organizationId: string };

export type HandFilters = { sla?: "breached" | "at_risk"; after?: RequestCursor };

// The list's columns and joins as listRequests selects them.
const COLUMNS = `r.id, r.reference, r.title, r.type, r.priority, r.status, r.project_id,
  p.name as project_name, r.organization_id, a.name as account_name, r.owner_id,
  o.name as owner_name, r.opened_by_id, op.name as opened_by_name, r.assigned_organization_id,
  x.name as assigned_organization_name, r.due_at, r.at_risk_at, r.first_responded_at,
  r.resolved_at, r.reopenable_until, r.rating, r.created_at, r.updated_at,
  to_char(r.due_rank at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_rank`;
const FROM = `from requests r
  join projects p on p.id = r.project_id
  join organizations a on a.id = r.organization_id
  join users o on o.id = r.owner_id
  join users op on op.id = r.opened_by_id
  left join organizations x on x.id = r.assigned_organization_id`;

/**
 * The first page of the requests' list as one would write it by hand, with the WHERE semantics
 * of `listRequests` under the reader's policy: open requests; the customer's own in projects
 * where a live membership of its organisation (whole, or naming the user) has the `requests`
 * section; the partner's assigned ones in projects where it is a live member; the SLA filter and
 * the keyset cursor as the model applies them. `now` stands for the clock of both.
 */
export function handWrittenList(
  raw: postgres.Sql,
  reader: RequestReader,
  filters: HandFilters,
  now: Date,
  pageSize = 25,
) {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let at: string | undefined;
  const clock = () => (at ??= `${param(now.toISOString())}::timestamptz`);
  const where = [`r.status in ('new', 'in_progress', 'waiting_on_customer')`];
  if (reader.kind !== "host") {
    const organization = param(reader.organizationId);
    where.push(
      reader.kind === "customer"
        ? `r.organization_id = ${organization}`
        : `r.assigned_organization_id = ${organization}`,
      `exists (select 1 from memberships m
        where m.project_id = r.project_id and m.organization_id = ${organization}
          and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${clock()})
          ${reader.kind === "customer" ? `and 'requests' = any(m.sections)` : ""}
          and (not m.narrowed or exists (select 1 from membership_users mu
            where mu.membership_id = m.id and mu.user_id = ${param(reader.userId)})))`,
    );
  }
  if (filters.sla === "breached") where.push(`r.due_at <= ${clock()}`);
  if (filters.sla === "at_risk") where.push(`r.at_risk_at <= ${clock()} and r.due_at > ${clock()}`);
  if (filters.after) {
    where.push(
      `(r.due_rank, r.id) > (${param(filters.after.dueRank)}::timestamptz, ${param(filters.after.id)}::uuid)`,
    );
  }
  return raw.unsafe<{ id: string }[]>(
    `select ${COLUMNS} ${FROM} where ${where.join(" and ")}
    order by r.due_rank, r.id limit ${pageSize + 1}`,
    params as never[],
  );
}

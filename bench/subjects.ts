import type postgres from "postgres";
import type { OrganizationKind, UserRole } from "#db/schema";
import { defineAbilityFor, type Actor } from "#policies/ability";

export type BenchUser = Actor & { email: string; label: string };

/** A common and a rare word of the generator's vocabulary (bench/generate.sql). */
export const SEARCH_TERMS = { common: "Angebot", rare: "Zirbenvertäfelung" } as const;

/** A user as the bench's queries select them: `u.id, u.organization_id, u.role, o.kind, u.email`. */
export type UserRow = {
  id: string;
  organization_id: string;
  role: UserRole;
  kind: OrganizationKind;
  email: string;
};

const LIVE = `m.revoked_at is null and (m.expires_at is null or m.expires_at > now())`;

/** The measured user of a row the world had for `label` (none found is an error). */
export function asUser(row: UserRow | undefined, label: string): BenchUser {
  if (!row) throw new Error(`The world has no user for "${label}"`);
  return {
    id: row.id,
    organizationId: row.organization_id,
    role: row.role,
    organizationKind: row.kind,
    email: row.email,
    label,
  };
}

/**
 * Who and what is measured: the busiest project; a partner of the most connected organisation
 * with a live history membership there; the project's owner (host); a partner whose
 * organisation's memberships have all expired; the largest account the partner works for.
 */
export async function pickSubjects(raw: postgres.Sql) {
  const [top] = await raw<{ id: string; account_id: string; entries: number }[]>`
    select p.id, p.account_id, e.entries
    from (select project_id, count(*)::int as entries from entries group by 1
      order by 2 desc limit 1) e
    join projects p on p.id = e.project_id`;
  if (!top) throw new Error("The world has no entries");
  const users = `select u.id, u.organization_id, u.role, o.kind, u.email
    from users u join organizations o on o.id = u.organization_id`;
  const [partner] = await raw.unsafe<UserRow[]>(
    `${users}
    join memberships m on m.organization_id = o.id
    where m.project_id = $1 and o.kind = 'partner' and ${LIVE} and not m.narrowed
      and 'history' = any(m.sections)
    order by (select count(*) from memberships x where x.organization_id = o.id) desc, u.email
    limit 1`,
    [top.id],
  );
  const [host] = await raw.unsafe<UserRow[]>(
    `${users} join projects p on p.owner_id = u.id where p.id = $1`,
    [top.id],
  );
  const [nobody] = await raw.unsafe<UserRow[]>(
    `${users}
    where o.kind = 'partner'
      and exists (select 1 from memberships m where m.organization_id = o.id)
      and not exists (select 1 from memberships m where m.organization_id = o.id and ${LIVE})
    order by u.email limit 1`,
  );
  const [visible] = await raw.unsafe<{ projects: number; entries: number }[]>(
    `select count(distinct m.project_id)::int as projects,
      (select count(*)::int from entries e where e.project_id in (
        select project_id from memberships m where m.organization_id = $1 and ${LIVE}
          and 'history' = any(m.sections))) as entries
    from memberships m where m.organization_id = $1 and ${LIVE}`,
    [partner?.organization_id ?? null],
  );
  // The account whose projects hold the most entries, among those the partner reads history in.
  const [account] = await raw.unsafe<{ id: string; projects: number; entries: number }[]>(
    `select p.account_id as id, count(distinct p.id)::int as projects, count(*)::int as entries
    from projects p join entries e on e.project_id = p.id
    where p.account_id in (
      select p2.account_id from projects p2 join memberships m on m.project_id = p2.id
      where m.organization_id = $1 and ${LIVE} and 'history' = any(m.sections))
    group by 1 order by 3 desc limit 1`,
    [partner?.organization_id ?? null],
  );
  if (!account) throw new Error("The partner reads no account's history");
  const [terms] = await raw<{ common: number; rare: number }[]>`
    select
      (select count(*)::int from entries
        where search_vector @@ plainto_tsquery('german', ${SEARCH_TERMS.common})) as common,
      (select count(*)::int from entries
        where search_vector @@ plainto_tsquery('german', ${SEARCH_TERMS.rare})) as rare`;
  const people = {
    partner: asUser(partner, "partner"),
    host: asUser(host, "host"),
    nobody: asUser(nobody, "sees nothing"),
  };
  return {
    project: { id: top.id, entries: top.entries },
    account,
    people,
    abilities: {
      partner: defineAbilityFor(people.partner),
      host: defineAbilityFor(people.host),
      nobody: defineAbilityFor(people.nobody),
    },
    partnerReach: visible!,
    termHits: terms!,
  };
}

export type Subjects = Awaited<ReturnType<typeof pickSubjects>>;

-- The audit log at scale (bench.audit_events events), generated set-based after the world by
-- bench/world.ts in one transaction, with audit_events' secondary indexes dropped around it.
-- Events follow the existing chain: seq from bench.audit_base + 1 on, over ~3 years up to now,
-- activity growing slowly with time. Reads dominate; actors are the world's users by Zipf rank
-- (a few busy ones, a long tail), each mostly from one of ~3,000 addresses; items are the
-- world's entries, documents, requests, contacts, projects, accounts, memberships and users,
-- popular ones far more often than the rest.
--
-- The hashes are NOT a valid chain: each row links to the previous row's hash, but the hashes
-- are made up (md5 of the seq), not computed over the row. That is enough to time queries and
-- exports; `npm run audit:verify` fails on the first generated row. The bench checks the chain
-- only from the first event appended after these.
--
-- Nothing here disables a trigger: the append-only triggers refuse UPDATE, DELETE and TRUNCATE
-- of audit_events, not INSERT; the chain head is moved in steps of at most 1,000 with its hash
-- unchanged, then to the last generated row's hash, as its forward-only guard allows.

--- step: audit actions
select setseed(0.2027);
-- action, weight (per 10,000 events), what it is about, who did it: a user, Ambit itself, a
-- user or nobody known (failed sign-ins), or a compliance officer or the administrator.
create temp table t_audit_actions (
  action text, weight float8, kind text, actor text
) on commit drop;
insert into t_audit_actions values
  ('entry.viewed', 2300, 'Entry', 'user'),
  ('project.viewed', 1500, 'Project', 'user'),
  ('document.viewed', 700, 'Document', 'user'),
  ('document.previewed', 400, 'Document', 'user'),
  ('document.downloaded', 600, 'Document', 'user'),
  ('request.viewed', 500, 'Request', 'user'),
  ('account.viewed', 300, 'Account', 'user'),
  ('contact.viewed', 200, 'Contact', 'user'),
  ('search.performed', 500, null, 'user'),
  ('audit.searched', 20, null, 'officer'),
  ('entry.created', 450, 'Entry', 'user'),
  ('entry.updated', 90, 'Entry', 'user'),
  ('entry.redacted', 2, 'Entry', 'user'),
  ('document.uploaded', 120, 'Document', 'user'),
  ('document.version_added', 40, 'Document', 'user'),
  ('request.opened', 40, 'Request', 'user'),
  ('request.updated', 20, 'Request', 'user'),
  ('request.commented', 120, 'Request', 'user'),
  ('request.status_changed', 80, 'Request', 'user'),
  ('request.assigned', 20, 'Request', 'user'),
  ('request.rated', 5, 'Request', 'user'),
  ('contact.created', 5, 'Contact', 'user'),
  ('contact.updated', 10, 'Contact', 'user'),
  ('project.created', 3, 'Project', 'user'),
  ('email.queued', 80, null, 'system'),
  ('email.sent', 80, null, 'system'),
  ('email.delivery_event', 60, null, 'system'),
  ('email.failed', 2, null, 'system'),
  ('auth.login_succeeded', 600, null, 'user'),
  ('auth.password_verified', 300, null, 'user'),
  ('auth.logout', 200, null, 'user'),
  ('auth.login_failed', 120, null, 'anyone'),
  ('auth.login_throttled', 6, null, 'anyone'),
  ('auth.login_refused_locked', 2, null, 'user'),
  ('auth.account_locked', 1, 'User', 'user'),
  ('auth.password_reset_requested', 15, null, 'user'),
  ('auth.password_reset', 8, null, 'user'),
  ('auth.password_changed', 4, null, 'user'),
  ('auth.two_factor_enrolled', 2, null, 'user'),
  ('auth.session_revoked', 5, null, 'user'),
  ('membership.created', 8, 'Membership', 'user'),
  ('membership.updated', 6, 'Membership', 'user'),
  ('membership.revoked', 2, 'Membership', 'user'),
  ('user.invited', 4, 'User', 'user'),
  ('invitation.accepted', 3, 'User', 'user'),
  ('user.disabled', 0.5, 'User', 'user'),
  ('audit.exported', 0.5, null, 'officer'),
  ('audit.verified', 0.2, null, 'officer');

create temp table t_audit_action_pick on commit drop as
select row_number() over (order by action)::int as k, action, kind, actor,
  ((sum(weight) over (order by action) - weight) / sum(weight) over ())::float8 as lo
from t_audit_actions;

--- step: audit actors and items
-- Users by Zipf rank (weight 1 / (rank + 10): the busiest of ~8,000 has ~1.5 % of the events),
-- ranks shuffled; each with a home address of ~3,000.
create temp table t_audit_users on commit drop as
with u as (
  select row_number() over (order by random())::int as k, id, organization_id
  from users
)
select k, id, organization_id, 1 + (k * 7919) % 3000 as home_ip,
  -- float8, not numeric: width_bucket would cast the whole array for every event.
  ((sum(1.0 / (k + 10)) over (order by k) - 1.0 / (k + 10)) / sum(1.0 / (k + 10)) over ())::float8
    as lo
from u;

create temp table t_audit_officers on commit drop as
select row_number() over (order by u.email)::int as k, u.id, u.organization_id
from users u where u.role in ('compliance_officer', 'admin');

-- Every item an event can be about, numbered per kind in random order; events pick low numbers
-- far more often (n ~ count · u³), so some items are read thousands of times.
create temp table t_audit_items on commit drop as
select kind, row_number() over (partition by kind order by random())::int as n, id, project_id
from (
  select 'Entry' as kind, id::text as id, project_id from entries
  union all select 'Document', id::text, project_id from documents
  union all select 'Request', id::text, project_id from requests
  union all select 'Contact', id::text, null::uuid from contacts
  union all select 'Project', id::text, id from projects
  union all select 'Account', id::text, null::uuid from organizations where kind = 'customer'
  union all select 'Membership', id::text, project_id from memberships
  union all select 'User', id::text, null::uuid from users
) items;

create temp table t_audit_kinds on commit drop as
select kind, count(*)::int as items from t_audit_items group by kind;
analyze t_audit_items, t_audit_users, t_audit_kinds, t_audit_action_pick;

--- step: audit events
insert into audit_events (seq, occurred_at, actor_user_id, actor_organization_id, action,
  subject_type, subject_id, project_id, ip, user_agent, details, prev_hash, hash)
select e.seq,
  e.occurred_at,
  case when a.actor = 'officer' then e.officer_id
    when a.actor = 'system' or (a.actor = 'anyone' and e.u_ip < 0.3) then null
    else u.id end,
  case when a.actor = 'officer' then e.officer_organization_id
    when a.actor = 'system' or (a.actor = 'anyone' and e.u_ip < 0.3) then null
    else u.organization_id end,
  a.action,
  case when i.id is not null then a.kind end,
  i.id,
  i.project_id,
  case when a.actor = 'system' then null
    else '10.' || (ip / 65536) || '.' || (ip / 256 % 256) || '.' || (ip % 256) end,
  case when a.actor = 'system' then null
    else (array[
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0'
    ])[1 + floor(e.u_ua * 6)::int] end,
  case
    when a.action like 'document.%' then jsonb_build_object('version', 1)
    when a.action = 'search.performed' then
      jsonb_build_object('query', (array['Angebot', 'Termin', 'Rechnung', 'Lieferung', 'Montage',
        'Grundriss', 'Freigabe', 'Muster'])[1 + floor(e.u_ua * 8)::int])
    when a.action like 'auth.login_%' and a.action <> 'auth.login_succeeded' then
      jsonb_build_object('email', 'user' || floor(e.u_ua * 9000)::int || '@bench.example')
    when a.action like 'email.%' then jsonb_build_object('template', 'request-update')
    else '{}'::jsonb end,
  case when e.i = 1 then current_setting('bench.audit_head_hash')
    else md5('bench-audit-a:' || (e.seq - 1)) || md5('bench-audit-b:' || (e.seq - 1)) end,
  md5('bench-audit-a:' || e.seq) || md5('bench-audit-b:' || e.seq)
from (
  select g.i, current_setting('bench.audit_base')::bigint + g.i as seq,
    -- Up to a minute ago, ~3 years back; density grows as t^0.25 (more users over time).
    date_trunc('milliseconds', now() - interval '1 minute' - interval '1095 days'
      * (1 - power(g.i::float8 / current_setting('bench.audit_events')::int, 0.8))) as occurred_at,
    width_bucket(random(), (select array_agg(lo order by k) from t_audit_action_pick)) as action_k,
    width_bucket(random(), (select array_agg(lo order by k) from t_audit_users)) as user_k,
    random() as u_item, random() as u_ip, random() as u_ua
  from generate_series(1, current_setting('bench.audit_events')::int) g(i)
  offset 0
) e0
cross join lateral (
  -- The few officers by array, not by a join: no sort of the whole log by officer.
  select e0.*,
    (select array_agg(id order by k) from t_audit_officers)[1 + e0.user_k % 4] as officer_id,
    (select array_agg(organization_id order by k) from t_audit_officers)[1 + e0.user_k % 4]
      as officer_organization_id
) e
join t_audit_action_pick a on a.k = e.action_k
join t_audit_users u on u.k = e.user_k
left join t_audit_kinds c on c.kind = a.kind
-- Hash joins keep the series' order: the heap holds the events in seq order, as appends do.
left join t_audit_items i on i.kind = a.kind
  and i.n = 1 + floor(power(e.u_item, 3) * c.items)::int
cross join lateral (
  -- Mostly the actor's home address, else one of the same ~3,000, the low ones more often.
  select case when e.u_ip < 0.8 then u.home_ip else 1 + floor(power(e.u_ip, 2) * 3000)::int end
    as ip
) addr(ip);

--- step: audit chain head
-- The head follows the generated rows as its guard allows (forward, at most 1,000 at a time,
-- hash unchanged; then the hash of the row it points at).
do $$
declare
  target bigint := current_setting('bench.audit_base')::bigint
    + current_setting('bench.audit_events')::int;
begin
  loop
    update audit_chain_head set seq = least(seq + 1000, target) where id = 1 and seq < target;
    exit when not found;
  end loop;
  update audit_chain_head set hash = (select hash from audit_events where seq = target)
  where id = 1;
end;
$$;

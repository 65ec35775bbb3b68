-- The scale world's customer requests, generated set-based by bench/world.ts like generate.sql
-- (one `--- step:` at a time, one connection, the requests tables' secondary indexes and foreign
-- keys dropped around it). It reads only real tables (projects, memberships, users, entries),
-- so it also runs on a kept world generated before requests existed. Parameter: bench.requests.
--
-- Shape: requests over projects by weight 1/sqrt(activity rank) (the projects with the most
-- entries get the most requests, less steeply than entries), a tenth of that weight where the
-- customer's membership has no `requests` section (requests the host opened on the customer's
-- behalf, which the customer cannot follow). 60 % open (new 15, in progress 30, waiting on the
-- customer 15), 15 % resolved, 25 % closed. Three in ten are assigned to a partner organisation
-- that is a (not revoked) member of the project. The SLA columns approximate what the clock
-- derives from the history: a target of the default table (business hours × 1.4 / 9 calendar
-- days), the first response due while new, the resolution while in progress, nothing while
-- waiting on the customer or done (`due_rank` 9999-12-31); of the requests with something due,
-- 60 % are on track, 20 % at risk (the last quarter of the target) and 20 % breached (up to
-- eleven targets late).

--- step: requests section
-- A world without the section on any customer membership (generated before it existed) gets it
-- on four in five of them, as generate.sql gives it now.
select setseed(0.2027);
update memberships m set sections = m.sections || array['requests']::text[]
from organizations o
where o.id = m.organization_id and o.kind = 'customer'
  and not ('requests' = any(m.sections))
  and not exists (
    select 1 from memberships x join organizations xo on xo.id = x.organization_id
    where xo.kind = 'customer' and 'requests' = any(x.sections))
  and random() < 0.8;

--- step: request skeletons
-- This file runs in one transaction, where autovacuum sees nothing: statistics are taken here.
analyze projects, memberships, users, organizations, entries;
create temp table t_req_projects as
with activity as (
  select p.id, p.account_id, p.owner_id,
    row_number() over (order by coalesce(e.n, 0) desc, p.id) as rank
  from projects p
  left join (select project_id, count(*) as n from entries group by 1) e on e.project_id = p.id
), customer as (
  -- The customer's own membership of the project (its live one first).
  select distinct on (m.project_id) m.project_id,
    'requests' = any(m.sections) as follows,
    'requests' = any(m.sections) and m.access = 'contribute' as opens
  from memberships m join projects p on p.id = m.project_id and p.account_id = m.organization_id
  order by m.project_id, m.revoked_at nulls first, m.created_at desc
), weighted as (
  select a.*, coalesce(c.follows, false) as follows, coalesce(c.opens, false) as opens,
    (1.0 / sqrt(a.rank)) * case when c.follows then 1 else 0.1 end as w
  from activity a left join customer c on c.project_id = a.id
)
select w.*, (sum(w) over (order by rank) - w) / sum(w) over () as lo,
  coalesce(pm.orgs, '{}') as partners, coalesce(cardinality(pm.orgs), 0) as partners_n,
  coalesce(cu.ids, '{}') as customers, coalesce(cardinality(cu.ids), 0) as customers_n
from weighted w
left join (
  select m.project_id, array_agg(m.organization_id order by m.organization_id) as orgs
  from memberships m join organizations o on o.id = m.organization_id
  where o.kind = 'partner' and m.revoked_at is null
  group by 1
) pm on pm.project_id = w.id
left join (
  select organization_id, array_agg(id order by email) as ids
  from users where role = 'customer' group by 1
) cu on cu.organization_id = w.account_id;
create index on t_req_projects (rank);
analyze t_req_projects;

create temp table t_req_host as
select (select id from organizations where kind = 'host' order by created_at limit 1) as org,
  array_agg(id order by email) as managers, count(*)::int as managers_n
from users where role = 'account_manager';

-- Hours of the default SLA targets (sla-clock.server.ts): first response and resolution.
create temp table t_req_targets (type text, priority text, first_h numeric, resolve_h numeric);
insert into t_req_targets values
  ('question', 'low', 16, 45), ('question', 'normal', 8, 27), ('question', 'high', 4, 18),
  ('question', 'urgent', 2, 9), ('complaint', 'low', 8, 45), ('complaint', 'normal', 4, 27),
  ('complaint', 'high', 2, 18), ('complaint', 'urgent', 1, 9), ('change', 'low', 16, 90),
  ('change', 'normal', 8, 45), ('change', 'high', 4, 27), ('change', 'urgent', 2, 18);

create temp table t_requests as
with draws as (
  select g as n, random() as u_project, random() as u_status, random() as u_type,
    random() as u_prio, random() as u_open, random() as u_pick, random() as u_assign,
    random() as u_time, random() as u_span, random() as u_done, random() as u_rate,
    random() as u_text
  from generate_series(1, current_setting('bench.requests')::int) g
  offset 0
), classified as (
  select d.*, p.id as project_id, p.account_id, p.owner_id, p.opens, p.partners, p.partners_n,
    p.customers, p.customers_n,
    case when d.u_type < 0.5 then 'question' when d.u_type < 0.75 then 'complaint'
      else 'change' end as type,
    case when d.u_prio < 0.15 then 'low' when d.u_prio < 0.7 then 'normal'
      when d.u_prio < 0.92 then 'high' else 'urgent' end as priority,
    case when d.u_status < 0.15 then 'new' when d.u_status < 0.45 then 'in_progress'
      when d.u_status < 0.6 then 'waiting_on_customer' when d.u_status < 0.75 then 'resolved'
      else 'closed' end as status
  from draws d
  join t_req_projects p on p.rank = width_bucket(d.u_project,
    (select array_agg(lo order by rank) from t_req_projects))
), spans as (
  -- Business hours as calendar time: 9 hours a business day, 5 business days a week of 7.
  select c.*, t.first_h * interval '1 hour' * 24 * 1.4 / 9 as first_span,
    t.resolve_h * interval '1 hour' * 24 * 1.4 / 9 as resolve_span,
    -- The share of the pending target used: on track below 0.75, at risk to 1, then breached.
    case when c.u_time < 0.8 then c.u_time * 1.25
      else 1 + power((c.u_time - 0.8) / 0.2, 2) * 10 end as used
  from classified c
  join t_req_targets t on t.type = c.type and t.priority = c.priority
), timed as (
  select s.*,
    case s.status
      when 'new' then now() - s.used * s.first_span
      when 'in_progress' then now() - s.used * s.resolve_span
      when 'waiting_on_customer' then now() - (1 + s.u_span * 20) * interval '1 day'
      when 'resolved' then now() - (0.5 + s.u_span * 12) * interval '1 day' - s.resolve_span
      else now() - (17 + power(s.u_span, 1.5) * 1000) * interval '1 day'
    end as created_raw
  from spans s
)
select gen_random_uuid() as id, t.n, t.project_id, t.account_id, t.owner_id, t.type,
  t.priority, t.status, t.u_rate, t.u_text,
  date_trunc('milliseconds', t.created_raw) as created_at,
  -- The customer opens it where their membership contributes to requests, else the host.
  case when t.opens and t.customers_n > 0 and t.u_open < 0.85
    then t.customers[1 + floor(t.u_pick * t.customers_n)::int]
    when t.u_open < 0.95 or h.managers_n = 0 then t.owner_id
    else h.managers[1 + floor(t.u_pick * h.managers_n)::int] end as opened_by_id,
  case when t.opens and t.customers_n > 0 and t.u_open < 0.85 then t.account_id
    else h.org end as opened_by_organization_id,
  case when t.u_assign < 0.3 and t.partners_n > 0
    then t.partners[1 + floor(t.u_assign / 0.3 * t.partners_n)::int] end as assigned_org,
  -- Answered early in the first-response target, and before anything later in its history.
  case when t.status <> 'new'
    then date_trunc('milliseconds', t.created_raw + (0.05 + t.u_done * 0.25)
      * least(t.first_span, t.resolve_span, now() - t.created_raw)) end as first_responded_at,
  case t.status
    when 'new' then t.created_raw + t.first_span
    when 'in_progress' then t.created_raw + t.resolve_span end as due_raw,
  case t.status
    when 'new' then t.created_raw + 0.75 * t.first_span
    when 'in_progress' then t.created_raw + 0.75 * t.resolve_span end as at_risk_raw,
  case when t.status in ('resolved', 'closed')
    then date_trunc('milliseconds', t.created_raw + (0.3 + t.u_done * 0.7) * t.resolve_span)
    end as resolved_at,
  case when t.status = 'waiting_on_customer'
    then date_trunc('milliseconds', now() - t.u_span * (now() - t.created_raw) * 0.5)
    end as waiting_since
from timed t cross join t_req_host h;
analyze t_requests;

--- step: requests
insert into requests (id, reference, project_id, organization_id, type, priority, status, title,
  description, description_html, description_text, opened_by_id, opened_by_organization_id,
  owner_id, assigned_organization_id, reopenable_until, due_at, at_risk_at, due_rank,
  first_responded_at, resolved_at, rating, rated_at, created_at, updated_at)
select r.id,
  -- Counted per year of creation (UTC) in opening order, as the app numbers them.
  'R-' || r.year || '-' || lpad(r.seq::text, greatest(4, length(r.seq::text)), '0'),
  r.project_id, r.account_id, r.type, r.priority, r.status, x.title,
  jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object(
    'type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text',
    'text', x.body))))),
  '<p>' || x.body || '</p>', x.body,
  r.opened_by_id, r.opened_by_organization_id, r.owner_id, r.assigned_org,
  r.resolved_at + interval '14 days',
  date_trunc('milliseconds', r.due_raw), date_trunc('milliseconds', r.at_risk_raw),
  coalesce(date_trunc('milliseconds', r.due_raw), '9999-12-31T00:00:00Z'),
  r.first_responded_at, r.resolved_at,
  case when r.status = 'closed' and r.u_rate < 0.4
    then 1 + floor(power(r.u_rate / 0.4, 0.4) * 5)::int end,
  case when r.status = 'closed' and r.u_rate < 0.4 then r.resolved_at + interval '2 days' end,
  r.created_at,
  coalesce(case when r.status = 'closed' then r.resolved_at + interval '2 days' end,
    r.resolved_at, r.waiting_since, r.first_responded_at, r.created_at)
from (
  select t.*, extract(year from t.created_at at time zone 'UTC')::int as year,
    row_number() over (partition by extract(year from t.created_at at time zone 'UTC')
      order by t.created_at, t.id) as seq
  from t_requests t
) r
cross join lateral (
  select
    (array['Frage:', 'Reklamation:', 'Änderungswunsch:'])[
      case r.type when 'question' then 1 when 'complaint' then 2 else 3 end]
      || ' ' || array_to_string(array(
        select w.words[1 + floor(random() * cardinality(w.words))::int]
        from generate_series(1, 3 + floor(r.u_text * 4)::int)), ' ') as title,
    array_to_string(array(
      select w.words[1 + floor(random() * cardinality(w.words))::int]
      from generate_series(1, 12 + floor(r.u_text * 30)::int)), ' ') as body
  from (select array['Termin', 'Lieferung', 'Angebot', 'Rechnung', 'Muster', 'Montage',
    'Küche', 'Theke', 'Beleuchtung', 'Farbkonzept', 'Parkett', 'Fliesen', 'Möbel', 'Stuhl',
    'Tisch', 'Lampe', 'Spiegel', 'Regal', 'Tür', 'Fenster', 'Glas', 'Lack', 'Verzögerung',
    'Mängel', 'Garantie', 'Reparatur', 'Ersatzteil', 'Lieferzeit', 'Abnahme', 'Nachtrag',
    'bitte', 'dringend', 'wieder', 'noch', 'nicht', 'kaputt', 'falsch', 'fehlt', 'zu spät',
    'Rückruf', 'Frage', 'Änderung', 'delivery', 'invoice', 'quote', 'damaged', 'missing',
    'wrong', 'colour', 'fabric', 'counter', 'lighting', 'schedule', 'warranty', 'repair',
    'please', 'urgent', 'again', 'update', 'follow-up']::text[] as words) w
  where r.n >= 0
) x
order by r.created_at;

insert into request_counters (year, last)
select extract(year from created_at at time zone 'UTC')::int, count(*)::int
from requests group by 1
on conflict (year) do update set last = greatest(request_counters.last, excluded.last);

--- step: request events
-- The history the columns stand for: opened (with the type and priority), the assignment, the
-- first response moving it in progress, waiting on the customer, resolved, closed, rated.
insert into request_events (request_id, kind, from_value, to_value, reason, actor_id,
  actor_organization_id, at)
select r.id, e.kind, e.from_value, e.to_value, '', e.actor_id, e.actor_org, e.at
from t_requests r
cross join t_req_host h
cross join lateral (values
  ('opened', null::text, jsonb_build_object('type', r.type, 'priority', r.priority)::text,
    r.opened_by_id, r.opened_by_organization_id, r.created_at),
  ('assigned', null, r.assigned_org::text, r.owner_id, h.org,
    case when r.assigned_org is not null then r.created_at
      + least(interval '2 hours', coalesce(r.first_responded_at, now()) - r.created_at) / 2 end),
  ('status', 'new', 'in_progress', r.owner_id, h.org, r.first_responded_at),
  ('status', 'in_progress', 'waiting_on_customer', r.owner_id, h.org, r.waiting_since),
  ('status', 'in_progress', 'resolved', r.owner_id, h.org, r.resolved_at),
  ('status', 'resolved', 'closed', r.opened_by_id, r.opened_by_organization_id,
    case when r.status = 'closed' then r.resolved_at + interval '2 days' end),
  ('rated', null, null, r.opened_by_id, r.opened_by_organization_id,
    case when r.status = 'closed' and r.u_rate < 0.4 then r.resolved_at + interval '2 days' end)
) e(kind, from_value, to_value, actor_id, actor_org, at)
where e.at is not null
order by e.at;

analyze requests, request_events;
update request_events e set to_value = r.rating::text
from requests r where r.id = e.request_id and e.kind = 'rated';

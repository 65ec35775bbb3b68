-- The benchmark's scale world, generated set-based on a migrated, empty database by
-- bench/world.ts, which runs one `--- step:` at a time on a single connection (the temp tables
-- live in that session) and drops/recreates the bulk tables' secondary indexes around it.
-- Parameters arrive as settings: bench.entries, bench.projects, bench.accounts,
-- bench.partner_orgs, bench.partner_users. Skewed choices are Zipf (weight 1/rank): entries over
-- projects, projects over accounts, users over partner organisations, memberships over partners.

--- step: vocabulary
select setseed(0.2026);
create temp table bench_vocab as select
  -- Ordered by how often they are drawn (word k with probability ~ k^(-2/3)); #20 is `angebot`.
  array['Termin', 'Kunde', 'Projekt', 'Rückfrage', 'bitte', 'update', 'Abstimmung', 'call',
    'Besprechung', 'Lieferung', 'follow-up', 'Entwurf', 'Freigabe', 'Küche', 'schedule',
    'Material', 'Muster', 'Baustelle', 'Montage', 'Angebot', 'Rechnung', 'meeting', 'Gastraum',
    'Beleuchtung', 'Farbkonzept', 'delivery', 'invoice', 'Theke', 'Möbel', 'Eiche', 'draft',
    'Parkett', 'Fliesen', 'Terrasse', 'Empfang', 'approval', 'Budget', 'deadline', 'contract',
    'Änderung', 'Wunsch', 'Reklamation', 'sample', 'Aufmaß', 'Planung', 'Elektrik', 'Sanitär',
    'Trockenbau', 'Schreiner', 'Maler', 'Akustik', 'Vorhang', 'Stoff', 'Polster', 'Stuhl',
    'Tisch', 'Bar', 'Lampe', 'Leuchte', 'Spiegel', 'Regal', 'Schrank', 'Boden', 'Wand', 'Decke',
    'Tür', 'Fenster', 'Glas', 'Metall', 'Stahl', 'Messing', 'Kupfer', 'Beton', 'Putz', 'Lack',
    'Lasur', 'Öl', 'Wachs', 'Farbe', 'Ton', 'Grün', 'Blau', 'Ocker', 'Sand', 'Anthrazit',
    'lighting', 'furniture', 'flooring', 'tiles', 'colour', 'fabric', 'counter', 'kitchen',
    'site', 'installation', 'measurement', 'quote', 'payment', 'reminder', 'question',
    'complaint', 'change', 'request', 'revision', 'plan', 'layout', 'rendering', 'photo',
    'Lieferschein', 'Zahlung', 'Mahnung', 'Skonto', 'Anzahlung', 'Schlussrechnung',
    'Nachtrag', 'Abnahme', 'Mängel', 'Gewährleistung', 'Garantie', 'Wartung', 'Reparatur',
    'Ersatzteil', 'Lieferzeit', 'Verzögerung', 'Spedition', 'Lager', 'Zuschnitt', 'Kante',
    'Fuge', 'Silikon', 'Dübel', 'Schraube', 'Beschlag', 'Griff', 'Scharnier', 'Schublade',
    'Arbeitsplatte', 'Spüle', 'Armatur', 'Dunstabzug', 'Kühlung', 'Vitrine', 'Kasse',
    'Garderobe', 'Sitzbank', 'Lounge', 'Außenbereich', 'Sonnenschirm', 'Pflanzen',
    'Beschilderung', 'Logo', 'Schrift', 'Druck', 'Folie', 'Werbung', 'Flyer', 'Speisekarte',
    'Eröffnung', 'Einweihung', 'Pressetermin', 'Fotograf', 'signage', 'opening', 'press',
    'printing', 'schedule-change', 'handover', 'snagging', 'warranty', 'maintenance']::text[]
    as common,
  -- 200 compounds, each in ~1 of 5,000 entries: the rare search terms.
  array(
    select prefix || suffix
    from unnest(array['Zirben', 'Kastanien', 'Lärchen', 'Nussbaum', 'Kirschbaum', 'Ulmen',
      'Robinien', 'Teak', 'Bambus', 'Kork', 'Terrazzo', 'Travertin', 'Marmor', 'Schiefer',
      'Granit', 'Basalt', 'Messing', 'Kupfer', 'Zink', 'Titan']) with ordinality a(prefix, i)
    cross join unnest(array['vertäfelung', 'parkett', 'theke', 'verkleidung', 'leiste',
      'konsole', 'blende', 'paneele', 'rosette', 'lisene']) with ordinality b(suffix, j)
    order by j, i
  ) as rare,
  array['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas',
    'Katrin', 'Lena', 'Moritz', 'Nina', 'Oskar', 'Paula', 'Quentin', 'Rosa', 'Simon', 'Tara',
    'Uwe', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zoe', 'Emma', 'Noah', 'Mia', 'Luca', 'Sophie',
    'Elias', 'Marie', 'Leon', 'Hanna', 'Paul', 'Lina', 'Finn', 'Ella', 'Tom']::text[]
    as first_names,
  array['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker',
    'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann',
    'Schwarz', 'Braun', 'Hofmann', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner',
    'Krause', 'Lehmann', 'Köhler', 'Maier', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
    'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß']::text[] as last_names;

--- step: organisations
create temp table t_host as
select gen_random_uuid() as id;
insert into organizations (id, name, kind) select id, 'Ambit Bench Host GmbH', 'host' from t_host;

create temp table t_partner as
with p as (
  select k, gen_random_uuid() as id, 1.0 / k as w
  from generate_series(1, current_setting('bench.partner_orgs')::int) k
)
select k, id,
  (array['supplier', 'freelancer', 'agency'])[1 + k % 3] as partner_type,
  (sum(w) over (order by k) - w) / sum(w) over () as lo
from p;
insert into organizations (id, name, kind, partner_type)
select p.id,
  (array['Studio', 'Atelier', 'Holzwerk', 'Elektro', 'Malerbetrieb', 'Agentur', 'Büro',
    'Werkstatt', 'Lichtplanung', 'Schreinerei'])[1 + k % 10]
    || ' ' || v.last_names[1 + (k * 7) % 40] || ' ' || k,
  'partner', p.partner_type
from t_partner p, bench_vocab v;

create temp table t_account as
with a as (
  select k, gen_random_uuid() as id, 1.0 / k as w
  from generate_series(1, current_setting('bench.accounts')::int) k
)
select k, id, (sum(w) over (order by k) - w) / sum(w) over () as lo from a;
insert into organizations (id, name, kind)
select a.id,
  (array['Café', 'Kanzlei', 'Hotel', 'Praxis', 'Bäckerei', 'Weinhandlung', 'Boutique',
    'Restaurant', 'Galerie', 'Apotheke'])[1 + k % 10]
    || ' ' || v.last_names[1 + (k * 13) % 40] || ' ' || k,
  'customer'
from t_account a, bench_vocab v;

--- step: users and contacts
create temp table t_users (
  id uuid, org_id uuid, org_kind text, n int, role text, name text, email text
);
-- Host staff: one admin, 40 account managers (project owners), 4 compliance officers.
insert into t_users
select gen_random_uuid(), h.id, 'host', g,
  case when g = 1 then 'admin' when g <= 41 then 'account_manager' else 'compliance_officer' end,
  v.first_names[1 + g % 40] || ' ' || v.last_names[1 + (g * 3) % 40],
  'host' || g || '@bench-host.example'
from t_host h, bench_vocab v, generate_series(1, 45) g;
-- Partner users: organisation by Zipf rank, so a few agencies are large and most are small.
insert into t_users
select gen_random_uuid(), p.id, 'partner', row_number() over (partition by p.k order by i),
  'partner', v.first_names[1 + i % 40] || ' ' || v.last_names[1 + (i * 7) % 40],
  'user' || i || '@partner' || p.k || '.bench.example'
from generate_series(1, current_setting('bench.partner_users')::int) i
join t_partner p on p.k = width_bucket(
  (i - 0.5) / current_setting('bench.partner_users')::int,
  (select array_agg(lo order by k) from t_partner)
)
cross join bench_vocab v;
-- One or two users per customer account.
insert into t_users
select gen_random_uuid(), a.id, 'customer', g, 'customer',
  v.first_names[1 + (a.k + g) % 40] || ' ' || v.last_names[1 + (a.k * 11) % 40],
  'user' || g || '@customer' || a.k || '.bench.example'
from t_account a cross join bench_vocab v cross join lateral generate_series(1, 1 + a.k % 2) g;
create index on t_users (org_id, n);
analyze t_users;

insert into users (id, organization_id, role, name, email, two_factor_exempt)
select id, org_id, role, name, email, org_kind = 'host' from t_users;

create temp table t_org_size as
select org_id, count(*)::int as size from t_users group by org_id;

insert into contacts (account_id, name, role_title, email, phone, legal_basis)
select a.id,
  v.first_names[1 + (a.k * 3 + g) % 40] || ' ' || v.last_names[1 + (a.k + g * 5) % 40],
  (array['Geschäftsführung', 'Einkauf', 'Buchhaltung', 'Empfang', 'Küchenchef'])[1 + g % 5],
  'contact' || g || '@customer' || a.k || '.bench.example',
  '+49 30 ' || (1000000 + a.k * 10 + g),
  (array['contract', 'consent', 'legitimate_interest', 'legal_obligation'])[1 + g % 4]
from t_account a cross join bench_vocab v cross join lateral generate_series(1, 2 + a.k % 4) g;

--- step: projects
create temp table t_projects as
with h as (
  select sum(1.0 / r) as harmonic from generate_series(1, current_setting('bench.projects')::int) r
), g as (
  select r, random() as u_account, random() as u_owner, random() as u_partners,
    random() as u_customer, random() as u_status, random() as u_name
  from generate_series(1, current_setting('bench.projects')::int) r
  offset 0
)
select g.r as rank, gen_random_uuid() as id, a.id as account_id, a.k as account_k,
  o.id as owner_id,
  ceil(current_setting('bench.entries')::int / (g.r * h.harmonic))::int as entry_count,
  1 + floor(g.u_partners * 5)::int as partner_count,
  g.u_customer < 0.75 as customer_member, g.u_status, g.u_name
from g
cross join h
join t_account a on a.k = width_bucket(g.u_account, (select array_agg(lo order by k) from t_account))
join t_users o on o.org_kind = 'host' and o.n = 2 + floor(g.u_owner * 40)::int;

insert into projects (id, account_id, owner_id, name, status, description, starts_on)
select p.id, p.account_id, p.owner_id,
  (array['Umbau', 'Neubau', 'Relaunch', 'Sanierung', 'Ausstattung', 'Messestand', 'Filiale',
    'Showroom', 'Terrasse', 'Eröffnung'])[1 + floor(p.u_name * 10)::int]
    || ' ' || v.common[1 + (p.rank % 60)] || ' ' || p.rank,
  case when p.u_status < 0.1 then 'planning' when p.u_status < 0.8 then 'active'
    when p.u_status < 0.85 then 'on_hold' else 'completed' end,
  'Benchmark project of rank ' || p.rank,
  (current_date - (p.u_name * 1000)::int)
from t_projects p cross join bench_vocab v;

--- step: memberships
-- Partner memberships: 1-5 per project, organisations by Zipf popularity; the largest partner
-- is always a live history member of the busiest project (the measured partner), and the last
-- partner's memberships have all expired (the measured user who sees nothing).
create temp table t_memberships as
with draws as (
  select p.id as project_id, p.rank, p.owner_id,
    width_bucket(random(), (select array_agg(lo order by k) from t_partner)) as k
  from t_projects p cross join lateral generate_series(1, p.partner_count) m
  offset 0
), candidates as (
  select project_id, rank, owner_id, k, false as forced from draws
  union all
  select id, rank, owner_id, k, true
  from t_projects, (values (1), (current_setting('bench.partner_orgs')::int)) f(k)
  where rank = 1
), picked as (
  select distinct on (project_id, k) * from candidates order by project_id, k, forced desc
), attributes as (
  select picked.*, random() as u_access, random() as u_hist, random() as u_doc,
    random() as u_req, random() as u_con, random() as u_exp, random() as u_rev,
    random() as u_nar
  from picked
  offset 0
)
select gen_random_uuid() as id, a.project_id, p.id as org_id, 'partner' as org_kind,
  a.owner_id,
  case when a.forced and a.k = 1 then 'contribute'
    when a.u_access < 0.6 then 'contribute' else 'view' end as access,
  case when a.forced and a.k = 1 then array['history', 'documents', 'contacts']
    else array_remove(array[
      case when a.u_hist < 0.85 then 'history' end,
      case when a.u_doc < 0.6 then 'documents' end,
      case when a.u_req < 0.3 then 'requests' end,
      case when a.u_con < 0.4 then 'contacts' end], null) end as sections,
  case when a.k = current_setting('bench.partner_orgs')::int
      then now() - (1 + a.u_exp * 200) * interval '1 day'
    when a.forced then null
    when a.u_exp < 0.7 then null
    when a.u_exp < 0.9 then now() + (30 + a.u_exp * 300) * interval '1 day'
    else now() - (1 + a.u_exp * 200) * interval '1 day' end as expires_at,
  case when not a.forced and a.u_rev < 0.04
    then now() - (1 + a.u_rev * 5000) * interval '1 day' end as revoked_at,
  not a.forced and a.u_nar < 0.05 as narrowed,
  a.u_nar
from attributes a
join t_partner p on p.k = a.k;

-- The customer is a member of three in four projects, usually with its history.
insert into t_memberships
select gen_random_uuid(), p.id, p.account_id, 'customer', p.owner_id,
  case when u.a < 0.7 then 'contribute' else 'view' end,
  array_remove(array[
    case when u.h < 0.9 then 'history' end,
    case when u.d < 0.7 then 'documents' end,
    case when u.q < 0.8 then 'requests' end,
    case when u.c < 0.1 then 'contacts' end], null),
  case when u.e < 0.05 then now() - (1 + u.e * 2000) * interval '1 day' end,
  null, false, 1.0
from t_projects p
cross join lateral (
  select random() + 0 * p.rank as a, random() as h, random() as d, random() as q,
    random() as c, random() as e
) u
where p.customer_member;

insert into memberships (id, project_id, organization_id, access, sections, expires_at,
  revoked_at, narrowed, created_by_id, created_at, updated_at)
select id, project_id, org_id, access, sections, expires_at, revoked_at, narrowed, owner_id,
  now() - interval '3 years', now() - interval '3 years'
from t_memberships;

-- A narrowed membership names its organisation's first one to three users.
insert into membership_users (membership_id, user_id)
select m.id, u.id
from t_memberships m
join t_users u on u.org_id = m.org_id and u.n <= 1 + floor(m.u_nar * 60)::int
where m.narrowed;

--- step: entry skeletons
-- Who may have written in a project: its owner and two other account managers, and two users
-- of every organisation that ever held a contributing membership.
create temp table t_ext_authors as
with picks as (
  select m.project_id, m.org_id, m.org_kind, 1 + floor(random() * s.size)::int as n
  from t_memberships m
  join t_org_size s on s.org_id = m.org_id
  cross join generate_series(1, 2)
  where m.access = 'contribute'
  offset 0
)
select distinct picks.project_id, u.id as user_id, u.org_id, picks.org_kind
from picks join t_users u on u.org_id = picks.org_id and u.n = picks.n;

create temp table t_proj as
select p.id, p.rank, p.entry_count, h.id as host_org,
  array[p.owner_id,
    (select id from t_users where org_kind = 'host' and n = 2 + (p.rank * 7) % 40),
    (select id from t_users where org_kind = 'host' and n = 2 + (p.rank * 13) % 40)] as host_users,
  coalesce(x.users, '{}') as ext_users, coalesce(x.orgs, '{}') as ext_orgs,
  coalesce(x.kinds, '{}') as ext_kinds, coalesce(cardinality(x.users), 0) as ext_n,
  coalesce(r.orgs, '{}') as readers, coalesce(cardinality(r.orgs), 0) as readers_n
from t_projects p
cross join t_host h
left join (
  select project_id, array_agg(user_id order by user_id) as users,
    array_agg(org_id order by user_id) as orgs, array_agg(org_kind order by user_id) as kinds
  from t_ext_authors group by project_id
) x on x.project_id = p.id
left join (
  select project_id, array_agg(org_id order by org_id) as orgs
  from t_memberships where 'history' = any(sections) group by project_id
) r on r.project_id = p.id;

-- One narrow row per entry, in the order entries are logged (by time), so the heap interleaves
-- projects as a live system does instead of storing each project's entries together.
create temp table t_entries as
with raw as (
  select p.id as project_id, p.rank,
    -- Milliseconds, as the app writes them (JavaScript dates).
    date_trunc('milliseconds', now() - power(random(), 1.5) * interval '1095 days') as occurred_at,
    random() as u_author, random() as u_pick, random() as u_aud, random() as u_extra
  from t_proj p cross join lateral generate_series(1, p.entry_count)
  offset 0
), authored as (
  select raw.*, p.readers, p.readers_n,
    case when raw.u_author < 0.55 or p.ext_n = 0 then 'host'
      else p.ext_kinds[1 + floor(raw.u_pick * p.ext_n)::int] end as author_kind,
    case when raw.u_author < 0.55 or p.ext_n = 0 then p.host_users[1 + floor(raw.u_pick * 3)::int]
      else p.ext_users[1 + floor(raw.u_pick * p.ext_n)::int] end as author_id,
    case when raw.u_author < 0.55 or p.ext_n = 0 then p.host_org
      else p.ext_orgs[1 + floor(raw.u_pick * p.ext_n)::int] end as author_org
  from raw join t_proj p on p.id = raw.project_id
), audienced as (
  select gen_random_uuid() as id, project_id, occurred_at, author_id, author_org, author_kind,
    case author_kind
      when 'host' then case when u_aud < 0.35 then 'internal' when u_aud < 0.75 then 'all_members'
        when u_aud < 0.85 then 'partners' when u_aud < 0.95 or readers_n = 0 then 'customer'
        else 'custom' end
      when 'partner' then case when u_aud < 0.5 then 'custom' when u_aud < 0.85 then 'all_members'
        else 'partners' end
      else case when u_aud < 0.6 then 'custom' else 'all_members' end
    end as audience,
    case when readers_n > 0 then readers[1 + floor(u_extra * readers_n)::int] end as extra_reader,
    u_extra
  from authored
), named as (
  -- A custom audience names the external author's organisation and, for half of them (and every
  -- host-authored one), another organisation that reads the project's history.
  select audienced.*,
    case when audience = 'custom' and author_kind <> 'host' then author_org end as org_a,
    case when audience = 'custom' and extra_reader is not null
      and (author_kind = 'host' or u_extra < 0.5) then extra_reader end as org_b
  from audienced
)
select id, project_id, occurred_at, author_id, author_org, author_kind,
  -- A custom audience that would name nobody is the host's alone: internal.
  case when audience = 'custom' and coalesce(org_a, org_b) is null then 'internal'
    else audience end as audience,
  -- The audience row's key: the organisations' ids sorted byte-wise, joined with commas.
  case when audience <> 'custom' or coalesce(org_a, org_b) is null then ''
    when org_a is null then org_b::text
    when org_b is null or org_b = org_a then org_a::text
    when org_a::text collate "C" < org_b::text collate "C" then org_a::text || ',' || org_b::text
    else org_b::text || ',' || org_a::text end as organization_key,
  u_extra
from named
order by occurred_at;

--- step: audiences
-- One row per audience (the presets exist since the migration), created before the entries
-- that point at them.
insert into audiences (kind, organization_key)
select distinct audience, organization_key from t_entries
on conflict (kind, organization_key) do nothing;

insert into audience_organizations (audience_id, organization_id)
select a.id, o.id::uuid
from audiences a cross join unnest(string_to_array(a.organization_key, ',')) as o(id)
where a.kind = 'custom'
on conflict do nothing;

--- step: entries
insert into entries (id, project_id, channel, direction, occurred_at, subject, body, body_html,
  body_text, details, author_id, author_organization_id, audience_id, created_at, updated_at)
select e.id, e.project_id, c.channel,
  case when c.channel = 'note' then 'internal' when t.u_dir < 0.5 then 'inbound' else 'outbound' end,
  e.occurred_at, t.subject,
  jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object(
    'type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text',
    'text', t.body))))),
  '<p>' || t.body || '</p>', t.body,
  case when c.channel = 'call' then jsonb_build_object('durationMinutes',
    1 + floor(t.u_dir * 45)::int, 'outcome',
    (array['reached', 'left_voicemail', 'no_answer', 'busy', 'callback_requested'])[
      1 + floor(t.u_chan * 1000)::int % 5]) else '{}'::jsonb end,
  e.author_id, e.author_org, a.id,
  -- Logged up to two days after it happened, never in the future.
  date_trunc('milliseconds', least(now(), e.occurred_at + t.u_dir * interval '2 days')),
  date_trunc('milliseconds', least(now(), e.occurred_at + t.u_dir * interval '2 days'))
from t_entries e
join audiences a on a.kind = e.audience and a.organization_key = e.organization_key
cross join bench_vocab v
cross join lateral (
  select
    array_to_string(array(
      select v.common[1 + floor(cardinality(v.common) * power(random(), 3))::int]
      from generate_series(1, 3 + floor(random() * 5)::int + 0 * e.u_extra::int)
    ), ' ') as subject,
    array_to_string(array(
      select v.common[1 + floor(cardinality(v.common) * power(random(), 3))::int]
      from generate_series(1, 15 + floor(random() * 45)::int + 0 * e.u_extra::int)
    ), ' ') || case when random() < 0.004
      then ' ' || v.rare[1 + floor(random() * cardinality(v.rare))::int] else '' end as body,
    random() as u_chan, random() as u_dir
) t
cross join lateral (
  select case when t.u_chan < 0.3 then 'call' when t.u_chan < 0.6 then 'email'
    when t.u_chan < 0.7 then 'meeting' when t.u_chan < 0.78 then 'letter'
    when t.u_chan < 0.9 then 'note' when t.u_chan < 0.96 then 'sms' else 'voicemail' end
    as channel
) c;

--- step: documents
-- bench.documents documents (one version each) in the project with the most entries (the one the
-- timelines are measured on): the documents list's worst case. Audiences as for entries;
-- uploaders are the project's owner or a user of a member partner with the documents section.
create temp table t_documents as
select gen_random_uuid() as id, p.id as project_id, p.owner_id,
  now() - (random() * 700) * interval '1 day' as updated_at,
  random() as u_aud, random() as u_up, random() as u_kind, g as n
from t_projects p cross join generate_series(1, current_setting('bench.documents')::int) g
where p.id = (select project_id from entries group by 1 order by count(*) desc limit 1);

-- Custom documents start as internal (the host's alone) and get their organisation below.
insert into documents (id, project_id, title, description, kind, audience_id, uploader_id,
  uploader_organization_id, created_at, updated_at)
select d.id, d.project_id,
  (array['Grundriss', 'Angebot', 'Preisliste', 'Vertrag', 'Protokoll', 'Foto', 'Skizze',
    'Rechnung', 'Lieferschein', 'Moodboard'])[1 + (d.n % 10)] || ' ' || v.common[1 + (d.n % 60)]
    || ' ' || d.n,
  '',
  (array['pdf', 'pdf', 'pdf', 'image', 'image', 'office', 'office', 'text', 'email', 'pdf'])[
    1 + floor(d.u_kind * 10)::int],
  a.id,
  coalesce(case when d.u_up < 0.3 then up.id end, d.owner_id),
  coalesce(case when d.u_up < 0.3 then up.organization_id end,
    (select organization_id from users where id = d.owner_id)),
  d.updated_at, d.updated_at
from t_documents d
join audiences a on a.organization_key = '' and a.kind =
  case when d.u_aud < 0.4 then 'all_members' when d.u_aud < 0.6 then 'partners'
    when d.u_aud < 0.75 then 'customer' else 'internal' end
cross join bench_vocab v
left join lateral (
  select u.id, u.organization_id from users u
  join memberships m on m.organization_id = u.organization_id
  where m.project_id = d.project_id and 'documents' = any(m.sections) and m.access = 'contribute'
    and u.role = 'partner' and d.u_up >= 0
  order by u.email limit 1
) up on true;

-- A custom audience names the uploader's organisation when it is a partner, else the partner
-- member with the documents section (without one it stays internal).
create temp table t_document_audiences as
select d.id, coalesce(
  case when o.kind = 'partner' then o.id end,
  (select m.organization_id from memberships m join organizations mo on mo.id = m.organization_id
    where m.project_id = d.project_id and mo.kind = 'partner' and 'documents' = any(m.sections)
    order by m.organization_id limit 1))::text as organization_key
from documents d
join t_documents t on t.id = d.id
join organizations o on o.id = d.uploader_organization_id
where t.u_aud >= 0.75 and t.u_aud < 0.9;

insert into audiences (kind, organization_key)
select distinct 'custom', organization_key from t_document_audiences
where organization_key is not null
on conflict (kind, organization_key) do nothing;

insert into audience_organizations (audience_id, organization_id)
select a.id, a.organization_key::uuid from audiences a
where a.kind = 'custom' and a.organization_key in (select organization_key from t_document_audiences)
on conflict do nothing;

update documents d set audience_id = a.id
from t_document_audiences c
join audiences a on a.kind = 'custom' and a.organization_key = c.organization_key
where d.id = c.id;

insert into document_versions (id, document_id, number, file_name, size_bytes, content_type,
  sha256, storage_key, uploader_id, uploader_organization_id, created_at)
select gen_random_uuid(), d.id, 1, replace(d.title, ' ', '-') || '.pdf', 1500,
  'application/pdf', md5(d.id::text) || md5(d.title), gen_random_uuid()::text, d.uploader_id,
  d.uploader_organization_id, d.updated_at
from documents d;

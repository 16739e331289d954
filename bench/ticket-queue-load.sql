-- The ticket-queue benchmark's bulk load (bench/ticket-queue-data.ts runs it): tickets $3 … $4 of one
-- tenant in a single INSERT … SELECT over generate_series.
-- $1 clients as JSON [{ id, policyVersionId, calendarVersionIds, targets: { P1: { fr, res }, … } | null }]
-- $2 now, $3 from, $4 to, $5 the final ticket count (closed tickets are dated back from it), $6 tenant,
-- $7 number of ticket 0, $8 board ids in share order (Service Desk 55 %, Alerts 25 %, Projects 10 %,
-- Escalations 5 %, Onboarding 5 %), $9 assignee membership ids. pg_temp.iso() is defined by the loader
-- on the same session.
--
-- Every attribute comes from hashint4 of the row's index with its own salt, so a row looks the same
-- on both engines and whichever batch loads it. The mix: 88 % closed, 4 % resolved, 8 % open (new 2,
-- open 3, pending client 1.5, vendor 0.5, scheduled 1); P1 3 %, P2 17 %, P3 55 %, P4 25 %. Closed
-- tickets span the last ~2.7 years, open ones the last two weeks. SLA columns follow what evaluate()
-- stores: dues from the policy targets (business minutes stretched ×3 to wall-clock time, so not exact
-- business time, but in the same order), met/missed for stopped clocks, on_track/at_risk/breached for
-- running ones, paused resolution clocks while pending, next_due_at the earliest running due,
-- sla_check_at the next time-driven change.
insert into tickets (tenant_id, id, number, client_id, title, description, type, board_id, source,
  priority, status, assignee_id, sla_policy_version_id, calendar_version_ids, opened_at, resolved_at,
  closed_at, first_response_due_at, first_response_state, resolution_due_at, resolution_state,
  next_due_at, sla, sla_check_at, created_at, updated_at)
with cfg as (select $2::timestamptz as now),
cl as (
  select (e.v->>'id')::uuid as client_id, (e.v->>'policyVersionId')::uuid as policy_version_id,
    e.v->'calendarVersionIds' as calendar_version_ids, e.v->'targets' as targets, e.n - 1 as k
  from jsonb_array_elements($1::text::jsonb) with ordinality as e(v, n)
),
base as (
  select i,
    mod(hashint4(i * 8 + 1)::bigint + 2147483648, 1000) as hs,
    mod(hashint4(i * 8 + 2)::bigint + 2147483648, 1000) as hp,
    mod(hashint4(i * 8 + 3)::bigint + 2147483648, 1000) as hb,
    mod(hashint4(i * 8 + 4)::bigint + 2147483648, 1000000) as hc,
    mod(hashint4(i * 8 + 5)::bigint + 2147483648, 1000000) as ht,
    mod(hashint4(i * 8 + 6)::bigint + 2147483648, 1000) as hx
  from generate_series($3::int, $4::int) as i
),
shaped as (
  select b.*, cl.client_id, cl.policy_version_id, cl.calendar_version_ids, cl.targets,
    case when hs < 880 then 'closed' when hs < 920 then 'resolved' when hs < 940 then 'new'
      when hs < 970 then 'open' when hs < 985 then 'pending_client' when hs < 990 then 'pending_vendor'
      else 'scheduled' end as status,
    case when hp < 30 then 'P1' when hp < 200 then 'P2' when hp < 750 then 'P3' else 'P4' end as priority,
    case when hb < 550 then 0 when hb < 800 then 1 when hb < 900 then 2 when hb < 950 then 3 else 4 end as board
  from base b join cl on cl.k = mod(b.hc, jsonb_array_length($1::text::jsonb))
),
timed as (
  select s.*,
    date_trunc('second', case when s.status in ('closed', 'resolved')
      then cfg.now - make_interval(mins => (($5::int - i) * 7 + mod(ht, 7))::int)
      else cfg.now - make_interval(mins => mod(ht, 20160)::int + 5) end) as opened_at,
    (s.targets->s.priority->>'fr')::int as fr_target,
    (s.targets->s.priority->>'res')::int as res_target
  from shaped s, cfg
),
clocked as (
  select t.*,
    t.opened_at + make_interval(mins => t.fr_target * 3) as fr_due,
    case when t.status in ('pending_client', 'pending_vendor', 'scheduled')
      then date_trunc('second', cfg.now) + make_interval(mins => greatest(t.res_target - elapsed / 6, 1) * 3)
      else t.opened_at + make_interval(mins => t.res_target * 3) end as res_due,
    case when t.status = 'new' then null
      else t.opened_at + make_interval(mins => (t.fr_target * 3 * mod(hx, 150) / 100)::int + 1) end as fr_stop,
    case when t.status in ('closed', 'resolved')
      then t.opened_at + make_interval(mins => (coalesce(t.res_target, 480) * 3 * mod(ht, 140) / 100 + 2)::int)
      end as resolved_at,
    elapsed
  from timed t, cfg, lateral (select floor(extract(epoch from cfg.now - t.opened_at) / 60)::int as elapsed) e
),
stated as (
  select k.*,
    case when k.fr_stop is not null then case when k.fr_stop <= k.fr_due then 'met' else 'missed' end
      when cfg.now > k.fr_due then 'breached'
      when k.elapsed >= k.fr_target * 3 * 3 / 4 then 'at_risk' else 'on_track' end as fr_state,
    case when k.resolved_at is not null then case when k.resolved_at <= k.res_due then 'met' else 'missed' end
      when k.status in ('pending_client', 'pending_vendor', 'scheduled') then 'paused'
      when cfg.now > k.res_due then 'breached'
      when k.elapsed >= k.res_target * 3 * 3 / 4 then 'at_risk' else 'on_track' end as res_state
  from clocked k, cfg
),
checked as (
  select s.*,
    case s.fr_state when 'on_track' then s.opened_at + make_interval(mins => s.fr_target * 9 / 4)
      when 'at_risk' then s.fr_due + interval '1 minute' end as fr_check,
    case s.res_state when 'on_track' then s.opened_at + make_interval(mins => s.res_target * 9 / 4)
      when 'at_risk' then s.res_due + interval '1 minute' end as res_check,
    case when s.fr_state in ('met', 'missed') then s.fr_stop end as fr_stopped,
    case when s.res_state in ('met', 'missed') then s.resolved_at end as res_stopped
  from stated s
)
select $6::uuid,
  (lpad(to_hex((extract(epoch from x.opened_at) * 1000)::bigint + mod(x.hx, 1000)), 12, '0') || '7'
    || substr(md5(x.i::text), 1, 3) || '8' || substr(md5(x.i::text), 4, 15))::uuid,
  $7::int + x.i,
  x.client_id,
  (array['Printer offline', 'VPN drops every hour', 'New starter laptop', 'Disk space low on FS01',
    'Outlook keeps asking for a password', 'Backup job failed', 'Wi-Fi slow in meeting room',
    'Reset MFA for finance user', 'Line-of-business app will not start', 'Firewall firmware update',
    'Shared mailbox permissions', 'Phone system drops calls'])[1 + mod(x.hx, 12)] || ' (' || x.i || ')',
  repeat('The user reports the problem started this morning after the overnight updates; '
    || 'they have restarted twice and it is still happening. ', 1 + mod(x.hx, 4)::int),
  case when x.board = 1 then 'alert'
    else (array['incident', 'service_request', 'change', 'problem', 'incident'])[1 + mod(x.hx, 5)] end,
  ($8::text::uuid[])[x.board + 1],
  case when x.board = 1 then 'agent_alert'
    else (array['email', 'portal', 'phone', 'web', 'chat', 'api', 'email'])[1 + mod(x.ht, 7)] end,
  x.priority, x.status,
  case when x.status not in ('closed', 'resolved') and mod(x.hc / 1000, 100) < 15 then null
    else ($9::text::uuid[])[1 + mod(x.hc / 1000, cardinality($9::text::uuid[]))::int] end,
  x.policy_version_id,
  case when x.policy_version_id is null then '{}'::jsonb else x.calendar_version_ids end,
  x.opened_at, x.resolved_at,
  case when x.status = 'closed' then x.resolved_at + interval '3 days' end,
  x.fr_due, case when x.policy_version_id is not null then x.fr_state end,
  x.res_due, case when x.policy_version_id is not null then x.res_state end,
  case when x.policy_version_id is not null then least(
    case when x.fr_stopped is null then x.fr_due end, case when x.res_stopped is null then x.res_due end) end,
  case when x.policy_version_id is not null then jsonb_build_object(
    'policyVersionId', x.policy_version_id,
    'firstResponse', jsonb_build_object('dueAt', pg_temp.iso(x.fr_due), 'state', x.fr_state,
      'businessMinutesUsed', coalesce(floor(extract(epoch from x.fr_stopped - x.opened_at) / 180)::int, x.elapsed / 3),
      'targetMinutes', x.fr_target, 'stoppedAt', pg_temp.iso(x.fr_stopped),
      'breachedAt', case when x.fr_state in ('missed', 'breached') then pg_temp.iso(x.fr_due) end),
    'resolution', jsonb_build_object('dueAt', pg_temp.iso(x.res_due), 'state', x.res_state,
      'businessMinutesUsed', coalesce(floor(extract(epoch from x.res_stopped - x.opened_at) / 180)::int,
        case when x.res_state = 'paused' then x.elapsed / 6 else x.elapsed / 3 end),
      'targetMinutes', x.res_target, 'stoppedAt', pg_temp.iso(x.res_stopped),
      'breachedAt', case when x.res_state in ('missed', 'breached') then pg_temp.iso(x.res_due) end,
      'pausedMinutes', jsonb_build_object(
        'client', case when x.status = 'pending_client' then x.elapsed / 6 else 0 end,
        'vendor', case when x.status = 'pending_vendor' then x.elapsed / 6 else 0 end,
        'scheduled', case when x.status = 'scheduled' then x.elapsed / 6 else 0 end),
      'pauseReason', case x.status when 'pending_client' then 'client' when 'pending_vendor' then 'vendor'
        when 'scheduled' then 'scheduled' end,
      'pausedSince', case when x.res_state = 'paused'
        then pg_temp.iso(cfg.now - make_interval(mins => x.elapsed / 4)) end)) end,
  case when x.policy_version_id is not null then greatest(least(x.fr_check, x.res_check), cfg.now + interval '1 minute') end,
  x.opened_at,
  coalesce(case when x.status = 'closed' then x.resolved_at + interval '3 days' end, x.resolved_at,
    least(x.opened_at + make_interval(mins => mod(x.ht, 600)::int), cfg.now))
from checked x, cfg

// Benchmark: the month's invoice run for 500 clients with 50,000 time entries in the month before it,
// against one raw SQL aggregate over the same entries (what the run must at least read), per engine.
import { loadavg } from 'node:os';
import { type AppOptions, createApp } from '../src/server/app.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { createServices } from '../src/server/main.ts';
import { openEngine } from './ticket-queue.ts';
import { createFixture, loadTickets, query } from './ticket-queue-data.ts';

type Engine = 'pglite' | 'postgres';

const appOptions: AppOptions = { cookies: { secure: 'false', maxAgeSeconds: 3600 } };
const ENTRIES = 50_000;
const TICKETS = 5_000;
const PERIOD = '2026-11';
const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

const log = (line: string) => console.error(line);

export interface InvoiceRunMeasurement {
  engine: Engine;
  clients: number;
  entries: number;
  invoices: number;
  lines: number;
  /** The whole run (the service the API calls): every client built and committed in its own transaction. */
  runSeconds: number;
  /** The raw aggregate: billable minutes and value per client over the same unbilled entries. */
  aggregateSeconds: number;
  /** Re-running the month: every draft rebuilt in place. */
  rerunSeconds: number;
}

export interface InvoiceRunBenchResult {
  date: string;
  node: string;
  loadAverage: [number, number];
  measurements: InvoiceRunMeasurement[];
  skipped: { engine: Engine; reason: string }[];
}

/**
 * Each client gets a break/fix agreement and a managed one (its default: office hours, after hours ×1.5,
 * weekends ×2, project work excluded to the break/fix, 20 workstations at $120); every tenth client a
 * block of 10 hours too, which a tenth of its tickets are under. Tickets go under the client's managed
 * agreement; 50,000 entries of 15–240 minutes fall on them through October, at any hour.
 */
const agreementsSql = `
insert into agreements (tenant_id, id, client_id, name, type, starts_on, is_client_default, currency,
  calendar_id, hourly_rate_cents, after_hours_percent, weekend_percent, holiday_percent,
  excluded_work_type_ids, fallback_agreement_id, vendor_caused_work, block_minutes, block_price_cents,
  overage_rate_cents, block_rollover)
select $1, gen_random_uuid(), c.id, kind.name, kind.type, '2026-01-01', kind.type = 'managed', 'USD',
  case when kind.type = 'managed' then $2::uuid end, 15000,
  case when kind.type = 'managed' then 150 end, case when kind.type = 'managed' then 200 end,
  case when kind.type = 'managed' then 200 end,
  case when kind.type = 'managed' then array[$3::uuid] else '{}'::uuid[] end, null, 'graduated',
  case when kind.type = 'block_hours' then 600 end, case when kind.type = 'block_hours' then 120000 end,
  case when kind.type = 'block_hours' then 18000 end, case when kind.type = 'block_hours' then 'all' end
from clients c
cross join (values ('Break/fix', 'break_fix'), ('Managed', 'managed'), ('Project hours', 'block_hours')) as kind(name, type)
where c.tenant_id = $1 and (kind.type <> 'block_hours' or mod(abs(hashtext(c.id::text)), 10) = 0)`;

const wiringSql = [
  `update agreements m set fallback_agreement_id = b.id from agreements b
   where m.tenant_id = $1 and m.type = 'managed' and b.tenant_id = $1 and b.client_id = m.client_id
     and b.type = 'break_fix'`,
  `insert into agreement_lines (tenant_id, id, agreement_id, position, catalog_item_id, quantity,
     approved_quantity, unit_price_cents)
   select $1, gen_random_uuid(), a.id, 0, $2, 20, 20, 12000 from agreements a
   where a.tenant_id = $1 and a.type = 'managed'`,
  `update tickets t set agreement_id = coalesce(
     case when mod(t.number, 10) = 0 then
       (select a.id from agreements a where a.tenant_id = $1 and a.client_id = t.client_id and a.type = 'block_hours')
     end,
     (select a.id from agreements a where a.tenant_id = $1 and a.client_id = t.client_id and a.type = 'managed'))
   where t.tenant_id = $1`,
];

const entriesSql = `
insert into time_entries (tenant_id, id, ticket_id, staff_id, work_type_id, started_at, minutes, note,
  cause, revision, created_at, updated_at)
with tk as (select id, row_number() over (order by number) - 1 as k from tickets where tenant_id = $1),
n as (select count(*) as total from tk)
select $1, gen_random_uuid(), tk.id, $2::uuid,
  case when mod(hashint4(i * 3 + 1)::bigint + 2147483648, 100) < 15 then $4::uuid else $3::uuid end,
  timestamptz '2026-10-01 00:00:00+00' + make_interval(mins => mod(hashint4(i * 3 + 2)::bigint + 2147483648, 44640)::int),
  15 + mod(hashint4(i * 3 + 3)::bigint + 2147483648, 226)::int, 'Worked on it',
  case when mod(i, 50) = 0 then 'msp_rework' else 'normal' end, 1, now(), now()
from generate_series(0, $5::int - 1) as i cross join n
join tk on tk.k = mod(hashint4(i)::bigint + 2147483648, n.total)`;

/** What the run must at least read: the month's unbilled time per client with its value at the hourly rate. */
const aggregateSql = `
select t.client_id, count(*) as entries, sum(te.minutes) as minutes,
  sum(te.minutes * coalesce(a.hourly_rate_cents, 0) / 60) as value_cents
from time_entries te
join tickets t on t.tenant_id = te.tenant_id and t.id = te.ticket_id
left join agreements a on a.tenant_id = t.tenant_id and a.id = t.agreement_id
where te.tenant_id = $1 and te.deleted_at is null and te.started_at < $2
  and not exists (select 1 from invoice_time_entries l where l.tenant_id = te.tenant_id
    and l.time_entry_id = te.id)
group by t.client_id`;

async function measure(engine: Engine, postgresUrl: string): Promise<InvoiceRunMeasurement | string> {
  const opened = await openEngine(engine, postgresUrl);
  if ('skipped' in opened) return opened.skipped;
  const { handle } = opened;
  try {
    await migrateDatabase(handle);
    const services = createServices({ db: handle.db });
    const app = createApp(services, appOptions);
    log(`${engine}: building the tenant`);
    const fixture = await createFixture(app, services, handle);
    await loadTickets(handle, fixture, {
      from: 1,
      to: TICKETS,
      total: TICKETS,
      now: new Date('2026-10-31T12:00:00Z'),
    });
    const { tenantId } = fixture;
    const [calendar] = await query<{ id: string }>(
      handle,
      'select id from calendars where tenant_id = $1 and name = $2',
      [tenantId, 'Office hours'],
    );
    const workTypes = await query<{ id: string; name: string }>(
      handle,
      'select id, name from work_types where tenant_id = $1',
      [tenantId],
    );
    const workType = (name: string) => workTypes.find((w) => w.name === name)!.id;
    const [item] = await query<{ id: string }>(
      handle,
      'select id from catalog_items where tenant_id = $1 order by name limit 1',
      [tenantId],
    );
    await query(handle, `update catalog_items set price_cents = 12000 where id = $1`, [item!.id]);
    await query(handle, agreementsSql, [tenantId, calendar!.id, workType('Project')]);
    await query(handle, wiringSql[0]!, [tenantId]);
    await query(handle, wiringSql[1]!, [tenantId, item!.id]);
    await query(handle, wiringSql[2]!, [tenantId]);
    log(`${engine}: loading ${ENTRIES} time entries`);
    await query(handle, entriesSql, [
      tenantId,
      fixture.assigneeIds[0],
      workType('Remote support'),
      workType('Project'),
      ENTRIES,
    ]);
    await query(handle, 'vacuum analyze');

    const [owner] = await query<{ id: string; identityId: string }>(
      handle,
      `select id, identity_id as "identityId" from memberships where tenant_id = $1 and role = 'owner'`,
      [tenantId],
    );
    const actor = {
      scope: {
        tenantId,
        identityId: owner!.identityId,
        membershipId: owner!.id,
        role: 'owner' as const,
        clientIds: 'all' as const,
      },
      requestId: 'bench',
      ip: null,
      userAgent: null,
    };
    const run = async () => {
      const started = performance.now();
      const { results } = await services.invoices.run(actor, { period: PERIOD });
      const failed = results.filter((r) => r.outcome === 'failed');
      if (failed.length > 0) throw new Error(`run: ${failed.length} clients failed: ${failed[0]!.message}`);
      return { seconds: (performance.now() - started) / 1000, results: results.length };
    };
    const aggregate = async () => {
      const started = performance.now();
      await query(handle, aggregateSql, [tenantId, `${PERIOD}-01T00:00:00Z`]);
      return (performance.now() - started) / 1000;
    };
    await aggregate();
    const aggregateSeconds = Math.min(await aggregate(), await aggregate(), await aggregate());
    log(`${engine}: running the month`);
    const first = await run();
    log(`${engine}: running it again`);
    const second = await run();
    const [counts] = await query<{ invoices: number; lines: number }>(
      handle,
      `select (select count(*)::int from invoices where tenant_id = $1) as invoices,
        (select count(*)::int from invoice_lines where tenant_id = $1) as lines`,
      [tenantId],
    );
    return {
      engine,
      clients: first.results,
      entries: ENTRIES,
      invoices: counts!.invoices,
      lines: counts!.lines,
      runSeconds: first.seconds,
      aggregateSeconds,
      rerunSeconds: second.seconds,
    };
  } finally {
    await opened.dispose();
  }
}

export async function run(
  options: { engines?: Engine[]; postgresUrl?: string } = {},
): Promise<InvoiceRunBenchResult> {
  const before = loadavg()[0]!;
  const measurements: InvoiceRunMeasurement[] = [];
  const skipped: InvoiceRunBenchResult['skipped'] = [];
  for (const engine of options.engines ?? ['pglite', 'postgres']) {
    const result = await measure(
      engine,
      options.postgresUrl ?? process.env.BENCH_DATABASE_URL ?? defaultPostgresUrl,
    );
    if (typeof result === 'string') skipped.push({ engine, reason: result });
    else measurements.push(result);
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    loadAverage: [before, loadavg()[0]!],
    measurements,
    skipped,
  };
}

export function formatMarkdown(result: InvoiceRunBenchResult): string {
  const rows = result.measurements.map(
    (m) =>
      `| ${m.engine} | ${m.clients} | ${m.entries.toLocaleString('en-US')} | ${m.invoices} | ${m.lines.toLocaleString('en-US')} | ${(m.aggregateSeconds * 1000).toFixed(0)} ms | ${m.runSeconds.toFixed(2)} s | ${(m.runSeconds / m.aggregateSeconds).toFixed(1)}× | ${m.rerunSeconds.toFixed(2)} s |`,
  );
  return [
    `Load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' → ')}.`,
    '',
    '| Engine | Clients | Entries | Invoices | Lines | Raw aggregate | Run | Run ÷ aggregate | Re-run |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    ...result.skipped.map((s) => `\nSkipped ${s.engine}: ${s.reason}`),
  ].join('\n');
}

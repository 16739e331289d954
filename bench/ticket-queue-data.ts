// Data for the ticket-queue benchmark: a tenant built through the real API, then tickets bulk-loaded in SQL.
import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { createApp, Services } from '../src/server/app.ts';
import type { DatabaseHandle } from '../src/server/db/client.ts';

type App = ReturnType<typeof createApp>;
// biome-ignore lint/suspicious/noExplicitAny: setup reads a few fields of API answers it just asked for
type Json = any;

const PASSWORD = 'correct horse battery staple';
const CLIENT_COUNT = 500;
const TECHNICIAN_COUNT = 12;
const SCOPED_CLIENT_COUNT = 5;
const REAL_TICKET_CLIENTS = 4;

/** Runs one statement with positional parameters on either engine; rows come back as objects. */
export async function query<T = Record<string, unknown>>(
  handle: DatabaseHandle,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (handle.engine === 'pglite') return (await (handle.pglite as PGlite).query<T>(text, params)).rows;
  return (await handle.pool.query(text, params)).rows as T[];
}

/** An API caller over app.request(), signed in by session cookie (for setup) or bearer token. */
function apiClient(app: App, auth: { cookie?: string; csrf?: string; bearer?: string } = {}) {
  return async function call(method: string, path: string, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = {};
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

async function signIn(app: App, email: string) {
  const response = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const session = apiClient(app, { cookie, csrf: csrfToken });
  const { token } = await session('POST', '/api-tokens', { name: 'queue benchmark' });
  return { session, token: token as string };
}

const weekdays = (hours: [string, string][]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [] as [string, string][],
  sun: [] as [string, string][],
});

const standardTargets = {
  P1: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P2: { firstResponseMinutes: 120, resolutionMinutes: 960 },
  P3: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  P4: { firstResponseMinutes: 960, resolutionMinutes: 4800 },
};
const premiumTargets = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
};

export interface Fixture {
  tenantId: string;
  /** The busiest board (Service Desk), the one the benchmark lists. */
  boardId: string;
  boardIdsByName: Record<string, string>;
  ownerToken: string;
  technicianToken: string;
  technicianClientIds: string[];
  assigneeIds: string[];
  clients: { id: string; policyVersionId: string | null; calendarVersionIds: Record<string, string> }[];
  /** targets[policyVersionId][priority] = { fr, res } in business minutes. */
  targets: Record<string, Record<string, { fr: number; res: number }>>;
  /** The sla block of a ticket the service measured, to check the bulk-loaded ones have its shape. */
  realSla: Record<string, unknown>;
}

/**
 * A tenant as the product makes it: owner, calendars, two SLA policies, 500 clients (a fifth without
 * a policy), 12 technicians who see every client and one who sees five, two extra boards, and a few
 * tickets opened through the API so the bulk-loaded ones can copy their shape.
 */
export async function createFixture(app: App, services: Services, handle: DatabaseHandle): Promise<Fixture> {
  const ownerEmail = `owner-${Date.now()}@bench.example`;
  const { tenantId } = await services.auth.createTenant(
    {
      organizationName: 'Benchmark MSP',
      name: 'Olivia Owner',
      email: ownerEmail,
      password: PASSWORD,
    },
    { mfaRequiredForStaff: false },
  );
  const owner = await signIn(app, ownerEmail);
  const api = owner.session;
  const office = await api('POST', '/calendars', {
    name: 'Office hours',
    timeZone: 'Europe/London',
    weeklyHours: weekdays([['08:00', '18:00']]),
    holidays: ['2026-12-25', '2026-12-26', '2027-01-01'],
  });
  const allDay = await api('POST', '/calendars', {
    name: 'Around the clock',
    timeZone: 'UTC',
    weeklyHours: {
      ...weekdays([['00:00', '24:00']]),
      sat: [['00:00', '24:00']],
      sun: [['00:00', '24:00']],
    },
    holidays: [],
  });
  const standard = await api('POST', '/sla-policies', {
    name: 'Standard',
    calendarId: office.id,
    targets: standardTargets,
  });
  const premium = await api('POST', '/sla-policies', {
    name: 'Premium',
    calendarId: office.id,
    targets: { ...premiumTargets, P1: { ...premiumTargets.P1, calendarId: allDay.id } },
  });

  const clientIds: string[] = [];
  for (let n = 0; n < CLIENT_COUNT; n++) {
    const policy = n % 5 === 4 ? null : n % 2 === 0 ? standard : premium;
    const client = await api('POST', '/clients', {
      name: `Client ${String(n + 1).padStart(3, '0')}`,
      defaultSlaPolicyId: policy?.id ?? null,
    });
    clientIds.push(client.id);
  }

  const assigneeIds: string[] = [];
  for (let n = 0; n < TECHNICIAN_COUNT; n++) {
    const user = await api('POST', '/users', {
      name: `Technician ${n + 1}`,
      email: `tech-${n + 1}-${Date.now()}@bench.example`,
      password: PASSWORD,
      role: 'technician',
      allClients: true,
      clientIds: [],
    });
    assigneeIds.push(user.id);
  }
  // Every hundredth client, so the scoped technician's clients carry the average mix of tickets.
  const technicianClientIds = clientIds.filter((_, n) => n % 100 === 1).slice(0, SCOPED_CLIENT_COUNT);
  const scopedEmail = `scoped-${Date.now()}@bench.example`;
  await api('POST', '/users', {
    name: 'Scoped Technician',
    email: scopedEmail,
    password: PASSWORD,
    role: 'technician',
    allClients: false,
    clientIds: technicianClientIds,
  });
  const technician = await signIn(app, scopedEmail);

  // Real tickets on clients of each kind: they bind the policy versions and show the stored shape.
  // The first one, with no board given, also makes the default boards (Service Desk first).
  const realTickets: Json[] = [];
  for (let n = 0; n < REAL_TICKET_CLIENTS; n++) {
    realTickets.push(
      await api('POST', '/tickets', {
        clientId: clientIds[n]!,
        title: 'Printer offline',
        priority: 'P2',
        assigneeId: assigneeIds[n % assigneeIds.length],
      }),
    );
  }
  // No API makes boards yet, so the two extra ones go in by SQL.
  const [{ position }] = (await query<{ position: number }>(
    handle,
    'select count(*)::int as position from boards where tenant_id = $1',
    [tenantId],
  )) as [{ position: number }];
  await query(
    handle,
    `insert into boards (tenant_id, id, name, position)
     values ($1, gen_random_uuid(), 'Escalations', $2), ($1, gen_random_uuid(), 'Onboarding', $2 + 1)`,
    [tenantId, position],
  );
  const boards = await api('GET', '/boards');
  const boardIdsByName: Record<string, string> = Object.fromEntries(
    (boards.items as { id: string; name: string }[]).map((b) => [b.name, b.id]),
  );
  const boardId = boardIdsByName['Service Desk']!;
  const rows = await query<{
    client_id: string;
    sla_policy_version_id: string | null;
    calendar_version_ids: Record<string, string>;
  }>(
    handle,
    'select client_id, sla_policy_version_id, calendar_version_ids from tickets where tenant_id = $1',
    [tenantId],
  );
  const binding = new Map(rows.map((r) => [r.client_id, r]));
  const standardBinding = binding.get(clientIds[0]!)!;
  const premiumBinding = binding.get(clientIds[1]!)!;
  const clients = clientIds.map((id, n) => {
    const bound = n % 5 === 4 ? null : n % 2 === 0 ? standardBinding : premiumBinding;
    return {
      id,
      policyVersionId: bound?.sla_policy_version_id ?? null,
      calendarVersionIds: bound?.calendar_version_ids ?? {},
    };
  });
  const minutes = (t: typeof standardTargets) =>
    Object.fromEntries(
      Object.entries(t).map(([p, v]) => [p, { fr: v.firstResponseMinutes, res: v.resolutionMinutes }]),
    );
  return {
    tenantId,
    boardId,
    boardIdsByName,
    ownerToken: owner.token,
    technicianToken: technician.token,
    technicianClientIds,
    assigneeIds,
    clients,
    targets: {
      [standardBinding.sla_policy_version_id!]: minutes(standardTargets),
      [premiumBinding.sla_policy_version_id!]: minutes(premiumTargets),
    },
    realSla: realTickets[0].sla,
  };
}

/** Board names in the order the load statement's $8 takes them (its share order). */
const boardOrder = ['Service Desk', 'Alerts', 'Projects', 'Escalations', 'Onboarding'];

const loadSql = readFileSync(new URL('./ticket-queue-load.sql', import.meta.url), 'utf8');

/** ISO 8601 as Date.prototype.toISOString writes it, so bulk rows read back like service-written ones. */
const isoFunctionSql = `
create or replace function pg_temp.iso(t timestamptz) returns text language sql immutable as
$$ select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`;

/** Loads tickets number firstNumber + from … firstNumber + to (1-based, inclusive), then analyzes. */
export async function loadTickets(
  handle: DatabaseHandle,
  fixture: Fixture,
  range: { from: number; to: number; total: number; now: Date },
): Promise<{ insertSeconds: number; vacuumSeconds: number }> {
  const started = performance.now();
  const [counter] = await query<{ last: number }>(
    handle,
    'select last_number as last from ticket_counters where tenant_id = $1',
    [fixture.tenantId],
  );
  const firstNumber = counter!.last - (range.from - 1);
  const clients = fixture.clients.map((c) => ({
    ...c,
    targets: c.policyVersionId ? fixture.targets[c.policyVersionId] : null,
  }));
  const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;
  const params = [
    JSON.stringify(clients),
    range.now.toISOString(),
    range.from,
    range.to,
    range.total,
    fixture.tenantId,
    firstNumber,
    uuidArray(boardOrder.map((name) => fixture.boardIdsByName[name]!)),
    uuidArray(fixture.assigneeIds),
  ];
  // pg_temp lives as long as the session: define and use the function on one connection. JIT would
  // spend seconds compiling this one-off statement.
  if (handle.engine === 'pglite') {
    await handle.pglite.exec(isoFunctionSql);
    await handle.pglite.query(loadSql, params);
  } else {
    const connection = await handle.pool.connect();
    try {
      await connection.query('set jit = off');
      await connection.query(isoFunctionSql);
      await connection.query(loadSql, params);
    } finally {
      await connection.query('reset jit');
      connection.release();
    }
  }
  await query(
    handle,
    'update ticket_counters set last_number = (select max(number) from tickets where tenant_id = $1) where tenant_id = $1',
    [fixture.tenantId],
  );
  const inserted = performance.now();
  await query(handle, 'vacuum analyze');
  const vacuumed = performance.now();
  await checkShape(handle, fixture, firstNumber + range.from);
  return { insertSeconds: (inserted - started) / 1000, vacuumSeconds: (vacuumed - inserted) / 1000 };
}

/** Key paths of a JSON value: leaves only, so null and a string count alike. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value)
    .flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key))
    .sort();
}

/** Fails the run when bulk rows' sla blocks stop looking like the one the service wrote. */
async function checkShape(handle: DatabaseHandle, fixture: Fixture, firstNumber: number) {
  const expected = keyPaths(fixture.realSla).join();
  const rows = await query<{ status: string; sla: unknown }>(
    handle,
    `select distinct on (status) status, sla from tickets
     where tenant_id = $1 and number >= $2 and sla is not null order by status, number`,
    [fixture.tenantId, firstNumber],
  );
  for (const row of rows) {
    const actual = keyPaths(row.sla).join();
    if (actual !== expected) {
      throw new Error(`bulk ${row.status} ticket's sla is shaped ${actual}, the service writes ${expected}`);
    }
  }
}

// The authorization matrix: every API route, for every role, against every target, checked against
// matrix.table.ts; plus identical 404s for foreign and missing objects, tenant-B canaries that never
// show up in tenant A, and odd spellings of paths that never decide more than the canonical one.
// The later tests read the answers the matrix test collected, so run the file whole.
// AUTHZ_OBSERVE=1 prints every status seen, for writing a new row.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mfaPendingRoutes } from '../../src/server/modules/identity/index.ts';
import { startTestApp } from '../http.ts';
import {
  buildWorld,
  changeRequestBody,
  enrollMfa,
  type Objects,
  type RawResponse,
  type Role,
  roles,
  type Session,
  signIn,
  type TargetName,
  timeEntryBody,
} from './fixtures.ts';
import { type Decision, matrix } from './matrix.table.ts';
import { type Call, freshSessionOf, requestPlans } from './requests.ts';

const t = await startTestApp();

/**
 * Every API route, as `METHOD /api/...` with `{param}` placeholders. We list Hono's `app.routes`
 * rather than the OpenAPI document: the document only has routes made with `.openapi()` and
 * misses plain `app.get()` ones (the document itself, /api/docs, anything a later module mounts
 * without a schema), while `app.routes` holds every handler the app will run. Middleware and the
 * `/api/*` catch-all are registered for ALL methods, so those are left out; the test below also
 * checks every OpenAPI path is among the routes, so the two can never drift apart silently.
 */
function appRoutes(): string[] {
  // Only /api/ routes: the agent API (/agent/v1/...) is left out on purpose: machines call it with agent
  // credentials, not staff with roles; agents.routes.test.ts shows those credentials reach no /api route
  // and no staff session or token reaches /agent/v1.
  const keys = t.app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

const world = await buildWorld(t);
const targetNames = Object.keys(world.targets) as TargetName[];

function actorOf(role: Role): Session {
  if (role === 'anonymous') return world.anonymous;
  if (role === 'vendor') return world.vendorUser.session;
  return role === 'client' ? world.clientUser.session : world.staff[role].session;
}

/** Beta's client-owned objects (tenant-level ones are shared with Alpha). */
const otherClientIds = () => {
  const { client, site, contact, asset, ticket, timeEntry, engagement, vendorAccount } =
    world.targets.otherClient;
  return [client, site, contact, asset, ticket, timeEntry, engagement, vendorAccount];
};

const isAllowed = (status: number) => status < 500 && ![401, 403, 404].includes(status);

/** What the table says this call must answer; null when it did. */
function mismatch(
  decision: Decision,
  target: TargetName,
  hasTarget: boolean,
  { status, text }: RawResponse,
  hidden: number,
) {
  const hiddenOk = status === hidden;
  const own = target === 'own' || !hasTarget;
  let ok: boolean;
  switch (decision) {
    case 'public':
      ok = status < 500 && status !== 401 && status !== 403;
      break;
    case 'unauthenticated':
      ok = status === 401;
      break;
    case 'own':
      ok = own ? isAllowed(status) : target === 'otherClient' ? status === 403 : hiddenOk;
      break;
    case 'forbidden':
      ok = status === 403;
      break;
    case 'allow':
      ok = own || target === 'otherClient' ? isAllowed(status) : hiddenOk;
      break;
    case 'scoped':
      ok = own ? isAllowed(status) : hiddenOk;
      // A list the member is scoped on must not name another client's objects.
      if (ok && !hasTarget && otherClientIds().some((id) => text.includes(id)))
        return 'scoped list shows Beta';
      break;
  }
  return ok ? null : `${decision} expected, got ${status}`;
}

interface Outcome {
  route: string;
  role: Role;
  target: TargetName;
  response: RawResponse;
  objects: Objects;
}

/** Sends one route for one role at one target, building fresh objects or sessions when the plan asks. */
async function run(route: string, role: Role, target: TargetName): Promise<Outcome> {
  const [method, fullPath] = route.split(' ') as [string, string];
  const plan = planOf(route) ?? {};
  const objects = { ...world.targets[target] };
  let actor = actorOf(role);
  const call: Call = { world, role, actor, target, objects };
  if (plan.fresh && plan.target && (target === 'own' || target === 'otherClient')) {
    objects[plan.target] = await plan.fresh(call);
  }
  if (plan.freshSession) actor = await freshSessionOf(call, t);
  const id = plan.target ? objects[plan.target] : '';
  const params = plan.params ?? {};
  const path =
    fullPath.replace('{id}', id).replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`) +
    (plan.query?.(objects) ?? '');
  const body = plan.body?.(objects, call) ?? (['GET', 'DELETE'].includes(method) ? undefined : {});
  return { route, role, target, objects, response: await actor.send(method, path, body) };
}

const planOf = (route: string) => requestPlans[route.replace(/^(\w+) \/api\/v1/, '$1 ')];
const hasTargetOf = (route: string) => Boolean(planOf(route)?.target);
const hiddenStatusOf = (route: string) => planOf(route)?.hiddenStatus ?? 404;

/** Destructive routes go last so earlier calls see the fixture whole. */
const destructive = (route: string) => route.startsWith('DELETE ') || route.includes('/auth/logout');
const routes = appRoutes().sort((x, y) => Number(destructive(x)) - Number(destructive(y)));
const outcomes: Outcome[] = [];

describe('authorization matrix', () => {
  it('has a row for every route and a route for every row', async () => {
    const openApi = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(openApi.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} /api/v1${path}`),
    );
    if (process.env.AUTHZ_OBSERVE)
      console.log(
        'routed, not documented:',
        routes.filter((r) => !documented.includes(r)),
      );
    expect
      .soft(
        documented.filter((route) => !routes.includes(route)),
        'documented but not routed',
      )
      .toEqual([]);
    expect
      .soft(
        routes.filter((route) => !matrix[route]),
        'routes without a row',
      )
      .toEqual([]);
    // A route with an id in its path needs a request plan naming the object it stands for.
    expect
      .soft(
        routes.filter((route) => route.includes('{') && !hasTargetOf(route) && !planOf(route)?.params),
        'routes with an id but no plan in requests.ts',
      )
      .toEqual([]);
    expect
      .soft(
        Object.keys(matrix).filter((route) => !routes.includes(route)),
        'rows without a route',
      )
      .toEqual([]);
  });

  it('answers every route, role and target as the table says', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const row = matrix[route];
      if (!row) continue;
      const hasTarget = hasTargetOf(route);
      const hidden = hiddenStatusOf(route);
      for (const role of roles) {
        for (const target of hasTarget ? targetNames : (['own'] as TargetName[])) {
          const outcome = await run(route, role, target);
          outcomes.push(outcome);
          const problem = mismatch(row[role], target, hasTarget, outcome.response, hidden);
          if (problem)
            failures.push(
              `${route} as ${role} on ${target}: ${problem} ${outcome.response.text.slice(0, 160)}`,
            );
        }
      }
    }
    if (process.env.AUTHZ_OBSERVE) printObserved();
    expect(failures).toEqual([]);
  });

  it('lets a session waiting on MFA reach only the MFA routes', async () => {
    // A member with an authenticator: a password sign-in waits for a code.
    const member = await world.a.addMember('dispatcher', { allClients: true, clientIds: [] });
    await enrollMfa(t, member.session);
    const pending = await signIn(t, member.email);
    expect((await pending.json('GET', '/auth/session')).body.mfaPending).toBe('verify');
    const wrong: string[] = [];
    // Logout last: it ends the session.
    const asked = routes
      .filter((r) => matrix[r]?.owner !== 'public')
      .sort((x, y) => Number(x.includes('/logout')) - Number(y.includes('/logout')));
    for (const route of asked) {
      const [method, path] = route.split(' ') as [string, string];
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const response = await pending.send(method, path.replace(/\{\w+\}/g, randomUUID()), body);
      const blocked = response.status === 403 && response.text.includes('"auth.mfa_required"');
      if (blocked === mfaPendingRoutes.has(route))
        wrong.push(`${route}: ${response.status} ${response.text.slice(0, 120)}`);
    }
    expect(asked.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('answers a foreign object and a missing one with the same 404 body', () => {
    // Every hidden answer for one route and role (another client's object when the actor may not see
    // it, another tenant's, a random id) must be the same bytes, so none of them tells that it exists.
    const groups = new Map<string, Outcome[]>();
    for (const o of outcomes) {
      if (o.target === 'own' || o.response.status !== hiddenStatusOf(o.route)) continue;
      const key = `${o.route} as ${o.role}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }
    // The ids asked for may be echoed back (the bulk action names each ticket); nothing else may differ.
    const normalize = (o: Outcome) =>
      Object.values(o.objects).reduce((text, id) => text.replaceAll(id, '<id>'), o.response.text);
    const differences = [...groups].flatMap(([key, group]) =>
      new Set(group.map(normalize)).size === 1
        ? []
        : [`${key}: ${group.map((o) => `${o.target} ${o.response.text}`).join(' | ')}`],
    );
    expect(groups.size).toBeGreaterThan(0);
    expect(differences).toEqual([]);
  });

  it('never shows a tenant-B canary in tenant A, in any answer or search', async () => {
    const lists = [
      '/clients?archived=any',
      `/clients?archived=any&q=${world.canary}`,
      '/tickets?limit=200',
      `/tickets?limit=200&q=${world.canary}`,
      `/tickets?limit=200&clientId=${world.b.own.client}`,
      `/clients/${world.a.own.client}/contacts?q=${world.canary}`,
      `/clients/${world.a.own.client}/contacts`,
      `/clients/${world.a.own.client}/sites`,
      '/assets?archived=any',
      '/vendors?archived=any',
      `/vendors?archived=any&q=${world.canary}`,
      `/vendors/${world.a.own.vendor}/engagements?archived=any`,
      '/engagements?archived=any',
      `/engagements?clientId=${world.b.own.client}`,
      '/routine-actors',
      '/change-requests',
      `/change-requests?clientId=${world.b.own.client}`,
      `/assets?archived=any&q=${world.canary}`,
      '/users',
      '/assignees',
      '/ticket-views',
      '/work-types?archived=true',
      '/calendars',
      '/sla-policies',
      '/boards',
      '/api-tokens',
      '/auth/session',
      '/audit-events?limit=200',
      '/sso-providers',
      '/tax-codes?archived=any',
      '/catalog-items?archived=any',
      '/agreements',
      `/agreements?clientId=${world.b.own.client}`,
      '/work-roles',
      '/invoices',
      `/invoices?clientId=${world.b.own.client}`,
      `/invoices/${world.a.own.invoice}`,
      '/billing/settings',
      `/audit-events?limit=200&targetId=${world.b.own.ticket}`,
      `/audit-events?limit=200&targetType=ticket`,
    ];
    const leaks: string[] = [];
    const needle = world.canary.toLowerCase();
    for (const role of roles) {
      for (const path of lists) {
        const response = await actorOf(role).send('GET', `/api/v1${path}`);
        if (response.text.toLowerCase().includes(needle)) leaks.push(`GET ${path} as ${role}`);
      }
    }
    for (const o of outcomes) {
      if (o.response.text.toLowerCase().includes(needle))
        leaks.push(`${o.route} as ${o.role} on ${o.target}`);
    }
    // The canary is really there: tenant B's owner finds it.
    expect((await world.b.owner.send('GET', `/api/v1/tickets?q=${world.canary}`)).text).toContain(
      world.canary,
    );
    expect(leaks).toEqual([]);
  });
});

/**
 * Odd spellings of a path. Requests go through the WHATWG URL parser as on the real server, so
 * `/./` and `%2e%2e` segments are resolved before Hono sees them (they reach the canonical route);
 * the rest reach Hono as sent, which matches case- and slash-strictly and answers 404 (or 400 when
 * `;x` lands inside an id). Hono's router also ignores `;`, so `;x` is never read as a separator.
 */
const pathVariants: Record<string, (path: string) => string> = {
  'double slash': (path) => `/${path}`,
  'dot segment': (path) => path.replace('/api/v1/', '/api/v1/./'),
  'encoded dot-dot': (path) => path.replace('/api/v1/', '/api/v1/%2e%2e/v1/'),
  'upper case': (path) => path.replace('/api/v1/', '/API/V1/'),
  'matrix parameter': (path) => `${path};x`,
  'trailing slash': (path) => `${path}/`,
};

const variantRoutes = [
  'GET /api/v1/tickets',
  'GET /api/v1/tickets/{id}',
  'PATCH /api/v1/clients/{id}',
  'GET /api/v1/clients/{id}',
  'GET /api/v1/users',
  'GET /api/v1/users/{id}',
  'PATCH /api/v1/settings/tickets',
  'POST /api/v1/tickets/import',
];

describe('path variants', () => {
  it('never decide more than the canonical path does', { timeout: 120_000 }, async () => {
    const bypasses: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (const route of variantRoutes) {
      const [method, template] = route.split(' ') as [string, string];
      const plan = requestPlans[`${method} ${template.replace(/^\/api\/v1/, '')}`] ?? {};
      for (const role of roles) {
        for (const target of ['own', 'otherClient'] as TargetName[]) {
          const objects = world.targets[target];
          const call: Call = { world, role, actor: actorOf(role), target, objects };
          const path = template.replace('{id}', plan.target ? objects[plan.target] : '');
          const query = plan.query?.(objects) ?? '';
          const body = () => plan.body?.(objects, call) ?? (method === 'GET' ? undefined : {});
          const canonical = await actorOf(role).send(method, path + query, body());
          for (const [name, variant] of Object.entries(pathVariants)) {
            const response = await actorOf(role).send(method, variant(path) + query, body());
            const same = response.status === canonical.status;
            const statuses = seen.get(name) ?? new Set();
            statuses.add(same ? 'same' : String(response.status));
            seen.set(name, statuses);
            // Refusing differently is fine (a `;x` id fails validation with 400); answering more is not.
            if (!same && response.status !== 404 && response.status !== 400) {
              bypasses.push(
                `${name} ${route} as ${role} on ${target}: ${canonical.status} -> ${response.status}`,
              );
            }
          }
        }
      }
    }
    if (process.env.AUTHZ_OBSERVE) console.log(Object.fromEntries([...seen].map(([k, v]) => [k, [...v]])));
    expect(bypasses).toEqual([]);
  });
});

function printObserved() {
  const lines = outcomes.map(
    (o) => `${o.route.padEnd(48)} ${o.role.padEnd(11)} ${o.target.padEnd(12)} ${o.response.status}`,
  );
  console.log(lines.join('\n'));
}

/**
 * Ids inside a body on the actor's own object: another tenant's must be refused exactly like a
 * missing one, never stored. Sent as the owner, who may do everything, so only the reference decides.
 */
const references: [string, string, (x: Objects) => unknown][] = [
  ['PATCH', '/clients/{client}', (x) => ({ defaultCalendarId: x.calendar })],
  ['PATCH', '/clients/{client}', (x) => ({ defaultSlaPolicyId: x.slaPolicy })],
  ['POST', '/clients/{client}/contacts', (x) => ({ name: 'Ref', siteId: x.site })],
  ['PATCH', '/contacts/{contact}', (x) => ({ siteId: x.site })],
  ['POST', '/assets', (x) => ({ clientId: world.a.own.client, siteId: x.site, type: 'other', name: 'Ref' })],
  ['POST', '/assets', (x) => ({ clientId: x.client, type: 'other', name: 'Ref' })],
  ['PATCH', '/assets/{asset}', (x) => ({ siteId: x.site })],
  ['POST', '/vendors/{vendor}/engagements', (x) => ({ clientId: x.client, product: 'Ref' })],
  ['POST', '/change-requests', (x) => changeRequestBody(world.a.own.client, x.asset)],
  ['POST', '/enrollment-tokens', (x) => ({ clientId: x.client })],
  ['POST', '/enrollment-tokens', (x) => ({ clientId: world.a.own.client, siteId: x.site })],
  [
    'POST',
    '/tickets',
    (x) => ({ clientId: world.a.own.client, title: 'Ref', priority: 'P3', contactId: x.contact }),
  ],
  [
    'POST',
    '/tickets',
    (x) => ({ clientId: world.a.own.client, title: 'Ref', priority: 'P3', assigneeId: x.user }),
  ],
  ['PATCH', '/tickets/{ticket}', (x) => ({ contactId: x.contact })],
  ['POST', '/tickets/{ticket}/assign', (x) => ({ assigneeId: x.user })],
  [
    'POST',
    '/tickets/bulk',
    (x) => ({ ticketIds: [world.a.own.ticket], action: { type: 'assign', assigneeId: x.user } }),
  ],
  ['POST', '/tickets/{ticket}/time-entries', (x) => ({ ...timeEntryBody(x.workType) })],
  ['PATCH', '/time-entries/{timeEntry}', (x) => ({ workTypeId: x.workType })],
  ['PATCH', '/catalog-items/{catalogItem}', (x) => ({ taxCodeId: x.taxCode })],
  ['POST', '/cost-rates', (x) => ({ membershipId: x.user, effectiveFrom: '2031-01-01', hourlyCostCents: 1 })],
  [
    'PUT',
    '/sla-policies/{slaPolicy}',
    (x) => ({ name: 'Ref', calendarId: x.calendar, targets: slaTargets() }),
  ],
  [
    'POST',
    '/sla-policies',
    (x) => ({ name: 'Ref', calendarId: world.a.own.calendar, targets: slaTargets(x.calendar) }),
  ],
  ['PATCH', '/users/{user}', (x) => ({ allClients: false, clientIds: [x.client] })],
  ['POST', '/tickets/import', (x) => importBody({ contactId: x.contact })],
  ['POST', '/tickets/import', (x) => importBody({ assigneeId: x.user })],
  ['POST', '/tickets/import', (x) => importBody({ slaPolicyId: x.slaPolicy })],
];

function slaTargets(calendarId?: string) {
  const target = { firstResponseMinutes: 60, resolutionMinutes: 480, ...(calendarId ? { calendarId } : {}) };
  return { P1: target, P2: target, P3: target, P4: target };
}

function importBody(extra: Record<string, string>) {
  return {
    externalId: `ref-${Math.random().toString(36).slice(2)}`,
    clientId: world.a.own.client,
    title: 'Imported',
    priority: 'P3',
    events: [{ type: 'created', at: '2026-01-05T10:00:00Z' }],
    ...extra,
  };
}

describe('references in bodies', () => {
  it("refuse another tenant's objects exactly like missing ones", async () => {
    const problems: string[] = [];
    const owner = world.staff.owner.session;
    for (const [method, template, body] of references) {
      const path = `/api/v1${template.replace(/\{(\w+)\}/, (_, kind: keyof Objects) => world.a.own[kind])}`;
      const answers = [];
      for (const target of ['otherTenant', 'nonexistent'] as const) {
        const objects = world.targets[target];
        const response = await owner.send(method, path, body(objects));
        answers.push(
          Object.values(objects).reduce(
            (text, id) => text.replaceAll(id, '<id>'),
            `${response.status} ${response.text}`,
          ),
        );
        if (response.status < 400)
          problems.push(
            `${method} ${template} accepted a ${target} reference: ${response.text.slice(0, 120)}`,
          );
      }
      if (process.env.AUTHZ_OBSERVE) console.log(method, template, answers[1]?.slice(0, 110));
      if (answers[0] !== answers[1]) problems.push(`${method} ${template}: ${answers.join(' vs ')}`);
    }
    expect(problems).toEqual([]);
  });
});

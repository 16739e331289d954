// Bad input: every operation in the app's own OpenAPI document gets a valid-looking request and seeded
// mutations of it (wrong types, nulls, huge strings, deep nesting, odd unicode, out-of-range numbers and
// dates, bad ids). None may answer 5xx, every 4xx has the error body, and nothing is logged at error.
// FUZZ_SEED=<n> replays a run; FUZZ_CASES=<n> changes the budget per operation.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loginFailures, sessions, tenants } from '../../src/server/modules/identity/identity.table.ts';
import { LOA_UPLOAD_MAX_BODY_BYTES, LOA_UPLOAD_PATH } from '../../src/server/modules/vendors/index.ts';
import { createLogger } from '../../src/server/observability/logger.ts';
import { buildWorld, session as fixtureSession, type Objects, type Session } from '../authz/fixtures.ts';
import { type Call, requestPlans } from '../authz/requests.ts';
import { testEngine } from '../database.ts';
import { startTestApp } from '../http.ts';
import {
  bigHostile,
  encode,
  headerVariants,
  hostile,
  huge,
  type Json,
  leafPaths,
  MAX_BODY_BYTES,
  prng,
  replaceAt,
  serialize,
} from './mutations.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
// 200 per operation on PGlite; FUZZ_CASES=1000 digs deeper. The PostgreSQL pass runs the same SQL through
// another driver, so a quarter of the budget covers what differs there (parameters, types) at a quarter the time.
const CASES_PER_OPERATION = Number(process.env.FUZZ_CASES ?? (testEngine === 'postgres' ? 50 : 200));

const random = prng(SEED);

const logLines: { level: number; msg: string; err?: unknown; route?: string }[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

const t = await startTestApp({
  app: { maxBodyBytes: MAX_BODY_BYTES, logger: createLogger('warn', logStream) },
});
const world = await buildWorld(t);
const own = world.targets.own;
let owner: Session = world.staff.owner.session;

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the OpenAPI document
type Schema = any;

const doc = await (await t.app.request('/api/v1/openapi.json')).json();

function resolve(schema: Schema): Schema {
  if (schema?.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()]);
  return schema ?? {};
}

/** A plausible value for a schema: the first enum member, a real id, a past date, the minimum. */
function generate(input: Schema, depth = 0): Json {
  const schema = resolve(input);
  if (depth > 6) return null;
  if ('default' in schema) return schema.default;
  if (schema.enum) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const usable = variants.map(resolve).filter((v: Schema) => v.type !== 'null');
    return generate(usable[0] ?? variants[0], depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => generate(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, Json> = {};
      for (const key of schema.required ?? []) result[key] = generate(schema.properties?.[key], depth + 1);
      return result;
    }
    case 'array':
      return schema.minItems ? [generate(schema.items, depth + 1)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return own.client;
      if (schema.format === 'date-time') return '2026-01-05T10:00:00Z';
      if (schema.format === 'date') return '2026-01-05';
      if (schema.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@example.test`;
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return 'x';
  }
}

interface Case {
  label: string;
  path: string;
  query: string;
  /** Bytes, for bodies that are not valid UTF-8. */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

interface Operation {
  method: string;
  path: string;
  key: string;
  pathParams: string[];
  query: { name: string; schema: Schema; required: boolean }[];
  bodySchema?: Schema;
}

function operations(): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: Schema[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      result.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required) })),
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Deletions last, so the objects they remove are there for everything else.
  return result.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

function callFor(session: Session): Call {
  return { world, role: 'owner', actor: session, target: 'own', objects: own };
}

function buildCases(op: Operation): Case[] {
  const plan = requestPlans[op.key] ?? {};
  const kind: keyof Objects = plan.target ?? 'client';
  const id = own[kind];
  const fill = (value: string) => op.path.replace(/\{(\w+)\}/g, () => encode(value));
  // Keys that are not ids (an email template's) come from the plan; the bad values below replace them too.
  const validPath = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(plan.params?.[name] ?? id));
  const validQuery = plan.query?.(own) ?? '';
  const baseBody: Json =
    plan.body?.(own, callFor(owner)) ?? (op.bodySchema ? generate(op.bodySchema) : undefined);
  const bodyText = baseBody === undefined ? undefined : serialize(baseBody);
  const cases: Case[] = [{ label: 'valid', path: validPath, query: validQuery, body: bodyText }];
  const add = (label: string, changes: Partial<Case>) =>
    cases.push({ label, path: validPath, query: validQuery, body: bodyText, ...changes });

  // Paths: bad ids, ids of another kind, encoded NULs and slashes, very long segments.
  if (op.pathParams.length > 0) {
    const otherKind = (Object.keys(own) as (keyof Objects)[]).find((k) => k !== kind && k !== 'tenantId')!;
    for (const bad of [
      'not-a-uuid',
      own[otherKind],
      randomUUID(),
      '\u0000',
      '%00',
      '..',
      'x'.repeat(5000),
      '1e309',
      '-1',
      '\ud800',
      world.targets.otherTenant[kind],
    ]) {
      add(`path id ${JSON.stringify(bad).slice(0, 40)}`, { path: fill(bad) });
    }
  }

  // Query strings: each parameter gets every hostile value; plus repeats and unknown ones.
  const queryValues = [
    '',
    'NaN',
    '-1',
    '1.5',
    '1e309',
    '99999999999999999999',
    '\u0000',
    '%00',
    '\ud800',
    'true',
    'null',
    '[]',
    '{}',
    'not-a-uuid',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    'x'.repeat(20_000),
    '👩🏽‍💻',
  ];
  for (const param of op.query) {
    for (const value of queryValues) {
      const encoded = encode(value);
      const rest = new URLSearchParams(validQuery.replace(/^\?/, ''));
      rest.delete(param.name);
      const prefix = rest.toString();
      add(`query ${param.name}=${value.slice(0, 30)}`, {
        query: `?${prefix ? `${prefix}&` : ''}${param.name}=${encoded}`,
      });
    }
    add(`query ${param.name} twice`, { query: `?${param.name}=1&${param.name}=2` });
    add(`query ${param.name}[]`, { query: `?${param.name}[]=1&${param.name}[a]=2` });
  }
  if (op.query.length > 0 || op.method === 'GET') add('query junk', { query: '?%zz=%&a[b][c]=1&=' });

  // Bodies: the whole body replaced, then each field replaced, dropped, or joined by extras.
  if (baseBody !== undefined) {
    for (const whole of [null, [], 'text', 0, ...['\u0001raw:deep-array', '\u0001raw:deep-object']]) {
      add(`body ${JSON.stringify(whole).slice(0, 30)}`, { body: serialize(whole) });
    }
    add('body malformed', { body: '{"a":' });
    add('body invalid utf-8', {
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    add('body as text/plain', { contentType: 'text/plain' });
    add('body over the cap', { body: serialize({ ...baseBody, pad: huge(MAX_BODY_BYTES + 1024) }) });
    const schema = resolve(op.bodySchema);
    const fields = [...new Set([...Object.keys(baseBody ?? {}), ...Object.keys(schema.properties ?? {})])];
    for (const field of fields) {
      const { [field]: _dropped, ...rest } = baseBody ?? {};
      add(`body without ${field}`, { body: serialize(rest) });
      for (const value of hostile) {
        add(`body ${field}=${JSON.stringify(value).slice(0, 30)}`, {
          body: serialize({ ...baseBody, [field]: value }),
        });
      }
      const nested = resolve(schema.properties?.[field]);
      const inner = nested.type === 'array' ? resolve(nested.items) : nested;
      if (inner?.type === 'object' || nested.type === 'array') {
        for (const value of hostile.slice(0, 20)) {
          const wrapped = nested.type === 'array' ? [value] : { ...(baseBody?.[field] ?? {}), x: value };
          add(`body ${field} inner ${JSON.stringify(value).slice(0, 30)}`, {
            body: serialize({ ...baseBody, [field]: wrapped }),
          });
        }
      }
      for (const value of bigHostile) {
        add(`body ${field} ~${Math.round(value.length / 500)} KB`, {
          body: serialize({ ...baseBody, [field]: value }),
        });
      }
    }
    // Nested fields (calendar hours, SLA targets, import rows): each leaf gets a sample of hostile values.
    for (const path of leafPaths(baseBody).filter((p) => p.length > 1)) {
      for (let i = 0; i < 12; i++) {
        const value = random.pick(hostile);
        add(`body ${path.join('.')}=${JSON.stringify(value).slice(0, 30)}`, {
          body: serialize(replaceAt(baseBody, path, value)),
        });
      }
    }
    add('body extra fields', {
      body: serialize({ ...baseBody, extra: 1, __proto__x: '\u0000', 'a\u0000': 1 }),
    });
  }
  return cases;
}

/** Keeps the valid request and samples the mutations, seeded, within the budget. */
function sample(cases: Case[]): Case[] {
  const [valid, ...rest] = cases;
  const chosen = [valid!];
  const pool = [...rest];
  while (chosen.length < CASES_PER_OPERATION && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]!);
  }
  return chosen;
}

const sent = { owner: 0, anonymous: 0 };
const failures: string[] = [];
/** Operations whose unmutated request was refused: their mutations reach only validation. */
const invalidBases: string[] = [];

async function request(session: Session | null, op: Operation, c: Case) {
  const init: RequestInit = { method: op.method, headers: {} };
  const headers = init.headers as Record<string, string>;
  if (session) Object.assign(headers, sessionHeaders.get(session));
  if (c.body !== undefined && op.method !== 'GET') {
    headers['content-type'] = c.contentType ?? 'application/json';
    init.body = c.body;
  }
  const response = await t.app.request(`http://localhost/api/v1${c.path}${c.query}`, init);
  return { status: response.status, text: await response.text() };
}

// The fixtures' sessions hide their headers; sign in here to send raw bodies.
const sessionHeaders = new Map<Session, Record<string, string>>();
async function signedIn(email: string): Promise<Session> {
  const response = await t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery staple' }),
  });
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await response.json();
  const session = fixtureSession(t, email, cookie, csrfToken);
  sessionHeaders.set(session, { cookie, 'x-csrf-token': csrfToken });
  return session;
}
const ownerSession = () => signedIn(world.staff.owner.email);
/**
 * The portals' routes are sent as their people (the vendor's, the client's admin): the owner is refused
 * them before validation.
 */
const portalSessions = async () => ({
  '/vendor-portal': await signedIn(world.vendorUser.email),
  '/portal': await signedIn(world.clientUser.email),
});
const portalOf = (op: Operation) =>
  op.path.startsWith('/vendor-portal') ? '/vendor-portal' : op.path.startsWith('/portal') ? '/portal' : null;

/**
 * Routes whose valid-looking request is refused because it needs something the fuzzer cannot know (a
 * current TOTP code, the real password) or a stage the fixtures' object is not in: their refusal is the
 * right answer, not a weak base request.
 */
const needsASecret = new Set([
  'POST /auth/mfa/totp/confirm',
  'POST /auth/mfa/verify',
  'POST /auth/mfa/recovery-codes',
  'POST /auth/mfa/disable',
  'POST /auth/password',
  // Needs an SMTP server that answers; the fuzzer's settings point at a closed loopback port.
  'POST /settings/mail/test',
  // One-time links, a vendor's, a client's and an invited person's: the token is the secret.
  'GET /public/acknowledgements/{token}',
  'POST /public/acknowledgements/{token}',
  'GET /public/change-approvals/{token}',
  'POST /public/change-approvals/{token}',
  'GET /public/vendor-replies/{token}',
  'POST /public/vendor-replies/{token}',
  'GET /public/invitations/{token}',
  'POST /public/invitations/{token}',
  // Takes a file as multipart/form-data, which this fuzzer of JSON bodies does not build.
  'POST /loas/{id}/signed',
  // A remediation plan is in one stage at a time, and each of these belongs to another: the fixtures'
  // plans are answered already, run for weeks yet, are not terminated, and are not the client's to answer.
  'POST /remediation-plans/{id}/response',
  'POST /remediation-plans/{id}/decision',
  'PUT /remediation-plans/{id}/handover/{key}',
  'POST /portal/remediation-plans/{id}/response',
  'PATCH /portal/remediation-items/{id}',
  'POST /portal/remediation-plans/{id}/decision',
  'POST /vendor-portal/remediation-plans/{id}/response',
]);

/**
 * The fuzzer sends wrong passwords and codes on purpose, and valid-looking bodies may turn the MFA rule
 * on: both would lock the owner out of the rest of the run, so they are undone after each operation.
 */
async function undoSignInSideEffects() {
  await t.handle.db.delete(loginFailures);
  await t.handle.db.update(tenants).set({ mfaRequiredForStaff: false }).where(eq(tenants.id, own.tenantId));
  await t.handle.db.update(sessions).set({ mfaPending: null }).where(eq(sessions.tenantId, own.tenantId));
}

/** The body limit of the route at `path` (below /api/v1): the test app's, or the upload route's own. */
const capOf = (path: string) =>
  LOA_UPLOAD_PATH.test(`/api/v1${path}`) ? LOA_UPLOAD_MAX_BODY_BYTES : MAX_BODY_BYTES;

function check(who: string, op: Operation, c: Case, response: { status: number; text: string }) {
  const where = `${who} ${op.key} [${c.label}] -> ${response.status}`;
  const sentBytes = c.body !== undefined && op.method !== 'GET' ? Buffer.byteLength(c.body) : 0;
  if (sentBytes > capOf(c.path) && response.status !== 413) {
    failures.push(`${where}: a ${sentBytes}-byte body must answer 413`);
  }
  // The test mail reports an SMTP server that refused or was unreachable as 502: the upstream's answer.
  const isUpstreamAnswer = response.status === 502 && response.text.includes('"mail.send_failed"');
  if (response.status >= 500 && !isUpstreamAnswer) {
    failures.push(`${where}: ${response.text.slice(0, 300)}`);
    return;
  }
  if (response.status >= 400) {
    let body: Json;
    try {
      body = JSON.parse(response.text);
    } catch {
      failures.push(`${where}: not JSON: ${response.text.slice(0, 200)}`);
      return;
    }
    if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') {
      failures.push(`${where}: no {error:{code,message}}: ${response.text.slice(0, 200)}`);
    }
  }
}

describe('bad input', () => {
  it('refuses NUL characters and unpaired surrogates with 400 naming the field', async () => {
    const session = await ownerSession();
    const post = (body: string) =>
      request(session, { method: 'POST' } as Operation, { label: '', path: '/clients', query: '', body });
    for (const body of [
      '{"name":"a\\u0000b"}',
      '{"name":"a\\ud800b"}',
      '{"name":"ok","emailDomains":["\\udfff"]}',
    ]) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(JSON.parse(response.text).error.code).toBe('request.invalid');
    }
    expect(JSON.parse((await post('{"name":"a\\u0000b"}')).text).error.details).toEqual([
      { path: ['name'], message: expect.stringContaining('U+0000') },
    ]);
    // A paired surrogate (an emoji) is fine.
    expect((await post('{"name":"Pizza \\ud83c\\udf55"}')).status).toBe(201);
    const query = await request(session, { method: 'GET' } as Operation, {
      label: '',
      path: '/clients',
      query: '?q=%00',
    });
    expect(query.status).toBe(400);
  });

  it('answers odd credentials and headers without a 5xx', async () => {
    const session = await ownerSession();
    for (const op of operations().filter((o) => o.method !== 'DELETE')) {
      const c = buildCases(op)[0]!;
      for (const extra of headerVariants) {
        const headers: Record<string, string> = { ...sessionHeaders.get(session), ...extra };
        if (extra.authorization) delete headers.cookie;
        const hasBody = c.body !== undefined && op.method !== 'GET';
        if (hasBody && !extra['content-type']) headers['content-type'] = 'application/json';
        const response = await t.app.request(`http://localhost/api/v1${c.path}${c.query}`, {
          method: op.method,
          headers,
          body: hasBody ? c.body : undefined,
        });
        check(`headers ${JSON.stringify(extra).slice(0, 60)}`, op, c, {
          status: response.status,
          text: await response.text(),
        });
      }
    }
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('answers 413 request.too_large to a body over the 1 MiB cap (the upload route its own), signed in or not', async () => {
    const session = await ownerSession();
    const routes = operations().filter((op) => op.method !== 'GET');
    expect(routes.length).toBeGreaterThan(20);
    for (const op of routes) {
      const path = op.path.replace(/\{\w+\}/g, own.client);
      const body = JSON.stringify({ name: huge(capOf(path) + 16) });
      for (const who of [session, null]) {
        const c = { label: 'over the cap', path, query: '', body };
        const response = await request(who, op, c);
        expect(response.status, `${op.key} as ${who ? 'owner' : 'anonymous'}`).toBe(413);
        expect(JSON.parse(response.text).error.code).toBe('request.too_large');
      }
    }
  });

  it('no operation answers 5xx or logs an error, whatever it is sent', { timeout: 240_000 }, async () => {
    owner = await ownerSession();
    const portals = await portalSessions();
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops) {
      for (const c of sample(buildCases(op))) {
        const before = logLines.length;
        const portal = portalOf(op);
        const response = await request(portal ? portals[portal] : owner, op, c);
        check('owner', op, c, response);
        if (c.label === 'valid' && response.status >= 400 && !needsASecret.has(op.key))
          invalidBases.push(`${op.key} -> ${response.status} ${response.text.slice(0, 120)}`);
        sent.owner++;
        if (random.next() < 0.1) {
          check('anonymous', op, c, await request(null, op, c));
          sent.anonymous++;
        }
        for (const line of logLines.slice(before).filter((l) => l.level >= 50)) {
          failures.push(`logged error at ${op.key} [${c.label}]: ${JSON.stringify(line).slice(0, 400)}`);
        }
      }
      await undoSignInSideEffects();
      // A mutation may end the session (logout, another tenant): sign in again for the next operation.
      if (
        (await request(owner, { ...op, method: 'GET' }, { label: '', path: '/auth/session', query: '' }))
          .status !== 200
      ) {
        owner = await ownerSession();
      }
    }
    expect(invalidBases.length, invalidBases.join('\n')).toBeLessThan(ops.length / 10);
    if (process.env.FUZZ_VERBOSE) console.info(`refused base requests:\n${invalidBases.join('\n')}`);
    console.info(
      `bad input: seed ${SEED}, ${ops.length} operations, ${sent.owner} as owner, ${sent.anonymous} anonymous`,
    );
    expect(
      failures,
      `seed ${SEED} (replay with FUZZ_SEED=${SEED}):\n${failures.slice(0, 40).join('\n')}`,
    ).toEqual([]);
  });
});

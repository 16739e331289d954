// Route-test harness: the real app over a cloned database, with signed-in clients per role.
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { type AppOptions, createApp } from '../src/server/app.ts';
import type { Clock } from '../src/server/clock.ts';
import { createServices } from '../src/server/main.ts';
import { createLogger } from '../src/server/observability/logger.ts';
import type { StaffRoleValue } from '../src/shared/api/identity.ts';
import { openTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Session cookies over plain HTTP (app.request() has no TLS), valid for an hour. */
export const TEST_COOKIES: AppOptions['cookies'] = { secure: 'false', maxAgeSeconds: 3600 };

/** A logger that keeps the lines it writes, parsed. */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

// biome-ignore lint/suspicious/noExplicitAny: tests check response bodies with assertions, not types
type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  request<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  get<T = Json>(path: string): Promise<ApiResponse<T>>;
  post<T = Json>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = Json>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = Json>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = Json>(path: string): Promise<ApiResponse<T>>;
}

/** A calendar's weekly hours: the same ranges Monday to Friday, nothing at the weekend. */
export const weekdays = (hours: [string, string][]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [] as [string, string][],
  sun: [] as [string, string][],
});

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

/** The membership (staff member) id a signed-in client acts as. */
export async function membershipIdOf(client: ApiClient): Promise<string> {
  return (await client.get('/auth/session')).body.membership.id;
}

/** Opens a database for this test file and returns helpers to talk to the app through app.request().
 * `app` adds to the app's options (logger, metrics, readiness, proxies) for the operations tests. */
export async function startTestApp(options: { clock?: Clock; app?: Partial<AppOptions> } = {}) {
  const handle = await openTestDatabase();
  const services = createServices({ db: handle.db, clock: options.clock });
  const app = createApp(services, {
    cookies: TEST_COOKIES,
    maxBodyBytes: 64 * 1024,
    ...options.app,
  });
  afterAll(() => handle.close());

  function client(cookie?: string, csrf?: string, bearer?: string): ApiClient {
    async function request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
      const headers: Record<string, string> = {};
      if (cookie) headers.cookie = cookie;
      if (csrf) headers['x-csrf-token'] = csrf;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      // Strings and form data (uploads) go as they are; anything else as JSON.
      const isRaw = typeof body === 'string' || body instanceof FormData;
      if (body !== undefined && !isRaw) headers['content-type'] = 'application/json';
      Object.assign(headers, extra);
      const response = await app.request(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : isRaw ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json') ?? false;
      return {
        status: response.status,
        body: text ? (isJson ? JSON.parse(text) : text) : null,
        headers: response.headers,
      };
    }
    return {
      request,
      get: (path) => request('GET', path),
      post: (path, body) => request('POST', path, body ?? {}),
      patch: (path, body) => request('PATCH', path, body ?? {}),
      put: (path, body) => request('PUT', path, body ?? {}),
      delete: (path) => request('DELETE', path),
    };
  }

  const anonymous = client();

  /** The client a response that set a new session cookie (sign-in, MFA, password change) leads to. */
  function clientFrom(response: ApiResponse): ApiClient {
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie in: ${JSON.stringify(response.body)}`);
    return client(cookie, response.body.csrfToken ?? response.body.session?.csrfToken);
  }

  async function signIn(email: string, password = TEST_PASSWORD, tenantId?: string): Promise<ApiClient> {
    const response = await anonymous.post('/auth/login', {
      email,
      password,
      ...(tenantId ? { tenantId } : {}),
    });
    if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return clientFrom(response);
  }

  /**
   * A fresh tenant with its owner signed in: each test gets rows no other test sees. Its staff need no
   * MFA unless asked for (the MFA tests do; everything else is about something else).
   */
  async function newTenant(name = 'Northwind IT', policy = { mfaRequiredForStaff: false }) {
    const email = uniqueEmail('owner');
    const { tenantId } = await services.auth.createTenant(
      { organizationName: name, name: 'Olivia Owner', email, password: TEST_PASSWORD },
      policy,
    );
    const owner = await signIn(email);
    async function member(role: StaffRoleValue, scope: { allClients?: boolean; clientIds?: string[] } = {}) {
      const memberEmail = uniqueEmail(role);
      const created = await owner.post('/users', {
        name: `Test ${role}`,
        email: memberEmail,
        password: TEST_PASSWORD,
        role,
        allClients: scope.allClients ?? false,
        clientIds: scope.clientIds ?? [],
      });
      if (created.status !== 201) throw new Error(`member failed: ${JSON.stringify(created.body)}`);
      return signIn(memberEmail);
    }
    return { tenantId, owner, ownerEmail: email, member };
  }

  return { app, services, handle, anonymous, client, clientFrom, signIn, newTenant };
}

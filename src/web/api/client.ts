// The one way the web app talks to /api/v1: JSON in and out, the CSRF header on mutations, ApiError on failure.

export interface ValidationIssue {
  path: string[];
  message: string;
}

/** An error answered by the API ({error:{code,message,details?}}) or a network failure (code "network"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level problems of a request.invalid answer, keyed by the dotted path ("targets.P1.resolutionMinutes"). */
  get fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    const errors: Record<string, string> = {};
    for (const issue of this.details as ValidationIssue[]) {
      const key = Array.isArray(issue?.path) ? issue.path.join('.') : '';
      if (key && !errors[key]) errors[key] = String(issue.message);
    }
    return errors;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

// The session (and its CSRF token) lives in the query cache; main.tsx tells us how to read it, and how to
// fetch it afresh, so this module stays free of React and of the cache itself.
interface CsrfSource {
  read(): string | undefined;
  /** Re-reads the session from the server (e.g. after another tab signed in again) and returns its token. */
  refresh(): Promise<string | undefined>;
}

let csrf: CsrfSource = { read: () => undefined, refresh: async () => undefined };

export function configureCsrf(source: CsrfSource) {
  csrf = source;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options, csrf.read());
  } catch (error) {
    // A stale token (the session was replaced in another tab) is worth one retry with the current one.
    if (!(error instanceof ApiError && error.code === 'auth.csrf_failed')) throw error;
    const token = await csrf.refresh().catch(() => undefined);
    if (!token) throw error;
    return send<T>(path, options, token);
  }
}

async function send<T>(path: string, options: RequestOptions, csrfToken: string | undefined): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart content type, boundary included.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: isForm
        ? (options.body as FormData)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network',
      'Could not reach the Accord server. Check your connection and try again.',
    );
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const body = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
    throw new ApiError(
      response.status,
      typeof body?.code === 'string' ? body.code : `http.${response.status}`,
      typeof body?.message === 'string' ? body.message : `The server answered ${response.status}.`,
      body?.details,
    );
  }
  return payload as T;
}

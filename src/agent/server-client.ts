// The agent's calls to the server's /agent/v1 API, with Node's fetch and a timeout on each.
import type { AgentEnrolled, AgentEnrollInput, HeartbeatInput } from '../shared/api/agents.ts';
import {
  INVENTORY_BASIS_HEADER,
  type InventoryInput,
  type InventoryReceipt,
} from '../shared/api/inventory.ts';

const TIMEOUT_MS = 30_000;

export class ServerError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
    /** Seconds the server asked us to wait (a 429's or 503's Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** The server's origin; a trailing slash or path is dropped so every call goes to /agent/v1. */
export function normalizeServerUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new ServerError(
      `--server must be a URL such as https://accord.example.com (got "${server}")`,
      null,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ServerError('--server must be an http(s):// URL', null);
  }
  return url.origin;
}

/** Retry-After as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function call(
  server: string,
  path: string,
  body: unknown,
  options: { credential?: string; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const { credential } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (credential) headers.authorization = `Bearer ${credential}`;
  let response: Response;
  try {
    response = await fetch(`${server}/agent/v1${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: options.signal
        ? AbortSignal.any([options.signal, AbortSignal.timeout(TIMEOUT_MS)])
        : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new ServerError(`Could not reach ${server}: ${reason}`, null);
  }
  if (!response.ok) {
    const text = await response.text();
    let message = text.slice(0, 300);
    try {
      message = JSON.parse(text).error?.message ?? message;
    } catch {
      // Not our error body (a proxy's page): its first characters say enough.
    }
    throw new ServerError(
      `${path.slice(1)} failed (${response.status}): ${message}`,
      response.status,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  return response;
}

export async function enroll(server: string, input: AgentEnrollInput): Promise<AgentEnrolled> {
  return (await call(server, '/enroll', input)).json() as Promise<AgentEnrolled>;
}

/** `signal` aborts the call (the agent is stopping). */
export async function sendHeartbeat(
  server: string,
  credential: string,
  input: HeartbeatInput,
  signal?: AbortSignal,
): Promise<void> {
  await call(server, '/heartbeat', input, { credential, signal });
}

/**
 * Sends one inventory report. The server acknowledges it only after it is committed; the same
 * `idempotencyKey` sent again answers `duplicate`, so a report whose answer was lost can be resent.
 * `basis` is the last receipt's `basis`: with it, an unchanged report is taken without the database.
 */
export async function sendInventory(
  server: string,
  credential: string,
  report: { body: InventoryInput; idempotencyKey: string },
  basis: string | null,
  signal?: AbortSignal,
): Promise<InventoryReceipt> {
  const response = await call(server, '/inventory', report.body, {
    credential,
    signal,
    headers: {
      'idempotency-key': report.idempotencyKey,
      ...(basis ? { [INVENTORY_BASIS_HEADER]: basis } : {}),
    },
  });
  return response.json() as Promise<InventoryReceipt>;
}

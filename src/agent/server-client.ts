// The agent's calls to the server's /agent/v1 API, with Node's fetch and a timeout on each.
import type { AgentEnrolled, AgentEnrollInput, HeartbeatInput } from '../shared/api/agents.ts';

const TIMEOUT_MS = 30_000;

export class ServerError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
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

async function call(
  server: string,
  path: string,
  body: unknown,
  options: { credential?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const { credential } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
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
    throw new ServerError(`${path.slice(1)} failed (${response.status}): ${message}`, response.status);
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

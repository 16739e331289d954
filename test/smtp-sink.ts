// A real SMTP server for tests (smtp-server on 127.0.0.1, a random port) that keeps what arrives, plus
// a self-signed certificate for STARTTLS and a tiny OAuth2 token endpoint for XOAUTH2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The authenticated user, when the client signed in. */
  user: string | null;
}

export interface SinkOptions {
  /** A certificate to offer STARTTLS with; without one STARTTLS is not offered. */
  tls?: { key: string; cert: string };
  /** user → password for PLAIN/LOGIN. */
  passwords?: Record<string, string>;
  /** Checks an XOAUTH2 access token for a user. */
  acceptToken?: (user: string, token: string) => boolean;
  /** Answers each DATA (1-based count of messages tried so far): an error with responseCode, or null to accept. */
  answer?: (attempt: number) => { code: number; message: string } | null;
}

export async function startSmtpSink(options: SinkOptions = {}) {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const authMethods = [
    ...(options.passwords ? ['PLAIN', 'LOGIN'] : []),
    ...(options.acceptToken ? ['XOAUTH2'] : []),
  ];
  const config: SMTPServerOptions = {
    secure: false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: authMethods.length === 0,
    ...(authMethods.length > 0 ? { authMethods } : {}),
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        if (options.acceptToken?.(auth.username ?? '', auth.accessToken ?? '')) {
          return callback(null, { user: auth.username });
        }
        return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'smtp' } });
      }
      if (options.passwords && options.passwords[auth.username ?? ''] === auth.password) {
        return callback(null, { user: auth.username });
      }
      const error = Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts++;
        const refusal = options.answer?.(attempts) ?? null;
        if (refusal) {
          return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : null,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost (openssl), which is also its own CA. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'accord-smtp-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An OAuth2 token endpoint: trades the one refresh token it knows for a new access token each time. With
 * `user`, it also answers token introspection (RFC 7662) at introspectionUrl: active, for `user`, when it
 * issued the token. */
export async function startTokenEndpoint(expected: {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  user?: string;
}) {
  const issued: string[] = [];
  const requests: Record<string, string>[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      res.setHeader('content-type', 'application/json');
      if (expected.user && req.url === '/introspect') {
        const isActive = issued.includes(form.token ?? '');
        res.end(JSON.stringify(isActive ? { active: true, username: expected.user } : { active: false }));
        return;
      }
      requests.push(form);
      if (
        form.grant_type !== 'refresh_token' ||
        form.client_id !== expected.clientId ||
        form.client_secret !== expected.clientSecret ||
        form.refresh_token !== expected.refreshToken
      ) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Bad refresh token' }));
        return;
      }
      const token = `access-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
      issued.push(token);
      res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/token`,
    introspectionUrl: `http://127.0.0.1:${port}/introspect`,
    issued,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Decodes quoted-printable text (soft breaks and =XX escapes) for assertions on a part's content. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The value of a top-level header (unfolded). */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
  return match ? match[1]!.trim() : null;
}

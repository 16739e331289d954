// Talking to an organization's SMTP server (nodemailer), what its answers mean for a retry, and the
// retry schedule. Certificates are always verified; `ca` adds trusted roots (tests, private relays).
import { createTransport } from 'nodemailer';
import type { SmtpSecret } from '../../../shared/api/mail.ts';
import type { MailSettingsRow } from './mail.repository.ts';

/** Waits before attempts 2, 3, …: 1 min, 5 min, 30 min, 2 h, 6 h; after the sixth attempt it failed. */
export const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600] as const;
export const MAX_ATTEMPTS = retryDelaysSeconds.length + 1;

/** When to try again after `attempts` attempts have failed (null: that was the last one). */
export function retryAt(failedAt: Date, attempts: number): Date | null {
  const delay = retryDelaysSeconds[attempts - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay * 1000);
}

export interface OutgoingMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
}

export interface DeliveryOptions {
  /** Extra trusted certificate authorities (PEM), on top of the system's. */
  ca?: string | string[];
  /** Milliseconds to wait for a connection and the greeting; default 15 s. */
  connectionTimeoutMs?: number;
}

/** Why a send failed, said the way an admin can act on it, and whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

type NodemailerError = Error & {
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  errno?: string;
};

export function describeFailure(
  error: unknown,
  settings: { smtpHost: string; smtpPort: number },
): DeliveryError {
  const e = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (e.response && code) {
    // The server's own words: "535 5.7.8 Authentication failed", "550 5.1.1 no such user".
    return new DeliveryError(e.response.trim().slice(0, 1000), code >= 500, code);
  }
  const where = `${settings.smtpHost}:${settings.smtpPort}`;
  const underlying = e.message.match(/\b(E[A-Z_]{3,})\b/)?.[1];
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT' || e.code === 'EDNS') {
    const reason = underlying && underlying !== e.code ? underlying : e.message;
    if (/certificate|self.signed|CERT|unable to verify/i.test(e.message)) {
      return new DeliveryError(`TLS certificate of ${where} not trusted: ${e.message}`, false, null);
    }
    return new DeliveryError(`could not connect to ${where}: ${reason}`, false, null);
  }
  if (e.code === 'EAUTH') return new DeliveryError(`authentication failed: ${e.message}`, true, null);
  if (e.code === 'EOAUTH2') return new DeliveryError(`OAuth2 token refresh failed: ${e.message}`, true, null);
  if (e.code === 'ETLS') return new DeliveryError(`TLS with ${where} failed: ${e.message}`, false, null);
  return new DeliveryError(e.message.slice(0, 1000), false, null);
}

/** Opens the sealed secret the settings hold; null when the server takes no sign-in. */
export type SecretOpener = (settings: MailSettingsRow) => SmtpSecret | null;

function transportFor(settings: MailSettingsRow, secret: SmtpSecret | null, options: DeliveryOptions) {
  const timeout = options.connectionTimeoutMs ?? 15_000;
  const user = settings.smtpUser ?? '';
  let auth: Record<string, unknown> | undefined;
  if (settings.smtpAuth === 'password' && secret?.kind === 'password') {
    auth = { user, pass: secret.password };
  } else if (settings.smtpAuth === 'xoauth2' && secret?.kind === 'xoauth2') {
    auth = {
      type: 'OAuth2',
      user,
      clientId: secret.clientId,
      clientSecret: secret.clientSecret,
      refreshToken: secret.refreshToken,
      accessUrl: secret.tokenUrl,
      ...(secret.scope ? { customParams: { scope: secret.scope } } : {}),
    };
  } else if (settings.smtpAuth !== 'none') {
    throw new DeliveryError(
      'The SMTP sign-in secret is missing; enter it again in the mail settings.',
      true,
      null,
    );
  }
  return createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecurity === 'tls',
    requireTLS: settings.smtpSecurity === 'starttls',
    ignoreTLS: settings.smtpSecurity === 'none',
    auth: auth as never,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 60_000,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(options.ca ? { ca: options.ca } : {}) },
  });
}

/** Sends one message; answers the server's reply, or throws a DeliveryError. */
export async function deliver(
  settings: MailSettingsRow,
  secret: SmtpSecret | null,
  message: OutgoingMessage,
  options: DeliveryOptions = {},
): Promise<string> {
  const transport = transportFor(settings, secret, options);
  try {
    const info = await transport.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html === null ? {} : { html: message.html }),
      messageId: message.messageId,
      // Machine-sent: auto-responders should not answer it (RFC 3834).
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return String(info.response ?? '');
  } catch (error) {
    throw error instanceof DeliveryError ? error : describeFailure(error, settings);
  } finally {
    transport.close();
  }
}

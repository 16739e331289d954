// Reading an organization's IMAP folder (imapflow): new mail is handed over oldest first, and only once the
// handler is done is it marked \Seen and moved away. Certificates are always verified; `ca` adds trusted
// roots (tests, private servers). Failures are ImapErrors worded for the admin who set the mailbox up.
import { ImapFlow, type ImapFlowError, type MailboxObject } from 'imapflow';

export interface ImapConnection {
  host: string;
  port: number;
  /** tls: TLS from the first byte (993); starttls: upgrade required (143); none: loopback only. */
  security: 'tls' | 'starttls' | 'none';
  user: string;
  auth: { kind: 'password'; password: string } | { kind: 'xoauth2'; accessToken: string };
  /** Usually 'INBOX'. A '/' separates levels whatever the server's own separator is. */
  folder: string;
  /** Where processed mail is moved (created when missing); null: it stays, marked \Seen. */
  processedFolder: string | null;
}

export interface ImapOptions {
  /** Extra trusted certificate authorities (PEM), on top of the system's. */
  ca?: string | string[];
  /** Milliseconds to wait for a connection and the greeting; default 15 s. */
  connectionTimeoutMs?: number;
  /** Larger messages are not downloaded; the handler is told their size. */
  maxMessageBytes: number;
}

/** How far a folder has been read: every message up to lastUid within this UIDVALIDITY was handled. */
export interface ImapCursor {
  uidValidity: string | null;
  lastUid: number;
}

export type FetchedMessage = { uid: number; raw: Buffer } | { uid: number; size: number; tooLarge: true };

/** Why talking to the IMAP server failed, said the way an admin can act on it. */
export class ImapError extends Error {
  constructor(
    message: string,
    readonly isAuthFailure: boolean,
  ) {
    super(message);
    this.name = 'ImapError';
  }
}

/** Carries a handler's own error past the translation into ImapErrors. */
class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Fetches the messages after the cursor (UID > lastUid in the same UIDVALIDITY; when UIDVALIDITY changed or is
 * null, every message not flagged \Seen), oldest first, at most `limit` per call; calls `handle` for each, in
 * order, and only after `handle` resolved marks it \Seen and moves it to processedFolder (if set). If `handle`
 * throws, stop there and rethrow. Messages larger than maxMessageBytes are not downloaded: handle gets
 * `{ uid, size, tooLarge: true }`. Returns the new cursor and how many were handled.
 *
 * `handle` also gets the cursor that covers the message it is given: saving it with what the message became
 * (in one transaction) keeps a handler failure later in the batch from handing the earlier ones over again.
 */
export async function pollImapMailbox(
  conn: ImapConnection,
  cursor: ImapCursor,
  handle: (message: FetchedMessage, cursorAfter: ImapCursor) => Promise<void>,
  options: ImapOptions,
  limit = 50,
): Promise<{ cursor: ImapCursor; handled: number }> {
  return withMailbox(conn, options, async (client) => {
    const mailbox = await openFolder(client, conn.folder, false);
    const uidValidity = mailbox.uidValidity.toString();
    const sameEpoch = cursor.uidValidity === uidValidity;
    const found = sameEpoch
      ? await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })
      : await client.search({ seen: false }, { uid: true });
    // "n:*" also matches the newest message when every UID is below n.
    const pending = (found || []).filter((uid) => !sameEpoch || uid > cursor.lastUid).sort((a, b) => a - b);
    const batch = pending.slice(0, limit);
    const sizes = new Map<number, number>();
    if (batch.length > 0) {
      for (const message of await client.fetchAll(
        batch.join(','),
        { uid: true, size: true },
        { uid: true },
      )) {
        sizes.set(message.uid, message.size ?? 0);
      }
    }
    if (conn.processedFolder && batch.length > 0) await createFolder(client, conn.processedFolder);

    // After a new UIDVALIDITY, unseen mail is read until none is left; only then is the folder's newest UID
    // the point to go on from. Until then the cursor keeps saying "read what is unseen".
    const isWholeBacklog = batch.length === pending.length;
    const lastInBatch = batch.at(-1) ?? 0;
    const finalCursor: ImapCursor = sameEpoch
      ? { uidValidity, lastUid: Math.max(cursor.lastUid, lastInBatch) }
      : isWholeBacklog
        ? { uidValidity, lastUid: Math.max(lastInBatch, (mailbox.uidNext ?? 1) - 1) }
        : { uidValidity: null, lastUid: lastInBatch };
    const cursorAfter = (uid: number): ImapCursor =>
      uid === lastInBatch
        ? finalCursor
        : sameEpoch
          ? { uidValidity, lastUid: uid }
          : { uidValidity: null, lastUid: uid };

    let handled = 0;
    for (const uid of batch) {
      const size = sizes.get(uid);
      const message =
        size === undefined ? null : await fetchMessage(client, uid, size, options.maxMessageBytes);
      // Gone (expunged by someone else) since the search: nothing to hand over.
      if (!message) continue;
      try {
        await handle(message, cursorAfter(uid));
      } catch (error) {
        throw new HandlerFailed(error);
      }
      handled++;
      await markProcessed(client, uid, conn.processedFolder);
    }
    return { cursor: finalCursor, handled };
  });
}

/** For a "Test connection" button: signs in, opens the folder, answers its message and unseen counts. */
export async function checkImapMailbox(
  conn: ImapConnection,
  options: Partial<ImapOptions>,
): Promise<{ messages: number; unseen: number }> {
  return withMailbox(conn, options, async (client) => {
    const mailbox = await openFolder(client, conn.folder, true);
    const unseen = mailbox.exists === 0 ? [] : await client.search({ seen: false }, { uid: true });
    return { messages: mailbox.exists, unseen: (unseen || []).length };
  });
}

/** Connects and signs in, runs `work`, and logs out or at least closes the connection, whatever happened. */
async function withMailbox<T>(
  conn: ImapConnection,
  options: Pick<ImapOptions, 'ca' | 'connectionTimeoutMs'>,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const timeout = options.connectionTimeoutMs ?? 15_000;
  const client = new ImapFlow({
    host: conn.host,
    port: conn.port,
    secure: conn.security === 'tls',
    doSTARTTLS: conn.security === 'starttls' ? true : conn.security === 'none' ? false : undefined,
    auth:
      conn.auth.kind === 'password'
        ? { user: conn.user, pass: conn.auth.password }
        : { user: conn.user, accessToken: conn.auth.accessToken },
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(options.ca ? { ca: options.ca } : {}) },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    // Quiet while a handler works on a message; the server itself logs idle clients out after 30 min.
    socketTimeout: 5 * 60_000,
  });
  // Failures also reject the pending command; without a listener an 'error' event would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    if (error instanceof HandlerFailed) throw error.error;
    throw describeImapFailure(error, conn);
  } finally {
    await closeQuietly(client);
  }
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
  } catch {
    // Closing below is all that is left to do.
  } finally {
    client.close();
  }
}

/** The folder's path as imapflow takes it: levels joined with the server's separator. */
const folderPath = (folder: string): string[] => folder.split('/');

async function openFolder(client: ImapFlow, folder: string, readOnly: boolean): Promise<MailboxObject> {
  try {
    return await client.mailboxOpen(folderPath(folder), { readOnly });
  } catch (error) {
    const e = error as ImapFlowError;
    if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT') {
      throw new ImapError(`folder "${folder}" does not exist`, false);
    }
    // Refused by the server (NO, BAD); a lost connection is described by the caller.
    if (!e.responseStatus) throw error;
    throw new ImapError(`could not open folder "${folder}": ${serverWords(e)}`, false);
  }
}

async function createFolder(client: ImapFlow, folder: string): Promise<void> {
  try {
    // Answers created: false when it exists already.
    await client.mailboxCreate(folderPath(folder));
  } catch (error) {
    const e = error as ImapFlowError;
    if (!e.responseStatus) throw error;
    throw new ImapError(`could not create folder "${folder}": ${serverWords(e)}`, false);
  }
}

async function fetchMessage(
  client: ImapFlow,
  uid: number,
  size: number,
  maxMessageBytes: number,
): Promise<FetchedMessage | null> {
  if (size > maxMessageBytes) return { uid, size, tooLarge: true };
  // BODY.PEEK[]: reading does not set \Seen; that waits for the handler.
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  const source = message ? message.source : undefined;
  return source ? { uid, raw: source } : null;
}

async function markProcessed(client: ImapFlow, uid: number, processedFolder: string | null): Promise<void> {
  if (!(await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }))) {
    throw new ImapError(`could not mark message ${uid} as read`, false);
  }
  if (
    processedFolder &&
    !(await client.messageMove(String(uid), folderPath(processedFolder), { uid: true }))
  ) {
    throw new ImapError(`could not move message ${uid} to folder "${processedFolder}"`, false);
  }
}

/** The server's own words for a refused command, else the error's. */
function serverWords(e: ImapFlowError): string {
  const response = typeof e.response === 'string' ? e.response : undefined;
  return (e.responseText || response || e.message).trim().slice(0, 1000);
}

/** imapflow's codes for a connection that failed, in words. */
const connectReasons: Record<string, string> = {
  CONNECT_TIMEOUT: 'timed out',
  GREETING_TIMEOUT: 'no IMAP greeting came (is this an IMAP port?)',
  ETIMEOUT: 'the server stopped answering',
  NoConnection: 'the connection was closed',
  EConnectionClosed: 'the connection was closed',
  ClosedAfterConnectText: 'the server closed the connection at once',
  ClosedAfterConnectTLS: 'the server closed the connection right after TLS',
};

/** The system's reasons a connection failed, shown as they are. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** What went wrong, for the admin: where it failed and the server's or the system's words. */
function describeImapFailure(error: unknown, conn: { host: string; port: number }): ImapError {
  if (error instanceof ImapError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as ImapFlowError;
  const where = `${conn.host}:${conn.port}`;
  if (e.authenticationFailed) {
    // XOAUTH2 and OAUTHBEARER refusals carry a JSON status: Google and Dovecot say 401 or invalid_token.
    const status = (e.oauthError as { status?: unknown } | undefined)?.status;
    const detail = typeof status === 'string' ? ` (access token refused: ${status})` : '';
    return new ImapError(`sign-in failed: ${serverWords(e)}${detail}`, true);
  }
  if (/certificate|self[- ]signed|unable to verify|CERT_|altnames/i.test(`${e.code ?? ''} ${e.message}`)) {
    return new ImapError(`TLS certificate of ${where} not trusted: ${e.message}`, false);
  }
  if (e.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    // A TLS hello answered in plain text: a STARTTLS or plain port given for 'tls'.
    return new ImapError(
      `TLS with ${where} failed: the server did not answer in TLS; is this port for STARTTLS (usually 143) rather than TLS (usually 993)?`,
      false,
    );
  }
  if (e.tlsFailed || /SSL|TLS/i.test(e.code ?? '')) {
    // OpenSSL's "…:SSL routines:<function>:<reason>:<file>:<line>:" → the reason.
    const reason = e.message.match(/SSL routines:[^:]*:([^:]+)/)?.[1] ?? e.message;
    return new ImapError(`TLS with ${where} failed: ${reason}`, false);
  }
  if (e.code && (networkCodes.has(e.code) || Object.hasOwn(connectReasons, e.code))) {
    return new ImapError(`could not connect to ${where}: ${connectReasons[e.code] ?? e.code}`, false);
  }
  return new ImapError(serverWords(e), false);
}

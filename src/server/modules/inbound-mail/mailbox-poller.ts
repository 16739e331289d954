// Reading organizations' IMAP mailboxes: one poll per mailbox at a time across app nodes (a lease), each
// message taken and committed before it is marked read, where the poll stopped kept as the mailbox's
// cursor, and OAuth2 access tokens refreshed when they run out (a rotated refresh token is sealed again).
import { type ImapSecret, imapSecretSchema } from '../../../shared/api/inbound-mail.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import type { SecretBox } from '../../secret-box.ts';
import {
  checkImapMailbox,
  type ImapConnection,
  ImapError,
  type ImapOptions,
  pollImapMailbox,
} from './imap-fetch.ts';
import * as repo from './inbound-mail.repository.ts';
import { MAX_MESSAGE_BYTES, type Receiver } from './inbound-receive.ts';
import { refreshAccessToken } from './oauth-token.ts';

/** Long enough for a slow mailbox's batch; a node that dies mid-poll frees the mailbox after it. */
const LEASE_MS = 10 * 60_000;
/** Refresh an access token this long before it runs out. */
const TOKEN_MARGIN_MS = 60_000;

export const imapSecretContext = (tenantId: string, mailboxId: string) => `imap:${tenantId}:${mailboxId}`;

class MailboxSecretError extends Error {}

export interface PollerDeps {
  db: Database;
  clock: Clock;
  secretBox: SecretBox;
  receiver: Receiver;
  /** Trusted roots and timeouts for IMAP connections (tests add their self-signed CA). */
  imap?: Omit<ImapOptions, 'maxMessageBytes'>;
}

export function createMailboxPoller(deps: PollerDeps) {
  const { db, clock, secretBox, receiver } = deps;
  const options: ImapOptions = { ...deps.imap, maxMessageBytes: MAX_MESSAGE_BYTES };
  const tokens = new Map<string, { accessToken: string; expiresAt: number | null }>();

  function openSecret(row: repo.MailboxRow): ImapSecret {
    if (!row.imapSecret)
      throw new MailboxSecretError('No password or OAuth2 token is stored; enter it again.');
    try {
      return imapSecretSchema.parse(
        JSON.parse(secretBox.open(row.imapSecret, imapSecretContext(row.tenantId, row.id))),
      );
    } catch {
      throw new MailboxSecretError(
        "The stored mailbox secret cannot be opened with this install's key; enter it again.",
      );
    }
  }

  async function accessToken(row: repo.MailboxRow, secret: Extract<ImapSecret, { kind: 'xoauth2' }>) {
    const cached = tokens.get(row.id);
    if (cached && (cached.expiresAt === null || cached.expiresAt - TOKEN_MARGIN_MS > clock.now().getTime())) {
      return cached.accessToken;
    }
    const fresh = await refreshAccessToken(secret);
    tokens.set(row.id, { accessToken: fresh.accessToken, expiresAt: fresh.expiresAt?.getTime() ?? null });
    if (fresh.refreshToken && fresh.refreshToken !== secret.refreshToken) {
      // Providers that rotate refresh tokens invalidate the old one: keep the new one at once.
      const sealed = secretBox.seal(
        JSON.stringify({ ...secret, refreshToken: fresh.refreshToken }),
        imapSecretContext(row.tenantId, row.id),
      );
      await repo.updateMailbox(db, row.tenantId, row.id, { imapSecret: sealed });
    }
    return fresh.accessToken;
  }

  async function connectionFor(row: repo.MailboxRow): Promise<ImapConnection> {
    const secret = openSecret(row);
    return {
      host: row.imapHost ?? '',
      port: row.imapPort ?? 993,
      security: row.imapSecurity ?? 'tls',
      user: row.imapUser ?? '',
      auth:
        secret.kind === 'password'
          ? { kind: 'password', password: secret.password }
          : { kind: 'xoauth2', accessToken: await accessToken(row, secret) },
      folder: row.imapFolder,
      processedFolder: row.imapProcessedFolder,
    };
  }

  /** Reads what is new in one mailbox held under this poll's lease; records the outcome on the mailbox. */
  async function pollHeld(row: repo.MailboxRow): Promise<number> {
    const target = {
      tenantId: row.tenantId,
      mailboxId: row.id,
      via: 'imap' as const,
      boardId: row.boardId,
      defaultPriority: row.defaultPriority,
    };
    let cursor = { uidValidity: row.imapUidValidity, lastUid: row.imapLastUid };
    let received = 0;
    try {
      const connection = await connectionFor(row);
      // Batches of 50 until the folder has nothing new, so a backlog drains in one poll.
      for (;;) {
        const batch = await pollImapMailbox(
          connection,
          cursor,
          async (message, cursorAfter) => {
            await receiver.receive(target, 'raw' in message ? { raw: message.raw } : message);
            // Kept after each message: a poll that fails later resumes after it, not before the batch.
            cursor = cursorAfter;
            await repo.updateMailbox(db, row.tenantId, row.id, {
              imapUidValidity: cursor.uidValidity,
              imapLastUid: cursor.lastUid,
            });
          },
          options,
        );
        cursor = batch.cursor;
        received += batch.handled;
        if (batch.handled === 0) break;
      }
      await repo.updateMailbox(db, row.tenantId, row.id, {
        imapUidValidity: cursor.uidValidity,
        imapLastUid: cursor.lastUid,
        lastPolledAt: clock.now(),
        lastError: null,
        pollLeaseUntil: null,
      });
      return received;
    } catch (error) {
      await repo.updateMailbox(db, row.tenantId, row.id, {
        lastPolledAt: clock.now(),
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
        pollLeaseUntil: null,
      });
      // A refused sign-in may be an access token revoked early: the next poll asks for a new one.
      if (error instanceof ImapError && error.isAuthFailure) tokens.delete(row.id);
      throw error;
    }
  }

  async function pollOne(row: repo.MailboxRow): Promise<number | null> {
    const now = clock.now();
    if (!(await repo.claimPollLease(db, row, now, new Date(now.getTime() + LEASE_MS)))) return null;
    return pollHeld(row);
  }

  return {
    /** Signs in and opens the folder: what the "Test connection" button shows. */
    async check(row: repo.MailboxRow) {
      return checkImapMailbox(await connectionFor(row), options);
    },

    /** Polls one mailbox now; null when another poll holds it. Errors are recorded on the mailbox and thrown. */
    pollOne,

    /** The job's pass: every enabled IMAP mailbox; one failing mailbox does not stop the others. */
    async pollAll(log: (message: string, error: unknown) => void = () => {}): Promise<number> {
      let received = 0;
      for (const row of await repo.listPollableMailboxes(db, clock.now())) {
        try {
          received += (await pollOne(row)) ?? 0;
        } catch (error) {
          log(`mailbox ${row.address} could not be read`, error);
        }
      }
      return received;
    },

    /** Forgets a mailbox's cached access token (its secret changed). */
    forget(mailboxId: string) {
      tokens.delete(mailboxId);
    },
  };
}

export type MailboxPoller = ReturnType<typeof createMailboxPoller>;

// Mailboxes an organization receives at (mail.manage): an IMAP server to read (its secret sealed, never
// shown) or an address the SMTP listener accepts; the connection test and a poll on demand.
import type { Mailbox, MailboxCheck, MailboxInput } from '../../../shared/api/inbound-mail.ts';
import { oauthAppOf } from '../../../shared/api/mail.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { SecretBox } from '../../secret-box.ts';
import * as repo from './inbound-mail.repository.ts';
import { imapSecretContext, type MailboxPoller } from './mailbox-poller.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const mailboxNotFound = () => new AppError('mailbox.not_found', 'Mailbox not found.');

export function createMailboxService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  secretBox: SecretBox;
  poller: MailboxPoller;
}) {
  const { db, actions, clock, secretBox, poller } = deps;

  function toMailbox(row: repo.MailboxRow): Mailbox {
    let oauth: NonNullable<Mailbox['imap']>['oauth'] = null;
    if (row.imapAuth === 'xoauth2' && row.imapSecret) {
      try {
        oauth = oauthAppOf(
          JSON.parse(secretBox.open(row.imapSecret, imapSecretContext(row.tenantId, row.id))),
        );
      } catch {
        oauth = null; // unreadable under this key: shown as not set, entered again
      }
    }
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      kind: row.kind,
      imap:
        row.kind === 'imap'
          ? {
              host: row.imapHost ?? '',
              port: row.imapPort ?? 993,
              security: row.imapSecurity ?? 'tls',
              auth: row.imapAuth ?? 'password',
              user: row.imapUser ?? '',
              hasSecret: row.imapSecret !== null,
              oauth,
              folder: row.imapFolder,
              processedFolder: row.imapProcessedFolder,
            }
          : null,
      boardId: row.boardId,
      defaultPriority: row.defaultPriority,
      isEnabled: row.isEnabled,
      lastPolledAt: iso(row.lastPolledAt),
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function requireMailbox(executor: Executor, tenantId: string, id: string) {
    const row = await repo.findMailbox(executor, tenantId, id);
    if (!row) throw mailboxNotFound();
    return row;
  }

  /** The mailbox's columns from the form; the secret sealed, or kept when omitted and still of its kind. */
  async function columnsFor(
    tx: Executor,
    tenantId: string,
    id: string,
    input: MailboxInput,
    before: repo.MailboxRow | null,
  ) {
    const owner = await repo.findMailboxByAddress(tx, input.address);
    if (owner && owner.id !== id) {
      throw new AppError('mailbox.address_taken', `Another mailbox already receives at ${input.address}.`, [
        { path: ['address'], message: 'Already used by another mailbox' },
      ]);
    }
    const imap = input.imap ?? null;
    let imapSecret: string | null = null;
    if (imap?.secret)
      imapSecret = secretBox.seal(JSON.stringify(imap.secret), imapSecretContext(tenantId, id));
    else if (imap) {
      imapSecret = before?.imapAuth === imap.auth ? before.imapSecret : null;
      if (!imapSecret) {
        throw new AppError(
          'request.invalid',
          imap.auth === 'password'
            ? 'Enter the password to sign in to the mailbox with.'
            : 'Enter the OAuth2 client id, client secret, refresh token and token URL.',
          [{ path: ['imap', 'secret'], message: 'Required for this sign-in method' }],
        );
      }
    }
    const isNewServer =
      !before ||
      before.imapHost !== (imap?.host ?? null) ||
      before.imapUser !== (imap?.user ?? null) ||
      before.imapFolder !== (imap?.folder ?? 'INBOX');
    return {
      name: input.name,
      address: input.address,
      kind: input.kind,
      imapHost: imap?.host ?? null,
      imapPort: imap?.port ?? null,
      imapSecurity: imap?.security ?? null,
      imapAuth: imap?.auth ?? null,
      imapUser: imap?.user ?? null,
      imapSecret,
      imapFolder: imap?.folder ?? 'INBOX',
      imapProcessedFolder: imap?.processedFolder ?? null,
      // Another server or folder: its UIDs mean nothing here, so reading starts again from its unread mail.
      ...(isNewServer ? { imapUidValidity: null, imapLastUid: 0 } : {}),
      boardId: input.boardId ?? null,
      defaultPriority: input.defaultPriority,
      isEnabled: input.isEnabled,
      updatedAt: clock.now(),
    };
  }

  const boardInvalid = () =>
    new AppError('request.invalid', 'No such board.', [{ path: ['boardId'], message: 'No such board' }]);

  async function withBoardCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw isForeignKeyViolation(error) ? boardInvalid() : error;
    }
  }

  return {
    async listMailboxes(scope: Scope): Promise<Mailbox[]> {
      return (await repo.listMailboxes(db, scope.tenantId)).map(toMailbox);
    },

    async getMailbox(scope: Scope, id: string): Promise<Mailbox> {
      return toMailbox(await requireMailbox(db, scope.tenantId, id));
    },

    async createMailbox(actor: Actor, input: MailboxInput): Promise<Mailbox> {
      return withBoardCheck(() =>
        actions.run(actor, 'mailbox.create', async (tx, audit) => {
          const { tenantId } = actor.scope;
          const id = newId();
          await repo.insertMailbox(tx, {
            tenantId,
            id,
            ...(await columnsFor(tx, tenantId, id, input, null)),
          });
          const after = toMailbox(await requireMailbox(tx, tenantId, id));
          audit.target('mailbox', id);
          audit.change(null, after);
          return after;
        }),
      );
    },

    async updateMailbox(actor: Actor, id: string, input: MailboxInput): Promise<Mailbox> {
      const result = await withBoardCheck(() =>
        actions.run(actor, 'mailbox.update', async (tx, audit) => {
          const { tenantId } = actor.scope;
          const before = await requireMailbox(tx, tenantId, id);
          audit.target('mailbox', id);
          await repo.updateMailbox(tx, tenantId, id, await columnsFor(tx, tenantId, id, input, before));
          const after = toMailbox(await requireMailbox(tx, tenantId, id));
          audit.change(toMailbox(before), { ...after, secretChanged: input.imap?.secret !== undefined });
          return after;
        }),
      );
      poller.forget(id);
      return result;
    },

    async deleteMailbox(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'mailbox.delete', async (tx, audit) => {
        const before = await requireMailbox(tx, actor.scope.tenantId, id);
        audit.target('mailbox', id);
        await repo.deleteMailbox(tx, actor.scope.tenantId, id);
        audit.change(toMailbox(before), null);
      });
      poller.forget(id);
    },

    /** Signs in to the IMAP server and opens the folder; 502 with the server's answer when it cannot. */
    async checkMailbox(scope: Scope, id: string): Promise<MailboxCheck> {
      const row = await requireMailbox(db, scope.tenantId, id);
      if (row.kind !== 'imap') {
        throw new AppError(
          'conflict',
          'This mailbox receives through the SMTP listener; there is nothing to sign in to.',
        );
      }
      try {
        return await poller.check(row);
      } catch (error) {
        throw new AppError('mailbox.check_failed', error instanceof Error ? error.message : String(error), {
          server: `${row.imapHost}:${row.imapPort}`,
        });
      }
    },

    /** Reads the mailbox now, as the minute job would. */
    async pollMailbox(scope: Scope, id: string): Promise<{ received: number }> {
      const row = await requireMailbox(db, scope.tenantId, id);
      if (row.kind !== 'imap' || !row.isEnabled) {
        throw new AppError(
          'conflict',
          row.kind === 'imap'
            ? 'The mailbox is turned off.'
            : 'Mail for this address arrives through the SMTP listener.',
        );
      }
      let received: number | null;
      try {
        received = await poller.pollOne(row);
      } catch (error) {
        throw new AppError('mailbox.check_failed', error instanceof Error ? error.message : String(error), {
          server: `${row.imapHost}:${row.imapPort}`,
        });
      }
      if (received === null)
        throw new AppError('conflict', 'The mailbox is being read right now; try again in a minute.');
      return { received };
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;

// The install's own SMTP listener, for installs that receive mail directly (as the MX, or behind a relay)
// instead of polling IMAP. It accepts mail only for the addresses of enabled mailboxes of kind 'smtp'
// (so it is never an open relay), takes no sign-in, and answers 250 only after the message is committed.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Database } from '../../db/client.ts';
import * as repo from './inbound-mail.repository.ts';
import { MAX_MESSAGE_BYTES, type Receiver, type ReceiveTarget } from './inbound-receive.ts';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** Offered as STARTTLS when given (PEM). */
  tls?: { key: string; cert: string } | null;
  /** Defaults to MAX_MESSAGE_BYTES; larger messages are refused with 552. */
  maxBytes?: number;
}

const MAX_RECIPIENTS = 20;

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(deps: {
  db: Database;
  receiver: Receiver;
  options: SmtpListenerOptions;
  log: (message: string, error: unknown) => void;
}) {
  const { db, receiver, options } = deps;
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  /** Each session's accepted recipients, as the mailboxes they belong to. */
  const targets = new WeakMap<SMTPServerSession, Map<string, ReceiveTarget>>();

  const server = new SMTPServer({
    name: 'accord',
    banner: 'Accord help desk',
    size: maxBytes,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    onMailFrom(_address, session, callback) {
      targets.delete(session); // a new transaction in the same session starts without recipients
      callback();
    },
    onRcptTo(address, session, callback) {
      const accepted = targets.get(session) ?? new Map<string, ReceiveTarget>();
      if (accepted.size >= MAX_RECIPIENTS) {
        return callback(smtpError(452, '4.5.3 Too many recipients'));
      }
      repo
        .findMailboxByAddress(db, address.address)
        .then((mailbox) => {
          if (mailbox?.kind !== 'smtp' || !mailbox.isEnabled) {
            return callback(smtpError(550, '5.1.1 No such mailbox here'));
          }
          // Two addresses of one organization in one message: it is taken once, for the first.
          if (![...accepted.values()].some((t) => t.tenantId === mailbox.tenantId)) {
            accepted.set(mailbox.id, {
              tenantId: mailbox.tenantId,
              mailboxId: mailbox.id,
              via: 'smtp',
              boardId: mailbox.boardId,
              defaultPriority: mailbox.defaultPriority,
            });
          }
          targets.set(session, accepted);
          callback();
        })
        .catch((error) => {
          deps.log(`recipient ${address.address} could not be looked up`, error);
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          return callback(smtpError(552, `5.3.4 Message too big: at most ${maxBytes} bytes`));
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const pending = [...(targets.get(session)?.values() ?? [])];
        targets.delete(session);
        (async () => {
          for (const target of pending) await receiver.receive(target, { raw }, envelopeFrom);
        })().then(
          () => callback(),
          (error) => {
            deps.log('a received message could not be stored', error);
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
    onClose(session) {
      targets.delete(session);
    },
  });
  server.on('error', (error) => deps.log('SMTP listener error', error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpListener = Awaited<ReturnType<typeof startSmtpListener>>;

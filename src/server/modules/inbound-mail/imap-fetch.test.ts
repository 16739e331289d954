import { type AddressInfo, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, dovecotUnavailable, startDovecot } from '../../../../test/dovecot.ts';
import { headerOf, selfSignedCertificate, startTokenEndpoint } from '../../../../test/smtp-sink.ts';
import {
  checkImapMailbox,
  type FetchedMessage,
  type ImapConnection,
  type ImapCursor,
  ImapError,
  pollImapMailbox,
} from './imap-fetch.ts';
import { refreshAccessToken } from './oauth-token.ts';

const unavailable = dovecotUnavailable();

// One mailbox user per test, so no test sees another's mail.
const passwords: Record<string, string> = {
  ana: 'ana-secret',
  ben: 'ben-secret',
  cy: 'cy-secret',
  dee: 'dee-secret',
  eve: 'eve-secret',
  fay: 'fay-secret',
  gus: 'gus-secret',
  hal: 'hal-secret',
  'ops@northwind.example': 'ops-secret',
};
const oauthClient = { clientId: 'accord', clientSecret: 'client-secret', refreshToken: 'refresh-1' };
const fresh: ImapCursor = { uidValidity: null, lastUid: 0 };
const options = { maxMessageBytes: 1_000_000 };

function mail(subject: string, body = `About: ${subject}`): string {
  return [
    'From: Carol Client <carol@contoso.example>',
    'To: help@northwind.example',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2)}@contoso.example>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0000',
    '',
    body,
    '',
  ].join('\r\n');
}

const subjectOf = (m: FetchedMessage) => ('raw' in m ? headerOf(m.raw.toString('utf8'), 'Subject') : null);

/** A handler that keeps what it is given. */
function collector() {
  const received: FetchedMessage[] = [];
  return {
    received,
    subjects: () => received.map(subjectOf),
    handle: async (m: FetchedMessage) => {
      received.push(m);
    },
  };
}

describe.skipIf(unavailable)(unavailable ?? 'reading an IMAP folder on a real Dovecot', () => {
  let tls: { key: string; cert: string };
  let dovecot: Dovecot;
  let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>;

  beforeAll(async () => {
    tls = selfSignedCertificate();
    tokens = await startTokenEndpoint({ ...oauthClient, user: 'ops@northwind.example' });
    dovecot = await startDovecot({
      users: passwords,
      tls,
      // Microsoft 365 offers only XOAUTH2 (imapflow would pick OAUTHBEARER where offered).
      oauth2: { introspectionUrl: tokens.introspectionUrl, mechanisms: ['xoauth2'] },
    });
  });
  afterAll(async () => {
    await dovecot?.close();
    await tokens?.close();
  });

  const connection = (user: string, overrides: Partial<ImapConnection> = {}): ImapConnection => ({
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    user,
    auth: { kind: 'password', password: passwords[user]! },
    folder: 'INBOX',
    processedFolder: null,
    ...overrides,
  });

  it('hands new mail over oldest first, marks each read only after it was handled, and moves it away', async () => {
    for (const subject of ['First', 'Second', 'Third']) await dovecot.deliver('ana', mail(subject));
    const conn = connection('ana', { processedFolder: 'Accord/Processed' });
    const flagsWhileHandled: string[][] = [];
    const handled = collector();

    const first = await pollImapMailbox(
      conn,
      fresh,
      async (m) => {
        const inbox = await dovecot.list('ana', 'INBOX');
        flagsWhileHandled.push(inbox.find((message) => message.uid === m.uid)!.flags);
        await handled.handle(m);
      },
      options,
    );

    expect(handled.subjects()).toEqual(['First', 'Second', 'Third']);
    expect(first.handled).toBe(3);
    expect(flagsWhileHandled).toEqual([[], [], []]);
    expect(await dovecot.list('ana', 'INBOX')).toEqual([]);
    const processed = await dovecot.list('ana', 'Accord.Processed');
    expect(processed.map((m) => [m.subject, m.flags])).toEqual([
      ['First', ['\\Seen']],
      ['Second', ['\\Seen']],
      ['Third', ['\\Seen']],
    ]);

    const again = collector();
    const second = await pollImapMailbox(conn, first.cursor, again.handle, options);
    expect(second).toEqual({ cursor: first.cursor, handled: 0 });
    expect(again.received).toEqual([]);

    await dovecot.deliver('ana', mail('Fourth'));
    const later = collector();
    await pollImapMailbox(conn, second.cursor, later.handle, options);
    expect(later.subjects()).toEqual(['Fourth']);
  });

  it('leaves handled mail in the folder, marked read, when there is no processed folder', async () => {
    await dovecot.deliver('ben', mail('Printer offline'));
    await dovecot.deliver('ben', mail('VPN down'));
    const conn = connection('ben');

    const first = await pollImapMailbox(conn, fresh, collector().handle, options);
    expect(first.handled).toBe(2);
    expect((await dovecot.list('ben', 'INBOX')).map((m) => [m.subject, m.flags])).toEqual([
      ['Printer offline', ['\\Seen']],
      ['VPN down', ['\\Seen']],
    ]);

    // Someone reads new mail in their own client before Accord polls: it is still handed over.
    await dovecot.deliver('ben', mail('Laptop broken'));
    const reader = await dovecot.signIn('ben');
    await reader.mailboxOpen('INBOX');
    await reader.messageFlagsAdd('*', ['\\Seen']);
    await reader.logout();

    const later = collector();
    const second = await pollImapMailbox(conn, first.cursor, later.handle, options);
    expect(later.subjects()).toEqual(['Laptop broken']);
    expect(second.cursor).toEqual({ uidValidity: first.cursor.uidValidity, lastUid: 3 });
  });

  it('hands over at most `limit` messages a poll and goes on where it stopped', async () => {
    for (const subject of ['One', 'Two', 'Three']) await dovecot.deliver('cy', mail(subject));
    const conn = connection('cy');

    const first = collector();
    const afterFirst = await pollImapMailbox(conn, fresh, first.handle, options, 2);
    const second = collector();
    const afterSecond = await pollImapMailbox(conn, afterFirst.cursor, second.handle, options, 2);
    const third = collector();
    await pollImapMailbox(conn, afterSecond.cursor, third.handle, options, 2);

    expect([first.subjects(), second.subjects(), third.subjects()]).toEqual([['One', 'Two'], ['Three'], []]);
  });

  it('stops at a handler that throws: that message stays unread in place and the cursor stays before it', async () => {
    const conn = connection('dee', { processedFolder: 'Done' });
    const { cursor: start } = await pollImapMailbox(conn, fresh, collector().handle, options);
    for (const subject of ['Alpha', 'Beta', 'Gamma']) await dovecot.deliver('dee', mail(subject));

    const failure = new Error('database unavailable');
    let saved = start;
    const attempt = pollImapMailbox(
      conn,
      start,
      async (m, cursorAfter) => {
        if (subjectOf(m) === 'Beta') throw failure;
        saved = cursorAfter;
      },
      options,
    );

    await expect(attempt).rejects.toBe(failure);
    expect(saved).toEqual({ uidValidity: start.uidValidity, lastUid: 1 });
    expect((await dovecot.list('dee', 'INBOX')).map((m) => [m.subject, m.flags])).toEqual([
      ['Beta', []],
      ['Gamma', []],
    ]);
    expect((await dovecot.list('dee', 'Done')).map((m) => m.subject)).toEqual(['Alpha']);

    const retry = collector();
    await pollImapMailbox(conn, saved, retry.handle, options);
    expect(retry.subjects()).toEqual(['Beta', 'Gamma']);
  });

  it('reads the unread mail again when the folder was deleted and made anew (a new UIDVALIDITY)', async () => {
    const conn = connection('eve', { folder: 'Support' });
    await dovecot.deliver('eve', mail('Old one'), 'Support');
    const before = await pollImapMailbox(conn, fresh, collector().handle, options);

    const admin = await dovecot.signIn('eve');
    await admin.mailboxDelete('Support');
    await admin.logout();
    for (const subject of ['Already read', 'Unread A', 'Unread B']) {
      await dovecot.deliver('eve', mail(subject), 'Support');
    }
    const reader = await dovecot.signIn('eve');
    await reader.mailboxOpen('Support');
    await reader.messageFlagsAdd('1', ['\\Seen'], { uid: true });
    await reader.logout();

    const after = collector();
    const result = await pollImapMailbox(conn, before.cursor, after.handle, options);

    expect(after.subjects()).toEqual(['Unread A', 'Unread B']);
    expect(after.received.map((m) => m.uid)).toEqual([2, 3]);
    expect(result.cursor.uidValidity).not.toBe(before.cursor.uidValidity);
    expect(result.cursor.lastUid).toBe(3);
  });

  it('does not download mail larger than maxMessageBytes; the handler is told its size', async () => {
    const big = mail('Huge attachment', `${'x'.repeat(70)}\r\n`.repeat(300));
    await dovecot.deliver('fay', mail('Small'));
    await dovecot.deliver('fay', big);

    const handled = collector();
    await pollImapMailbox(connection('fay'), fresh, handled.handle, { maxMessageBytes: 5_000 });

    expect(handled.received).toEqual([
      expect.objectContaining({ uid: 1, raw: expect.any(Buffer) }),
      { uid: 2, size: Buffer.byteLength(big), tooLarge: true },
    ]);
    expect((await dovecot.list('fay', 'INBOX')).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen']]);
  });

  it('answers a folder’s message and unread counts for "Test connection"', async () => {
    for (const subject of ['a', 'b', 'c']) await dovecot.deliver('gus', mail(subject));
    const reader = await dovecot.signIn('gus');
    await reader.mailboxOpen('INBOX');
    await reader.messageFlagsAdd('1', ['\\Seen'], { uid: true });
    await reader.logout();

    expect(await checkImapMailbox(connection('gus'), {})).toEqual({ messages: 3, unseen: 2 });
  });

  describe('failures an admin can act on', () => {
    const failure = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImapError);
      return error as ImapError;
    };

    it('a wrong password is a sign-in failure in the server’s words', async () => {
      const error = await failure(
        checkImapMailbox(connection('hal', { auth: { kind: 'password', password: 'wrong' } }), {}),
      );
      expect(error.message).toBe('sign-in failed: Authentication failed.');
      expect(error.isAuthFailure).toBe(true);
    });

    it('a port nothing listens on cannot be connected to', async () => {
      const error = await failure(checkImapMailbox(connection('hal', { port: 1 }), {}));
      expect(error.message).toBe(`could not connect to ${dovecot.host}:1: ECONNREFUSED`);
      expect(error.isAuthFailure).toBe(false);
    });

    it('a port that is not IMAP’s says no greeting came, within the connection timeout', async () => {
      const accepted: Socket[] = [];
      const silent = createServer((socket) => accepted.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as AddressInfo;
      try {
        const error = await failure(
          checkImapMailbox(connection('hal', { port }), { connectionTimeoutMs: 300 }),
        );
        expect(error.message).toBe(
          `could not connect to 127.0.0.1:${port}: no IMAP greeting came (is this an IMAP port?)`,
        );
      } finally {
        for (const socket of accepted) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('a folder that is not there is named', async () => {
      const error = await failure(checkImapMailbox(connection('hal', { folder: 'Tickets' }), {}));
      expect(error.message).toBe('folder "Tickets" does not exist');
    });

    it('TLS on a port that does not speak it asks whether the port is right', async () => {
      const error = await failure(checkImapMailbox(connection('hal', { security: 'tls' }), { ca: tls.cert }));
      expect(error.message).toMatch(/^TLS with 127\.0\.0\.1:\d+ failed: the server did not answer in TLS/);
    });
  });

  describe('TLS, with the certificate always verified', () => {
    it('STARTTLS works with the server’s CA trusted, and without it the certificate is not trusted', async () => {
      const conn = connection('hal', { security: 'starttls' });
      expect(await checkImapMailbox(conn, { ca: tls.cert })).toEqual({ messages: 0, unseen: 0 });
      await expect(checkImapMailbox(conn, {})).rejects.toThrow(
        `TLS certificate of 127.0.0.1:${dovecot.port} not trusted: self-signed certificate`,
      );
    });

    it('implicit TLS works with the server’s CA trusted, and without it the certificate is not trusted', async () => {
      const conn = connection('hal', { security: 'tls', port: dovecot.tlsPort! });
      expect(await checkImapMailbox(conn, { ca: tls.cert })).toEqual({ messages: 0, unseen: 0 });
      await expect(checkImapMailbox(conn, {})).rejects.toThrow(
        `TLS certificate of 127.0.0.1:${dovecot.tlsPort} not trusted: self-signed certificate`,
      );
    });
  });

  describe('XOAUTH2', () => {
    const user = 'ops@northwind.example';

    it('signs in with an access token refreshed at the provider’s token endpoint', async () => {
      await dovecot.deliver(user, mail('Sent to the shared mailbox'));
      const { accessToken } = await refreshAccessToken({ ...oauthClient, tokenUrl: tokens.url });

      const handled = collector();
      const conn = connection(user, { security: 'starttls', auth: { kind: 'xoauth2', accessToken } });
      await pollImapMailbox(conn, fresh, handled.handle, { ...options, ca: tls.cert });

      expect(handled.subjects()).toEqual(['Sent to the shared mailbox']);
    });

    it('a token the provider does not vouch for is a sign-in failure', async () => {
      const conn = connection(user, { auth: { kind: 'xoauth2', accessToken: 'forged-token' } });
      const error = await checkImapMailbox(conn, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImapError);
      expect((error as ImapError).message).toBe(
        'sign-in failed: Authentication failed. (access token refused: 401)',
      );
      expect((error as ImapError).isAuthFailure).toBe(true);
    });
  });
});

// Mail read from a real IMAP server (Debian's Dovecot on loopback) into tickets, triage and nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, dovecotUnavailable, startDovecot } from '../../../../test/dovecot.ts';
import { startTestApp, uniqueEmail } from '../../../../test/http.ts';
import { multipartMail, outOfOfficeMail, plainMail } from '../../../../test/inbound-mails.ts';
import { startTokenEndpoint } from '../../../../test/smtp-sink.ts';

const unavailable = dovecotUnavailable();
const t = await startTestApp();
const oauthClient = { clientId: 'accord', clientSecret: 'client-secret', refreshToken: 'refresh-1' };

describe.skipIf(unavailable)(unavailable ?? 'polling an IMAP mailbox on a real Dovecot', () => {
  let dovecot: Dovecot;
  let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>;

  beforeAll(async () => {
    tokens = await startTokenEndpoint({ ...oauthClient, user: 'm365@northwind.example' });
    dovecot = await startDovecot({
      users: { help: 'help-secret', 'm365@northwind.example': 'only-for-delivery' },
      oauth2: { introspectionUrl: tokens.introspectionUrl, mechanisms: ['xoauth2'] },
    });
  });
  afterAll(async () => {
    await dovecot?.close();
    await tokens?.close();
  });

  const imap = (user: string, secret: object) => ({
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    auth: (secret as { kind: string }).kind,
    user,
    secret,
    processedFolder: 'Accord/Processed',
  });

  async function desk() {
    const tenant = await t.newTenant();
    const domain = `dental-${Date.now().toString(36)}.example`;
    const client = (await tenant.owner.post('/clients', { name: 'Harbour Dental', emailDomains: [domain] }))
      .body;
    return { ...tenant, domain, client };
  }

  it('reads new mail into a ticket, triage and the log, moves it away, and reads nothing twice', async () => {
    const { owner, domain, client } = await desk();
    const mailbox = await owner.post('/mailboxes', {
      name: 'Help desk',
      address: uniqueEmail('help'),
      kind: 'imap',
      imap: imap('help', { kind: 'password', password: 'help-secret' }),
    });
    expect(mailbox.status).toBe(201);
    expect((await owner.post(`/mailboxes/${mailbox.body.id}/test`)).body).toEqual({ messages: 0, unseen: 0 });

    await dovecot.deliver(
      'help',
      multipartMail({
        from: `Dana Reyes <dana@${domain}>`,
        subject: 'Backup failed last night',
        text: 'The backup job reported an error, log attached.',
        html: '<p>The backup job reported an error, log attached.</p>',
        attachments: [{ fileName: 'backup.log', contentType: 'text/plain', content: 'error: disk full' }],
      }),
    );
    await dovecot.deliver('help', plainMail({ from: 'sales@vendor.example', subject: 'Partner offer' }));
    await dovecot.deliver('help', outOfOfficeMail({ from: `dana@${domain}` }));

    const polled = await owner.post(`/mailboxes/${mailbox.body.id}/poll`);
    expect(polled.body).toEqual({ received: 3 });
    const tickets = (await owner.get(`/tickets?clientId=${client.id}`)).body.items;
    expect(tickets).toEqual([
      expect.objectContaining({ title: 'Backup failed last night', source: 'email' }),
    ]);
    const files = (await owner.get(`/tickets/${tickets[0].id}/attachments`)).body.items;
    expect(files).toEqual([expect.objectContaining({ fileName: 'backup.log' })]);
    const log = (await owner.get('/inbound-emails?view=all')).body.items;
    expect(log.map((m: { outcome: string }) => m.outcome).sort()).toEqual([
      'ignored',
      'ticket_created',
      'triage',
    ]);

    expect(await dovecot.list('help', 'INBOX')).toEqual([]);
    expect(await dovecot.list('help', 'Accord.Processed')).toHaveLength(3);
    expect((await owner.post(`/mailboxes/${mailbox.body.id}/poll`)).body).toEqual({ received: 0 });
    const after = (await owner.get(`/mailboxes/${mailbox.body.id}`)).body;
    expect(after).toMatchObject({ lastError: null, lastPolledAt: expect.any(String) });
  });

  it('signs in with OAuth2 (XOAUTH2) using an access token traded for the refresh token', async () => {
    const { owner, domain } = await desk();
    const mailbox = await owner.post('/mailboxes', {
      name: 'Microsoft 365',
      address: uniqueEmail('m365'),
      kind: 'imap',
      imap: imap('m365@northwind.example', { kind: 'xoauth2', ...oauthClient, tokenUrl: tokens.url }),
    });
    expect(mailbox.body.imap.oauth).toEqual({ clientId: 'accord', tokenUrl: tokens.url, scope: null });
    await dovecot.deliver(
      'm365@northwind.example',
      plainMail({ from: `sam@${domain}`, subject: 'VPN down' }),
    );
    const issuedBefore = tokens.issued.length;
    expect((await owner.post(`/mailboxes/${mailbox.body.id}/poll`)).body).toEqual({ received: 1 });
    expect(tokens.issued.length).toBe(issuedBefore + 1);
  });

  it('records why a poll failed on the mailbox, for the admin to see', async () => {
    const { owner } = await desk();
    const mailbox = await owner.post('/mailboxes', {
      name: 'Wrong password',
      address: uniqueEmail('wrong'),
      kind: 'imap',
      imap: imap('help', { kind: 'password', password: 'not-it' }),
    });
    const polled = await owner.post(`/mailboxes/${mailbox.body.id}/poll`);
    expect(polled.status).toBe(502);
    expect(polled.body.error.message).toMatch(/sign-in failed/);
    expect((await owner.get(`/mailboxes/${mailbox.body.id}`)).body.lastError).toMatch(/sign-in failed/);
  });
});

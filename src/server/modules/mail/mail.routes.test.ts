import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import {
  decodeQuotedPrintable,
  headerOf,
  selfSignedCertificate,
  startSmtpSink,
  startTokenEndpoint,
} from '../../../../test/smtp-sink.ts';
import { createActionRunner } from '../../db/actions.ts';
import { ephemeralSecretBox } from '../../secret-box.ts';
import { createMailService } from './mail.service.ts';
import { MAX_ATTEMPTS, retryDelaysSeconds } from './mail-delivery.ts';

/** A clock the test moves by hand. */
const clock = {
  at: new Date('2026-03-02T09:00:00Z'),
  now() {
    return new Date(this.at);
  },
  advance(seconds: number) {
    this.at = new Date(this.at.getTime() + seconds * 1000);
  },
};

const t = await startTestApp({ clock });
const sinks: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const sink of sinks) await sink.close();
});

async function sink(options: Parameters<typeof startSmtpSink>[0] = {}) {
  const started = await startSmtpSink(options);
  sinks.push(started);
  return started;
}

const plainSettings = (port: number) => ({
  smtpHost: '127.0.0.1',
  smtpPort: port,
  smtpSecurity: 'none',
  smtpAuth: 'none',
  fromAddress: 'help@northwind.example',
  fromName: 'Northwind Help Desk',
});

const ticketData = {
  'recipient.name': 'Carol <Client>',
  'ticket.number': '1042',
  'ticket.title': 'Printer <b>offline</b> & "stuck"',
  'ticket.url': 'https://accord.example/tickets/1042',
  'ticket.status': 'open',
  'ticket.priority': 'P2',
  'client.name': 'Contoso',
  'actor.name': 'Tom',
};

/** The HTML part of a multipart/alternative message, decoded. */
function partOf(raw: string, type: 'text/plain' | 'text/html'): string {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)![1]!;
  const part = raw.split(`--${boundary}`).find((p) => p.includes(`Content-Type: ${type}`))!;
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return /quoted-printable/i.test(part) ? decodeQuotedPrintable(body) : body;
}

describe('mail settings', () => {
  it('stores settings, never returns the secret, and keeps it when the PUT omits it', async () => {
    const { owner } = await t.newTenant();
    expect((await owner.get('/settings/mail')).body).toEqual({ settings: null });
    const put = await owner.put('/settings/mail', {
      ...plainSettings(2525),
      smtpAuth: 'password',
      smtpUser: 'relay-user',
      secret: { kind: 'password', password: 'hunter2-very-secret' },
    });
    expect(put.status).toBe(200);
    expect(put.body.settings).toMatchObject({ smtpUser: 'relay-user', hasSecret: true, oauth: null });
    const again = await owner.put('/settings/mail', {
      ...plainSettings(2526),
      smtpAuth: 'password',
      smtpUser: 'relay-user',
    });
    expect(again.status).toBe(200);
    expect(again.body.settings).toMatchObject({ smtpPort: 2526, hasSecret: true });
    const audit = await owner.get('/audit-events?action=mail_settings');
    for (const text of [JSON.stringify(put.body), JSON.stringify(again.body), JSON.stringify(audit.body)]) {
      expect(text).not.toContain('hunter2');
    }
    expect(audit.body.items.length).toBe(2);
  });

  it("refuses 'none' security for a host that is not loopback, saying why", async () => {
    const { owner } = await t.newTenant();
    const response = await owner.put('/settings/mail', {
      ...plainSettings(25),
      smtpHost: 'smtp.example.com',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      "Unencrypted SMTP ('none') is allowed only for a relay on this machine",
    );
  });

  it('needs a secret for a sign-in method that has none stored', async () => {
    const { owner } = await t.newTenant();
    const response = await owner.put('/settings/mail', {
      ...plainSettings(25),
      smtpAuth: 'password',
      smtpUser: 'u',
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Enter the password to sign in with.');
  });

  it('is only for mail.manage', async () => {
    const { member } = await t.newTenant();
    const dispatcher = await member('dispatcher', { allClients: true });
    expect((await dispatcher.get('/settings/mail')).status).toBe(403);
    expect((await dispatcher.get('/outbound-emails')).status).toBe(403);
  });

  it('turns mail off with DELETE; the test mail then answers 409 mail.not_configured', async () => {
    const { owner } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(2525));
    expect((await owner.delete('/settings/mail')).status).toBe(204);
    const test = await owner.post('/settings/mail/test');
    expect(test.status).toBe(409);
    expect(test.body.error.code).toBe('mail.not_configured');
  });
});

describe('test mail', () => {
  it('arrives with From, To, Subject, Message-ID and text + HTML parts; audited without a secret', async () => {
    const smtp = await sink({ passwords: { 'relay-user': 's3cret-pass' } });
    const { owner, ownerEmail } = await t.newTenant('Acme <IT>');
    await owner.put('/settings/mail', {
      ...plainSettings(smtp.port),
      smtpAuth: 'password',
      smtpUser: 'relay-user',
      secret: { kind: 'password', password: 's3cret-pass' },
    });
    const response = await owner.post('/settings/mail/test');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.to).toBe(ownerEmail);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.user).toBe('relay-user');
    expect(mail.to).toEqual([ownerEmail]);
    expect(mail.from).toBe('help@northwind.example');
    expect(headerOf(mail.raw, 'From')).toBe('Northwind Help Desk <help@northwind.example>');
    expect(headerOf(mail.raw, 'To')).toBe(ownerEmail);
    expect(headerOf(mail.raw, 'Subject')).toBe('Test mail from Acme <IT>');
    expect(headerOf(mail.raw, 'Message-ID')).toBe(response.body.messageId);
    expect(response.body.messageId).toMatch(/^<[0-9a-f-]{36}@northwind\.example>$/);
    expect(headerOf(mail.raw, 'Content-Type')).toContain('multipart/alternative');
    expect(partOf(mail.raw, 'text/html')).toContain('Acme &lt;IT&gt;');
    expect(partOf(mail.raw, 'text/plain')).toContain('Mail from Acme <IT> goes out.');

    const log = await owner.get('/outbound-emails');
    expect(log.body.items[0]).toMatchObject({ templateKey: 'mail.test', status: 'sent', attempts: 1 });
    const audit = await owner.get('/audit-events?action=mail.test');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].after).toMatchObject({ to: ownerEmail, result: 'sent' });
    expect(JSON.stringify(audit.body)).not.toContain('s3cret-pass');
  });

  it("answers 502 mail.send_failed with the server's answer for a wrong password", async () => {
    const smtp = await sink({ passwords: { 'relay-user': 'right' } });
    const { owner } = await t.newTenant();
    await owner.put('/settings/mail', {
      ...plainSettings(smtp.port),
      smtpAuth: 'password',
      smtpUser: 'relay-user',
      secret: { kind: 'password', password: 'wrong-password' },
    });
    const response = await owner.post('/settings/mail/test');
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('mail.send_failed');
    expect(response.body.error.message).toContain('535');
    expect(response.body.error.details).toMatchObject({
      responseCode: 535,
      server: `127.0.0.1:${smtp.port}`,
    });
    expect(JSON.stringify(response.body)).not.toContain('wrong-password');
    const audit = await owner.get('/audit-events?action=mail.test');
    expect(audit.body.items[0].after.result).toBe('failed');
    expect(JSON.stringify(audit.body)).not.toContain('wrong-password');
  });

  it('names the host and port it could not connect to', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const { owner } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(closed.port));
    const response = await owner.post('/settings/mail/test');
    expect(response.status).toBe(502);
    expect(response.body.error.message).toContain(
      `could not connect to 127.0.0.1:${closed.port}: ECONNREFUSED`,
    );
  });

  it('signs in with XOAUTH2 using an access token refreshed at the token URL', async () => {
    const oauth = await startTokenEndpoint({
      clientId: 'app-id',
      clientSecret: 'app-secret',
      refreshToken: 'refresh-1',
    });
    sinks.push(oauth);
    const smtp = await sink({
      acceptToken: (user, token) => user === 'help@northwind.example' && oauth.issued.includes(token),
    });
    const { owner } = await t.newTenant();
    const put = await owner.put('/settings/mail', {
      ...plainSettings(smtp.port),
      smtpAuth: 'xoauth2',
      smtpUser: 'help@northwind.example',
      secret: {
        kind: 'xoauth2',
        clientId: 'app-id',
        clientSecret: 'app-secret',
        refreshToken: 'refresh-1',
        tokenUrl: oauth.url,
        scope: 'https://outlook.office365.com/SMTP.Send offline_access',
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.settings.oauth).toEqual({
      clientId: 'app-id',
      tokenUrl: oauth.url,
      scope: 'https://outlook.office365.com/SMTP.Send offline_access',
    });
    expect(JSON.stringify(put.body)).not.toContain('app-secret');
    expect(JSON.stringify(put.body)).not.toContain('refresh-1');
    const response = await owner.post('/settings/mail/test');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(oauth.issued).toHaveLength(1);
    expect(oauth.requests[0]).toMatchObject({
      grant_type: 'refresh_token',
      scope: expect.stringContaining('SMTP.Send'),
    });
    expect(smtp.received[0]!.user).toBe('help@northwind.example');
    const audit = JSON.stringify((await owner.get('/audit-events?action=mail')).body);
    expect(audit).not.toContain('app-secret');
    expect(audit).not.toContain('refresh-1');
  });

  it('refuses a STARTTLS certificate it cannot verify, and sends once the CA is trusted', async () => {
    const certificate = selfSignedCertificate();
    const smtp = await sink({ tls: certificate });
    const { owner, tenantId } = await t.newTenant();
    await owner.put('/settings/mail', { ...plainSettings(smtp.port), smtpSecurity: 'starttls' });
    const refused = await owner.post('/settings/mail/test');
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/certificate/i);
    expect(smtp.received).toHaveLength(0);

    // The same server with its CA trusted (as NODE_EXTRA_CA_CERTS would): a service of its own.
    const secretBox = ephemeralSecretBox();
    const trusting = createMailService({
      db: t.handle.db,
      actions: createActionRunner(t.handle.db),
      clock,
      secretBox,
      delivery: { ca: certificate.cert },
    });
    const identity = (await owner.get('/auth/session')).body;
    const actor = {
      scope: {
        tenantId,
        identityId: identity.identity?.id ?? identity.user?.id ?? identity.membership.identityId,
        membershipId: identity.membership.id,
        role: 'owner' as const,
        clientIds: 'all' as const,
      },
      requestId: 'test',
      ip: null,
      userAgent: null,
    };
    await trusting.saveSettings(actor, {
      ...plainSettings(smtp.port),
      smtpSecurity: 'starttls',
      smtpAuth: 'none',
    } as never);
    await trusting.enqueue(t.handle.db, {
      tenantId,
      to: 'carol@contoso.example',
      templateKey: 'ticket.created',
      data: ticketData,
    });
    await trusting.sendDue();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['carol@contoso.example']);
  });
});

describe('the queue', () => {
  it('renders with the organization template, escapes HTML values and carries [#number] in the subject', async () => {
    const smtp = await sink();
    const { owner, tenantId } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(smtp.port));
    const saved = await owner.put('/email-templates/ticket.created', {
      subject: '[#{{ticket.number}}] New: {{ticket.title}}',
      textBody: 'Hi {{recipient.name}}: {{ticket.title}}',
      htmlBody: '<p>Hi {{recipient.name}}: {{ticket.title}}</p>',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const { id } = await t.services.mail.enqueue(t.handle.db, {
      tenantId,
      to: 'carol@contoso.example',
      templateKey: 'ticket.created',
      data: { ...ticketData, 'ticket.title': 'Printer <b>offline</b>\r\nBcc: evil@example.com' },
      ticketId: null,
    });
    const queued = (await owner.get('/outbound-emails?status=queued')).body.items;
    expect(queued.map((m: { id: string }) => m.id)).toEqual([id]);
    await t.services.mail.sendDue();
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!.raw;
    expect(headerOf(raw, 'Subject')).toBe('[#1042] New: Printer <b>offline</b> Bcc: evil@example.com');
    expect(headerOf(raw, 'Bcc')).toBeNull();
    expect(smtp.received[0]!.to).toEqual(['carol@contoso.example']);
    expect(partOf(raw, 'text/html')).toContain(
      '<p>Hi Carol &lt;Client&gt;: Printer &lt;b&gt;offline&lt;/b&gt;',
    );
    expect(partOf(raw, 'text/plain')).toContain('Hi Carol <Client>: Printer <b>offline</b>');
    expect(headerOf(raw, 'Auto-Submitted')).toBe('auto-generated');
    const sent = (await owner.get(`/outbound-emails?status=sent`)).body.items[0];
    expect(sent).toMatchObject({ id, status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
    expect(sent.sentAt).toBe(clock.now().toISOString());
  });

  it('retries a 451 after a minute and then sends', async () => {
    const smtp = await sink({
      answer: (n) => (n === 1 ? { code: 451, message: '4.3.0 Try again later' } : null),
    });
    const { owner, tenantId } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(smtp.port));
    await t.services.mail.enqueue(t.handle.db, {
      tenantId,
      to: 'a@contoso.example',
      templateKey: 'sla.breached',
      data: ticketData,
    });
    await t.services.mail.sendDue();
    let [message] = (await owner.get('/outbound-emails')).body.items;
    expect(message).toMatchObject({ status: 'queued', attempts: 1 });
    expect(message.lastError).toContain('451');
    expect(message.nextAttemptAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
    await t.services.mail.sendDue();
    expect(smtp.attempts()).toBe(1); // not due yet
    clock.advance(60);
    await t.services.mail.sendDue();
    [message] = (await owner.get('/outbound-emails')).body.items;
    expect(message).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('fails at once on a permanent 550, and a retry queues it again', async () => {
    let refuse = true;
    const smtp = await sink({ answer: () => (refuse ? { code: 550, message: '5.1.1 No such user' } : null) });
    const { owner, tenantId } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(smtp.port));
    await t.services.mail.enqueue(t.handle.db, {
      tenantId,
      to: 'nobody@contoso.example',
      templateKey: 'ticket.assigned',
      data: ticketData,
    });
    await t.services.mail.sendDue();
    const [failed] = (await owner.get('/outbound-emails?status=failed')).body.items;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(failed.lastError).toContain('550 5.1.1 No such user');

    const notFailed = await owner.post(`/outbound-emails/${failed.id}/retry`);
    expect(notFailed.status).toBe(200);
    expect(notFailed.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await owner.post(`/outbound-emails/${failed.id}/retry`)).status).toBe(409);
    refuse = false;
    await t.services.mail.sendDue();
    expect(smtp.received).toHaveLength(1);
  });

  it('backs off while the server is down and fails after the last attempt', async () => {
    const down = await startSmtpSink();
    await down.close();
    const { owner, tenantId } = await t.newTenant();
    await owner.put('/settings/mail', plainSettings(down.port));
    await t.services.mail.enqueue(t.handle.db, {
      tenantId,
      to: 'a@contoso.example',
      templateKey: 'sla.at_risk',
      data: ticketData,
    });
    await t.services.mail.sendDue();
    for (const delay of retryDelaysSeconds) {
      const [message] = (await owner.get('/outbound-emails')).body.items;
      expect(message.status).toBe('queued');
      expect(message.lastError).toContain(`could not connect to 127.0.0.1:${down.port}`);
      clock.advance(delay - 1);
      await t.services.mail.sendDue();
      expect((await owner.get('/outbound-emails')).body.items[0].attempts).toBe(message.attempts);
      clock.advance(1);
      await t.services.mail.sendDue();
    }
    const [message] = (await owner.get('/outbound-emails')).body.items;
    expect(message).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('keeps a message visible, failing with "not set up", when the organization has no SMTP server', async () => {
    const { owner, tenantId } = await t.newTenant();
    const { id } = await t.services.mail.enqueue(t.handle.db, {
      tenantId,
      to: 'a@contoso.example',
      templateKey: 'ticket.status_changed',
      data: { ...ticketData, 'status.from': 'new', 'status.to': 'resolved' },
    });
    await t.services.mail.sendDue();
    const [message] = (await owner.get('/outbound-emails')).body.items;
    expect(message).toMatchObject({
      id,
      status: 'queued',
      attempts: 1,
      lastError: 'Mail is not set up for this organization',
      subject: '[#1042] Printer <b>offline</b> & "stuck": now resolved',
    });
    expect(message.messageId).toMatch(/^<[0-9a-f-]{36}@[a-z0-9.-]+>$/);
  });

  it('pages the log with a cursor and filters by recipient and ticket', async () => {
    const { owner, tenantId } = await t.newTenant();
    const ticketId = '0195a000-0000-7000-8000-000000000001';
    for (let i = 0; i < 5; i++) {
      await t.services.mail.enqueue(t.handle.db, {
        tenantId,
        to: `person${i}@contoso.example`,
        templateKey: 'ticket.created',
        data: ticketData,
        ticketId: i === 3 ? ticketId : null,
      });
    }
    const first = await owner.get('/outbound-emails?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await owner.get(`/outbound-emails?limit=2&cursor=${first.body.nextCursor}`);
    const third = await owner.get(`/outbound-emails?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toMatchObject({ nextCursor: null });
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (m: { id: string }) => m.id,
    );
    expect(new Set(ids).size).toBe(5);
    expect(
      (await owner.get('/outbound-emails?to=PERSON2')).body.items.map((m: { to: string }) => m.to),
    ).toEqual(['person2@contoso.example']);
    expect((await owner.get(`/outbound-emails?ticketId=${ticketId}`)).body.items).toHaveLength(1);
    expect((await owner.get('/outbound-emails?cursor=nope')).status).toBe(400);
  });
});

describe('email templates', () => {
  it('lists every key with its placeholders, edits, previews and resets one', async () => {
    const { owner } = await t.newTenant();
    const list = await owner.get('/email-templates');
    expect(list.body.items.map((item: { key: string }) => item.key)).toEqual([
      'ticket.created',
      'ticket.public_reply',
      'ticket.status_changed',
      'ticket.assigned',
      'ticket.vendor_reply',
      'sla.at_risk',
      'sla.breached',
      'loa.expiring',
      'change_request.client_decided',
      'change_request.vendor_requested',
      'change_request.mail_reply',
      'remediation.reminder',
      'vendor_user.invited',
      'client_user.invited',
      'mail.test',
    ]);
    for (const item of list.body.items.filter(
      (i: { key: string }) => i.key.startsWith('ticket.') || i.key.startsWith('sla.'),
    )) {
      expect(item.subject).toContain('[#{{ticket.number}}]');
      expect(item.isCustomized).toBe(false);
    }
    const reply = list.body.items.find((i: { key: string }) => i.key === 'ticket.public_reply');
    expect(reply.placeholders).toContain('reply.text');

    const invalid = await owner.put('/email-templates/ticket.assigned', {
      subject: '[#{{ticket.number}}] {{reply.text}}',
      textBody: '{{nope}}',
      htmlBody: null,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('email_template.invalid');
    expect(invalid.body.error.message).toContain('{{reply.text}}, {{nope}}');

    const saved = await owner.put('/email-templates/ticket.assigned', {
      subject: '[#{{ticket.number}}] Yours: {{ticket.title}}',
      textBody: 'Take it, {{recipient.name}}.',
      htmlBody: null,
    });
    expect(saved.body).toMatchObject({ isCustomized: true, htmlBody: null });
    expect((await owner.get('/email-templates/ticket.assigned')).body.subject).toBe(
      '[#{{ticket.number}}] Yours: {{ticket.title}}',
    );

    const preview = await owner.post('/email-templates/ticket.assigned/preview', {
      subject: '[#{{ticket.number}}] {{ticket.title}} {{bogus}}',
      textBody: '{{reply.text}}',
      htmlBody: '<p>{{ticket.title}}</p>',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('[#1042] Printer on floor 2 is offline');
    expect(preview.body.unknownPlaceholders).toEqual(['bogus', 'reply.text']);

    const reset = await owner.delete('/email-templates/ticket.assigned');
    expect(reset.body.isCustomized).toBe(false);
    expect(reset.body.subject).toContain('Assigned to you');
    expect((await owner.get('/email-templates/no.such')).status).toBe(404);
  });

  it('escapes values in the HTML preview', async () => {
    const { owner } = await t.newTenant('Bits & <Bytes>');
    const preview = await owner.post('/email-templates/mail.test/preview', {
      subject: 'Hi from {{organization.name}}',
      textBody: '{{organization.name}}',
      htmlBody: '<b>{{organization.name}}</b>',
    });
    expect(preview.body).toMatchObject({
      subject: 'Hi from Bits & <Bytes>',
      text: 'Bits & <Bytes>',
      html: '<b>Bits &amp; &lt;Bytes&gt;</b>',
    });
  });
});

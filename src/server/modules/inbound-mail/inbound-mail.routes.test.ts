import { createTransport } from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, uniqueEmail, weekdays } from '../../../../test/http.ts';
import {
  latin1Mail,
  malformedMail,
  multipartMail,
  outOfOfficeMail,
  plainMail,
} from '../../../../test/inbound-mails.ts';
import { SENDER_HOURLY_LIMIT } from './inbound-receive.ts';
import { startSmtpListener } from './smtp-listener.ts';

const t = await startTestApp();
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

let domainCount = 0;
const newDomain = () => `client${++domainCount}-${Date.now().toString(36)}.example`;

/** An organization with one client (its own mail domain and one contact) and a mailbox at its address. */
async function helpDesk() {
  const tenant = await t.newTenant();
  const domain = newDomain();
  const calendar = (
    await tenant.owner.post('/calendars', {
      name: 'Office',
      timeZone: 'Europe/London',
      weeklyHours: weekdays([['09:00', '17:00']]),
      holidays: [],
    })
  ).body;
  const policy = (
    await tenant.owner.post('/sla-policies', {
      name: 'Managed',
      calendarId: calendar.id,
      targets: {
        P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
        P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        P3: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
      },
    })
  ).body;
  const client = (
    await tenant.owner.post('/clients', {
      name: 'Harbour Dental',
      emailDomains: [domain],
      defaultSlaPolicyId: policy.id,
    })
  ).body;
  const contactEmail = `dana@${domain}`;
  const contact = (
    await tenant.owner.post(`/clients/${client.id}/contacts`, { name: 'Dana Reyes', email: contactEmail })
  ).body;
  const mailbox = (
    await tenant.owner.post('/mailboxes', { name: 'Help desk', address: uniqueEmail('help'), kind: 'smtp' })
  ).body;
  const receive = (raw: Buffer) =>
    t.services.receiver.receive(
      { tenantId: tenant.tenantId, mailboxId: mailbox.id, via: 'smtp', boardId: null, defaultPriority: 'P3' },
      { raw },
    );
  return { ...tenant, domain, client, contact, contactEmail, mailbox, receive };
}

async function ticketOf(client: ApiClient, id: string) {
  return (await client.get(`/tickets/${id}`)).body;
}

describe('mail from a client opens a ticket', () => {
  it("a known contact's mail opens a ticket for their client, with the attachments on it", async () => {
    const desk = await helpDesk();
    const result = await desk.receive(
      multipartMail({
        from: `Dana Reyes <${desk.contactEmail}>`,
        subject: 'Scanner will not send to email',
        text: 'The scanner at reception stopped sending scans since this morning.',
        html: '<p>The scanner at reception stopped sending scans since this morning.</p>',
        attachments: [
          { fileName: 'error.png', contentType: 'image/png', content: Buffer.from('fake png bytes') },
        ],
      }),
    );
    expect(result).toMatchObject({ outcome: 'ticket_created' });
    const ticket = await ticketOf(desk.owner, (result as { ticketId: string }).ticketId);
    expect(ticket).toMatchObject({
      clientId: desk.client.id,
      contactId: desk.contact.id,
      source: 'email',
      status: 'new',
      priority: 'P3',
      title: 'Scanner will not send to email',
    });
    expect(ticket.description).toContain('stopped sending scans');
    expect(ticket.events[0]).toMatchObject({
      type: 'created',
      author: 'contact',
      actorName: 'Dana Reyes',
      data: { from: desk.contactEmail, inboundEmailId: (result as { id: string }).id },
    });

    const files = (await desk.owner.get(`/tickets/${ticket.id}/attachments`)).body.items;
    expect(files).toEqual([
      expect.objectContaining({ fileName: 'error.png', contentType: 'image/png', size: 14 }),
    ]);
    const download = await desk.owner.request('GET', files[0].url.replace('/api/v1', ''));
    expect(download.status).toBe(200);
  });

  it('serves an attachment only as a download, with its safe name', async () => {
    const desk = await helpDesk();
    const result = await desk.receive(
      multipartMail({
        from: desk.contactEmail,
        attachments: [
          {
            fileName: '../../etc/invoice.html',
            contentType: 'text/html',
            content: '<script>alert(1)</script>',
          },
        ],
      }),
    );
    const files = (await desk.owner.get(`/tickets/${(result as { ticketId: string }).ticketId}/attachments`))
      .body.items;
    expect(files[0].fileName).toBe('invoice.html');
    const download = await desk.owner.request('GET', `/attachments/${files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="invoice.html"; filename*=UTF-8''invoice.html`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("a sender at the client's email domain opens a ticket and is added as a contact", async () => {
    const desk = await helpDesk();
    const result = await desk.receive(
      plainMail({ from: `Sam Patel <sam@${desk.domain}>`, subject: 'New starter' }),
    );
    expect(result).toMatchObject({ outcome: 'ticket_created' });
    const contacts = (await desk.owner.get(`/clients/${desk.client.id}/contacts`)).body.items;
    const sam = contacts.find((c: { email: string }) => c.email === `sam@${desk.domain}`);
    expect(sam).toMatchObject({ name: 'Sam Patel' });
    const ticket = await ticketOf(desk.owner, (result as { ticketId: string }).ticketId);
    expect(ticket.contactId).toBe(sam.id);
  });

  it('decodes a Latin-1 mail into the ticket', async () => {
    const desk = await helpDesk();
    const result = await desk.receive(latin1Mail({ from: desk.contactEmail }));
    const ticket = await ticketOf(desk.owner, (result as { ticketId: string }).ticketId);
    expect(ticket.title).toBe('Drucker läuft nicht');
  });

  it('takes a message once, however often it arrives', async () => {
    const desk = await helpDesk();
    const mail = plainMail({ from: desk.contactEmail, messageId: `<once-${Date.now()}@client.example>` });
    expect(await desk.receive(mail)).toMatchObject({ outcome: 'ticket_created' });
    expect(await desk.receive(mail)).toEqual({ outcome: 'duplicate' });
    const tickets = (await desk.owner.get(`/tickets?clientId=${desk.client.id}`)).body.items;
    expect(tickets).toHaveLength(1);
  });
});

describe('replies by mail', () => {
  it("a contact's reply to our mail is a public reply and starts a clock paused on the client", async () => {
    const desk = await helpDesk();
    const created = (await desk.receive(plainMail({ from: desk.contactEmail }))) as { ticketId: string };
    await desk.owner.post(`/tickets/${created.ticketId}/status`, {
      status: 'pending_client',
      message: 'Is the printer switched on?',
    });
    expect((await ticketOf(desk.owner, created.ticketId)).sla.resolution.state).toBe('paused');
    await t.services.notificationDispatcher.dispatchPending();
    const ours = (await desk.owner.get(`/outbound-emails?ticketId=${created.ticketId}`)).body.items;
    const question = ours.find((m: { templateKey: string }) => m.templateKey === 'ticket.public_reply');
    expect(question).toBeDefined();

    const reply = await desk.receive(
      plainMail({
        from: desk.contactEmail,
        subject: 'Re: something the client edited',
        inReplyTo: question.messageId,
        references: [question.messageId],
        text: 'Yes, it is on.\n\nOn Mon, 2 Mar 2026, Help Desk wrote:\n> Is the printer switched on?\n',
      }),
    );
    expect(reply).toMatchObject({ outcome: 'reply_added', ticketId: created.ticketId });
    const ticket = await ticketOf(desk.owner, created.ticketId);
    expect(ticket.status).toBe('open');
    const last = ticket.events.filter((e: { type: string }) => e.type === 'public_reply').at(-1);
    expect(last).toMatchObject({ author: 'contact', body: 'Yes, it is on.', actorName: 'Dana Reyes' });
    expect(ticket.sla.resolution.state).not.toBe('paused');
  });

  it('a reply naming [#number] in the subject reopens a resolved ticket', async () => {
    const desk = await helpDesk();
    const created = (await desk.receive(plainMail({ from: desk.contactEmail }))) as { ticketId: string };
    await desk.owner.post(`/tickets/${created.ticketId}/status`, { status: 'resolved' });
    const { number } = await ticketOf(desk.owner, created.ticketId);
    const reply = await desk.receive(
      plainMail({
        from: desk.contactEmail,
        subject: `Re: [#${number}] Printer offline`,
        text: 'It is back.',
      }),
    );
    expect(reply).toMatchObject({ outcome: 'reply_added', ticketId: created.ticketId });
    expect((await ticketOf(desk.owner, created.ticketId)).status).toBe('open');
  });

  it("mail naming a ticket from outside the ticket's client goes to triage and leaves the ticket alone", async () => {
    const desk = await helpDesk();
    const created = (await desk.receive(plainMail({ from: desk.contactEmail }))) as { ticketId: string };
    const before = await ticketOf(desk.owner, created.ticketId);
    const result = await desk.receive(
      plainMail({ from: 'mallory@elsewhere.example', subject: `Re: [#${before.number}] add me` }),
    );
    expect(result).toMatchObject({ outcome: 'triage' });
    expect((await ticketOf(desk.owner, created.ticketId)).events).toHaveLength(before.events.length);
    const item = (await desk.owner.get(`/inbound-emails/${(result as { id: string }).id}`)).body;
    expect(item).toMatchObject({ reason: 'sender_not_on_ticket', triageState: 'open' });
  });
});

describe('noise and loops', () => {
  it('an out-of-office reply opens nothing and sends nothing', async () => {
    const desk = await helpDesk();
    const result = await desk.receive(outOfOfficeMail({ from: desk.contactEmail }));
    expect(result).toMatchObject({ outcome: 'ignored' });
    const item = (await desk.owner.get(`/inbound-emails/${(result as { id: string }).id}`)).body;
    expect(item).toMatchObject({ reason: 'automatic', detail: expect.stringContaining('Auto-Submitted') });
    expect((await desk.owner.get(`/tickets?clientId=${desk.client.id}`)).body.items).toHaveLength(0);
    await t.services.notificationDispatcher.dispatchPending();
    expect((await desk.owner.get('/outbound-emails')).body.items).toHaveLength(0);
  });

  it('mail from our own address is ignored, so a loop cannot start', async () => {
    const desk = await helpDesk();
    const result = await desk.receive(plainMail({ from: desk.mailbox.address }));
    expect(result).toMatchObject({ outcome: 'ignored' });
  });

  it('a flooding sender goes to triage after the hourly limit', async () => {
    const desk = await helpDesk();
    const outcomes: string[] = [];
    for (let i = 0; i <= SENDER_HOURLY_LIMIT; i++) {
      outcomes.push(
        (await desk.receive(plainMail({ from: desk.contactEmail, subject: `Flood ${i}` }))).outcome,
      );
    }
    expect(outcomes.filter((o) => o === 'ticket_created')).toHaveLength(SENDER_HOURLY_LIMIT);
    expect(outcomes.at(-1)).toBe('triage');
  });

  it('a malformed mail is kept in triage with the parse error, and the next mail is taken', async () => {
    const desk = await helpDesk();
    const broken = await desk.receive(malformedMail('binary'));
    expect(broken).toMatchObject({ outcome: 'triage' });
    const item = (await desk.owner.get(`/inbound-emails/${(broken as { id: string }).id}`)).body;
    expect(item).toMatchObject({ reason: 'parse_error', detail: expect.any(String) });
    expect(item.rawUrl).toBe(`/api/v1/inbound-emails/${item.id}/raw`);
    const raw = await desk.owner.request('GET', `/inbound-emails/${item.id}/raw`);
    expect(raw.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await desk.receive(plainMail({ from: desk.contactEmail }))).toMatchObject({
      outcome: 'ticket_created',
    });
  });
});

describe('triage', () => {
  it('an unknown sender waits in triage until a dispatcher opens a ticket for a client', async () => {
    const desk = await helpDesk();
    const dispatcher = await desk.member('dispatcher', { allClients: true });
    const result = (await desk.receive(
      plainMail({ from: 'Pat Newman <pat@newcustomer.example>', subject: 'Quote for laptops' }),
    )) as { id: string };
    const list = (await dispatcher.get('/inbound-emails')).body;
    expect(list.openTriage).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: result.id,
      reason: 'unknown_sender',
      fromAddress: 'pat@newcustomer.example',
    });

    const placed = await dispatcher.post(`/inbound-emails/${result.id}/create-ticket`, {
      clientId: desk.client.id,
      saveSenderAsContact: true,
    });
    expect(placed.status).toBe(200);
    const ticket = await ticketOf(dispatcher, placed.body.ticketId);
    expect(ticket).toMatchObject({ title: 'Quote for laptops', source: 'email', clientId: desk.client.id });
    const contacts = (await desk.owner.get(`/clients/${desk.client.id}/contacts`)).body.items;
    expect(contacts.map((c: { email: string }) => c.email)).toContain('pat@newcustomer.example');
    expect((await dispatcher.get('/inbound-emails')).body.openTriage).toBe(0);

    const again = await dispatcher.post(`/inbound-emails/${result.id}/dismiss`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('inbound_email.not_in_triage');
  });

  it('adds a triaged mail to a ticket as a public reply, with its attachments', async () => {
    const desk = await helpDesk();
    const created = (await desk.receive(plainMail({ from: desk.contactEmail }))) as { ticketId: string };
    const stray = (await desk.receive(
      multipartMail({
        from: 'dana.reyes@home.example',
        subject: 'Sent from my home address',
        text: 'Photo of the error attached.',
        attachments: [{ fileName: 'photo.jpg', contentType: 'image/jpeg', content: Buffer.from('jpeg') }],
      }),
    )) as { id: string };
    const placed = await desk.owner.post(`/inbound-emails/${stray.id}/attach`, {
      ticketId: created.ticketId,
    });
    expect(placed.status).toBe(200);
    const ticket = await ticketOf(desk.owner, created.ticketId);
    expect(ticket.events.at(-1)).toMatchObject({
      type: 'public_reply',
      author: 'contact',
      body: 'Photo of the error attached.',
    });
    const files = (await desk.owner.get(`/tickets/${created.ticketId}/attachments`)).body.items;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['photo.jpg']);
  });

  it('dismisses every open mail from a sender at once', async () => {
    const desk = await helpDesk();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          (await desk.receive(plainMail({ from: 'spam@bulk.example', subject: `Offer ${i}` }))) as {
            id: string;
          }
        ).id,
      );
    }
    const dismissed = await desk.owner.post(`/inbound-emails/${ids[0]}/dismiss`, { allFromSender: true });
    expect(dismissed.body.dismissed).toBe(3);
    expect((await desk.owner.get('/inbound-emails')).body.items).toHaveLength(0);
    expect((await desk.owner.get('/inbound-emails?view=all')).body.items).toHaveLength(3);
  });

  it('a technician cannot see the triage list, nor the files of a client outside their scope', async () => {
    const desk = await helpDesk();
    const technician = await desk.member('technician');
    const result = (await desk.receive(
      multipartMail({
        from: desk.contactEmail,
        attachments: [{ fileName: 'a.txt', contentType: 'text/plain', content: 'x' }],
      }),
    )) as { ticketId: string };
    expect((await technician.get('/inbound-emails')).status).toBe(403);
    const [file] = (await desk.owner.get(`/tickets/${result.ticketId}/attachments`)).body.items;
    expect((await technician.request('GET', `/attachments/${file.id}`)).status).toBe(404);
  });
});

describe('mailboxes', () => {
  it('keeps the IMAP password write-only and refuses a second mailbox at the same address', async () => {
    const { owner } = await t.newTenant();
    const address = uniqueEmail('support');
    const input = {
      name: 'Support',
      address,
      kind: 'imap',
      imap: {
        host: 'outlook.office365.com',
        port: 993,
        security: 'tls',
        auth: 'password',
        user: address,
        secret: { kind: 'password', password: 'hunter2-imap' },
      },
    };
    const created = await owner.post('/mailboxes', input);
    expect(created.status).toBe(201);
    expect(created.body.imap).toMatchObject({ hasSecret: true, folder: 'INBOX', processedFolder: null });
    expect(JSON.stringify(created.body)).not.toContain('hunter2');

    const { secret: _, ...imapWithoutSecret } = input.imap;
    const kept = await owner.put(`/mailboxes/${created.body.id}`, {
      ...input,
      imap: imapWithoutSecret,
      name: 'Help',
    });
    expect(kept.body).toMatchObject({ name: 'Help', imap: { hasSecret: true } });

    const taken = await owner.post('/mailboxes', {
      name: 'Again',
      address: address.toUpperCase(),
      kind: 'smtp',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('mailbox.address_taken');

    const plain = await owner.post('/mailboxes', {
      ...input,
      address: uniqueEmail('plain'),
      imap: { ...input.imap, security: 'none' },
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.details[0].path).toEqual(['imap', 'security']);
  });

  it('says why a mailbox cannot be reached', async () => {
    const { owner } = await t.newTenant();
    const created = await owner.post('/mailboxes', {
      name: 'Local',
      address: uniqueEmail('local'),
      kind: 'imap',
      imap: {
        host: '127.0.0.1',
        port: 1,
        security: 'none',
        auth: 'password',
        user: 'nobody',
        secret: { kind: 'password', password: 'x' },
      },
    });
    const check = await owner.post(`/mailboxes/${created.body.id}/test`);
    expect(check.status).toBe(502);
    expect(check.body.error).toMatchObject({
      code: 'mailbox.check_failed',
      message: expect.stringContaining('127.0.0.1:1'),
    });
  });
});

describe('the SMTP listener', () => {
  it('takes mail for a mailbox address and refuses every other recipient', async () => {
    const desk = await helpDesk();
    const listener = await startSmtpListener({
      db: t.handle.db,
      receiver: t.services.receiver,
      options: { host: '127.0.0.1', port: 0 },
      log: () => {},
    });
    closers.push(listener.close);
    const transport = createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    closers.push(async () => transport.close());
    await transport.sendMail({
      from: desk.contactEmail,
      to: desk.mailbox.address,
      subject: 'Sent straight to Accord',
      text: 'Hello',
    });
    const tickets = (await desk.owner.get(`/tickets?clientId=${desk.client.id}`)).body.items;
    expect(tickets).toEqual([expect.objectContaining({ title: 'Sent straight to Accord', source: 'email' })]);

    await expect(
      transport.sendMail({
        from: desk.contactEmail,
        to: 'someone@not-ours.example',
        subject: 'Relay?',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });
});

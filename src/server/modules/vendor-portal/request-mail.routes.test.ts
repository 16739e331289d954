// A vendor's person asks for a change by mail: the request is raised in their name, as in the portal, and
// the sender hears back either way; anyone else's "Change request:" mail is routed as any mail is.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp, uniqueEmail } from '../../../../test/http.ts';
import { plainMail } from '../../../../test/inbound-mails.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher.ts';

const t = await startTestApp();
const dispatcher = createNotificationDispatcher({
  db: t.handle.db,
  clock: { now: () => new Date() },
  mail: t.services.mail,
});
const PASSWORD = 'a vendor password 2026';

/** A tenant with a mailbox, a vendor engaged at a client with one server, and the vendor's person. */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const mailbox = (
    await owner.post('/mailboxes', { name: 'Help desk', address: uniqueEmail('help'), kind: 'smtp' })
  ).body;
  const client = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  await owner.post(`/clients/${client.id}/contacts`, { name: 'Ana Ruiz', email: uniqueEmail('ana') });
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One' })).body;
  const engagement = (
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' })
  ).body;
  await owner.post('/assets', { clientId: client.id, type: 'server', name: 'HD-SRV01' });
  const email = uniqueEmail('mark');
  const invited = (await owner.post(`/vendors/${vendor.id}/users`, { name: 'Mark Ellison', email })).body;
  const token = (invited.invitation.url as string).split('/invitation/')[1]!;
  await t.anonymous.post(`/public/invitations/${token}`, { password: PASSWORD });
  const receive = (from: string, subject: string, text: string) =>
    t.services.receiver.receive(
      { tenantId: tenant.tenantId, mailboxId: mailbox.id, via: 'smtp', boardId: null, defaultPriority: 'P3' },
      { raw: plainMail({ from: `Sender <${from}>`, to: mailbox.address, subject, text }) },
    );
  const replies = async () =>
    (
      await t.handle.db
        .select()
        .from(outboundEmails)
        .where(eq(outboundEmails.toAddress, email))
        .orderBy(asc(outboundEmails.id))
    ).filter((m) => m.templateKey === 'change_request.mail_reply');
  return { ...tenant, client, vendor, engagement, email, receive, replies };
}

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const body = (fields: Record<string, string> = {}) =>
  Object.entries({
    Client: 'harbour dental',
    Assets: 'HD-SRV01',
    Window: `${day(2)} 22:00 to ${day(3)} 01:00 UTC`,
    Risk: 'medium',
    Emergency: 'no',
    Description: 'Install the Dentrix 24.2 update.',
    'Back-out plan': 'Restore the snapshot.',
    ...fields,
  })
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');

describe('a change request by mail', () => {
  it('is raised in the person’s name once the rules are acknowledged, and the sender is told its number', async () => {
    const w = await world();
    const subject = 'Change request: Upgrade Dentrix to 24.2';

    // The rules are published and not yet acknowledged: refused, with the reason and the form.
    await w.owner.post('/engagement-rules', { text: 'Book every change.' });
    const refused = await w.receive(w.email, subject, body());
    expect(refused.outcome).toBe('change_request');
    expect((await w.owner.get('/change-requests')).body.items).toEqual([]);
    const [refusal] = await w.replies();
    expect(refusal?.subject).toBe(`Re: ${subject}`);
    expect(refusal?.textBody).toContain('has not acknowledged the rules of engagement');
    expect(refusal?.textBody).toContain('Back-out plan:');

    await w.owner.post(`/engagements/${w.engagement.id}/acknowledgements`, { name: 'Mark Ellison' });
    const taken = await w.receive(w.email, subject, body());
    expect(taken.outcome).toBe('change_request');
    const [request] = (await w.owner.get('/change-requests')).body.items;
    expect(request).toMatchObject({
      title: 'Upgrade Dentrix to 24.2',
      vendorName: 'Henry Schein One',
      requestedByName: 'Mark Ellison',
      risk: 'medium',
      status: 'requested',
      windowStart: `${day(2)}T22:00:00.000Z`,
      assets: [expect.objectContaining({ name: 'HD-SRV01' })],
    });
    const confirmation = (await w.replies()).at(-1);
    expect(confirmation?.textBody).toContain(`We received CR-${request.number}`);
    const log = (await w.owner.get('/inbound-emails?view=all&outcome=change_request')).body.items;
    expect(log.map((m: { detail: string }) => m.detail)).toEqual(
      expect.arrayContaining([`CR-${request.number} raised by Mark Ellison`]),
    );
    // Triage hears of it as of a request raised in the portal.
    await dispatcher.dispatchPending();
    const inbox = (await w.owner.get('/notifications')).body.items;
    expect(inbox.map((n: { type: string }) => n.type)).toContain('change_request.vendor_requested');
  });

  it('names every problem at once and raises nothing', async () => {
    const w = await world();
    await w.receive(w.email, 'Change request: Patch', body({ Client: 'Kauri Architects', Risk: 'extreme' }));
    await w.receive(w.email, 'Change request: Patch', body({ Assets: 'HD-SRV01, HD-WS99' }));
    await w.receive(w.email, 'Change request: Patch', body({ Window: `${day(2)} 22:00 to ${day(3)} 01:00` }));
    await w.receive(
      w.email,
      'Change request: Patch',
      body({ Window: `${day(2)} 22:00 to ${day(6)} 01:00 UTC` }),
    );
    await w.receive(
      w.email,
      'Change request: Patch',
      body({ Window: `${day(-2)} 22:00 to ${day(-2)} 23:00 UTC` }),
    );
    expect((await w.owner.get('/change-requests')).body.items).toEqual([]);
    const texts = (await w.replies()).map((m) => m.textBody);
    expect(texts[0]).toContain('Risk: low, medium or high.');
    expect(texts[0]).toContain(
      'Client: "Kauri Architects" is not a client you work at for us (yours: Harbour Dental).',
    );
    expect(texts[1]).toContain('Assets: not found at Harbour Dental: HD-WS99.');
    expect(texts[2]).toContain('name the time zone');
    expect(texts[3]).toContain('A window is at most 72 hours.');
    expect(texts[4]).toContain('The window has already begun');
  });

  it('routes anyone else’s "Change request:" mail as any mail, and leaves replies alone', async () => {
    const w = await world();
    const contact = (await w.owner.get(`/clients/${w.client.id}/contacts`)).body.items[0];
    const fromContact = await w.receive(contact.email, 'Change request: new printer', 'Can we get one?');
    expect(fromContact.outcome).toBe('ticket_created');
    const stranger = await w.receive(uniqueEmail('stranger'), 'Change request: Patch', body());
    expect(stranger.outcome).toBe('triage');
    const reply = await w.receive(w.email, 'Re: Change request: Patch', 'Thanks!');
    expect(reply.outcome).not.toBe('change_request');
    // A deactivated person is no longer taken at their word.
    const [person] = (await w.owner.get(`/vendors/${w.vendor.id}/users`)).body.items;
    await w.owner.patch(`/vendor-users/${person.id}`, { active: false });
    expect((await w.receive(w.email, 'Change request: Patch', body())).outcome).toBe('triage');
    expect((await w.owner.get('/change-requests')).body.items).toEqual([]);
  });
});

// A vendor replies to the incident its changes outside an approved window opened, through a one-time
// link: it reads the changes and the evidence, and its reply goes on the incident for the client to see.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { vendorIncident } from '../../../../test/vendor-incident.ts';
import { outboundEmails } from '../mail/mail.table.ts';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher.ts';

const t = await startTestApp();
const incident = () => vendorIncident(t);
const dispatcher = createNotificationDispatcher({
  db: t.handle.db,
  clock: { now: () => new Date() },
  mail: t.services.mail,
});
const tokenOf = (url: string) => url.split('/vendor-reply/')[1]!;

describe("a vendor's reply to an attribution", () => {
  it('shows the vendor the changes and the evidence, and puts its reply on the incident, once', async () => {
    const w = await incident();
    const link = await w.owner.post(`/tickets/${w.ticketId}/vendor-reply-links`);
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body.url).toMatch(/^http:\/\/localhost\/vendor-reply\/[A-Za-z0-9_-]{20,}$/);
    const token = tokenOf(link.body.url);

    const view = await t.anonymous.get(`/public/vendor-replies/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      mspName: 'Northwind IT',
      clientName: 'Lakeshore Dental',
      vendorName: 'Dentrix Inc',
      ticketTitle: 'Changes outside an approved window on LFD-SQL01 (Dentrix Inc)',
      changes: [
        {
          assetName: 'LFD-SQL01',
          change: 'Installed dotnet-runtime 8.0.1',
          evidence: 'Outside an approved window, by dentrix-support, an account of Dentrix Inc',
        },
      ],
    });

    expect(
      (await t.anonymous.post(`/public/vendor-replies/${token}`, { name: 'Sam Field', text: ' ' })).status,
    ).toBe(400);
    const replied = await t.anonymous.post(`/public/vendor-replies/${token}`, {
      name: 'Sam Field',
      email: 'sam@dentrix.example',
      text: 'We installed the runtime for the imaging bridge; we will book a window next time.',
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(204);

    const events = (await w.owner.get(`/tickets/${w.ticketId}`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'vendor_reply',
      author: 'system',
      isPublic: true,
      body: 'We installed the runtime for the imaging bridge; we will book a window next time.',
      data: {
        vendorId: w.vendor.id,
        vendorName: 'Dentrix Inc',
        name: 'Sam Field',
        email: 'sam@dentrix.example',
      },
    });
    for (const reuse of [
      await t.anonymous.get(`/public/vendor-replies/${token}`),
      await t.anonymous.post(`/public/vendor-replies/${token}`, { name: 'Eve', text: 'Again' }),
    ]) {
      expect(reuse.status).toBe(404);
      expect(reuse.body.error.code).toBe('vendor_reply_link.not_found');
    }
    // Triage hears of it, in the app and by mail, with the reply.
    await dispatcher.dispatchPending();
    const [told] = (await w.owner.get('/notifications')).body.items;
    expect(told).toMatchObject({
      type: 'ticket.vendor_reply',
      ticketId: w.ticketId,
      title: expect.stringMatching(/^Dentrix Inc replied on #\d+$/),
      body: 'We installed the runtime for the imaging bridge; we will book a window next time.',
    });
    const [mail] = await t.handle.db
      .select()
      .from(outboundEmails)
      .where(
        and(eq(outboundEmails.tenantId, w.tenantId), eq(outboundEmails.templateKey, 'ticket.vendor_reply')),
      );
    expect(mail?.subject).toMatch(/^\[#\d+\] Dentrix Inc replied: Changes outside an approved window/);
    expect(mail?.textBody).toContain('we will book a window next time.');

    const audit = await w.owner.get(`/audit-events?targetType=ticket&targetId=${w.ticketId}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['vendor_reply.link', 'vendor_reply.given_by_link']),
    );
  });

  it("is refused for a ticket with no vendor and for another tenant's ticket; unknown links read alike", async () => {
    const w = await incident();
    const plain = (
      await w.owner.post('/tickets', { clientId: w.client.id, title: 'Printer jam', priority: 'P3' })
    ).body;
    const refused = await w.owner.post(`/tickets/${plain.id}/vendor-reply-links`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ticket.not_vendor_incident');

    const other = await t.newTenant();
    expect((await other.owner.post(`/tickets/${w.ticketId}/vendor-reply-links`)).status).toBe(404);
    expect((await t.anonymous.get(`/public/vendor-replies/${'x'.repeat(43)}`)).status).toBe(404);
    expect((await t.anonymous.get('/public/vendor-replies/short')).status).toBe(400);
  });
});

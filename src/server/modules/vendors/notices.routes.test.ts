import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { tickets } from '../../db/schema.ts';

let now = new Date('2026-11-20T10:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });
const at = (hours: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + hours * 3_600_000);

/**
 * A client under a managed agreement whose vendor clause is graduated, two vendors engaged there, and an
 * incident attributed to the first (as a vendor's changes outside an approved window would open it).
 */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = (await owner.post('/clients', { name: 'Bright Smile Dental' })).body;
  const agreement = await owner.post('/agreements', {
    clientId: client.id,
    type: 'managed',
    name: 'Managed 2026',
    startsOn: '2026-01-01',
    isClientDefault: true,
    hourlyRateCents: 15_000,
    vendorCausedWork: 'graduated',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One' })).body;
  const other = (await owner.post('/vendors', { name: 'Carestream' })).body;
  for (const v of [vendor, other]) {
    await owner.post(`/vendors/${v.id}/engagements`, { clientId: client.id, product: 'Practice software' });
  }
  const incident = (
    await owner.post('/tickets', {
      clientId: client.id,
      title: 'DENTAL-SQL01 changed outside a window',
      priority: 'P2',
    })
  ).body;
  await t.handle.db
    .update(tickets)
    .set({ vendorId: vendor.id, type: 'incident' })
    .where(and(eq(tickets.tenantId, tenant.tenantId), eq(tickets.id, incident.id)));
  const workTypeId = (await owner.get('/work-types')).body.items[0].id;
  /** Logs vendor-caused clean-up on the incident and answers how it is classified. */
  const cleanUp = async (startedAt: string) => {
    const entry = await owner.post(`/tickets/${incident.id}/time-entries`, {
      startedAt,
      minutes: 120,
      note: 'Put the .NET runtime back and reset the sa password',
      workTypeId,
      cause: 'vendor_caused',
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    return entry.body.id as string;
  };
  return { ...tenant, client, vendor, other, incident, cleanUp };
}

type World = Awaited<ReturnType<typeof world>>;
const classificationOf = async (w: World, entryId: string) =>
  (await w.owner.get(`/tickets/${w.incident.id}/time-entries`)).body.items.find(
    (e: { id: string }) => e.id === entryId,
  ).classification;
const outcomeOf = async (w: World, entryId: string) => (await classificationOf(w, entryId)).outcome;

describe('vendor notices', () => {
  it("bill a vendor's clean-up from the moment they are given, and no longer once withdrawn", async () => {
    now = at(0);
    const w = await world();
    const { owner } = w;
    const before = await w.cleanUp(at(-3).toISOString());
    expect(await classificationOf(w, before)).toMatchObject({ outcome: 'absorbed', isShownAsValue: true });

    // The vendor's incidents are what a notice cites.
    const theirs = await owner.get(`/tickets?clientId=${w.client.id}&vendorId=${w.vendor.id}`);
    expect(theirs.body.items.map((ticket: { id: string }) => ticket.id)).toEqual([w.incident.id]);
    expect((await owner.get(`/tickets?vendorId=${w.other.id}`)).body.items).toEqual([]);

    // A notice about another vendor changes nothing for this one.
    await owner.post('/vendor-notices', {
      clientId: w.client.id,
      vendorId: w.other.id,
      text: 'Carestream too.',
    });
    expect(await outcomeOf(w, before)).toBe('absorbed');

    const given = await owner.post('/vendor-notices', {
      clientId: w.client.id,
      vendorId: w.vendor.id,
      text: 'Changes made outside an approved window now cost you our time.',
      ticketIds: [w.incident.id],
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({
      clientName: 'Bright Smile Dental',
      vendorName: 'Henry Schein One',
      evidence: [{ ticketId: w.incident.id, title: 'DENTAL-SQL01 changed outside a window', minutes: 120 }],
      withdrawnAt: null,
    });

    // Work done before the notice stays absorbed; work from it on is billable, saying why.
    expect(await outcomeOf(w, before)).toBe('absorbed');
    now = at(3);
    const after = await w.cleanUp(at(0).toISOString());
    expect(await classificationOf(w, after)).toMatchObject({
      outcome: 'billable',
      clause: expect.stringContaining('vendor notice given on'),
    });

    const letter = await owner.request('GET', `/vendor-notices/${given.body.id}/letter.pdf`);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(letter.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Vendor notice - Henry Schein One/,
    );

    expect((await owner.post(`/vendor-notices/${given.body.id}/withdraw`, { reason: '' })).status).toBe(400);
    const withdrawn = await owner.post(`/vendor-notices/${given.body.id}/withdraw`, {
      reason: 'Sent to the wrong practice',
    });
    expect(withdrawn.body).toMatchObject({ withdrawnReason: 'Sent to the wrong practice' });
    expect(await outcomeOf(w, after)).toBe('absorbed');
    expect((await owner.post(`/vendor-notices/${given.body.id}/withdraw`, { reason: 'again' })).status).toBe(
      409,
    );

    const listed = (await owner.get(`/vendor-notices?clientId=${w.client.id}&vendorId=${w.vendor.id}`)).body
      .items;
    expect(listed.map((n: { id: string }) => n.id)).toEqual([given.body.id]);
    const audit = await owner.get(`/audit-events?targetType=vendor_notice&targetId=${given.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'vendor_notice.give',
      'vendor_notice.withdraw',
    ]);
  });

  it("refuses a vendor never engaged at the client and another client's tickets, changing nothing", async () => {
    const w = await world();
    const { owner } = w;
    const stranger = (await owner.post('/vendors', { name: 'Nobody Software' })).body;
    const refused = await owner.post('/vendor-notices', {
      clientId: w.client.id,
      vendorId: stranger.id,
      text: 'x',
    });
    expect(refused.status).toBe(400);
    const elsewhere = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
    const theirs = (
      await owner.post('/tickets', { clientId: elsewhere.id, title: 'Printer', priority: 'P4' })
    ).body;
    const wrongTicket = await owner.post('/vendor-notices', {
      clientId: w.client.id,
      vendorId: w.vendor.id,
      text: 'x',
      ticketIds: [theirs.id],
    });
    expect(wrongTicket.status).toBe(400);
    expect(wrongTicket.body.error.details[0].path).toEqual(['ticketIds']);
    expect((await owner.get('/vendor-notices')).body.items).toEqual([]);
  });
});

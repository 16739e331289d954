import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';

const start = Date.parse('2026-11-20T10:00:00Z');
let now = new Date(start);
const t = await startTestApp({ clock: { now: () => now } });
const at = (hours: number) => new Date(start + hours * 3_600_000);

/** A managed client's server, its vendor engaged there, and a ticket naming the server. */
async function world() {
  now = at(0);
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const client = (await owner.post('/clients', { name: 'Bright Smile Dental' })).body;
  await owner.post('/agreements', {
    clientId: client.id,
    type: 'managed',
    name: 'Managed 2026',
    startsOn: '2026-01-01',
    isClientDefault: true,
    hourlyRateCents: 15_000,
  });
  const site = (await owner.post(`/clients/${client.id}/sites`, { name: 'Main', timeZone: 'UTC' })).body;
  const server = (
    await owner.post('/assets', { clientId: client.id, siteId: site.id, type: 'server', name: 'LFD-SQL01' })
  ).body;
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One' })).body;
  const engagement = (
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' })
  ).body;
  const ticket = (
    await owner.post('/tickets', { clientId: client.id, title: 'SQL slow again', priority: 'P2' })
  ).body;
  await owner.put(`/tickets/${ticket.id}/assets`, { assetIds: [server.id] });
  const workTypeId = (await owner.get('/work-types')).body.items[0].id;
  const log = async (startedAt: Date) => {
    const entry = await owner.post(`/tickets/${ticket.id}/time-entries`, {
      startedAt: startedAt.toISOString(),
      minutes: 60,
      note: 'Looked at the SQL server',
      workTypeId,
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    return entry.body.id as string;
  };
  const outcomeOf = async (entryId: string) =>
    (await (await t.signIn(tenant.ownerEmail)).get(`/tickets/${ticket.id}/time-entries`)).body.items.find(
      (e: { id: string }) => e.id === entryId,
    ).classification;
  return { ...tenant, client, server, vendor, engagement, ticket, log, outcomeOf };
}

describe('coverage holds', () => {
  it('make time on the asset billable while they last, and are lifted by hand with a reason', async () => {
    const w = await world();
    const { owner } = w;
    const before = await w.log(at(-3));
    expect((await w.outcomeOf(before)).outcome).toBe('covered');

    const placed = await owner.post('/coverage-holds', {
      assetId: w.server.id,
      vendorId: w.vendor.id,
      reason: 'Three changes outside approved windows in a month',
      ticketIds: [w.ticket.id],
      conditions: { loaSigned: true, cleanDays: 30 },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({
      assetName: 'LFD-SQL01',
      vendorName: 'Henry Schein One',
      tickets: [{ id: w.ticket.id, title: 'SQL slow again' }],
      conditions: { loaSigned: true, rulesAcknowledged: false, cleanDays: 30 },
      progress: { loaSigned: false, rulesAcknowledged: null, cleanDays: 0 },
      liftedAt: null,
    });
    const again = await owner.post('/coverage-holds', {
      assetId: w.server.id,
      vendorId: w.vendor.id,
      reason: 'Twice',
      conditions: {},
    });
    expect(again.body.error.code).toBe('coverage_hold.exists');

    now = at(3);
    const during = await w.log(at(1));
    expect(await w.outcomeOf(during)).toMatchObject({
      outcome: 'billable',
      clause: expect.stringContaining('LFD-SQL01 is on a coverage hold since 2026-11-20 10:00'),
    });
    expect((await w.outcomeOf(before)).outcome).toBe('covered');

    const letter = await owner.request('GET', `/coverage-holds/${placed.body.id}/letter.pdf`);
    expect(letter.headers.get('content-type')).toBe('application/pdf');

    const lifted = await owner.post(`/coverage-holds/${placed.body.id}/lift`, {
      reason: 'The practice signed a new support contract with rules',
    });
    expect(lifted.body).toMatchObject({
      liftedReason: 'The practice signed a new support contract with rules',
    });
    expect(lifted.body.liftedByName).toEqual(expect.any(String));
    expect((await owner.post(`/coverage-holds/${placed.body.id}/lift`, { reason: 'again' })).status).toBe(
      409,
    );
    now = at(6);
    const after = await w.log(at(4));
    expect((await w.outcomeOf(after)).outcome).toBe('covered');
    // Work done while it lasted stays billable.
    expect((await w.outcomeOf(during)).outcome).toBe('billable');
  });

  it('lift themselves once every condition is met, and not before', async () => {
    const w = await world();
    const { owner } = w;
    await owner.post('/engagement-rules', { text: 'Book a window first.' });
    const hold = (
      await owner.post('/coverage-holds', {
        assetId: w.server.id,
        vendorId: w.vendor.id,
        reason: 'Changes outside approved windows',
        conditions: { rulesAcknowledged: true, cleanDays: 2 },
      })
    ).body;
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(0);
    now = at(49);
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(0);
    const fresh = await t.signIn(w.ownerEmail);
    expect((await fresh.get(`/coverage-holds/${hold.id}`)).body.progress).toEqual({
      loaSigned: null,
      rulesAcknowledged: false,
      cleanDays: 2,
    });
    await fresh.post(`/engagements/${w.engagement.id}/acknowledgements`, { name: 'Sam Vendor' });
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(1);
    const lifted = (await fresh.get(`/coverage-holds/${hold.id}`)).body;
    expect(lifted).toMatchObject({ liftedByName: null, liftedAt: now.toISOString() });
    expect(lifted.liftedReason).toBe(
      'Its conditions were met: Henry Schein One acknowledged the rules of engagement; 2 days without a change outside an approved window.',
    );
    expect((await fresh.get(`/coverage-holds?assetId=${w.server.id}&active=true`)).body.items).toEqual([]);
  });

  it('refuses a vendor not engaged at the client, and a hold with no reason, changing nothing', async () => {
    const w = await world();
    const { owner } = w;
    const stranger = (await owner.post('/vendors', { name: 'Nobody Software' })).body;
    const body = { assetId: w.server.id, reason: 'x', conditions: {} };
    expect((await owner.post('/coverage-holds', { ...body, vendorId: stranger.id })).status).toBe(400);
    expect(
      (await owner.post('/coverage-holds', { ...body, vendorId: w.vendor.id, reason: ' ' })).status,
    ).toBe(400);
    expect(
      (
        await owner.post('/coverage-holds', {
          ...body,
          vendorId: w.vendor.id,
          conditions: { cleanDays: 400 },
        })
      ).status,
    ).toBe(400);
    expect((await owner.get('/coverage-holds')).body.items).toEqual([]);
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { membershipIdOf, startTestApp } from '../../../../test/http.ts';
import { assetChanges, tickets } from '../../db/schema.ts';

const now = new Date('2026-11-20T10:00:00Z');
const t = await startTestApp({ clock: { now: () => now } });

/**
 * A vendor at two clients. At the first, in October, two changes outside approved windows opened an
 * incident with 90 minutes of clean-up; in November it asked for a change and made it inside the window.
 */
async function world() {
  const tenant = await t.newTenant();
  const { owner } = tenant;
  const vendor = (await owner.post('/vendors', { name: 'Henry Schein One' })).body;
  const clientAt = async (name: string) => {
    const client = (await owner.post('/clients', { name })).body;
    const site = (await owner.post(`/clients/${client.id}/sites`, { name: 'Main', timeZone: 'UTC' })).body;
    const asset = (
      await owner.post('/assets', {
        clientId: client.id,
        siteId: site.id,
        type: 'server',
        name: `${name} SQL`,
      })
    ).body;
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' });
    return { client, asset };
  };
  const dental = await clientAt('Bright Smile Dental');
  const ortho = await clientAt('Harbour Ortho');
  const change = (assetId: string, occurredAt: string, outcome: 'vendor' | 'authorized') =>
    t.handle.db.insert(assetChanges).values({
      tenantId: tenant.tenantId,
      assetId,
      kind: 'software.installed',
      subject: 'Dentrix 24.3',
      occurredAt: new Date(occurredAt),
      timeFromLog: true,
      detectedAt: new Date(occurredAt),
      outcome,
      vendorId: vendor.id,
    });
  await change(dental.asset.id, '2026-10-05T09:00:00Z', 'vendor');
  await change(dental.asset.id, '2026-10-06T09:00:00Z', 'vendor');
  await change(dental.asset.id, '2026-11-18T21:00:00Z', 'authorized');
  const incident = (
    await owner.post('/tickets', {
      clientId: dental.client.id,
      title: 'Changes outside a window',
      priority: 'P2',
    })
  ).body;
  await t.handle.db
    .update(tickets)
    .set({ vendorId: vendor.id, openedAt: new Date('2026-10-06T10:00:00Z') })
    .where(and(eq(tickets.tenantId, tenant.tenantId), eq(tickets.id, incident.id)));
  await owner.post('/cost-rates', {
    membershipId: await membershipIdOf(owner),
    effectiveFrom: '2026-01-01',
    hourlyCostCents: 6_000,
  });
  const workTypeId = (await owner.get('/work-types')).body.items[0].id;
  await owner.post(`/tickets/${incident.id}/time-entries`, {
    startedAt: '2026-10-06T11:00:00Z',
    minutes: 90,
    note: 'Rolled the change back',
    workTypeId,
    cause: 'vendor_caused',
  });
  await owner.post('/engagement-rules', { text: 'Book a window first.' });
  const dentalEngagement = (await owner.get(`/engagements?clientId=${dental.client.id}`)).body.items[0];
  await owner.post(`/engagements/${dentalEngagement.id}/acknowledgements`, { name: 'Sam Vendor' });
  const start = Date.parse('2026-11-21T09:00:00Z');
  const request = await owner.post('/change-requests', {
    clientId: dental.client.id,
    vendorId: vendor.id,
    assetIds: [dental.asset.id],
    title: 'Dentrix upgrade',
    description: 'Upgrade',
    risk: 'low',
    backOutPlan: 'Snapshot',
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 3_600_000).toISOString(),
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  return { ...tenant, vendor, dental, ortho };
}

describe('vendor scorecards', () => {
  it('count changes, requests, incidents, time and cost by month and client, with each client’s paperwork', async () => {
    const w = await world();
    const card = (await w.owner.get(`/vendors/${w.vendor.id}/scorecard?months=3`)).body;
    expect(card).toMatchObject({
      vendorName: 'Henry Schein One',
      clientId: null,
      from: '2026-09-01',
      totals: {
        changesOutsideWindows: 2,
        authorizedChanges: 1,
        changeRequests: 1,
        incidents: 1,
        minutes: 90,
        costCents: 9_000,
      },
    });
    expect(
      card.months.map((m: { month: string; changesOutsideWindows: number }) => [
        m.month,
        m.changesOutsideWindows,
      ]),
    ).toEqual([
      ['2026-09', 0],
      ['2026-10', 2],
      ['2026-11', 0],
    ]);
    expect(card.months[2]).toMatchObject({ authorizedChanges: 1, changeRequests: 1 });
    expect(card.clients).toEqual([
      expect.objectContaining({
        clientName: 'Bright Smile Dental',
        rules: 'acknowledged',
        loaStatus: null,
        incidents: 1,
      }),
      expect.objectContaining({
        clientName: 'Harbour Ortho',
        rules: 'not_acknowledged',
        incidents: 0,
        minutes: 0,
      }),
    ]);

    // One client's card; a shorter period leaves October out.
    const ortho = (await w.owner.get(`/vendors/${w.vendor.id}/scorecard?clientId=${w.ortho.client.id}`)).body;
    expect(ortho.totals).toMatchObject({ changesOutsideWindows: 0, incidents: 0 });
    expect(ortho.clients.map((c: { clientName: string }) => c.clientName)).toEqual(['Harbour Ortho']);
    const november = (await w.owner.get(`/vendors/${w.vendor.id}/scorecard?months=1`)).body;
    expect(november.totals).toMatchObject({ changesOutsideWindows: 0, authorizedChanges: 1, minutes: 0 });
  });

  it('hides what the work cost from roles that may not see it, and refuses bad input', async () => {
    const w = await world();
    const technician = await w.member('technician', { allClients: true });
    const card = await technician.get(`/vendors/${w.vendor.id}/scorecard?months=3`);
    expect(card.status).toBe(200);
    expect(card.body.totals).toMatchObject({ minutes: 90, costCents: null });
    expect((await w.owner.get(`/vendors/${w.vendor.id}/scorecard?months=0`)).status).toBe(400);
    expect((await w.owner.get('/vendors/01900000-0000-7000-8000-000000000000/scorecard')).status).toBe(404);
  });
});

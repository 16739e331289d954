import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { inventoryReport } from '../../../../test/inventory-report.ts';

const t = await startTestApp();
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function setUp() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Contoso' })).body;
  const other = (await tenant.owner.post('/clients', { name: 'Fabrikam' })).body;
  const { token } = (await tenant.owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const enrolled = await (
    await t.app.request('/agent/v1/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, hostname: 'sql01', os: 'Windows Server', osVersion: '2022' }),
    })
  ).json();
  let key = 0;
  const report = (body: unknown) =>
    t.app.request('/agent/v1/inventory', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${enrolled.credential}`,
        'idempotency-key': `ticket-assets-${++key}`,
      },
      body: JSON.stringify(body),
    });
  const printer = (
    await tenant.owner.post('/assets', { clientId: client.id, type: 'printer', name: 'Front desk printer' })
  ).body;
  const elsewhere = (
    await tenant.owner.post('/assets', { clientId: other.id, type: 'server', name: 'fab-dc1' })
  ).body;
  const opened = await tenant.owner.post('/tickets', {
    clientId: client.id,
    title: 'Payroll app fails to start',
    priority: 'P2',
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const ticket = opened.body;
  return { ...tenant, ...enrolled, report, printer, elsewhere, ticket };
}

describe('assets on tickets', () => {
  it("names a ticket's assets with their changes of the last 72 hours, and lists the asset's tickets", async () => {
    const { owner, assetId, report, printer, ticket } = await setUp();
    await report(inventoryReport({ collectedAt: at(-60) }));
    const swapped = inventoryReport({ collectedAt: at(-5) });
    swapped.state.software![0] = { ...swapped.state.software![0]!, version: '0.9-1' };
    await report(swapped);

    const set = await owner.request('PUT', `/tickets/${ticket.id}/assets`, {
      assetIds: [assetId, printer.id],
    });
    expect(set.status).toBe(200);
    expect(set.body.items.map((a: { name: string }) => a.name)).toEqual(['Front desk printer', 'sql01']);
    const server = set.body.items[1];
    expect(server.recentChangeCount).toBe(1);
    expect(server.recentChanges[0]).toMatchObject({
      kind: 'software.downgraded',
      subject: 'lib-package-0000',
      after: '0.9-1',
    });

    const events = (await owner.get(`/tickets/${ticket.id}`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'assets',
      data: { added: ['sql01', 'Front desk printer'], removed: [] },
    });

    const listed = (await owner.get(`/assets/${printer.id}/tickets`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: ticket.id, title: 'Payroll app fails to start' })]);

    await owner.request('PUT', `/tickets/${ticket.id}/assets`, { assetIds: [assetId] });
    // The event also records what the remaining asset makes of the SLA: sql01 is not marked standard.
    expect((await owner.get(`/tickets/${ticket.id}`)).body.events.at(-1).data).toEqual({
      added: [],
      removed: ['Front desk printer'],
      basis: 'best_effort',
      reasons: ['non_standard'],
    });
    expect((await owner.get(`/assets/${printer.id}/tickets`)).body.items).toEqual([]);
  });

  it("refuses another client's asset and changes nothing", async () => {
    const { owner, assetId, elsewhere, ticket } = await setUp();
    const refused = await owner.request('PUT', `/tickets/${ticket.id}/assets`, {
      assetIds: [assetId, elsewhere.id],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: ['assetIds', 1], message: 'No such asset at this client' },
    ]);
    expect((await owner.get(`/tickets/${ticket.id}/assets`)).body.items).toEqual([]);
    const other = await t.newTenant();
    expect((await other.owner.get(`/tickets/${ticket.id}/assets`)).status).toBe(404);
  });
});

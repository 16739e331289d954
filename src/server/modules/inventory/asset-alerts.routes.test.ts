import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp } from '../../../../test/http.ts';
import { inventoryReport } from '../../../../test/inventory-report.ts';
import type { Inventory } from '../../../shared/api/inventory.ts';
import { changeRequestAssets, changeRequests } from '../change-requests/change-requests.table.ts';
import { ticketAssets } from './inventory.table.ts';

// Real time, moved forward by the offline tests.
let offsetMs = 0;
const t = await startTestApp({ clock: { now: () => new Date(Date.now() + offsetMs) } });
const at = (minutes: number) => new Date(Date.now() + offsetMs + minutes * 60_000).toISOString();

let keys = 0;
async function enrolledAgent(clientFields: Record<string, unknown> = {}) {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Contoso', ...clientFields })).body;
  const { token } = (await tenant.owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const response = await t.app.request('/agent/v1/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      hostname: 'fs01',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      type: 'server',
    }),
  });
  const enrolled = await response.json();
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.request(`/agent/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${enrolled.credential}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  /** The last receipt's basis, sent back as the agent does: unchanged reports may be taken from memory. */
  let basis: string | undefined;
  const report = async (body: Inventory) => {
    const answer = await post('/inventory', body, {
      'idempotency-key': `alert-report-${++keys}`,
      ...(basis ? { 'accord-inventory-basis': basis } : {}),
    });
    expect(answer.status).toBe(200);
    basis = (await answer.json()).basis;
  };
  const beat = () => post('/heartbeat', { sentAt: at(0), uptimeSeconds: 60, agentVersion: '0.1.0' });
  return { ...tenant, client, ...enrolled, report, beat };
}

async function alertTickets(owner: ApiClient) {
  const items = (await owner.get('/tickets?limit=100')).body.items;
  return items.filter((ticket: { type: string }) => ticket.type === 'alert');
}

async function eventsOf(owner: ApiClient, ticketId: string) {
  return (await owner.get(`/tickets/${ticketId}`)).body.events as {
    type: string;
    body: string | null;
    author: string;
  }[];
}

function degraded(minutes: number): Inventory {
  const report = inventoryReport({ collectedAt: at(minutes) });
  report.state.raid = [
    { device: 'md0', level: 'raid1', health: 'degraded', members: ['sda1', 'sdb1'], failedMembers: ['sdb1'] },
  ];
  return report;
}

describe('alerts from reports', () => {
  it('opens one ticket for a degraded array, resolves it when it heals, and reopens it when it recurs', async () => {
    const { owner, tenantId, assetId, report } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    expect(await alertTickets(owner)).toHaveLength(0);

    await report(degraded(15));
    const [ticket] = await alertTickets(owner);
    expect(ticket).toMatchObject({
      title: 'RAID degraded: md0 on fs01',
      description: 'md0 (raid1) is degraded; failed: sdb1.',
      source: 'agent_alert',
      priority: 'P3',
      status: 'new',
    });
    const [link] = await t.handle.db
      .select()
      .from(ticketAssets)
      .where(and(eq(ticketAssets.tenantId, tenantId), eq(ticketAssets.ticketId, ticket.id)));
    expect(link?.assetId).toBe(assetId);

    // Still degraded, unchanged report: no second ticket, nothing added to the first.
    const eventCount = (await eventsOf(owner, ticket.id)).length;
    await report(degraded(30));
    expect(await alertTickets(owner)).toHaveLength(1);
    expect(await eventsOf(owner, ticket.id)).toHaveLength(eventCount);

    await report(inventoryReport({ collectedAt: at(45) }));
    const healed = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(healed.status).toBe('resolved');
    expect(healed.events.map((e: { body: string | null }) => e.body)).toContain(
      'Cleared automatically: The array reports healthy again.',
    );

    await report(degraded(60));
    const tickets = await alertTickets(owner);
    expect(tickets).toHaveLength(1);
    const back = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(back.status).toBe('open');
    expect(back.events.at(-1)).toMatchObject({
      type: 'internal_note',
      author: 'system',
      body: 'The condition is back (occurrence 2): md0 (raid1) is degraded; failed: sdb1.',
    });
  });

  it('raises a failed backup and one older than its RPO, and a critical asset gets P1', async () => {
    const { owner, assetId, report } = await enrolledAgent();
    await owner.patch(`/assets/${assetId}`, { criticality: 'critical' });
    const old = inventoryReport({ collectedAt: at(0) });
    old.state.backups = [{ name: 'nightly', source: 'restic', status: 'failed', rpoHours: 24 }];
    old.health.backupRuns = [{ name: 'nightly', lastSuccessAt: at(-30 * 60), lastRunAt: at(-10) }];
    await report(old);
    const tickets = await alertTickets(owner);
    expect(tickets.map((ticket: { title: string }) => ticket.title).sort()).toEqual([
      'Backup failed: nightly on fs01',
      'Backup older than its RPO: nightly on fs01',
    ]);
    expect(tickets.every((ticket: { priority: string }) => ticket.priority === 'P1')).toBe(true);
    const stale = tickets.find((ticket: { title: string }) => ticket.title.startsWith('Backup older'));
    expect(stale.description).toBe('The last good backup of nightly is 30 hours old; its RPO is 24 hours.');
  });

  it('neither raises nor clears on a section the agent could not collect', async () => {
    const { owner, report } = await enrolledAgent();
    const failing = inventoryReport({ collectedAt: at(0) });
    failing.state.disks = [
      {
        device: '/dev/sdb',
        model: 'ST4000',
        serial: 'Z1',
        health: 'failing',
        detail: 'SMART overall-health: FAILED',
      },
    ];
    await report(failing);
    const [ticket] = await alertTickets(owner);
    expect(ticket.title).toBe('Disk failing: /dev/sdb on fs01');
    const blind = inventoryReport({ collectedAt: at(15) });
    blind.state.disks = null;
    blind.notAvailable = { disks: 'smartctl is not installed' };
    await report(blind);
    expect((await owner.get(`/tickets/${ticket.id}`)).body.status).toBe('new');
  });
});

describe('maintenance', () => {
  it('opens no ticket for an asset in an approved change window', async () => {
    const { owner, tenantId, client, assetId, report } = await enrolledAgent();
    const [request] = await t.handle.db
      .insert(changeRequests)
      .values({
        tenantId,
        number: 1,
        clientId: client.id,
        title: 'Replace the second disk',
        description: 'Swap sdb and rebuild md0',
        risk: 'medium',
        backOutPlan: 'Put the old disk back',
        windowStart: new Date(at(-30)),
        windowEnd: new Date(at(60)),
        status: 'approved',
      })
      .returning();
    await t.handle.db.insert(changeRequestAssets).values({ tenantId, changeRequestId: request!.id, assetId });
    await report(inventoryReport({ collectedAt: at(0) }));
    await report(degraded(15));
    expect(await alertTickets(owner)).toHaveLength(0);
    // The window is over and the array still degraded: the same report now raises its ticket.
    offsetMs += 2 * 3_600_000;
    await report(degraded(30));
    expect((await alertTickets(owner)).map((ticket: { title: string }) => ticket.title)).toEqual([
      'RAID degraded: md0 on fs01',
    ]);
  });
});

describe('agents going offline', () => {
  it("opens a ticket once an agent is silent beyond its client's threshold and resolves it when it is back", async () => {
    const { owner, beat } = await enrolledAgent({ agentOfflineMinutes: 10 });
    expect((await beat()).status).toBe(204);
    await t.services.agents.flushHeartbeats();
    await t.services.inventory.checkAgents();
    expect(await alertTickets(owner)).toHaveLength(0);

    offsetMs += 11 * 60_000;
    await t.services.inventory.checkAgents();
    await t.services.inventory.checkAgents();
    const [ticket] = await alertTickets(owner);
    expect(ticket).toMatchObject({ title: 'Agent offline: fs01', status: 'new' });
    expect(await alertTickets(owner)).toHaveLength(1);

    await beat();
    await t.services.agents.flushHeartbeats();
    await t.services.inventory.checkAgents();
    const back = (await owner.get(`/tickets/${ticket.id}`)).body;
    expect(back.status).toBe('resolved');
    expect(back.events.map((e: { body: string | null }) => e.body)).toContain(
      'Cleared automatically: The agent is checking in again.',
    );
  });

  it('waits for the default 30 minutes where the client sets nothing', async () => {
    const { owner, client, beat } = await enrolledAgent();
    expect(client.agentOfflineMinutes).toBe(30);
    await beat();
    await t.services.agents.flushHeartbeats();
    offsetMs += 20 * 60_000;
    await t.services.inventory.checkAgents();
    expect(await alertTickets(owner)).toHaveLength(0);
    offsetMs += 11 * 60_000;
    await t.services.inventory.checkAgents();
    expect(await alertTickets(owner)).toHaveLength(1);
  });
});

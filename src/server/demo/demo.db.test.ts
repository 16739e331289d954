// What a newcomer notices after `accord demo`: a busy help desk, staff who can sign in, scopes that hold.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse, startTestApp } from '../../../test/http.ts';
import type { Ticket } from '../../shared/api/tickets.ts';
import { DemoExistsError, type DemoSummary, loadDemo } from './demo.ts';
import { VENDOR_ACCOUNT, VENDOR_ADDRESS } from './demo-assets-reports.ts';
import { clientSeeds, DEMO_PASSWORD, staffSeeds } from './demo-data.ts';

const t = await startTestApp();
let summary: DemoSummary;
let owner: ApiClient;

async function allTickets(api: ApiClient, query = ''): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await api.get(`/tickets?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    tickets.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return tickets;
}

const email = (key: string) => staffSeeds.find((s) => s.key === key)!.email;

beforeAll(async () => {
  summary = await loadDemo(t.handle.db, t.services, { password: DEMO_PASSWORD });
  owner = await t.signIn(email('owner'), DEMO_PASSWORD);
}, 180_000);

describe('the demo help desk', () => {
  it('has three clients in three time zones, each on its own calendar and SLA policy', async () => {
    const clients = (await owner.get('/clients')).body.items;
    expect(clients).toHaveLength(3);
    const calendars = (await owner.get('/calendars')).body.items as { id: string; timeZone: string }[];
    const zones = clients.map(
      (c: { defaultCalendarId: string }) => calendars.find((cal) => cal.id === c.defaultCalendarId)?.timeZone,
    );
    expect(new Set(zones)).toEqual(new Set(['America/Chicago', 'Europe/London', 'Pacific/Auckland']));
    expect(clients.every((c: { defaultSlaPolicyId: string | null }) => c.defaultSlaPolicyId)).toBe(true);
    expect(calendars.map((c) => c.timeZone)).toContain('UTC');
  });

  it('has about two hundred tickets with every SLA state a queue shows', async () => {
    const tickets = await allTickets(owner);
    expect(tickets.length).toBeGreaterThanOrEqual(190);
    expect(tickets.length).toBe(summary.counts.tickets);
    const states = (ticket: Ticket) => [ticket.sla?.firstResponse.state, ticket.sla?.resolution.state];
    const count = (state: string) =>
      tickets.filter((ticket) => states(ticket).includes(state as never)).length;
    expect(count('met')).toBeGreaterThan(100);
    expect(count('missed')).toBeGreaterThan(10);
    expect(count('breached')).toBeGreaterThan(3);
    expect(count('paused')).toBeGreaterThan(5);
    expect(count('at_risk')).toBeGreaterThan(3);
    expect(count('on_track')).toBeGreaterThan(5);
    const statuses = new Set(tickets.map((ticket) => ticket.status));
    for (const status of [
      'new',
      'open',
      'pending_client',
      'pending_vendor',
      'scheduled',
      'resolved',
      'closed',
    ]) {
      expect(statuses).toContain(status);
    }
    expect(new Set(tickets.map((ticket) => ticket.priority))).toEqual(new Set(['P1', 'P2', 'P3', 'P4']));
    expect(new Set(tickets.map((ticket) => ticket.boardName)).size).toBeGreaterThan(1);
    expect(new Set(tickets.map((ticket) => ticket.source)).size).toBeGreaterThan(2);
  });

  it('leaves some open tickets unassigned for the dispatcher', async () => {
    const dispatcher = await t.signIn(email('dispatcher'), DEMO_PASSWORD);
    const unassigned = await allTickets(dispatcher, '&assigneeId=none&status=new,open');
    expect(unassigned.length).toBeGreaterThan(3);
  });

  it('lets every staff member sign in with the demo password', async () => {
    for (const seed of staffSeeds) {
      const me = (await (await t.signIn(seed.email, DEMO_PASSWORD)).get('/auth/session')).body;
      expect(me.membership.role).toBe(seed.role);
    }
  });

  it('shows the scoped technician only Kauri Architects, and their own queue', async () => {
    const aroha = await t.signIn(email('scopedTechnician'), DEMO_PASSWORD);
    const visible = await allTickets(aroha);
    const kauri = (await allTickets(owner)).filter((ticket) => ticket.clientName === 'Kauri Architects');
    expect(visible.map((ticket) => ticket.id).sort()).toEqual(kauri.map((ticket) => ticket.id).sort());
    const elsewhere = (await allTickets(owner)).find((ticket) => ticket.clientName !== 'Kauri Architects')!;
    expect((await aroha.get(`/tickets/${elsewhere.id}`)).status).toBe(404);
    expect((await allTickets(aroha, '&assigneeId=me')).length).toBeGreaterThan(5);
  });

  it('has time logged by the people who did the work, some of it vendor-caused', async () => {
    expect(summary.counts.timeEntries).toBeGreaterThan(150);
    const closed = await allTickets(owner, '&status=closed');
    const entries = [];
    for (const ticket of closed.slice(0, 40)) {
      const list = await owner.get(`/tickets/${ticket.id}/time-entries`);
      expect(list.status).toBe(200);
      entries.push(
        ...list.body.items.map((e: { staffId: string }) => ({ ...e, assigneeId: ticket.assigneeId })),
      );
    }
    expect(entries.length).toBeGreaterThan(30);
    expect(entries.every((e) => e.staffId === e.assigneeId)).toBe(true);
    expect(entries.some((e) => e.cause === 'vendor_caused')).toBe(true);
  });

  it('bills its time: every client has agreements, and the month run prices all of it', async () => {
    expect(summary.counts.agreements).toBe(5);
    const period = new Date().toISOString().slice(0, 7);
    const run = await owner.post('/invoices/runs', { period });
    expect(run.status).toBe(200);
    const outcomes = run.body.results.map((r: { outcome: string }) => r.outcome);
    expect(outcomes).toEqual(['created', 'created', 'created']);
    for (const result of run.body.results) {
      const invoice = (await owner.get(`/invoices/${result.invoiceId}`)).body;
      expect(invoice.unpricedMinutes, invoice.clientName).toBe(0);
      expect(invoice.totalCents, invoice.clientName).toBeGreaterThan(0);
    }
  });

  it('refuses to load a second time into the same database', async () => {
    await expect(loadDemo(t.handle.db, t.services, { password: DEMO_PASSWORD })).rejects.toThrow(
      DemoExistsError,
    );
  });
});

describe('the demo fleet', () => {
  async function assetNamed(name: string) {
    const page = await owner.get(`/assets?q=${encodeURIComponent(name)}`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    return page.body.items.find((a: { name: string }) => a.name === name);
  }
  const changesOf = async (id: string) => (await owner.get(`/assets/${id}/changes?limit=200`)).body.items;
  const ticketsOf = async (id: string) => (await owner.get(`/assets/${id}/tickets`)).body.items;

  it('gives every client a CMDB of hand-entered devices and machines with agents', async () => {
    expect(summary.counts.assets).toBeGreaterThanOrEqual(24);
    expect(summary.counts.agents).toBe(9);
    const assets = (await owner.get('/assets?limit=200')).body.items as {
      clientName: string;
      state: string;
      isManaged: boolean;
      warrantyEndsOn: string | null;
    }[];
    expect(assets).toHaveLength(summary.counts.assets);
    for (const client of clientSeeds) {
      const own = assets.filter((a) => a.clientName === client.name);
      expect(own.length, client.name).toBeGreaterThanOrEqual(8);
      expect(own.filter((a) => a.state !== 'never').length, client.name).toBeGreaterThanOrEqual(2);
    }
    expect(assets.some((a) => !a.isManaged)).toBe(true);
    expect(assets.some((a) => a.warrantyEndsOn)).toBe(true);
    const agents = (await owner.get('/agents')).body.items as { hostname: string; lastSeenAt: string }[];
    const silent = agents.filter((a) => Date.now() - Date.parse(a.lastSeenAt) > 5 * 60_000);
    expect(silent.map((a) => a.hostname)).toEqual(['KA-WLG-WS02']);
    expect((await assetNamed('KA-WLG-WS02')).state).toBe('offline');
  });

  it("shows the dental SQL server's vendor visit: the .NET swap under the vendor's account, sa changed in its RDP session", async () => {
    const server = await assetNamed('LFD-SQL01');
    expect(server).toMatchObject({ criticality: 'critical', os: 'Microsoft Windows Server 2022 Standard' });
    const inventory = (await owner.get(`/assets/${server.id}/inventory`)).body;
    expect(Date.now() - Date.parse(inventory.collectedAt)).toBeLessThan(6 * 3_600_000);
    expect(inventory.state.software.length).toBeGreaterThanOrEqual(60);
    expect(inventory.state.protection[0]).toMatchObject({ enabled: true, realTimeProtection: true });
    const changes = await changesOf(server.id);
    const change = (kind: string, subject: string) =>
      changes.find((c: { kind: string; subject: string }) => c.kind === kind && c.subject === subject);
    expect(change('software.removed', 'Microsoft .NET Runtime - 6.0.25 (x64)')).toMatchObject({
      actor: VENDOR_ACCOUNT,
      actorSource: 'Windows event 11724',
      timeFromLog: true,
    });
    expect(change('software.installed', 'Microsoft .NET Runtime - 8.0.1 (x64)')).toMatchObject({
      actor: VENDOR_ACCOUNT,
      actorSource: 'Windows event 11707',
    });
    const sa = change('account.password_changed', 'sa (SQL login)');
    expect(sa.actor).toBeNull();
    expect(sa.openSessions).toEqual([{ user: VENDOR_ACCOUNT, from: VENDOR_ADDRESS, kind: 'rdp' }]);
    const daysAgo = (at: string) => (Date.now() - Date.parse(at)) / 86_400_000;
    expect(daysAgo(sa.occurredAt)).toBeGreaterThan(1.5);
    expect(daysAgo(sa.since)).toBeLessThan(3.5);
    // The reports either side of the visit bound the change to the hours the vendor was on.
    expect(Date.parse(sa.occurredAt) - Date.parse(sa.since)).toBeLessThan(4 * 3_600_000);
    // No approved window: outside one, tied to the vendor by its account or its open session, on one incident.
    expect(sa).toMatchObject({ outcome: 'vendor', vendorName: 'Henry Schein One' });
    expect(change('software.removed', 'Microsoft .NET Runtime - 6.0.25 (x64)')).toMatchObject({
      outcome: 'vendor',
      ticketId: sa.ticketId,
    });
    expect((await ticketsOf(server.id)).map((t: { title: string }) => t.title)).toEqual([
      'Changes outside an approved window on LFD-SQL01 (Henry Schein One)',
    ]);
    // The vendor answered on the incident, for the practice to see.
    const events = (await owner.get(`/tickets/${sa.ticketId}`)).body.events;
    expect(events.find((e: { type: string }) => e.type === 'vendor_reply')).toMatchObject({
      isPublic: true,
      data: { vendorName: 'Henry Schein One', name: 'Mark Ellison' },
    });
  });

  it("has the vendor's next upgrade approved by the MSP and waiting for the practice's approval", async () => {
    const [request] = (await owner.get('/change-requests')).body.items;
    expect(request).toMatchObject({
      vendorName: 'Henry Schein One',
      status: 'requested',
      decidedByName: expect.any(String),
      clientApproval: { status: 'pending' },
      assets: [{ name: 'LFD-SQL01' }],
    });
  });

  it("holds the vendor to the MSP's rules: acknowledged, with a signed Letter of Agency ending within the month", async () => {
    const [engagement] = (await owner.get('/engagements')).body.items;
    expect(engagement).toMatchObject({ vendorName: 'Henry Schein One', product: 'Dentrix' });
    expect((await owner.get(`/engagements/${engagement.id}/rules`)).body).toMatchObject({
      status: 'acknowledged',
      rulesVersion: 1,
    });
    const [loa] = (await owner.get(`/loas?engagementId=${engagement.id}`)).body.items;
    expect(loa).toMatchObject({
      status: 'signed',
      signerName: 'Dr. Priya Patel',
      file: { contentType: 'application/pdf' },
    });
    const daysLeft = (Date.parse(loa.expiresOn) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(20);
    expect(daysLeft).toBeLessThan(30);
  });

  it("opens the law firm's RAID and disk tickets by itself, linked to the file server", async () => {
    const server = await assetNamed('HP-FS01');
    const tickets = await ticketsOf(server.id);
    expect(tickets.map((t: { title: string }) => t.title).sort()).toEqual([
      'Disk failing: /dev/sdb on HP-FS01',
      'RAID degraded: md0 on HP-FS01',
    ]);
    expect(
      tickets.every((t: { status: string; priority: string }) => t.status === 'new' && t.priority === 'P2'),
    ).toBe(true);
    const inventory = (await owner.get(`/assets/${server.id}/inventory`)).body;
    expect(inventory.state.raid[0]).toMatchObject({
      device: 'md0',
      health: 'degraded',
      failedMembers: ['sdb1'],
    });
    expect(inventory.state.backups).toEqual([
      { name: 'fileshares-b2', source: 'restic', status: 'ok', rpoHours: 24 },
    ]);
    const kinds = (await changesOf(server.id)).map(
      (c: { kind: string; subject: string }) => `${c.kind} ${c.subject}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['raid.health_changed md0', 'disk.health_changed /dev/sdb']),
    );
  });

  it("raises Kauri's backup that is older than its RPO", async () => {
    const utility = await assetNamed('KA-UTIL01');
    expect(
      (await ticketsOf(utility.id)).map((t: { title: string; status: string }) => [t.title, t.status]),
    ).toEqual([['Backup older than its RPO: nas-projects-b2 on KA-UTIL01', 'new']]);
  });
});

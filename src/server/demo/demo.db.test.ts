// What a newcomer notices after `accord demo`: a busy help desk, staff who can sign in, scopes that hold.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse, startTestApp } from '../../../test/http.ts';
import type { Ticket } from '../../shared/api/tickets.ts';
import { DemoExistsError, type DemoSummary, loadDemo } from './demo.ts';
import { DEMO_PASSWORD, staffSeeds } from './demo-data.ts';

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

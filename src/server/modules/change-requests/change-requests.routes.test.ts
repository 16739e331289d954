import { describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp } from '../../../../test/http.ts';
import { vendorEngagements, vendors } from '../vendors/vendors.table.ts';

const t = await startTestApp();
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();
const nobody = '01900000-0000-7000-8000-000000000000';

/** A tenant with two clients, an asset or two at each, and a vendor engaged at the first. */
async function world() {
  const tenant = await t.newTenant();
  const { owner, tenantId } = tenant;
  const harbour = (await owner.post('/clients', { name: 'Harbour Dental' })).body;
  const quayside = (await owner.post('/clients', { name: 'Quayside Freight' })).body;
  const asset = async (clientId: string, name: string) =>
    (await owner.post('/assets', { clientId, type: 'server', name })).body.id as string;
  const server = await asset(harbour.id, 'HD-SRV01');
  const desk = await asset(harbour.id, 'HD-DESK');
  const freight = await asset(quayside.id, 'QF-SRV01');
  const [vendor] = await t.handle.db
    .insert(vendors)
    .values({ tenantId, name: 'Dentrix, Support; EMEA' })
    .returning();
  await t.handle.db
    .insert(vendorEngagements)
    .values({ tenantId, vendorId: vendor!.id, clientId: harbour.id, product: 'Dentrix' });
  return { ...tenant, harbour, quayside, server, desk, freight, vendorId: vendor!.id };
}

type World = Awaited<ReturnType<typeof world>>;

const requestBody = (w: World, overrides: Record<string, unknown> = {}) => ({
  clientId: w.harbour.id,
  assetIds: [w.server],
  title: 'Upgrade Dentrix to 24.2',
  description: 'Install the 24.2 update and its .NET runtime.',
  risk: 'medium',
  backOutPlan: 'Restore last night’s snapshot.',
  windowStart: at(2),
  windowEnd: at(4),
  ...overrides,
});

async function raise(client: ApiClient, body: Record<string, unknown>) {
  const response = await client.post('/change-requests', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('change requests', () => {
  it('goes requested → approved → in progress → completed, recording and auditing the decision', async () => {
    const w = await world();
    const created = await raise(
      w.owner,
      requestBody(w, { vendorId: w.vendorId, assetIds: [w.server, w.desk] }),
    );
    expect(created).toMatchObject({
      number: 1,
      status: 'requested',
      clientName: 'Harbour Dental',
      vendorName: 'Dentrix, Support; EMEA',
      emergency: false,
      overlaps: [],
      requestedByName: 'Olivia Owner',
      decidedByName: null,
      decidedAt: null,
    });
    expect(created.assets.map((a: { name: string }) => a.name)).toEqual(['HD-DESK', 'HD-SRV01']);

    const approved = await w.owner.post(`/change-requests/${created.id}/approve`, { reason: 'Looks fine' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedByName: 'Olivia Owner',
      decisionReason: 'Looks fine',
    });
    expect(approved.body.decidedAt).not.toBeNull();
    const technician = await w.member('technician', { allClients: true });
    expect((await technician.post(`/change-requests/${created.id}/start`, {})).body.status).toBe(
      'in_progress',
    );
    const completed = await technician.post(`/change-requests/${created.id}/complete`, {});
    expect(completed.body).toMatchObject({ status: 'completed', decidedByName: 'Olivia Owner' });
    expect((await w.owner.get(`/change-requests/${created.id}`)).body).toEqual(completed.body);

    const audit = await w.owner.get(`/audit-events?targetType=change_request&targetId=${created.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'change_request.approve',
      'change_request.complete',
      'change_request.create',
      'change_request.start',
    ]);
  });

  it('answers 409 for an action the status does not allow, changing nothing', async () => {
    const w = await world();
    const { id } = await raise(w.owner, requestBody(w));
    const early = await w.owner.post(`/change-requests/${id}/start`, {});
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'change_request.invalid_transition',
      details: { status: 'requested', action: 'start' },
    });
    expect((await w.owner.post(`/change-requests/${id}/complete`, {})).status).toBe(409);
    await w.owner.post(`/change-requests/${id}/reject`, { reason: 'Clashes with month end' });
    for (const action of ['approve', 'reject', 'start', 'complete', 'cancel']) {
      const response = await w.owner.post(`/change-requests/${id}/${action}`, { reason: 'again' });
      expect(response.status, action).toBe(409);
    }
    expect((await w.owner.get(`/change-requests/${id}`)).body).toMatchObject({
      status: 'rejected',
      decisionReason: 'Clashes with month end',
    });
    expect((await w.owner.post(`/change-requests/${nobody}/approve`, {})).status).toBe(404);
  });

  it('requires a reason to reject or cancel, and cancels requested and approved requests', async () => {
    const w = await world();
    const first = await raise(w.owner, requestBody(w));
    for (const body of [{}, { reason: '   ' }]) {
      const refused = await w.owner.post(`/change-requests/${first.id}/reject`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([{ path: ['reason'], message: expect.any(String) }]);
    }
    expect((await w.owner.post(`/change-requests/${first.id}/cancel`, {})).status).toBe(400);
    expect((await w.owner.get(`/change-requests/${first.id}`)).body.status).toBe('requested');
    const cancelled = await w.owner.post(`/change-requests/${first.id}/cancel`, {
      reason: 'Vendor postponed',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', decisionReason: 'Vendor postponed' });

    const second = await raise(w.owner, requestBody(w));
    await w.owner.post(`/change-requests/${second.id}/approve`, {});
    const off = await w.owner.post(`/change-requests/${second.id}/cancel`, { reason: 'Not needed' });
    expect(off.body.status).toBe('cancelled');
  });

  it('lets only approvers decide: a technician raises, starts and completes but may not approve', async () => {
    const w = await world();
    const technician = await w.member('technician', { clientIds: [w.harbour.id] });
    const { id } = await raise(technician, requestBody(w));
    expect((await technician.post(`/change-requests/${id}/approve`, {})).status).toBe(403);
    expect((await technician.post(`/change-requests/${id}/reject`, { reason: 'x' })).status).toBe(403);
    const billing = await w.member('billing', { allClients: true });
    expect((await billing.post('/change-requests', requestBody(w))).status).toBe(403);
    expect((await billing.get(`/change-requests/${id}`)).status).toBe(200);
  });

  it('refuses windows that end first, last over 72 hours, or began before the request', async () => {
    const w = await world();
    const refused = async (overrides: Record<string, unknown>, path: string) => {
      const response = await w.owner.post('/change-requests', requestBody(w, overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toContain(path);
    };
    await refused({ windowStart: at(4), windowEnd: at(2) }, 'windowEnd');
    const start = at(2);
    await refused({ windowStart: start, windowEnd: start }, 'windowEnd');
    await refused({ windowStart: at(2), windowEnd: at(2 + 72.5) }, 'windowEnd');
    // A normal request that began more than 15 minutes ago is after the fact, even if it ends later.
    await refused({ windowStart: at(-1), windowEnd: at(3) }, 'windowStart');
    // An emergency began in the last 24 hours.
    await refused({ emergency: true, windowStart: at(1), windowEnd: at(2) }, 'emergency');
    await refused({ emergency: true, windowStart: at(-25), windowEnd: at(-23) }, 'windowStart');
    expect((await w.owner.get('/change-requests')).body.total).toBe(0);

    // Exactly 72 hours, both ends from one instant: two calls to the clock may be a millisecond apart.
    const longest = at(1);
    const longestEnd = new Date(Date.parse(longest) + 72 * HOUR).toISOString();
    await raise(w.owner, requestBody(w, { windowStart: longest, windowEnd: longestEnd }));
    await raise(w.owner, requestBody(w, { windowStart: at(-0.1), windowEnd: at(1) }));
    const emergency = await raise(
      w.owner,
      requestBody(w, { emergency: true, windowStart: at(-23), windowEnd: at(-22) }),
    );
    expect(emergency).toMatchObject({ emergency: true, status: 'requested' });
    // Approved afterwards: an emergency's window is over by design.
    expect((await w.owner.post(`/change-requests/${emergency.id}/approve`, {})).body.status).toBe('approved');
  });

  it('will not approve a normal request whose window has ended', async () => {
    const w = await world();
    const { id } = await raise(w.owner, requestBody(w, { windowStart: at(-0.2), windowEnd: at(-0.1) }));
    const late = await w.owner.post(`/change-requests/${id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('change_request.window_passed');
  });

  it("refuses another client's assets and a vendor not engaged there, writing nothing", async () => {
    const w = await world();
    const foreign = await w.owner.post(
      '/change-requests',
      requestBody(w, { assetIds: [w.server, w.freight] }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0]).toMatchObject({ path: ['assetIds'] });
    expect(foreign.body.error.details[0].message).toContain(w.freight);
    const missing = await w.owner.post('/change-requests', requestBody(w, { assetIds: [nobody] }));
    expect(missing.status).toBe(400);
    const vendorElsewhere = await w.owner.post(
      '/change-requests',
      requestBody(w, { clientId: w.quayside.id, assetIds: [w.freight], vendorId: w.vendorId }),
    );
    expect(vendorElsewhere.status).toBe(400);
    expect(vendorElsewhere.body.error.details[0].path).toEqual(['vendorId']);
    expect((await w.owner.post('/change-requests', requestBody(w, { clientId: nobody }))).status).toBe(404);
    expect((await w.owner.get('/change-requests')).body.total).toBe(0);
    // Nothing was written, so the next number is still 1.
    expect((await raise(w.owner, requestBody(w))).number).toBe(1);
  });

  it('flags overlapping live windows on a shared asset on both requests, until one is closed', async () => {
    const w = await world();
    const first = await raise(w.owner, requestBody(w, { assetIds: [w.server, w.desk], title: 'First' }));
    const second = await raise(
      w.owner,
      requestBody(w, { windowStart: at(3), windowEnd: at(5), title: 'Second' }),
    );
    // Touching but not overlapping (ends when the other starts), and overlapping on another asset only.
    const after = await raise(
      w.owner,
      requestBody(w, { windowStart: at(5), windowEnd: at(6), title: 'After' }),
    );
    const elsewhere = await raise(
      w.owner,
      requestBody(w, { clientId: w.quayside.id, assetIds: [w.freight], title: 'Elsewhere' }),
    );
    const overlapsOf = async (id: string) =>
      (await w.owner.get(`/change-requests/${id}`)).body.overlaps.map((o: { title: string }) => o.title);
    expect(await overlapsOf(first.id)).toEqual(['Second']);
    expect(await overlapsOf(second.id)).toEqual(['First']);
    expect(await overlapsOf(after.id)).toEqual([]);
    expect(await overlapsOf(elsewhere.id)).toEqual([]);
    const listed = (await w.owner.get(`/change-requests?assetId=${w.server}`)).body.items;
    expect(listed.find((r: { id: string }) => r.id === first.id).overlaps).toEqual([
      { id: second.id, number: second.number, title: 'Second' },
    ]);

    await w.owner.post(`/change-requests/${second.id}/reject`, { reason: 'Clash' });
    expect(await overlapsOf(first.id)).toEqual([]);
    expect(await overlapsOf(second.id)).toEqual([]);
  });

  it('numbers requests CR-1, CR-2… per tenant without gaps, even when raised together', async () => {
    const w = await world();
    const other = await world();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        w.owner.post('/change-requests', requestBody(w, { title: `R${i}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(responses.map((r) => r.body.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await raise(other.owner, requestBody(other))).number).toBe(1);
  });

  it('filters by client, vendor, asset and status', async () => {
    const w = await world();
    const a = await raise(w.owner, requestBody(w, { vendorId: w.vendorId, title: 'A' }));
    const b = await raise(
      w.owner,
      requestBody(w, { assetIds: [w.desk], windowStart: at(10), windowEnd: at(11), title: 'B' }),
    );
    await raise(w.owner, requestBody(w, { clientId: w.quayside.id, assetIds: [w.freight], title: 'C' }));
    await w.owner.post(`/change-requests/${b.id}/approve`, {});
    const titles = async (query: string) =>
      (await w.owner.get(`/change-requests?${query}`)).body.items.map((r: { title: string }) => r.title);
    expect(await titles('')).toEqual(['B', 'C', 'A']);
    expect(await titles(`clientId=${w.quayside.id}`)).toEqual(['C']);
    expect(await titles(`vendorId=${w.vendorId}`)).toEqual(['A']);
    expect(await titles(`assetId=${w.desk}`)).toEqual(['B']);
    expect(await titles('status=approved')).toEqual(['B']);
    expect(await titles('status=requested,approved')).toEqual(['B', 'C', 'A']);
    expect((await w.owner.get('/change-requests?status=bogus')).status).toBe(400);
    expect((await w.owner.get('/change-requests?limit=1&offset=1')).body).toMatchObject({ total: 3 });
    expect(a.vendorName).toBe('Dentrix, Support; EMEA');
  });

  it("shows a scoped technician only its clients' requests; others are 404 like missing ones", async () => {
    const w = await world();
    const mine = await raise(w.owner, requestBody(w));
    const theirs = await raise(w.owner, requestBody(w, { clientId: w.quayside.id, assetIds: [w.freight] }));
    const technician = await w.member('technician', { clientIds: [w.harbour.id] });
    const list = (await technician.get('/change-requests')).body;
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    expect(list.total).toBe(1);
    const hidden = await technician.get(`/change-requests/${theirs.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await technician.get(`/change-requests/${nobody}`)).body);
    expect((await technician.post(`/change-requests/${theirs.id}/start`, {})).status).toBe(404);
    const elsewhere = await technician.post(
      '/change-requests',
      requestBody(w, { clientId: w.quayside.id, assetIds: [w.freight] }),
    );
    expect(elsewhere.status).toBe(404);
  });
});

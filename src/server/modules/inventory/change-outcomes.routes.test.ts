// Every detected change gets one of four outcomes — authorized, routine, unattributed, or outside an
// approved window attributed to a vendor — and only the last opens (or adds to) a vendor incident.
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/http.ts';
import { inventoryReport } from '../../../../test/inventory-report.ts';
import type { AssetChange, ChangeEvent, Inventory, Session } from '../../../shared/api/inventory.ts';
import { changeRequestAssets, changeRequests } from '../change-requests/change-requests.table.ts';
import { routineActors, vendorAccounts, vendorEngagements, vendors } from '../vendors/vendors.table.ts';

const t = await startTestApp();
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
let keys = 0;

async function setUp() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Lakeshore Dental' })).body;
  const { token } = (await tenant.owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const enrolled = await (
    await t.app.request('/agent/v1/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, hostname: 'LFD-SQL01', os: 'Windows Server', osVersion: '2022' }),
    })
  ).json();
  const { tenantId } = tenant;
  const [vendor] = await t.handle.db.insert(vendors).values({ tenantId, name: 'Dentrix Inc' }).returning();
  const [engagement] = await t.handle.db
    .insert(vendorEngagements)
    .values({ tenantId, vendorId: vendor!.id, clientId: client.id, product: 'Dentrix' })
    .returning();
  await t.handle.db
    .insert(vendorAccounts)
    .values([
      { tenantId, engagementId: engagement!.id, kind: 'os_user', identifier: 'LFD\\dentrix-support' },
    ]);
  // Every tenant starts with it; inserted again in case the defaults ever drop it.
  await t.handle.db
    .insert(routineActors)
    .values({ tenantId, actor: 'unattended-upgrades' })
    .onConflictDoNothing();

  const report = async (minutes: number, edit: (r: Inventory) => void = () => {}) => {
    const body = inventoryReport({ collectedAt: at(minutes) });
    edit(body);
    const answer = await t.app.request('/agent/v1/inventory', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${enrolled.credential}`,
        'idempotency-key': `outcome-report-${++keys}`,
      },
      body: JSON.stringify(body),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
  };
  const changes = async (query = ''): Promise<AssetChange[]> =>
    (await tenant.owner.get(`/asset-changes?clientId=${client.id}${query}`)).body.items;
  const approveWindow = async (from: number, to: number, vendorId: string | null) => {
    const [request] = await t.handle.db
      .insert(changeRequests)
      .values({
        tenantId,
        number: 1,
        clientId: client.id,
        vendorId,
        title: 'Dentrix update',
        description: 'Update Dentrix to 24.1',
        risk: 'medium',
        backOutPlan: 'Restore the VM snapshot',
        windowStart: new Date(at(from)),
        windowEnd: new Date(at(to)),
        status: 'approved',
      })
      .returning();
    await t.handle.db
      .insert(changeRequestAssets)
      .values({ tenantId, changeRequestId: request!.id, assetId: enrolled.assetId });
    return request!;
  };
  return {
    ...tenant,
    client,
    vendor: vendor!,
    assetId: enrolled.assetId as string,
    report,
    changes,
    approveWindow,
  };
}

const installed =
  (name: string): ((r: Inventory) => void) =>
  (r) => {
    r.state.software!.push({ name, version: '1.0', publisher: 'x64', source: 'windows' });
  };
const event = (subject: string, actor: string | null, minutes: number): ChangeEvent => ({
  at: at(minutes),
  kind: 'software',
  subject,
  action: 'install',
  actor,
  source: 'Windows event 11707',
});
const rdp = (user: string, from: number, to: number): Session => ({
  user,
  from: '198.51.100.74',
  kind: 'rdp',
  startedAt: at(from),
  endedAt: at(to),
});

describe('outcomes of detected changes', () => {
  it("a vendor account's change outside any window opens one incident; the next change adds to it", async () => {
    const { owner, vendor, report, changes } = await setUp();
    await report(0);
    await report(15, (r) => {
      installed('Microsoft .NET Runtime - 8.0.1 (x64)')(r);
      r.events = [event('Microsoft .NET Runtime - 8.0.1 (x64)', 'dentrix-support', 5)];
    });
    const [first] = await changes();
    expect(first).toMatchObject({
      outcome: 'vendor',
      vendorId: vendor.id,
      vendorName: 'Dentrix Inc',
      outcomeReason: 'Outside an approved window, by dentrix-support, an account of Dentrix Inc',
    });
    const ticket = (await owner.get(`/tickets/${first!.ticketId}`)).body;
    expect(ticket).toMatchObject({
      title: 'Changes outside an approved window on LFD-SQL01 (Dentrix Inc)',
      type: 'incident',
      vendorId: vendor.id,
    });
    expect(ticket.description).toContain('Installed Microsoft .NET Runtime - 8.0.1 (x64) 1.0');

    // A second change, this time while the vendor's session was open and no log names anyone.
    await report(30, (r) => {
      installed('Microsoft .NET Runtime - 8.0.1 (x64)')(r);
      r.state.accounts![1] = { ...r.state.accounts![1]!, passwordChangedAt: '2026-11-22' };
      r.sessions = [rdp('LFD\\Dentrix-Support', 18, 25)];
    });
    const second = (await changes()).find((c) => c.kind === 'account.password_changed')!;
    expect(second).toMatchObject({ outcome: 'vendor', ticketId: first!.ticketId });
    expect(second.outcomeReason).toContain(
      'while a session of LFD\\Dentrix-Support (rdp from 198.51.100.74)',
    );
    const events = (await owner.get(`/tickets/${first!.ticketId}`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'internal_note', author: 'system' });
    expect(events.at(-1).body).toContain(
      'Another change outside an approved window:\n- Password changed for root',
    );
    const incidents = (await owner.get('/tickets?limit=100')).body.items.filter(
      (item: { type: string }) => item.type === 'incident',
    );
    expect(incidents).toHaveLength(1);

    // Time logged on it is vendor-caused unless said otherwise.
    const workType = (await owner.get('/work-types')).body.items[0];
    const entry = await owner.post(`/tickets/${first!.ticketId}/time-entries`, {
      startedAt: at(-180),
      minutes: 120,
      note: 'Put .NET 6 back for the practice-management app',
      workTypeId: workType.id,
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect(entry.body.cause).toBe('vendor_caused');
  });

  it('an emergency change approved afterwards authorizes what was found in its window', async () => {
    const { owner, client, vendor, assetId, report, changes } = await setUp();
    await report(0);
    await report(15, (r) => {
      installed('Dentrix hotfix 24.1.3')(r);
      r.events = [event('Dentrix hotfix 24.1.3', 'dentrix-support', 5)];
    });
    expect((await changes())[0]).toMatchObject({ outcome: 'vendor' });
    const declared = await owner.post('/change-requests', {
      clientId: client.id,
      vendorId: vendor.id,
      assetIds: [assetId],
      title: 'Hotfix for the imaging bridge crash',
      description: 'Dentrix support applied hotfix 24.1.3 while the practice was down',
      risk: 'high',
      backOutPlan: 'Uninstall the hotfix',
      windowStart: at(-10),
      windowEnd: at(30),
      emergency: true,
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    expect((await owner.post(`/change-requests/${declared.body.id}/approve`, {})).status).toBe(200);
    expect((await changes())[0]).toMatchObject({
      outcome: 'authorized',
      changeRequestId: declared.body.id,
      outcomeReason: `Inside the window of CR-${declared.body.number}, an emergency change approved afterwards`,
    });
  });

  it('a change inside an approved window is authorized and opens nothing', async () => {
    const { owner, vendor, report, changes, approveWindow } = await setUp();
    const request = await approveWindow(0, 60, vendor.id);
    await report(0);
    await report(15, (r) => {
      installed('Dentrix 24.1')(r);
      r.events = [event('Dentrix 24.1', 'dentrix-support', 5)];
    });
    expect(await changes()).toEqual([
      expect.objectContaining({
        outcome: 'authorized',
        changeRequestId: request.id,
        outcomeReason: 'Inside the approved window of CR-1',
        ticketId: null,
      }),
    ]);
    expect((await owner.get('/tickets?limit=100')).body.items).toEqual([]);
  });

  it('a routine actor is routine, a stranger unattributed, and health changes have no outcome', async () => {
    const { report, changes } = await setUp();
    await report(0);
    await report(15, (r) => {
      installed('openssl-update')(r);
      installed('notepad-plus-plus')(r);
      r.events = [event('openssl-update', 'unattended-upgrades', 5), event('notepad-plus-plus', 'alice', 6)];
      r.state.disks![0] = { ...r.state.disks![0]!, health: 'failing' };
    });
    const bySubject = Object.fromEntries((await changes()).map((c) => [c.subject, c]));
    expect(bySubject['openssl-update']).toMatchObject({
      outcome: 'routine',
      outcomeReason: 'Made by unattended-upgrades, a routine actor',
    });
    expect(bySubject['notepad-plus-plus']).toMatchObject({
      outcome: 'unattributed',
      outcomeReason: "By alice, neither a vendor's account nor a routine actor",
      vendorId: null,
      ticketId: null,
    });
    expect(bySubject['/dev/sda']).toMatchObject({ kind: 'disk.health_changed', outcome: null });
    expect((await changes('&outcome=unattributed')).map((c) => c.subject)).toEqual(['notepad-plus-plus']);
  });

  it('staff re-judge an outcome with a reason; health changes cannot be judged', async () => {
    const { owner, vendor, report, changes } = await setUp();
    await report(0);
    await report(15, (r) => {
      installed('notepad-plus-plus')(r);
      r.state.disks![0] = { ...r.state.disks![0]!, health: 'failing' };
    });
    const all = await changes();
    const unattributed = all.find((c) => c.outcome === 'unattributed')!;
    const judged = await owner.post(`/asset-changes/${unattributed.id}/judge`, {
      outcome: 'vendor',
      vendorId: vendor.id,
      reason: 'The vendor confirmed by phone that its technician installed it',
    });
    expect(judged.status).toBe(200);
    expect(judged.body).toMatchObject({ outcome: 'vendor', vendorName: 'Dentrix Inc', rejudged: true });
    const missingVendor = await owner.post(`/asset-changes/${unattributed.id}/judge`, {
      outcome: 'vendor',
      reason: 'x',
    });
    expect(missingVendor.status).toBe(400);
    const disk = all.find((c) => c.outcome === null)!;
    expect(
      (await owner.post(`/asset-changes/${disk.id}/judge`, { outcome: 'routine', reason: 'x' })).status,
    ).toBe(409);
    const other = await t.newTenant();
    expect(
      (await other.owner.post(`/asset-changes/${unattributed.id}/judge`, { outcome: 'routine', reason: 'x' }))
        .status,
    ).toBe(404);
  });
});

import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_COOKIES } from '../../../../test/http.ts';
import { inventoryReport, packages } from '../../../../test/inventory-report.ts';
import { createApp } from '../../app.ts';
import { createServices } from '../../main.ts';
import { agentReceipts, assetChanges } from './inventory.table.ts';

// Real time, moved forward by tests that need reports hours apart.
const offsetMs = 0;
const t = await startTestApp({ clock: { now: () => new Date(Date.now() + offsetMs) } });
const at = (minutes: number) => new Date(Date.now() + offsetMs + minutes * 60_000).toISOString();

async function agentCall(path: string, body: unknown, headers: Record<string, string>, app = t.app) {
  const response = await app.request(`/agent/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A receipt as the agent gets it, with the basis naming the record it left. */
const receipt = (outcome: string, changes: number) => ({
  outcome,
  changes,
  basis: expect.stringMatching(/^[0-9a-f]{64}$/),
});

let keys = 0;
/** An enrolled agent of a fresh tenant, with the owner who sees its asset. */
async function enrolledAgent() {
  const tenant = await t.newTenant();
  const client = (await tenant.owner.post('/clients', { name: 'Contoso' })).body;
  const { token } = (await tenant.owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const enrolled = (
    await agentCall('/enroll', { token, hostname: 'fs01', os: 'Debian GNU/Linux', osVersion: '12' }, {})
  ).body;
  const auth = { authorization: `Bearer ${enrolled.credential}` };
  /** A report; with `basis` (the last receipt's), as the agent sends it. */
  const report = (body: unknown, key = `report-${++keys}-key`, basis?: string, app = t.app) =>
    agentCall(
      '/inventory',
      body,
      {
        ...auth,
        'idempotency-key': key,
        ...(basis ? { 'accord-inventory-basis': basis } : {}),
      },
      app,
    );
  const changes = async (query = '') =>
    (await tenant.owner.get(`/assets/${enrolled.assetId}/changes${query}`)).body;
  return { ...tenant, client, ...enrolled, auth, report, changes };
}

async function receiptsOf(agentId: string) {
  const [row] = await t.handle.db
    .select({ n: count() })
    .from(agentReceipts)
    .where(eq(agentReceipts.agentId, agentId));
  return row!.n;
}

async function changeRows(tenantId: string, assetId: string) {
  return t.handle.db
    .select()
    .from(assetChanges)
    .where(and(eq(assetChanges.tenantId, tenantId), eq(assetChanges.assetId, assetId)));
}

describe('inventory reports', () => {
  it('keeps the first report as the baseline, shows it to staff, and records no changes', async () => {
    const { owner, assetId, report } = await enrolledAgent();
    expect((await owner.get(`/assets/${assetId}/inventory`)).body.error.code).toBe('inventory.not_found');
    const first = await report(inventoryReport({ collectedAt: at(0) }));
    expect(first.body).toEqual(receipt('changed', 0));
    const shown = (await owner.get(`/assets/${assetId}/inventory`)).body;
    expect(shown.state.software).toHaveLength(300);
    expect(shown.health.volumes[0]).toMatchObject({ mount: '/', freeBytes: 40e9 });
    expect(shown.notAvailable).toEqual({ protection: 'no antivirus status is reported on Linux' });
    expect((await owner.get(`/assets/${assetId}`)).body).toMatchObject({
      os: 'Debian GNU/Linux',
      osVersion: '12',
    });
  });

  it('costs an unchanged report a hash compare: health is updated, no change is written', async () => {
    const { owner, tenantId, assetId, report } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    const same = inventoryReport({ collectedAt: at(15) });
    same.health.volumes[0]!.freeBytes = 12e9;
    expect((await report(same)).body).toEqual(receipt('unchanged', 0));
    expect((await owner.get(`/assets/${assetId}/inventory`)).body.health.volumes[0].freeBytes).toBe(12e9);
    expect(await changeRows(tenantId, assetId)).toHaveLength(0);
  });

  it('takes a resent report once: the same key answers duplicate and changes nothing', async () => {
    const { tenantId, agentId, assetId, report } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    const changed = inventoryReport({ collectedAt: at(15), packageCount: 301 });
    const sent = await report(changed, 'queued-report-0001');
    expect(sent.body).toEqual(receipt('changed', 1));
    const again = await report(changed, 'queued-report-0001');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(receipt('duplicate', 1));
    expect(await changeRows(tenantId, assetId)).toHaveLength(1);
    expect(await receiptsOf(agentId)).toBe(2);
  });

  it('diffs a changed report into changes with before, after, time and the actor the logs name', async () => {
    const { tenantId, assetId, report, changes } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    const next = inventoryReport({ collectedAt: at(15) });
    const software = next.state.software!;
    software.splice(0, 1); // lib-package-0000 removed
    software[0] = { ...software[0]!, version: '9.0.0-1' }; // lib-package-0001 upgraded from 1.1.1-2
    software[1] = { ...software[1]!, version: '0.1-1' }; // lib-package-0002 downgraded from 1.2.2-3
    software.push({ name: 'accord-test-pkg', version: '1.0', publisher: 'all', source: 'dpkg' });
    next.state.accounts![0] = { ...next.state.accounts![0]!, passwordChangedAt: '2026-11-22' };
    next.events = [
      {
        at: at(5),
        kind: 'software',
        subject: 'accord-test-pkg',
        action: 'install',
        actor: 'alice',
        source: 'apt history.log',
      },
      {
        at: at(6),
        kind: 'software',
        subject: 'lib-package-0001',
        action: 'upgrade',
        actor: null,
        source: 'dpkg.log',
      },
      // Outside the window between the two reports: ignored.
      {
        at: at(-600),
        kind: 'software',
        subject: 'lib-package-0002',
        action: 'upgrade',
        actor: 'bob',
        source: 'apt history.log',
      },
    ];
    next.sessions = [
      { user: 'vendor-tech', from: '203.0.113.7', kind: 'ssh', startedAt: at(4), endedAt: at(8) },
      { user: 'carol', from: null, kind: 'console', startedAt: at(-900), endedAt: at(-800) },
    ];
    expect((await report(next)).body).toEqual(receipt('changed', 5));
    expect(await changeRows(tenantId, assetId)).toHaveLength(5);

    const listed = (await changes()).items;
    const bySubject = Object.fromEntries(listed.map((c: { subject: string }) => [c.subject, c]));
    expect(bySubject['accord-test-pkg']).toMatchObject({
      kind: 'software.installed',
      before: null,
      after: '1.0',
      actor: 'alice',
      actorSource: 'apt history.log',
      timeFromLog: true,
      occurredAt: next.events[0]!.at,
      openSessions: [],
    });
    // Logged time, no actor: the sessions open at that moment.
    expect(bySubject['lib-package-0001']).toMatchObject({
      kind: 'software.upgraded',
      before: '1.1.1-2',
      after: '9.0.0-1',
      actor: null,
      timeFromLog: true,
      openSessions: [{ user: 'vendor-tech', from: '203.0.113.7', kind: 'ssh' }],
    });
    expect(bySubject['lib-package-0002']).toMatchObject({
      kind: 'software.downgraded',
      actor: null,
      timeFromLog: false,
    });
    expect(bySubject['lib-package-0000']).toMatchObject({
      kind: 'software.removed',
      before: '1.0.0-1',
      after: null,
    });
    expect(bySubject.alice).toMatchObject({
      kind: 'account.password_changed',
      before: '2026-01-10',
      after: '2026-11-22',
      occurredAt: next.collectedAt,
      openSessions: [{ user: 'vendor-tech', from: '203.0.113.7', kind: 'ssh' }],
    });
    expect(listed[0].occurredAt >= listed.at(-1).occurredAt).toBe(true);
    expect((await changes('?group=account')).items.map((c: { kind: string }) => c.kind)).toEqual([
      'account.password_changed',
    ]);
  });

  it('compares no section the agent could not collect: a failed collector reads as nothing removed', async () => {
    const { tenantId, assetId, report } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    const blind = inventoryReport({ collectedAt: at(15) });
    blind.state.software = null;
    blind.notAvailable = { software: 'dpkg-query timed out' };
    expect((await report(blind)).body).toEqual(receipt('changed', 0));
    // Back again, with one package more than the last full list: one change, not 301.
    expect((await report(inventoryReport({ collectedAt: at(30), packageCount: 301 }))).body.changes).toBe(1);
    expect(await changeRows(tenantId, assetId)).toHaveLength(1);
  });

  it('keeps a report collected before the last one out of the record', async () => {
    const { owner, assetId, report } = await enrolledAgent();
    await report(inventoryReport({ collectedAt: at(0) }));
    const older = inventoryReport({ collectedAt: at(-30), packageCount: 10 });
    expect((await report(older)).body).toEqual(receipt('stale', 0));
    expect((await owner.get(`/assets/${assetId}/inventory`)).body.state.software).toHaveLength(300);
  });
});

describe('what agents may send', () => {
  it('refuses malformed reports with 400 and changes nothing', async () => {
    const { owner, assetId, agentId, report, auth } = await enrolledAgent();
    const bad: Record<string, unknown>[] = [
      { ...inventoryReport(), collectedAt: 'yesterday' },
      { ...inventoryReport(), extra: true },
      { ...inventoryReport(), state: { ...inventoryReport().state, software: [{ name: '', version: '1' }] } },
      {
        ...inventoryReport(),
        events: [{ at: at(0), kind: 'software', subject: 'x', action: 'install', source: 'x', actor: 5 }],
      },
    ];
    for (const body of bad) expect((await report(body)).status).toBe(400);
    expect((await report('{"collectedAt":')).status).toBe(400);
    const keyless = await agentCall('/inventory', inventoryReport(), auth);
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.code).toBe('agent.idempotency_key_required');
    expect((await report(inventoryReport(), 'bad key with spaces')).status).toBe(400);
    expect((await owner.get(`/assets/${assetId}/inventory`)).status).toBe(404);
    expect(await receiptsOf(agentId)).toBe(0);
  });

  it('refuses a body over 4 MiB with 413, strangers with 401, and another tenant cannot read the inventory', async () => {
    const { report, assetId } = await enrolledAgent();
    const huge = inventoryReport({ collectedAt: at(0) });
    huge.state.software = packages(20_000).map((p) => ({ ...p, publisher: 'x'.repeat(250) }));
    expect((await report(huge)).status).toBe(413);
    const stranger = await agentCall('/inventory', inventoryReport(), {
      authorization: 'Bearer acag_nobody',
      'idempotency-key': 'stranger-0001',
    });
    expect(stranger.status).toBe(401);
    await report(inventoryReport({ collectedAt: at(0) }));
    const other = await t.newTenant();
    expect((await other.owner.get(`/assets/${assetId}/inventory`)).body.error.code).toBe('asset.not_found');
    expect((await other.owner.get(`/assets/${assetId}/changes`)).status).toBe(404);
  });

  it('limits each agent to its own budget of reports per minute, with Retry-After', async () => {
    const first = await enrolledAgent();
    const second = await enrolledAgent();
    const body = inventoryReport({ collectedAt: at(0), packageCount: 1 });
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await first.report(body)).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await first.report(body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await second.report(body)).status).toBe(200);
  });
});

describe('unchanged reports taken from memory (the agent sends its last receipt as the basis)', () => {
  const freeBytes = async (owner: Awaited<ReturnType<typeof enrolledAgent>>['owner'], assetId: string) =>
    (await owner.get(`/assets/${assetId}/inventory`)).body.health.volumes[0].freeBytes;

  it('answers without a receipt and writes the health with the next flush; a resend answers duplicate', async () => {
    const { owner, agentId, assetId, report } = await enrolledAgent();
    const { basis } = (await report(inventoryReport({ collectedAt: at(0) }))).body;
    const same = inventoryReport({ collectedAt: at(15) });
    same.health.volumes[0]!.freeBytes = 12e9;
    // Written as an array parameter of JSON: quotes, commas, braces and backslashes arrive as sent.
    same.health.volumes.push({ mount: '/srv/"a, {b}"\\c', filesystem: null, sizeBytes: 1, freeBytes: 1 });
    const answer = await report(same, 'memory-report-01', basis);
    expect(answer.body).toEqual({ outcome: 'unchanged', changes: 0, basis });
    expect(await receiptsOf(agentId)).toBe(1);
    expect(await freeBytes(owner, assetId)).toBe(40e9);
    expect(await t.services.inventory.flushHealth()).toBeGreaterThanOrEqual(1);
    expect(await freeBytes(owner, assetId)).toBe(12e9);
    const { health } = (await owner.get(`/assets/${assetId}/inventory`)).body;
    expect(health.volumes[1].mount).toBe('/srv/"a, {b}"\\c');
    expect((await report(same, 'memory-report-01', basis)).body).toEqual({
      outcome: 'duplicate',
      changes: 0,
      basis,
    });
    // A flush never writes an older report's health over a later one's.
    const later = inventoryReport({ collectedAt: at(30) });
    later.health.volumes[0]!.freeBytes = 11e9;
    await report(later, 'memory-report-02', basis);
    const older = inventoryReport({ collectedAt: at(20) });
    older.health.volumes[0]!.freeBytes = 99e9;
    await report(older, 'memory-report-03', basis);
    await t.services.inventory.flushHealth();
    await t.services.inventory.flushHealth(); // nothing left to write
    expect(await freeBytes(owner, assetId)).toBe(11e9);
  });

  it('reads the record when another node took a report since: the change there is not missed', async () => {
    const { tenantId, assetId, report } = await enrolledAgent();
    const otherNode = createApp(createServices({ db: t.handle.db }), { cookies: TEST_COOKIES });
    const first = (await report(inventoryReport({ collectedAt: at(0) }))).body;
    // The next report goes to the other node: one package more.
    const upgraded = inventoryReport({ collectedAt: at(15), packageCount: 301 });
    const second = (await report(upgraded, undefined, first.basis, otherNode)).body;
    expect(second).toEqual(receipt('changed', 1));
    // Back on this node, which still remembers the first state: the package is gone again.
    const third = await report(inventoryReport({ collectedAt: at(30) }), undefined, second.basis);
    expect(third.body).toEqual({ ...receipt('changed', 1), basis: first.basis });
    expect((await changeRows(tenantId, assetId)).map((c) => c.kind).sort()).toEqual([
      'software.installed',
      'software.removed',
    ]);
  });

  it('reads the record when another node raised an alert since: the alert clears when the backup is back', async () => {
    const { owner, report } = await enrolledAgent();
    const otherNode = createApp(createServices({ db: t.handle.db }), { cookies: TEST_COOKIES });
    const first = (await report(inventoryReport({ collectedAt: at(0) }))).body;
    // The same state at the other node, but the backup is past its RPO there: it raises the alert.
    const late = inventoryReport({ collectedAt: at(15) });
    late.health.backupRuns[0]!.lastSuccessAt = at(-26 * 60);
    const second = (await report(late, undefined, first.basis, otherNode)).body;
    expect(second).toEqual(receipt('unchanged', 0));
    expect(second.basis).not.toBe(first.basis);
    const [ticket] = (await owner.get('/tickets?limit=100')).body.items;
    expect(ticket).toMatchObject({ title: 'Backup older than its RPO: nightly on fs01', status: 'new' });
    // Back on this node, which remembers the same state with no alert: a fresh backup clears it.
    const third = (await report(inventoryReport({ collectedAt: at(30) }), undefined, second.basis)).body;
    expect(third).toEqual({ ...receipt('unchanged', 0), basis: first.basis });
    expect((await owner.get(`/tickets/${ticket.id}`)).body.status).toBe('resolved');
  });

  it('reads the record when the alerts would change: a backup past its RPO opens its ticket', async () => {
    const { owner, report } = await enrolledAgent();
    const { basis } = (await report(inventoryReport({ collectedAt: at(0) }))).body;
    const late = inventoryReport({ collectedAt: at(15) });
    late.health.backupRuns[0]!.lastSuccessAt = at(-26 * 60);
    expect((await report(late, undefined, basis)).body.outcome).toBe('unchanged');
    const tickets = (await owner.get('/tickets?limit=100')).body.items;
    expect(tickets.map((ticket: { title: string }) => ticket.title)).toEqual([
      'Backup older than its RPO: nightly on fs01',
    ]);
  });

  it('refuses a basis that is not a hash, like any other bad header', async () => {
    const { report } = await enrolledAgent();
    const answer = await report(inventoryReport({ collectedAt: at(0) }), undefined, 'not-a-hash');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('request.invalid');
  });
});

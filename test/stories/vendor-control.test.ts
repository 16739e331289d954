// Stories 2 and 3 of the product brief, end to end on the real machine: a dental practice's vendor changes
// its server without telling anyone, answers for it, and the MSP stops paying for the clean-up. The real
// agent reports while a local account that belongs to the vendor installs and upgrades a Debian package
// built here; an unattended-upgrades run changes another. It changes the machine (a user, two packages, a
// sudoers rule when sudo is present) and undoes all of it; without root, dpkg-deb or apt-get it is skipped,
// saying why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetChange } from '../../src/shared/api/inventory.ts';
import type { InvoiceLine } from '../../src/shared/api/invoices.ts';
import { type ApiClient, startTestApp } from '../http.ts';
import { holdMachine } from '../machine-lock.ts';
import {
  aptAsUnattendedUpgrade,
  buildPackage,
  createAptUser,
  purgePackages,
  type RealAgent,
  skipRealMachine,
  startRealAgent,
} from '../real-agent.ts';

const VENDOR_PACKAGE = 'accord-story-imaging';
const UPDATED_PACKAGE = 'accord-story-tzdata';
const HOUR = 3_600_000;
const RATE_CENTS = 15_000;

/** The server's clock follows the real one, but the story may move it (the agent's reports keep real time). */
let skew = 0;
const t = await startTestApp({ clock: { now: () => new Date(Date.now() + skew) } });

describe.skipIf(skipRealMachine)('vendor control, end to end', () => {
  let dir = '';
  let agent: RealAgent;
  let user: Awaited<ReturnType<typeof createAptUser>>;
  let owner: ApiClient;
  let clientId = '';
  let vendorId = '';
  let engagementId = '';
  let incidentId = '';
  const packages: Record<string, string> = {};

  let releaseMachine = async () => {};
  beforeAll(async () => {
    releaseMachine = await holdMachine();
  }, 600_000);
  afterAll(async () => {
    agent?.stop();
    await purgePackages(VENDOR_PACKAGE, UPDATED_PACKAGE);
    await user?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
    await releaseMachine();
  });

  const changesOf = async (subject: string): Promise<AssetChange[]> =>
    (await owner.get(`/assets/${agent.assetId}/changes?group=software&limit=500`)).body.items.filter(
      (change: AssetChange) => change.subject === subject,
    );
  const waitForChange = (subject: string, kind: AssetChange['kind']) =>
    agent.waitFor(
      async () => (await changesOf(subject)).find((change) => change.kind === kind),
      `${kind} of ${subject}`,
    );
  const vendorIncidents = async () =>
    (await owner.get(`/tickets?clientId=${clientId}&vendorId=${vendorId}`)).body.items as { id: string }[];
  /** Logs clean-up on the incident as the owner; the ticket's vendor makes it vendor-caused. */
  async function cleanUp(startedAt: Date, minutes: number) {
    const workTypeId = (await owner.get('/work-types')).body.items[0].id;
    const entry = await owner.post(`/tickets/${incidentId}/time-entries`, {
      startedAt: startedAt.toISOString(),
      minutes,
      note: 'Put the imaging bridge back as it was',
      workTypeId,
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    return entry.body.id as string;
  }
  /** Runs next month's invoice (it bills this month's labour) and answers the lines of the incident's time. */
  async function incidentLines(): Promise<InvoiceLine[]> {
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    const period = next.toISOString().slice(0, 7);
    const run = await owner.post('/invoices/runs', { period, clientIds: [clientId] });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const invoice = await owner.get(`/invoices/${run.body.results[0].invoiceId}`);
    return invoice.body.lines.filter((line: InvoiceLine) => line.ticketId === incidentId);
  }

  it('the practice, its agreement, its vendor with an account on the server, and the agent running there', {
    timeout: 120_000,
  }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'accord-story-'));
    for (const [name, version] of [
      [VENDOR_PACKAGE, '7.1-1'],
      [VENDOR_PACKAGE, '7.2-1'],
      [UPDATED_PACKAGE, '2026a-1'],
    ] as const) {
      packages[`${name} ${version}`] = await buildPackage(dir, name, version);
    }
    user = await createAptUser('dentrixsvc');
    ({ owner } = await t.newTenant());
    clientId = (await owner.post('/clients', { name: 'Harbour Dental' })).body.id;
    const support = await owner.post('/catalog-items', {
      category: 'on_premises',
      name: 'Managed practice support',
      unit: 'flat',
      priceCents: 90_000,
    });
    const agreement = await owner.post('/agreements', {
      clientId,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      isClientDefault: true,
      hourlyRateCents: RATE_CENTS,
      vendorCausedWork: 'graduated',
      requiresClientApprovalOfVendorChanges: true,
      recurringLines: [{ catalogItemId: support.body.id, quantity: 1, unitPriceCents: 90_000 }],
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    vendorId = (await owner.post('/vendors', { name: 'Dentrix Support', products: ['Dentrix'] })).body.id;
    engagementId = (await owner.post(`/vendors/${vendorId}/engagements`, { clientId, product: 'Dentrix' }))
      .body.id;
    const account = await owner.post(`/engagements/${engagementId}/accounts`, {
      kind: 'os_user',
      identifier: user.name,
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    agent = await startRealAgent(t, owner, clientId, dir);
  });

  it("the vendor's install outside any window opens one incident, with the evidence; its upgrade adds to it", {
    timeout: 240_000,
  }, async () => {
    await user.apt(['install', '-y', '--no-install-recommends', packages[`${VENDOR_PACKAGE} 7.1-1`]!]);
    const installed = await waitForChange(VENDOR_PACKAGE, 'software.installed');
    expect(installed).toMatchObject({
      actor: user.name,
      outcome: 'vendor',
      vendorId,
      outcomeReason: `Outside an approved window, by ${user.name}, an account of Dentrix Support`,
    });
    incidentId = installed.ticketId!;
    const incident = (await owner.get(`/tickets/${incidentId}`)).body;
    expect(incident).toMatchObject({ type: 'incident', vendorId });
    expect(incident.title).toContain('Changes outside an approved window');
    expect(incident.description).toContain(
      `- Installed ${VENDOR_PACKAGE} 7.1-1\n  Outside an approved window, by ${user.name}`,
    );

    await user.apt(['install', '-y', '--no-install-recommends', packages[`${VENDOR_PACKAGE} 7.2-1`]!]);
    const upgraded = await waitForChange(VENDOR_PACKAGE, 'software.upgraded');
    expect(upgraded).toMatchObject({
      before: '7.1-1',
      after: '7.2-1',
      outcome: 'vendor',
      ticketId: incidentId,
    });
    const events = (await owner.get(`/tickets/${incidentId}`)).body.events;
    expect(events.at(-1).body).toContain(
      `Another change outside an approved window:\n- Upgraded ${VENDOR_PACKAGE} 7.1-1 → 7.2-1`,
    );
    expect((await vendorIncidents()).map((ticket) => ticket.id)).toEqual([incidentId]);
  });

  it('the vendor answers the attribution through its link, on the incident for the client to see', async () => {
    const link = (await owner.post(`/tickets/${incidentId}/vendor-reply-links`)).body.url as string;
    const token = link.split('/vendor-reply/')[1];
    const shown = (await t.anonymous.get(`/public/vendor-replies/${token}`)).body;
    expect(shown.changes.map((change: { change: string }) => change.change)).toEqual([
      `Installed ${VENDOR_PACKAGE} 7.1-1`,
      `Upgraded ${VENDOR_PACKAGE} 7.1-1 → 7.2-1`,
    ]);
    const text = 'The 7.2 bridge was urgent for the new scanner; we will book windows from now on.';
    expect(
      (await t.anonymous.post(`/public/vendor-replies/${token}`, { name: 'Sam Field', text })).status,
    ).toBe(204);
    const events = (await owner.get(`/tickets/${incidentId}`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'vendor_reply', isPublic: true, body: text });
  });

  it('an unattended-upgrades run is routine: no incident, nothing against the vendor', {
    timeout: 240_000,
  }, async () => {
    await aptAsUnattendedUpgrade(dir, ['install', '-y', packages[`${UPDATED_PACKAGE} 2026a-1`]!]);
    expect(await waitForChange(UPDATED_PACKAGE, 'software.installed')).toMatchObject({
      actor: 'unattended-upgrades',
      outcome: 'routine',
      vendorId: null,
      ticketId: null,
    });
    expect(await vendorIncidents()).toHaveLength(1);
  });

  it('two hours of clean-up are absorbed but shown on the invoice; after a vendor notice, the next are billed', async () => {
    const absorbed = await cleanUp(new Date(Date.now() - 6 * HOUR), 120);
    expect(await incidentLines()).toMatchObject([
      {
        kind: 'absorbed_work',
        quantity: 2,
        amountCents: 0,
        valueCents: 2 * RATE_CENTS,
        timeEntryIds: [absorbed],
      },
    ]);

    // The notice was given three hours ago, between the two clean-ups.
    skew = -3 * HOUR;
    const notice = await owner.post('/vendor-notices', {
      clientId,
      vendorId,
      text: 'Changes made to your server outside an approved window now cost you our time.',
      ticketIds: [incidentId],
    });
    skew = 0;
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    const billed = await cleanUp(new Date(Date.now() - 2 * HOUR), 120);
    const lines = await incidentLines();
    expect(lines.find((line) => line.timeEntryIds.includes(absorbed))).toMatchObject({
      kind: 'absorbed_work',
      amountCents: 0,
    });
    const billable = lines.find((line) => line.timeEntryIds.includes(billed));
    expect(billable).toMatchObject({ kind: 'labour', quantity: 2, amountCents: 2 * RATE_CENTS });
    expect(billable?.detail).toContain('vendor notice given on');
  });

  it('the scorecard counts the changes outside windows, the incident and the time spent on it', async () => {
    const card = (await owner.get(`/vendors/${vendorId}/scorecard?clientId=${clientId}`)).body;
    expect(card.totals).toMatchObject({
      changesOutsideWindows: 2,
      authorizedChanges: 0,
      changeRequests: 0,
      incidents: 1,
      minutes: 240,
    });
  });

  it('once the vendor acknowledges the rules, its change in an approved window is authorized, with no incident', {
    timeout: 240_000,
  }, async () => {
    expect(
      (await owner.post('/engagement-rules', { text: 'Ask for a window three days ahead.' })).status,
    ).toBe(201);
    const request = {
      clientId,
      vendorId,
      assetIds: [agent.assetId],
      title: 'Remove the old imaging bridge',
      description: 'Uninstall the bridge; the new one is built in.',
      risk: 'low',
      backOutPlan: 'Reinstall 7.2 from the vendor portal.',
      windowStart: new Date(Date.now() - 60_000).toISOString(),
      windowEnd: new Date(Date.now() + HOUR).toISOString(),
    };
    const refused = await owner.post('/change-requests', request);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('change_request.rules_not_acknowledged');

    const link = (await owner.post(`/engagements/${engagementId}/acknowledgement-links`)).body.url as string;
    const token = link.split('/acknowledge/')[1];
    const acknowledged = await t.anonymous.post(`/public/acknowledgements/${token}`, {
      name: 'Sam Field',
      email: 'sam@dentrix-support.example',
      agree: true,
    });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(204);
    const raised = await owner.post('/change-requests', request);
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    // The practice approves its vendor's changes too: the MSP's approval waits for its, given by link.
    expect((await owner.post(`/change-requests/${raised.body.id}/approve`, {})).body).toMatchObject({
      status: 'requested',
      clientApproval: { status: 'pending' },
    });
    const approval = (await owner.post(`/change-requests/${raised.body.id}/approval-links`)).body
      .url as string;
    const decided = await t.anonymous.post(
      `/public/change-approvals/${approval.split('/approve-change/')[1]}`,
      {
        decision: 'approve',
        name: 'Dr. Ana Ruiz',
      },
    );
    expect(decided.status, JSON.stringify(decided.body)).toBe(204);
    expect((await owner.get(`/change-requests/${raised.body.id}`)).body.status).toBe('approved');

    await user.apt(['remove', '-y', VENDOR_PACKAGE]);
    expect(await waitForChange(VENDOR_PACKAGE, 'software.removed')).toMatchObject({
      actor: user.name,
      outcome: 'authorized',
      changeRequestId: raised.body.id,
      outcomeReason: `Inside the approved window of CR-${raised.body.number}`,
      ticketId: null,
    });
    expect(await vendorIncidents()).toHaveLength(1);
    const card = (await owner.get(`/vendors/${vendorId}/scorecard?clientId=${clientId}`)).body;
    expect(card.totals).toMatchObject({ changesOutsideWindows: 2, authorizedChanges: 1, changeRequests: 1 });
    expect(card.clients[0]).toMatchObject({ rules: 'acknowledged', loaStatus: null });
  });

  it('a coverage hold waits for a signed Letter of Agency and a clean day, then lifts itself', async () => {
    const placed = await owner.post('/coverage-holds', {
      assetId: agent.assetId,
      vendorId,
      reason: 'Two changes outside an approved window in one morning',
      ticketIds: [incidentId],
      conditions: { loaSigned: true, rulesAcknowledged: true, cleanDays: 1 },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const hold = () => owner.get(`/coverage-holds/${placed.body.id}`).then((answer) => answer.body);
    expect((await hold()).progress).toEqual({ loaSigned: false, rulesAcknowledged: true, cleanDays: 0 });
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(0);

    const loa = (await owner.post(`/engagements/${engagementId}/loas`, {})).body;
    await owner.post(`/loas/${loa.id}/send`, { sentTo: 'practice.manager@harbourdental.example' });
    const today = new Date().toISOString().slice(0, 10);
    const form = new FormData();
    for (const [key, value] of Object.entries({
      signerName: 'Dr. Ana Ruiz',
      signedOn: today,
      expiresOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    })) {
      form.set(key, value);
    }
    form.set('file', new File([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n')], 'signed.pdf'));
    expect((await owner.post(`/loas/${loa.id}/signed`, form)).status).toBe(200);
    expect((await hold()).progress).toMatchObject({ loaSigned: true, cleanDays: 0 });
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(0);

    // A day and a bit later, with no change outside a window since, the hourly job lifts it.
    skew = 26 * HOUR;
    expect(await t.services.coverageHolds.liftWhereMet()).toBe(1);
    const lifted = await hold();
    expect(lifted).toMatchObject({ liftedByName: null, liftedAt: expect.any(String) });
    expect(lifted.liftedReason).toMatch(/^Its conditions were met: /);
  });
});

// The owner looks at how a vendor works with them: the vendor's account at a dental client removes a
// package outside an approved window (an enrolled machine reports it), which opens an incident the MSP
// spends 90 minutes on; the vendor also asks for a change. The vendor's page shows the scorecard — tiles,
// the trend by month and the client's row with its paperwork — over 3, 6 or 12 months; the client's
// Vendors tab shows the same figures in one row.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrollAndReport } from './agent-reports.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Bright Smile Dental';
const VENDOR = 'Molar Systems';

let harness: Harness;
let page: Page;
let vendorId = '';
let clientId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const scorecard = () => page.getByRole('region', { name: 'Scorecard' });
const tile = (name: string) => scorecard().getByRole('group', { name, exact: true });

describe.sequential('vendor scorecard', () => {
  test("a vendor's account changes a machine outside a window, and the MSP cleans up", async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    const engagement = await api.post<{ id: string }>(`/vendors/${vendorId}/engagements`, {
      clientId,
      product: 'Dentrix',
    });
    await api.post(`/engagements/${engagement.id}/accounts`, { kind: 'os_user', identifier: 'vendor-tech' });
    // Published rules: the vendor's change request needs them acknowledged first.
    await api.post('/engagement-rules', { text: 'Book a window before any change.' });
    await api.post(`/engagements/${engagement.id}/acknowledgements`, { name: 'Sam Molar' });

    const { token } = await api.post<{ token: string }>('/enrollment-tokens', { clientId });
    const enrolled = await enrollAndReport(harness.url, token, 'e2e-score');

    const incidents = await api.get<{ items: { id: string }[] }>(`/tickets?vendorId=${vendorId}`);
    expect(incidents.items).toHaveLength(1);
    const workTypeId = (await api.get<{ items: { id: string }[] }>('/work-types')).items[0]?.id;
    await api.post(`/tickets/${incidents.items[0]?.id}/time-entries`, {
      startedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      minutes: 90,
      note: 'Put the package back',
      workTypeId,
    });
    const start = Date.now() + 2 * 86_400_000;
    await api.post('/change-requests', {
      clientId,
      vendorId,
      assetIds: [enrolled.assetId],
      title: 'Dentrix upgrade',
      description: 'Upgrade to 24.3',
      risk: 'low',
      backOutPlan: 'Restore the snapshot',
      windowStart: new Date(start).toISOString(),
      windowEnd: new Date(start + 3_600_000).toISOString(),
    });
  });

  test("the vendor's page shows the scorecard: tiles, the trend and the client's row", async () => {
    await page.goto(`/vendors/${vendorId}`);
    await heading(page, VENDOR);
    await scorecard().getByRole('heading', { name: 'Scorecard' }).waitFor();
    await tile('Outside an approved window').getByText('3', { exact: true }).waitFor();
    await tile('Authorized changes').getByText('against 1 change request').waitFor();
    await tile('Incidents').getByText('1', { exact: true }).waitFor();
    await tile('MSP time').getByText('1 h 30 min').waitFor();
    // The owner may see costs: a tile for them (no cost rate set, so nothing yet).
    await tile('Cost').waitFor();
    await scorecard().getByRole('figure', { name: 'Changes and incidents by month' }).waitFor();
    const row = scorecard()
      .getByRole('table', { name: 'Scorecard by client' })
      .getByRole('row', { name: new RegExp(CLIENT) });
    await row.getByRole('link', { name: CLIENT }).waitFor();
    await row.getByText('No letter').waitFor();
    await row.getByText(/^Acknowledged/).waitFor();
    await row.getByText('0 / 1').waitFor();
    await page.getByRole('region', { name: 'Scorecard' }).scrollIntoViewIfNeeded();
    await shot(page, 'vendor-scorecard', { fullPage: true });
  });

  test('switching the period asks for that many months', async () => {
    await see(page, /^Since /);
    const period = scorecard().getByRole('radiogroup', { name: 'Period' });
    await period.getByText('12 months').click();
    await expect
      .poll(() =>
        scorecard()
          .getByRole('table', { name: 'Changes and incidents by month, as a table' })
          .getByRole('row')
          .count(),
      )
      .toBe(13);
    await period.getByText('3 months').click();
    await expect
      .poll(() =>
        scorecard()
          .getByRole('table', { name: 'Changes and incidents by month, as a table' })
          .getByRole('row')
          .count(),
      )
      .toBe(4);
    await tile('Outside an approved window').getByText('3', { exact: true }).waitFor();
  });

  test("the client's Vendors tab shows the vendor's figures there", async () => {
    await page.goto(`/clients/${clientId}?tab=vendors`);
    await heading(page, CLIENT);
    const row = page
      .getByRole('table', { name: 'Vendor scorecards' })
      .getByRole('row', { name: new RegExp(VENDOR) });
    await row.getByRole('link', { name: VENDOR }).waitFor();
    await row.getByText('0 / 1').waitFor();
    await row.getByText('1 h 30 min').waitFor();
    await shot(page, 'vendor-scorecard-client-tab', { fullPage: true });
  });
});

// The owner puts a client's database server on coverage hold because of a vendor's changes outside approved
// windows: picks the vendor, gives the reason, cites the incident and sets what lifts it, sees the banner on
// the asset's page, downloads the letter to the client, then lifts the hold by hand with a reason and finds
// it among the asset's earlier holds.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const VENDOR = 'DentalSoft Ltd';
const ASSET = 'HD-SQL01';
const INCIDENT = 'Database upgraded outside an approved window';
const REASON = 'The practice database was upgraded twice this month outside an approved window.';
const LIFT_REASON = 'DentalSoft now books its changes with us.';

let harness: Harness;
let page: Page;
let assetId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const banner = () => page.getByRole('region', { name: /^On coverage hold since/ });

describe.sequential('coverage holds', () => {
  test('the owner has a client with a vendor engaged, its database server and an incident about it', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    const clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    const vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    await api.post(`/vendors/${vendorId}/engagements`, { clientId, product: 'Dentrix' });
    assetId = (await api.post<{ id: string }>('/assets', { clientId, type: 'server', name: ASSET })).id;
    const ticket = await api.post<{ id: string }>('/tickets', { clientId, title: INCIDENT, priority: 'P2' });
    await page.request.fetch(`/api/v1/tickets/${ticket.id}/assets`, {
      method: 'PUT',
      data: { assetIds: [assetId] },
      headers: { 'x-csrf-token': await csrfToken() },
    });
  });

  test('puts the asset on hold through the dialog, which says what it does to billing', async () => {
    await page.goto(`/assets/${assetId}`);
    await heading(page, ASSET);
    // The banner and the action come from the same list of the asset's holds: once the action shows, the
    // list has arrived, and it holds no active hold.
    await page.getByRole('button', { name: 'Put on coverage hold' }).waitFor();
    expect(await banner().count()).toBe(0);
    await shot(page, 'coverage-holds-none');

    await page.getByRole('button', { name: 'Put on coverage hold' }).click();
    const dialog = page.getByRole('dialog', { name: 'Put on coverage hold' });
    // The only vendor engaged at the client is chosen already, once the client's engagements have loaded.
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Vendor' }).inputValue()).toBe(VENDOR);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(REASON);
    await dialog.getByRole('checkbox', { name: new RegExp(INCIDENT) }).check();
    await dialog
      .getByRole('checkbox', { name: `${VENDOR} has acknowledged the rules of engagement` })
      .uncheck();
    await dialog.getByRole('textbox', { name: 'Clean days' }).fill('14');
    await dialog.getByText('time worked on tickets naming it is billable').waitFor();
    await dialog.getByText('14 days pass without changes outside an approved window').waitFor();
    await shot(page, 'coverage-holds-dialog');
    await dialog.getByRole('button', { name: 'Put on hold' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('the banner says since when, for which vendor, that work is billable, and how far along it is', async () => {
    await banner()
      .getByText(new RegExp(`^On coverage hold since .+ — ${VENDOR}\\. Work on this asset is billable\\.$`))
      .waitFor();
    await banner().getByText(REASON).waitFor();
    const conditions = banner().getByRole('list', { name: 'Conditions' });
    await conditions.getByText(`${VENDOR} holds a signed Letter of Agency`).waitFor();
    await conditions.getByText('0 of 14 clean days').waitFor();
    expect(await conditions.getByRole('listitem').count()).toBe(2);
    await banner()
      .getByRole('link', { name: new RegExp(INCIDENT) })
      .waitFor();
    // On hold already: the action is gone until the hold lifts.
    expect(await page.getByRole('button', { name: 'Put on coverage hold' }).count()).toBe(0);
    await shot(page, 'coverage-holds-banner');
  });

  test('downloads the letter to the client as a PDF', async () => {
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      banner().getByRole('link', { name: 'Download letter' }).click(),
    ]);
    expect(letter.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await letter.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  test('lifts the hold with a reason and finds it among the earlier holds', async () => {
    await banner().getByRole('button', { name: 'Lift hold' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lift coverage hold?' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(LIFT_REASON);
    await dialog.getByRole('button', { name: 'Lift hold' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await banner().waitFor({ state: 'detached' });

    const earlier = page.getByRole('table', { name: 'Earlier coverage holds' });
    await earlier.getByText(VENDOR).waitFor();
    await earlier.getByText('Lifted by Olivia Owner').waitFor();
    await earlier.getByText(LIFT_REASON).waitFor();
    await see(page, 'Put on coverage hold');
    await shot(page, 'coverage-holds-lifted', { fullPage: true });
  });
});

async function csrfToken(): Promise<string> {
  const session = await page.request.get('/api/v1/auth/session');
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

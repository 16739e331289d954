// A technician's change to a client's server goes through a change request: raised from the asset's page
// for the vendor that will do it, a second request for the same server at the same time is flagged as
// overlapping on both, the owner approves one and rejects the other with a reason; the client is given a
// private calendar link of approved windows.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const SERVER = 'HD-SRV01';
const VENDOR = 'Dentrix Support';

let harness: Harness;
let page: Page;
let clientId = '';
let serverId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

/** Fills the open "New change request" dialog's texts and raises it. */
async function fillAndRaise(title: string) {
  const dialog = page.getByRole('dialog', { name: 'New change request' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Install the 24.2 update, then restart.');
  await dialog.getByRole('textbox', { name: 'Back-out plan' }).fill('Restore the snapshot taken before.');
  await dialog.getByRole('button', { name: 'Raise request' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe.sequential('change requests', () => {
  test('the owner has a client with a server, and a vendor engaged there', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    serverId = (await api.post<{ id: string }>('/assets', { clientId, type: 'server', name: SERVER })).id;
    await api.post('/assets', { clientId, type: 'workstation', name: 'HD-RECEPTION' });
    const vendor = await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] });
    await api.post(`/vendors/${vendor.id}/engagements`, { clientId, product: 'Dentrix' });
  });

  test('a change request is raised from the asset’s page for the vendor', async () => {
    await page.goto(`/assets/${serverId}`);
    await heading(page, SERVER);
    await see(page, 'No change requests for this asset');
    await page.getByRole('button', { name: 'New change request' }).click();
    const dialog = page.getByRole('dialog', { name: 'New change request' });
    // The client and the asset are filled in from the page.
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Client', exact: true }).inputValue())
      .toBe(CLIENT);
    await dialog.getByText(SERVER).first().waitFor();
    await choose(page, 'Vendor', VENDOR);
    await dialog.getByRole('combobox', { name: 'Risk' }).waitFor();
    await shot(page, 'change-request-new');
    await fillAndRaise('Upgrade Dentrix to 24.2');

    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    await see(page, `${CLIENT} · ${VENDOR}`);
    await page.getByText('Requested', { exact: true }).first().waitFor();
  });

  test('a second request for the same server at the same time is flagged on both', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Changes' })
      .click();
    await heading(page, 'Changes');
    await page.getByRole('button', { name: 'New change request' }).click();
    // The page's own Client filter has the same label: pick inside the dialog.
    const dialog = page.getByRole('dialog', { name: 'New change request' });
    const client = dialog.getByRole('combobox', { name: 'Client', exact: true });
    await client.click();
    await client.fill(CLIENT);
    await page.getByRole('option', { name: CLIENT, exact: true }).click();
    await choose(page, 'Assets', SERVER);
    await fillAndRaise('Move the SQL backups to the NAS');

    await heading(page, 'CR-2: Move the SQL backups to the NAS');
    const alert = page.getByRole('alert').filter({ hasText: 'Overlapping window on a shared asset' });
    await alert.getByRole('link', { name: 'CR-1: Upgrade Dentrix to 24.2' }).waitFor();
    await shot(page, 'change-request-overlap');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Changes' })
      .click();
    const table = page.getByRole('table', { name: 'Change requests' });
    await table.getByRole('img', { name: 'Overlaps CR-1 on a shared asset' }).waitFor();
    await table.getByRole('img', { name: 'Overlaps CR-2 on a shared asset' }).waitFor();
    await shot(page, 'change-requests-list-overlap');
  });

  test('the owner approves one and rejects the other with a reason', async () => {
    await page
      .getByRole('table', { name: 'Change requests' })
      .getByRole('link', { name: /Upgrade Dentrix/ })
      .click();
    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'CR-2: Move the SQL backups to the NAS' })
      .click();
    await heading(page, 'CR-2: Move the SQL backups to the NAS');
    await page.getByRole('button', { name: 'Reject' }).click();
    const ask = page.getByRole('dialog', { name: 'Reject CR-2?' });
    await ask.getByRole('button', { name: 'Reject' }).click();
    await ask.getByText('Say why').waitFor();
    await ask
      .getByRole('textbox', { name: 'Reason' })
      .fill('Clashes with the Dentrix upgrade; do it next week.');
    await shot(page, 'change-request-reject-reason');
    await ask.getByRole('button', { name: 'Reject' }).click();
    await ask.waitFor({ state: 'hidden' });
    await page.getByText('Rejected', { exact: true }).first().waitFor();
    await see(page, 'Clashes with the Dentrix upgrade; do it next week.');
    // Closed, it no longer competes for the window.
    expect(await page.getByText('Overlapping window on a shared asset').count()).toBe(0);

    await page.goBack();
    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    await page.reload();
    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    expect(await page.getByText('Overlapping window on a shared asset').count()).toBe(0);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Mark started' }).waitFor();
    await shot(page, 'change-request-approved');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Changes' })
      .click();
    const table = page.getByRole('table', { name: 'Change requests' });
    await table.getByText('Approved').waitFor();
    await table.getByText('Rejected').waitFor();
    await shot(page, 'change-requests-list');

    await page.goto(`/assets/${serverId}`);
    await page.getByRole('table', { name: 'Change requests for this asset' }).getByText('CR-2').waitFor();
    await shot(page, 'asset-change-requests', { fullPage: true });
  });

  test('the client gets a private calendar link of approved windows, shown once', async () => {
    await page.goto(`/clients/${clientId}`);
    await heading(page, CLIENT);
    await page.getByRole('button', { name: 'Create calendar link' }).click();
    const url = await page.getByRole('textbox', { name: 'Calendar URL' }).inputValue();
    expect(url).toMatch(/\/calendar\/changes\/[\w-]+\.ics$/);
    await shot(page, 'client-change-calendar');
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const text = await feed.text();
    expect(text).toContain('SUMMARY:CR-1: Upgrade Dentrix to 24.2 (Dentrix Support)');
    expect(text).not.toContain('CR-2');
  });
});

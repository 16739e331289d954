// The owner adds a line-of-business vendor, engages it at a client for its product with a support
// contract renewing soon, adds the Windows account the vendor's people use there, and finds the vendor
// on the client's Vendors tab; Settings → Routine actors starts with the default updaters and takes one more.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const OTHER_CLIENT = 'Quayside Dental';
const VENDOR = 'DentalSoft Ltd';
const ACCOUNT = 'HARBOUR\\dentalsoft';

let harness: Harness;
let page: Page;
let otherClientId = '';

/** A day `days` from today, as YYYY-MM-DD (the browser runs in UTC). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const mainNav = () => page.getByRole('navigation', { name: 'Main navigation' });

describe.sequential('vendors', () => {
  test('the owner has two dental clients', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    await api.post('/clients', { name: CLIENT });
    otherClientId = (await api.post<{ id: string }>('/clients', { name: OTHER_CLIENT })).id;
  });

  test('adds a vendor with its product', async () => {
    await mainNav().getByRole('link', { name: 'Vendors' }).click();
    await heading(page, 'Vendors');
    await see(page, 'No vendors yet');
    await shot(page, 'vendors-empty');

    await page.getByRole('button', { name: 'Add vendor' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add vendor' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(VENDOR);
    const products = dialog.getByLabel('Products', { exact: true });
    await products.fill('Dentrix');
    await products.press('Enter');
    await dialog.getByRole('textbox', { name: 'Support email' }).fill('support@dentalsoft.example');
    await dialog.getByRole('textbox', { name: 'Support phone' }).fill('+44 20 7946 0100');
    await shot(page, 'vendors-add-dialog');
    await dialog.getByRole('button', { name: 'Add vendor' }).click();
    await page.waitForURL(/\/vendors\/[0-9a-f-]{36}$/);
    await heading(page, VENDOR);
    await see(page, 'Not engaged at any client yet');
  });

  test('engages it at a client with a contract renewing soon, and adds its account there', async () => {
    await page.getByRole('button', { name: 'Engage at a client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Engage vendor at a client' });
    await choose(page, 'Client', CLIENT, { type: true });
    await expect.poll(() => dialog.getByLabel(/^Product/).inputValue()).toBe('Dentrix');
    await dialog.getByRole('textbox', { name: 'Support contract' }).fill('Gold plan DS-4471');
    await dialog.getByLabel('Renews on').fill(inDays(12));
    await dialog.getByRole('textbox', { name: "Vendor's SLA terms" }).fill('4 h response, business hours');
    await shot(page, 'vendors-engage-dialog');
    await dialog.getByRole('button', { name: 'Engage vendor' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const table = page.getByRole('table', { name: 'Engagements' });
    await table.getByRole('link', { name: CLIENT }).waitFor();
    await table.getByText('Gold plan DS-4471').waitFor();
    await table.getByText('soon').waitFor();

    await table.getByRole('button', { name: `Add account for ${VENDOR} at ${CLIENT}` }).click();
    const accountDialog = page.getByRole('dialog', { name: 'Add vendor account' });
    await accountDialog.getByRole('textbox', { name: 'Identifier' }).fill(ACCOUNT);
    await shot(page, 'vendors-add-account');
    await accountDialog.getByRole('button', { name: 'Add account' }).click();
    await accountDialog.waitFor({ state: 'hidden' });
    await table.getByText(ACCOUNT).waitFor();

    // A second engagement, made through the API, whose contract has lapsed: marked as passed.
    await browserApi(page).post(`/vendors/${page.url().split('/').pop()}/engagements`, {
      clientId: otherClientId,
      product: 'Dentrix',
      supportContract: 'Silver',
      renewsOn: inDays(-20),
    });
    await page.reload();
    await table.getByText('passed').waitFor();
    await shot(page, 'vendors-detail', { fullPage: true });
  });

  test('the vendor list shows its product and how many clients engage it', async () => {
    await mainNav().getByRole('link', { name: 'Vendors' }).click();
    const table = page.getByRole('table', { name: 'Vendors' });
    const row = table.getByRole('row', { name: new RegExp(VENDOR) });
    await row.waitFor();
    await row.getByText('Dentrix').waitFor();
    expect((await row.getByRole('cell').last().textContent())?.trim()).toBe('2');
    await shot(page, 'vendors-list');

    await page.getByRole('textbox', { name: 'Search' }).fill('nothing like it');
    await see(page, 'No vendors match');
    await shot(page, 'vendors-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row.waitFor();
  });

  test("the client's Vendors tab lists the vendor, its product and its account", async () => {
    await page.getByRole('link', { name: VENDOR }).click();
    await page.getByRole('table', { name: 'Engagements' }).getByRole('link', { name: CLIENT }).click();
    await heading(page, CLIENT);
    const table = page.getByRole('table', { name: 'Vendors' });
    await table.getByRole('link', { name: VENDOR }).waitFor();
    await table.getByText('Dentrix').waitFor();
    await table.getByText(ACCOUNT).waitFor();
    expect(await page.getByRole('tab', { name: 'Vendors' }).getAttribute('aria-selected')).toBe('true');
    await shot(page, 'vendors-client-tab');
  });

  test('Settings → Routine actors starts with the updaters and takes another', async () => {
    await mainNav().getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Routine actors' })
      .click();
    await heading(page, 'Routine actors');
    const table = page.getByRole('table', { name: 'Routine actors' });
    await table.getByText('unattended-upgrades').waitFor();
    await page.getByRole('textbox', { name: 'Actor' }).fill('svc-rmm');
    await page.getByRole('textbox', { name: 'Note' }).fill('Our RMM agent');
    await page.getByRole('button', { name: 'Add actor' }).click();
    await table.getByText('svc-rmm').waitFor();
    await shot(page, 'vendors-routine-actors');
  });
});

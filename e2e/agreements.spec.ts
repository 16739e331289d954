// Billing sets up what a client has bought: a managed agreement with a monthly fee that falls back to
// break/fix for uncovered work. A bad period is refused by the server and the error lands on its field;
// the saved agreement shows in the Agreements list and on the client's Agreements tab.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import {
  browserApi,
  choose,
  completeSetup,
  heading,
  see,
  signIn,
  signOut,
  stopRequiringMfa,
} from './journeys.ts';

const BILLING = {
  name: 'Bea Billing',
  email: 'bea@northwind.test',
  password: 'bea-has-a-long-password',
};
const CLIENT = 'Contoso Ltd';

let harness: Harness;
let page: Page;
let clientId = '';
let agreementId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const mainNav = () => page.getByRole('navigation', { name: 'Main navigation' });

describe.sequential('agreements', () => {
  test('billing has a client with a break/fix agreement to fall back to', async () => {
    await completeSetup(page);
    // Not about MFA: the billing user signs in with a password alone.
    await stopRequiringMfa(page);
    const owner = browserApi(page);
    await owner.post('/users', { ...BILLING, role: 'billing', allClients: true, clientIds: [] });
    clientId = (await owner.post<{ id: string }>('/clients', { name: CLIENT, currency: 'USD' })).id;
    await signOut(page);
    await signIn(page, BILLING.email, BILLING.password);
    await browserApi(page).post('/agreements', {
      clientId,
      type: 'break_fix',
      name: 'Break/fix',
      startsOn: '2026-01-01',
      hourlyRateCents: 16_500,
    });
  });

  test('a managed agreement with an end before its start is refused on the end date', async () => {
    await mainNav().getByRole('link', { name: 'Agreements' }).click();
    await heading(page, 'Agreements');
    await page.getByRole('table', { name: 'Agreements' }).getByText('Break/fix').first().waitFor();
    await page.getByRole('link', { name: 'Add agreement' }).click();
    await heading(page, 'New agreement');

    await choose(page, 'Client', CLIENT, { type: true });
    await see(page, `For ${CLIENT} · amounts in USD`);
    await choose(page, 'Type', 'Managed services');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Managed Gold');
    await page.getByLabel('Starts on').fill('2026-06-01');
    await page.getByLabel('Ends on').fill('2026-05-31');
    await page.getByRole('switch', { name: 'Default agreement for this client' }).check();
    await page.getByRole('textbox', { name: 'Hourly rate', exact: true }).fill('150');

    await page.getByRole('button', { name: 'Add recurring fee' }).click();
    await choose(page, 'Catalog item of line 1', 'Desktop and laptop support', { type: true });
    await page.getByRole('textbox', { name: 'Description of line 1' }).fill('Workstations');
    await page.getByRole('textbox', { name: 'Quantity of line 1', exact: true }).fill('12');
    await page.getByRole('textbox', { name: 'Minimum quantity of line 1' }).fill('10');
    await page.getByRole('textbox', { name: 'Unit price of line 1' }).fill('45');
    await expect(page.getByTestId('line-1-monthly').textContent()).resolves.toBe('US$540.00');
    await expect(page.getByTestId('recurring-total').textContent()).resolves.toBe('US$540.00');

    await choose(page, 'Fallback agreement', 'Break/fix');
    await see(page, 'Excluded or uncovered work is billed under the fallback agreement');

    await page.getByRole('button', { name: 'Add agreement' }).first().click();
    await see(page, 'Could not save the agreement');
    const endsOn = page.getByLabel('Ends on');
    await expect(endsOn.getAttribute('aria-invalid')).resolves.toBe('true');
    await see(page, 'The agreement cannot end before it starts');
    // Still on the new form, with what was typed.
    expect(page.url()).toContain('/agreements/new');
    await expect(page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).resolves.toBe(
      'Managed Gold',
    );
    await shot(page, '70-agreement-end-before-start');
  });

  test('with the end date fixed it saves, and opens as the saved agreement', async () => {
    await page.getByLabel('Ends on').fill('2027-05-31');
    await expect(page.getByLabel('Ends on').getAttribute('aria-invalid')).resolves.not.toBe('true');
    await page.getByRole('button', { name: 'Add agreement' }).first().click();
    await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
    await heading(page, 'Managed Gold');
    agreementId = page.url().split('/agreements/')[1] ?? '';
    await see(page, `Managed Gold added for ${CLIENT}`);

    const saved = await browserApi(page).get<{
      clientId: string;
      endsOn: string;
      isClientDefault: boolean;
      fallbackAgreementName: string;
      recurringLines: { catalogItemName: string; quantity: number; unitPriceCents: number }[];
    }>(`/agreements/${agreementId}`);
    expect(saved).toMatchObject({
      clientId,
      endsOn: '2027-05-31',
      isClientDefault: true,
      fallbackAgreementName: 'Break/fix',
      recurringLines: [{ catalogItemName: 'Desktop and laptop support', quantity: 12, unitPriceCents: 4500 }],
    });
    await expect(page.getByTestId('recurring-total').textContent()).resolves.toBe('US$540.00');
    await shot(page, '71-agreement-saved');
  });

  test('the agreement is in the list and on the client’s Agreements tab', async () => {
    await mainNav().getByRole('link', { name: 'Agreements' }).click();
    const table = page.getByRole('table', { name: 'Agreements' });
    const row = table.getByRole('row').filter({ hasText: 'Managed Gold' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(
      /Contoso Ltd.*Managed Gold.*Default.*Falls back to Break\/fix.*Managed services.*US\$540\.00/,
    );
    await shot(page, '72-agreements-list');

    await row.getByRole('link', { name: CLIENT }).click();
    await page.waitForURL(`**/clients/${clientId}?tab=agreements`);
    await heading(page, CLIENT);
    const tab = page.getByRole('table', { name: `Agreements of ${CLIENT}` });
    await tab.getByRole('row').filter({ hasText: 'Managed Gold' }).waitFor();
    await tab.getByRole('row').filter({ hasText: 'Break/fix' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Add agreement' }).getAttribute('href')).resolves.toBe(
      `/agreements/new?clientId=${clientId}`,
    );
    await shot(page, '73-client-agreements-tab');
  });
});

// Client scope is enforced end to end: a technician limited to one client sees only that client, and the
// other client's address shows the not-found page (the API answers 404, never "forbidden").
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import {
  addClient,
  choose,
  completeSetup,
  heading,
  see,
  signIn,
  signOut,
  stopRequiringMfa,
} from './journeys.ts';

const TECHNICIAN = {
  name: 'Tom Technician',
  email: 'tom@northwind.test',
  password: 'tom-has-a-long-password',
};

let harness: Harness;
let page: Page;
const clientIds = { alpha: '', beta: '' };

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

describe.sequential('client scope', () => {
  test('an owner adds two clients and a technician scoped to one of them', async () => {
    await completeSetup(page);
    // Not about MFA: the technician signs in with a password alone (mfa.spec.ts covers enrolment).
    await stopRequiringMfa(page);
    clientIds.alpha = await addClient(page, 'Alpha Dental');
    clientIds.beta = await addClient(page, 'Beta Logistics');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL('**/settings/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(TECHNICIAN.name);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(TECHNICIAN.email);
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill(TECHNICIAN.password);
    await choose(page, 'Role', 'Technician');
    await dialog.getByRole('switch', { name: 'Access to all clients' }).uncheck();
    await choose(page, 'Clients', 'Alpha Dental');
    await dialog.getByRole('button', { name: 'Add user' }).click();

    const users = page.getByRole('table', { name: 'Users' });
    const row = users.getByRole('row').filter({ hasText: TECHNICIAN.name });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Technician.*Alpha Dental/);
    await shot(page, '20-settings-users');
  });

  test('signed in as the technician, only the scoped client is listed', async () => {
    await signOut(page);
    await signIn(page, TECHNICIAN.email, TECHNICIAN.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Clients' })
      .click();
    const table = page.getByRole('table', { name: 'Clients' });
    await table.getByText('Alpha Dental').waitFor();
    await expect(table.getByText('Beta Logistics').count()).resolves.toBe(0);
    await see(page, '1 client');
    // A technician may not add clients, so the action is not offered.
    await expect(page.getByRole('button', { name: 'Add client' }).count()).resolves.toBe(0);
    await shot(page, '21-technician-clients');
  });

  test("the other client's address shows a not-found page", async () => {
    await page.goto(`/clients/${clientIds.beta}`);
    await heading(page, 'Client not found');
    await expect(page.getByText('Beta Logistics').count()).resolves.toBe(0);
    await shot(page, '22-client-not-found');

    await page.goto(`/clients/${clientIds.alpha}`);
    await heading(page, 'Alpha Dental');
    await expect(page.getByRole('button', { name: 'Edit client' }).count()).resolves.toBe(0);
  });

  test('the technician sees calendars but not the staff list', async () => {
    await page.goto('/settings');
    await page.waitForURL('**/settings/calendars');
    await see(page, 'No business calendars yet');
    // The settings list is on screen with the page: it names the calendars but not the staff list.
    const settingsNav = page.getByRole('navigation', { name: 'Settings' });
    await expect(settingsNav.getByRole('link', { name: 'Business calendars' }).count()).resolves.toBe(1);
    await expect(settingsNav.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'New calendar' }).count()).resolves.toBe(0);
  });
});

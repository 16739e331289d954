// The first hour with Accord: set up the organization and the owner's authenticator, sign out and in with a
// code, add a client with a site and a contact, create a business calendar and check its live due-time
// preview, create an SLA policy.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Authenticator } from './authenticator.ts';
import { asShown, expectedDue, type SimpleCalendar } from './expected-due.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import {
  addClient,
  choose,
  enrollAuthenticator,
  heading,
  OWNER,
  see,
  signIn,
  signOut,
  submitSetup,
} from './journeys.ts';

let harness: Harness;
let page: Page;
let authenticator: Authenticator;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

describe.sequential('first run', () => {
  test('a new install asks for setup, the owner sets up an authenticator and lands on the dashboard', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await shot(page, '01-setup');
    await submitSetup(page);
    // New organizations require MFA of staff: the owner sets it up before anything else.
    await heading(page, 'Set up two-factor sign-in');
    await see(page, `${OWNER.organization} requires a second step`);
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await shot(page, '01b-enroll', { fullPage: true });
    // The app cannot be reached until it is done.
    await page.goto('/clients');
    await page.waitForURL(/\/login\/enroll\?redirect=.*clients/);
    authenticator = await enrollAuthenticator(page);
    await shot(page, '01c-recovery-codes', { fullPage: true });
    await page.getByRole('button', { name: 'I have saved these' }).click();
    await heading(page, 'Clients');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await heading(page, /Olivia/);
    await expect(page.getByTestId('organization-name').textContent()).resolves.toBe(OWNER.organization);
    await see(page, 'Getting started');
    await shot(page, '02-dashboard');
  });

  test('the owner can sign out and back in', async () => {
    await signOut(page);
    await shot(page, '03-login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await see(page, 'auth.invalid_credentials');
    await shot(page, '03b-login-error', { withToasts: true });
    // The form keeps what was typed after a refusal.
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(OWNER.email);
    await signIn(page, OWNER.email, OWNER.password, authenticator);
    await heading(page, /Olivia/);
  });

  test('a client gets a site and a contact', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Clients' })
      .click();
    await see(page, 'No clients yet');
    await shot(page, '04-clients-empty');

    await addClient(page, 'Contoso Ltd', ['contoso.com']);

    await page.getByRole('tab', { name: /Sites/ }).click();
    await see(page, 'No sites yet');
    await page.getByRole('button', { name: 'Add site' }).first().click();
    const siteDialog = page.getByRole('dialog', { name: 'Add site' });
    await siteDialog.getByLabel('Site name').fill('Head office');
    await choose(page, 'Time zone', 'Europe/London', { type: true });
    await siteDialog.getByLabel('Address').fill('1 King Street\nLondon');
    await shot(page, '05a-site-form');
    await siteDialog.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('table', { name: 'Sites' }).getByText('Head office').waitFor();
    await see(page, 'Europe/London');

    await page.getByRole('tab', { name: /Contacts/ }).click();
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const contactDialog = page.getByRole('dialog', { name: 'Add contact' });
    await contactDialog.getByLabel('Contact name').fill('Ada Lovelace');
    await contactDialog.getByLabel('Job title').fill('Office manager');
    await contactDialog.getByLabel('Email').fill('ada@contoso.com');
    await choose(page, 'Site', 'Head office');
    await contactDialog.getByLabel('Billable user').check();
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    const contacts = page.getByRole('table', { name: 'Contacts' });
    await contacts.getByText('Ada Lovelace').waitFor();
    await contacts.getByText('Head office').waitFor();
    expect(page.url()).toContain('tab=contacts');
    await shot(page, '05b-client-detail');
  });

  test('the client list searches by name, and the search is in the URL', async () => {
    await addClient(page, 'Fabrikam Inc', ['fabrikam.com']);
    await page.goto('/clients');
    await page.getByRole('table', { name: 'Clients' }).getByText('Fabrikam Inc').waitFor();
    await shot(page, '06-clients-list');
    await page.getByLabel('Search').fill('conto');
    await page.waitForURL(/q=conto/);
    // The previous page stays on screen until the filtered one arrives: wait for Fabrikam to leave.
    await page
      .getByRole('table', { name: 'Clients' })
      .getByText('Fabrikam Inc')
      .waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Clients' }).getByText('Contoso Ltd').waitFor();
    await page.goto('/clients?q=zzz');
    await see(page, 'No clients match');
  });

  test('a business calendar previews due times live, including weekends, holidays and a new version', async () => {
    const calendar: SimpleCalendar = {
      timeZone: 'Europe/London',
      weeklyHours: {
        mon: [['08:00', '17:00']],
        tue: [['08:00', '17:00']],
        wed: [['08:00', '17:00']],
        thu: [['08:00', '17:00']],
        fri: [['08:00', '17:00']],
      },
      holidays: ['2026-08-31'],
    };

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Business calendars' })
      .click();
    await see(page, 'No business calendars yet');
    await page.getByRole('link', { name: 'New calendar' }).first().click();
    await heading(page, 'New calendar');
    await page.getByLabel('Calendar name').fill('UK office hours');
    await choose(page, 'Time zone', 'Europe/London', { type: true });
    await page.getByRole('button', { name: 'Presets' }).click();
    await page.getByRole('menuitem', { name: /Office hours/ }).click();
    await page.getByLabel('Holiday date').fill('2026-08-31');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await see(page, 'Mon 31 Aug 2026');
    await page.getByRole('button', { name: 'Create calendar' }).click();
    await page.waitForURL(/\/settings\/calendars\/[0-9a-f-]{36}$/);
    await heading(page, 'UK office hours');

    // Friday 28 August 2026, 15:00 in London (BST, UTC+1): two hours on Friday, the weekend, the bank
    // holiday on Monday, then two more hours on Tuesday.
    const start = Date.UTC(2026, 7, 28, 14, 0);
    const preview = page.getByRole('region', { name: 'Due time' });
    await page.getByLabel('Start (Europe/London)').fill('2026-08-28T15:00');
    await page.getByLabel('Business minutes').fill('240');
    const due = expectedDue(start, 240, calendar);
    expect(asShown(due, 'Europe/London')).toBe('Tue 1 Sep 2026, 10:00');
    await expect.poll(() => page.getByTestId('due-local').textContent()).toBe(asShown(due, 'Europe/London'));
    await expect(preview.getByTestId('due-utc').textContent()).resolves.toBe(`${asShown(due, 'UTC')} UTC`);
    await shot(page, '07-calendar-editor');

    // Open Saturday mornings too: saving makes version 2, and the preview follows it.
    await page.getByLabel('Saturday', { exact: true }).check();
    await page.getByLabel('Saturday opens', { exact: true }).fill('09:00');
    await page.getByLabel('Saturday closes', { exact: true }).fill('12:00');
    await see(page, 'Save your changes to preview them');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Version 2').first().waitFor();
    const withSaturday = expectedDue(start, 240, {
      ...calendar,
      weeklyHours: { ...calendar.weeklyHours, sat: [['09:00', '12:00']] },
    });
    expect(asShown(withSaturday, 'Europe/London')).toBe('Sat 29 Aug 2026, 11:00');
    // The preview keeps the start and minutes typed before the save.
    await page.getByLabel('Start (Europe/London)').fill('2026-08-28T15:00');
    await page.getByLabel('Business minutes').fill('240');
    await expect
      .poll(() => page.getByTestId('due-local').textContent())
      .toBe(asShown(withSaturday, 'Europe/London'));
  });

  test('an SLA policy gets P1-P4 targets and previews a ticket opened now', async () => {
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'SLA policies' })
      .click();
    await see(page, 'No SLA policies yet');
    await page.getByRole('link', { name: 'New SLA policy' }).first().click();
    await heading(page, 'New SLA policy');
    await page.getByLabel('Policy name').fill('Managed Gold');
    await page.getByLabel('P1 first response (minutes)').fill('30');
    await page.getByLabel('P1 resolution (minutes)').fill('120');
    const preview = page.getByRole('table', { name: 'Due times for a ticket opened now' });
    await expect.poll(() => preview.getByText('Europe/London').count()).toBe(8);
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.waitForURL(/\/settings\/sla-policies\/[0-9a-f-]{36}$/);
    await heading(page, 'Managed Gold');
    await shot(page, '08-sla-policy-editor');

    await page.getByRole('link', { name: 'SLA policies' }).first().click();
    const table = page.getByRole('table', { name: 'SLA policies' });
    await table.getByText('Managed Gold').waitFor();
    await table.getByText('UK office hours').waitFor();
  });

  test('an API token is shown once, works against the API, and can be revoked', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await heading(page, 'API tokens');
    await see(page, 'No API tokens yet');
    await page.getByRole('button', { name: 'New token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByRole('textbox', { name: 'Token name' }).fill('RMM sync');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByText('Copy it now').waitFor();
    const token = (await dialog.getByLabel('New API token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await shot(page, '13-api-token-created');

    const viaToken = await fetch(`${harness.url}/api/v1/clients`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status).toBe(200);
    expect(((await viaToken.json()) as { total: number }).total).toBe(2);

    await dialog.getByRole('button', { name: 'Done' }).click();
    const table = page.getByRole('table', { name: 'API tokens' });
    await table.getByText('RMM sync').waitFor();
    await page.getByRole('button', { name: 'Revoke RMM sync' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke token?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await table.getByText('Revoked').waitFor();
    await shot(page, '14-api-tokens');
    const afterRevoke = await fetch(`${harness.url}/api/v1/clients`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterRevoke.status).toBe(401);
  });

  test('the dashboard counts what was set up, and the app has a dark theme', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await heading(page, /Olivia/);
    await shot(page, '15-dashboard-filled');
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Dark theme' }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')))
      .toBe('dark');
    await shot(page, '16-dark-dashboard');
    await page.goto('/settings/calendars');
    await page.getByRole('link', { name: 'UK office hours' }).click();
    await heading(page, 'UK office hours');
    await shot(page, '17-dark-calendar-editor');
    await page.goto('/clients');
    await page.getByRole('table', { name: 'Clients' }).waitFor();
    await shot(page, '18-dark-clients-list');
  });
});

// Steps several journeys share, written the way a person would do them (labels, roles, visible text).

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Authenticator } from './authenticator.ts';
import type { SimpleCalendar } from './expected-due.ts';

export const OWNER = {
  organization: 'Northwind IT',
  name: 'Olivia Owner',
  email: 'olivia@northwind.test',
  password: 'correct horse battery',
};

/** Waits until `locator` is visible, failing with a readable message. */
export async function see(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor({ state: 'visible' });
}

export async function heading(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { name }).first().waitFor({ state: 'visible' });
}

/** Fills in the first-run form; a new organization requires MFA of staff, so the owner lands on enrolment. */
export async function submitSetup(page: Page) {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await heading(page, 'Set up Accord');
  await page.getByLabel('Organization name').fill(OWNER.organization);
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL('**/login/enroll');
}

/**
 * Sets up an authenticator as a person would: reads the setup key off the page into the test's
 * authenticator app, types its code, and reads the recovery codes shown (it does not click past them).
 * `within` is the sign-in step's page or Account → Security's dialog.
 */
export async function enrollAuthenticator(
  within: Page | Locator,
  authenticator?: Authenticator,
): Promise<Authenticator> {
  const key = within.getByLabel('Setup key', { exact: true });
  await key.waitFor();
  const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const app = authenticator ?? new Authenticator(secret);
  app.secret = secret;
  await within.getByRole('textbox', { name: '6-digit code' }).fill(await app.nextCode());
  await within.getByRole('button', { name: 'Turn on' }).click();
  const codes = within.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  app.recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(app.recoveryCodes.length).toBeGreaterThan(0);
  return app;
}

/** First run: the organization, the owner's authenticator, and the dashboard. */
export async function completeSetup(page: Page): Promise<Authenticator> {
  await submitSetup(page);
  const authenticator = await enrollAuthenticator(page);
  await page.getByRole('button', { name: 'I have saved these' }).click();
  await heading(page, /Olivia/);
  return authenticator;
}

/**
 * For journeys that are not about MFA but sign in people who have no authenticator: the owner (signed in,
 * enrolled) stops requiring it of staff.
 */
export async function stopRequiringMfa(page: Page) {
  await browserApi(page).patch('/settings/security', { mfaRequiredForStaff: false });
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await heading(page, 'Sign in');
}

/** Signs in from the sign-in page; with an authenticator, also through the code step. */
export async function signIn(page: Page, email: string, password: string, authenticator?: Authenticator) {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  if (authenticator) {
    await page.waitForURL('**/login/verify**');
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('button', { name: 'User menu' }).waitFor();
}

/** Opens the client form from the list page, fills the name (and domains), saves, and returns the new id. */
export async function addClient(page: Page, name: string, domains: string[] = []): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Clients' })
    .click();
  await heading(page, 'Clients');
  await page.getByRole('button', { name: 'Add client' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add client' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  for (const domain of domains) {
    await dialog.getByLabel('Email domains').fill(domain);
    await dialog.getByLabel('Email domains').press('Enter');
  }
  await dialog.getByRole('button', { name: 'Add client' }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}/);
  await heading(page, name);
  const id = page.url().split('/clients/')[1]?.split(/[?#]/)[0];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id as string;
}

/** Picks an option of a Mantine Select (searchable or not) by typing or clicking. */
export async function choose(page: Page, label: string, option: string, options: { type?: boolean } = {}) {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (options.type) await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
  // A multi-select stays open for more picks; moving on (Tab) closes it, as it would for a person.
  if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Tab');
}

/** Calls the API as the signed-in browser user: its cookies, and its session's CSRF token. */
export function browserApi(page: Page) {
  async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
    const session = await page.request.get('/api/v1/auth/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await page.request.fetch(`/api/v1${path}`, {
      method,
      data: body,
      headers: { 'x-csrf-token': csrfToken },
    });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  };
}

const allDay: [string, string][] = [['00:00', '24:00']];

/** Around the clock in UTC, so an expected due time is plain arithmetic. */
export const aroundTheClock: SimpleCalendar = {
  timeZone: 'UTC',
  weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
};

const target = (firstResponseMinutes: number, resolutionMinutes: number) => ({
  firstResponseMinutes,
  resolutionMinutes,
});

/**
 * A client measured under "Managed Gold" on the around-the-clock calendar
 * (P1 30 min / 4 h, P2 1 h / 8 h, P3 4 h / 1 d, P4 8 h / 2 d).
 */
export async function addMeasuredClient(page: Page, name: string): Promise<string> {
  const api = browserApi(page);
  const calendar = await api.post<{ id: string }>('/calendars', {
    name: 'Around the clock',
    ...aroundTheClock,
  });
  const policy = await api.post<{ id: string }>('/sla-policies', {
    name: 'Managed Gold',
    calendarId: calendar.id,
    targets: { P1: target(30, 240), P2: target(60, 480), P3: target(240, 1440), P4: target(480, 2880) },
  });
  const client = await api.post<{ id: string }>('/clients', { name, defaultSlaPolicyId: policy.id });
  return client.id;
}

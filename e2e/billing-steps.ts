// The billing journey's cast, terms and expected amounts (each computed from the terms), and the setup
// steps it does before the month's run: the organization, the agreements, the technician's time, the
// technician's cost rate.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { shot } from './harness.ts';
import { browserApi, choose, completeSetup, heading, see, signIn, stopRequiringMfa } from './journeys.ts';

export const BILLING = {
  name: 'Bea Billing',
  email: 'bea@northwind.test',
  password: 'bea-has-a-long-password',
};
export const TECH = { name: 'Tom Tech', email: 'tom@northwind.test', password: 'tom-has-a-long-password' };
export const CLIENT = 'Contoso Ltd';
export const TICKET_TITLE = 'Accounting server is slow for everyone';

/** What Contoso bought; every expected amount below is computed from these. */
export const TERMS = {
  seats: 20,
  seatCents: 12_000,
  salesTaxBasisPoints: 825,
  managedHourlyCents: 16_000,
  afterHoursPercent: 150,
  breakFixHourlyCents: 15_000,
};
/** The minutes logged last month. */
export const WORK = { coveredMinutes: 60, afterHoursMinutes: 90, projectMinutes: 120 };
/** What an hour of Tom costs the MSP (Settings → Cost rates), for profitability. */
export const TOM_HOURLY_COST_CENTS = 4_250;

const perHour = (cents: number, minutes: number) => Math.round((cents * minutes) / 60);
export const afterHoursRateCents = Math.round((TERMS.managedHourlyCents * TERMS.afterHoursPercent) / 100);
export const EXPECTED = {
  feeCents: TERMS.seats * TERMS.seatCents,
  coveredValueCents: perHour(TERMS.managedHourlyCents, WORK.coveredMinutes),
  afterHoursCents: perHour(afterHoursRateCents, WORK.afterHoursMinutes),
  projectCents: perHour(TERMS.breakFixHourlyCents, WORK.projectMinutes),
};
export const labourCents = EXPECTED.afterHoursCents + EXPECTED.projectCents;
export const subtotalCents = EXPECTED.feeCents + labourCents;
// Only the recurring fee carries sales tax; labour on a ticket with no service takes the default "No tax".
export const taxCents = Math.round((EXPECTED.feeCents * TERMS.salesTaxBasisPoints) / 10_000);
export const totalCents = subtotalCents + taxCents;
/** Every entry the invoice took (covered ones too) at Tom's rate, each rounded to the cent. */
export const labourCostCents = Object.values(WORK).reduce(
  (sum, minutes) => sum + perHour(TOM_HOURLY_COST_CENTS, minutes),
  0,
);

/** As the browser (en-GB) shows US dollars everywhere: agreements, invoices, tickets' time, profitability. */
export const usd = (cents: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(cents / 100);

// The run bills this month's fees in advance and last month's work in arrears (TZ=UTC, as the browser).
const now = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const ym = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
export const PERIOD = ym(now);
export const LAST_MONTH = ym(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
export const monthName = (period: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
/** The first Tuesday from the 8th of last month, and the Wednesday after it: ordinary working days. */
export const WORKDAY = (() => {
  const day = new Date(`${LAST_MONTH}-08T00:00:00Z`);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
})();
export const NEXT_DAY = new Date(Date.parse(`${WORKDAY}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
/** What a person reads in a locator, whitespace (no-break spaces too) as single spaces. */
export const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');

export function literally(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function savedDownload(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}

/** Calls the API as the signed-in browser user and answers the status and error code, refusals included. */
export async function apiAnswer(
  page: Page,
  method: 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; code: string | undefined }> {
  const session = await page.request.get('/api/v1/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    data: body,
    headers: { 'x-csrf-token': csrfToken },
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status(), code: answer.error?.code };
}

/** The owner sets up billing, a technician, the client, office hours and sales tax; both sign in. */
export async function setUpOrganization(owner: Page, bea: Page, tom: Page): Promise<string> {
  await completeSetup(owner);
  // Not about MFA: billing and the technician sign in with a password alone.
  await stopRequiringMfa(owner);
  const api = browserApi(owner);
  await api.post('/users', { ...BILLING, role: 'billing', allClients: true, clientIds: [] });
  await api.post('/users', { ...TECH, role: 'technician', allClients: true, clientIds: [] });
  // The client wants to see the covered work on its invoices.
  const client = await api.post<{ id: string }>('/clients', {
    name: CLIENT,
    currency: 'USD',
    showCoveredWork: true,
  });
  const weekday: [string, string][] = [['08:00', '17:00']];
  await api.post('/calendars', {
    name: 'Office hours',
    timeZone: 'America/New_York',
    weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
    holidays: [],
  });
  const salesTax = await api.post<{ id: string }>('/tax-codes', {
    name: 'Sales tax',
    rateBasisPoints: TERMS.salesTaxBasisPoints,
  });
  const { items } = await api.get<{ items: { id: string; name: string }[] }>('/catalog-items');
  const support = items.find((item) => item.name === 'Desktop and laptop support');
  expect(support).toBeDefined();
  await api.patch(`/catalog-items/${support?.id}`, { taxCodeId: salesTax.id });

  await bea.goto('/login');
  await signIn(bea, BILLING.email, BILLING.password);
  await tom.goto('/login');
  await signIn(tom, TECH.email, TECH.password);
  return client.id;
}

/** Billing adds a break/fix agreement, then a managed one (the client's default) that falls back to it. */
export async function addAgreements(bea: Page) {
  await nav(bea).getByRole('link', { name: 'Agreements' }).click();
  await heading(bea, 'Agreements');
  await bea.getByRole('link', { name: 'Add agreement' }).first().click();
  await heading(bea, 'New agreement');
  await choose(bea, 'Client', CLIENT, { type: true });
  await see(bea, `For ${CLIENT} · amounts in USD`);
  await choose(bea, 'Type', 'Break/fix');
  await bea.getByRole('textbox', { name: 'Name', exact: true }).fill('Break/fix');
  await bea.getByLabel('Starts on').fill(`${LAST_MONTH}-01`);
  await bea
    .getByRole('textbox', { name: 'Hourly rate', exact: true })
    .fill(String(TERMS.breakFixHourlyCents / 100));
  await bea.getByRole('button', { name: 'Add agreement' }).first().click();
  await bea.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await heading(bea, 'Break/fix');

  await nav(bea).getByRole('link', { name: 'Agreements' }).click();
  await bea.getByRole('table', { name: 'Agreements' }).getByText('Break/fix').first().waitFor();
  await bea.getByRole('link', { name: 'Add agreement' }).first().click();
  await heading(bea, 'New agreement');
  await choose(bea, 'Client', CLIENT, { type: true });
  await see(bea, `For ${CLIENT} · amounts in USD`);
  await choose(bea, 'Type', 'Managed services');
  await bea.getByRole('textbox', { name: 'Name', exact: true }).fill('Managed Gold');
  await bea.getByLabel('Starts on').fill(`${LAST_MONTH}-01`);
  await bea.getByRole('switch', { name: 'Default agreement for this client' }).check();
  await choose(bea, 'Business calendar', 'Office hours (America/New_York)');
  await bea
    .getByRole('textbox', { name: 'Hourly rate', exact: true })
    .fill(String(TERMS.managedHourlyCents / 100));
  await bea.getByRole('textbox', { name: 'After hours', exact: true }).fill(String(TERMS.afterHoursPercent));
  await see(bea, `× 1.5 = ${usd(afterHoursRateCents)} an hour`);

  await bea.getByRole('button', { name: 'Add recurring fee' }).click();
  await choose(bea, 'Catalog item of line 1', 'Desktop and laptop support', { type: true });
  await bea.getByRole('textbox', { name: 'Description of line 1' }).fill('Workstations');
  await bea.getByRole('textbox', { name: 'Quantity of line 1', exact: true }).fill(String(TERMS.seats));
  await bea.getByRole('textbox', { name: 'Unit price of line 1' }).fill(String(TERMS.seatCents / 100));
  await expect.poll(() => bea.getByTestId('recurring-total').textContent()).toBe(usd(EXPECTED.feeCents));

  await choose(bea, 'Excluded work types', 'Project');
  await choose(bea, 'Fallback agreement', 'Break/fix');
  await see(bea, 'Excluded or uncovered work is billed under the fallback agreement');
  // The editor scrolls inside the app frame, so two pictures: its top, and its coverage.
  await bea.getByRole('heading', { name: 'New agreement' }).scrollIntoViewIfNeeded();
  await shot(bea, '80-billing-managed-agreement-top');
  await bea.getByRole('combobox', { name: 'Fallback agreement', exact: true }).scrollIntoViewIfNeeded();
  await shot(bea, '80b-billing-managed-agreement-coverage');
  await bea.getByRole('button', { name: 'Add agreement' }).first().click();
  await bea.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await heading(bea, 'Managed Gold');
  await see(bea, `Managed Gold added for ${CLIENT}`);
}

/** The technician logs time through the form, checking the live billing preview before saving. */
export async function logTimeThroughForm(
  tom: Page,
  entry: { startedAt: string; minutes: number; workType: string; note: string },
  expected: { outcome: string; summary: string; clause: RegExp },
  shotName: string,
) {
  await tom.getByRole('button', { name: 'Log time', exact: true }).click();
  const dialog = tom.getByRole('dialog', { name: 'Log time' });
  await dialog.getByLabel('Started at').fill(entry.startedAt);
  await dialog.getByRole('textbox', { name: 'Minutes' }).fill(String(entry.minutes));
  await choose(tom, 'Work type', entry.workType);
  await dialog.getByLabel('Note').fill(entry.note);
  const preview = dialog.getByLabel('Billing preview');
  await expect.poll(() => preview.textContent()).toContain(expected.summary);
  await expect(preview.textContent()).resolves.toContain(expected.outcome);
  await expect(preview.textContent()).resolves.toMatch(expected.clause);
  await shot(tom, shotName);
  await dialog.getByRole('button', { name: 'Log time' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Billing prices Tom's hours from the first of last month, in Settings → Cost rates. */
export async function addTomsCostRate(bea: Page) {
  await nav(bea).getByRole('link', { name: 'Settings' }).click();
  await bea.getByRole('link', { name: 'Cost rates' }).click();
  await heading(bea, 'Cost rates');
  await see(bea, 'No cost rates yet');
  const form = bea.getByRole('form', { name: 'Add a cost rate' });
  await choose(bea, 'Staff member', TECH.name, { type: true });
  await form.getByLabel('In force from').fill(`${LAST_MONTH}-01`);
  await form.getByRole('textbox', { name: 'Hourly cost' }).fill(String(TOM_HOURLY_COST_CENTS / 100));
  await form.getByRole('button', { name: 'Add rate' }).click();
  const row = bea.getByRole('table', { name: 'Cost rates' }).getByRole('row').filter({ hasText: TECH.name });
  await expect.poll(() => text(row)).toContain(`${(TOM_HOURLY_COST_CENTS / 100).toFixed(2)} / h`);
  await shot(bea, '86a-billing-cost-rate');
}

/**
 * Last month's time through the form, each checked in the live preview: covered business hours,
 * client-requested after hours at the tier, and project work that falls through to break/fix.
 */
export async function logLastMonthsTime(tom: Page) {
  // 09:00–10:00 or 10:00–11:00 in New York (EST or EDT): business hours.
  await logTimeThroughForm(
    tom,
    {
      startedAt: `${WORKDAY}T14:00`,
      minutes: WORK.coveredMinutes,
      workType: 'Remote support',
      note: 'Cleared the SQL tempdb and restarted the ledger service.',
    },
    {
      outcome: 'Covered',
      summary: `worth ${usd(EXPECTED.coveredValueCents)}`,
      clause: /Managed Gold/,
    },
    '82-billing-log-covered-time',
  );
  // 18:30 or 19:30 in New York, after the client asked: after hours at the tier.
  await logTimeThroughForm(
    tom,
    {
      startedAt: `${WORKDAY}T23:30`,
      minutes: WORK.afterHoursMinutes,
      workType: 'Remote support',
      note: 'Moved the database to the new disks after close of business, as Dana asked.',
    },
    {
      outcome: 'Billable',
      summary: `1 h 30 min · ${usd(EXPECTED.afterHoursCents)}`,
      clause: /after hours at 150 %, requested by Dana Lee/,
    },
    '83-billing-log-after-hours-time',
  );
  // Project work is excluded from the managed agreement and falls through to break/fix.
  await logTimeThroughForm(
    tom,
    {
      startedAt: `${NEXT_DAY}T15:00`,
      minutes: WORK.projectMinutes,
      workType: 'Project',
      note: 'Planned the migration of the accounting server to new hardware.',
    },
    { outcome: 'Billable', summary: `2 h · ${usd(EXPECTED.projectCents)}`, clause: /Break\/fix/ },
    '84-billing-log-project-time',
  );
}

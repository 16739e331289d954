// The month-end billing run, as the billing person does it: a client with a managed agreement (20
// workstations at a per-device fee with sales tax, an office-hours calendar, after hours ×1.5, project work
// excluded and falling through to break/fix), last month's time on a ticket (covered, client-requested
// after hours, out-of-scope project work), then the month's run: the draft, the new count to approve, the
// lines and taxes, finalizing as INV-1001 (its time locked), the PDF and the CSV exports.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, see, signIn, stopRequiringMfa } from './journeys.ts';

const BILLING = { name: 'Bea Billing', email: 'bea@northwind.test', password: 'bea-has-a-long-password' };
const TECH = { name: 'Tom Tech', email: 'tom@northwind.test', password: 'tom-has-a-long-password' };
const CLIENT = 'Contoso Ltd';
const TICKET_TITLE = 'Accounting server is slow for everyone';

/** What Contoso bought; every expected amount below is computed from these. */
const TERMS = {
  seats: 20,
  seatCents: 12_000,
  salesTaxBasisPoints: 825,
  managedHourlyCents: 16_000,
  afterHoursPercent: 150,
  breakFixHourlyCents: 15_000,
};
/** The minutes logged last month. */
const WORK = { coveredMinutes: 60, afterHoursMinutes: 90, projectMinutes: 120 };

const perHour = (cents: number, minutes: number) => Math.round((cents * minutes) / 60);
const afterHoursRateCents = Math.round((TERMS.managedHourlyCents * TERMS.afterHoursPercent) / 100);
const EXPECTED = {
  feeCents: TERMS.seats * TERMS.seatCents,
  coveredValueCents: perHour(TERMS.managedHourlyCents, WORK.coveredMinutes),
  afterHoursCents: perHour(afterHoursRateCents, WORK.afterHoursMinutes),
  projectCents: perHour(TERMS.breakFixHourlyCents, WORK.projectMinutes),
};
const labourCents = EXPECTED.afterHoursCents + EXPECTED.projectCents;
const subtotalCents = EXPECTED.feeCents + labourCents;
// Only the recurring fee carries sales tax; labour on a ticket with no service takes the default "No tax".
const taxCents = Math.round((EXPECTED.feeCents * TERMS.salesTaxBasisPoints) / 10_000);
const totalCents = subtotalCents + taxCents;

/** As the browser (en-GB) shows US dollars on agreements and invoices. */
const usd = (cents: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(cents / 100);
/** The time form's billing preview formats money in en-US whatever the browser's language. */
const usdInPreview = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

// The run bills this month's fees in advance and last month's work in arrears (TZ=UTC, as the browser).
const now = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const ym = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
const PERIOD = ym(now);
const LAST_MONTH = ym(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
const monthName = (period: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
/** The first Tuesday from the 8th of last month, and the Wednesday after it: ordinary working days. */
const WORKDAY = (() => {
  const day = new Date(`${LAST_MONTH}-08T00:00:00Z`);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
})();
const NEXT_DAY = new Date(Date.parse(`${WORKDAY}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

let harness: Harness;
let owner: Page;
let bea: Page;
let tom: Page;
let clientId = '';
let ticketId = '';
let ticketNumber = 0;
let invoiceId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  // Each person in their own browser context, signed in once.
  [owner, bea, tom] = await Promise.all([harness.newPage(), harness.newPage(), harness.newPage()]);
});

afterAll(async () => {
  await harness?.close();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });
const invoiceLines = () => bea.getByRole('table', { name: 'Invoice lines' });
const lineRow = (text: string | RegExp) => invoiceLines().getByRole('row').filter({ hasText: text });
const totals = () => bea.getByRole('region', { name: 'Totals' });
/** What a person reads in a locator, whitespace (no-break spaces too) as single spaces. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');

async function savedDownload(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

describe.sequential('the monthly billing run', () => {
  test('the owner sets up a billing person, a technician, the client, office hours and sales tax', async () => {
    await completeSetup(owner);
    // Not about MFA: billing and the technician sign in with a password alone.
    await stopRequiringMfa(owner);
    const api = browserApi(owner);
    await api.post('/users', { ...BILLING, role: 'billing', allClients: true, clientIds: [] });
    await api.post('/users', { ...TECH, role: 'technician', allClients: true, clientIds: [] });
    // The client wants to see the covered work on its invoices.
    clientId = (
      await api.post<{ id: string }>('/clients', { name: CLIENT, currency: 'USD', showCoveredWork: true })
    ).id;
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
  });

  test('billing adds a break/fix agreement and a managed agreement that falls back to it', async () => {
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
    await bea
      .getByRole('textbox', { name: 'After hours', exact: true })
      .fill(String(TERMS.afterHoursPercent));
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

    await nav(bea).getByRole('link', { name: 'Agreements' }).click();
    const row = bea
      .getByRole('table', { name: 'Agreements' })
      .getByRole('row')
      .filter({ hasText: 'Managed Gold' });
    await expect
      .poll(() => text(row))
      .toMatch(/Managed Gold.*Default.*Falls back to Break\/fix.*Managed services/);
    await shot(bea, '81-billing-agreements-list');
  });

  test('the technician records the after-hours request and logs last month’s time, seeing how each is billed', async () => {
    const ticket = await browserApi(tom).post<{ id: string; number: number }>('/tickets', {
      clientId,
      title: TICKET_TITLE,
      description: 'Opening ledgers takes minutes; month end is close.',
      priority: 'P2',
    });
    ticketId = ticket.id;
    ticketNumber = ticket.number;
    await tom.goto(`/tickets/${ticketId}`);
    await heading(tom, TICKET_TITLE);
    // The new ticket took the client's default agreement.
    await expect
      .poll(() => tom.getByRole('combobox', { name: 'Agreement', exact: true }).inputValue())
      .toBe('Managed Gold');

    // The client's office manager asked, in the afternoon, for work after close of business.
    await tom.getByRole('button', { name: 'Record request' }).click();
    const request = tom.getByRole('dialog', { name: "Client's request for after-hours work" });
    await request.getByLabel('Requested by').fill('Dana Lee, office manager');
    await request.getByLabel('Requested at').fill(`${WORKDAY}T19:00`);
    await request.getByRole('button', { name: 'Record request' }).click();
    await request.waitFor({ state: 'hidden' });
    await expect
      .poll(() => tom.getByTestId('after-hours-request').textContent())
      .toMatch(/Requested by Dana Lee/);

    async function logTime(
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

    // 09:00–10:00 or 10:00–11:00 in New York (EST or EDT): business hours.
    await logTime(
      {
        startedAt: `${WORKDAY}T14:00`,
        minutes: WORK.coveredMinutes,
        workType: 'Remote support',
        note: 'Cleared the SQL tempdb and restarted the ledger service.',
      },
      {
        outcome: 'Covered',
        summary: `worth ${usdInPreview(EXPECTED.coveredValueCents)}`,
        clause: /Managed Gold/,
      },
      '82-billing-log-covered-time',
    );
    // 18:30 or 19:30 in New York, after the client asked: after hours at the tier.
    await logTime(
      {
        startedAt: `${WORKDAY}T23:30`,
        minutes: WORK.afterHoursMinutes,
        workType: 'Remote support',
        note: 'Moved the database to the new disks after close of business, as Dana asked.',
      },
      {
        outcome: 'Billable',
        summary: `1 h 30 min · ${usdInPreview(EXPECTED.afterHoursCents)}`,
        clause: /after hours at 150 %, requested by Dana Lee/,
      },
      '83-billing-log-after-hours-time',
    );
    // Project work is excluded from the managed agreement and falls through to break/fix.
    await logTime(
      {
        startedAt: `${NEXT_DAY}T15:00`,
        minutes: WORK.projectMinutes,
        workType: 'Project',
        note: 'Planned the migration of the accounting server to new hardware.',
      },
      { outcome: 'Billable', summary: `2 h · ${usdInPreview(EXPECTED.projectCents)}`, clause: /Break\/fix/ },
      '84-billing-log-project-time',
    );

    await tom.getByRole('tab', { name: /^Time(?!line)/ }).click();
    const entries = tom.getByRole('table', { name: 'Time entries' });
    await entries.getByText('Planned the migration').waitFor();
    await expect(entries.getByRole('row').count()).resolves.toBe(1 + 3 + 1);
    await shot(tom, '85-billing-ticket-time-entries', { fullPage: true });
  });

  test('billing runs the month, and the client’s draft waits on the new workstation count', async () => {
    await nav(bea).getByRole('link', { name: 'Invoices' }).click();
    await heading(bea, 'Invoices');
    await see(bea, `No invoices for ${monthName(PERIOD)} yet`);
    await shot(bea, '86-billing-invoices-empty');
    await bea.getByRole('button', { name: 'Run invoices' }).first().click();
    const run = bea.getByRole('dialog', { name: 'Run invoices' });
    await run
      .getByText(`Fees for ${monthName(PERIOD)}`)
      .first()
      .waitFor();
    await run.getByRole('button', { name: `Run ${monthName(PERIOD)}` }).click();
    const results = run.getByRole('table', { name: 'Run results' });
    const result = results.getByRole('row').filter({ hasText: CLIENT });
    await result.waitFor();
    // Before the count is approved the draft bills only the labour.
    await expect.poll(() => text(result)).toMatch(`${CLIENT}Draft created${usd(labourCents)}Open draft`);
    await shot(bea, '87-billing-run-results');
    await result.getByRole('link', { name: 'Open draft' }).click();
    await bea.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    invoiceId = bea.url().split('/invoices/')[1] ?? '';
    await heading(bea, 'Draft invoice');
    await see(bea, '1 count to approve');

    const changes = bea.getByRole('region', { name: 'Count changes' });
    const change = changes.getByRole('checkbox', {
      name: `Desktop and laptop support on Managed Gold: new → ${TERMS.seats}`,
    });
    await change.waitFor();
    await expect(lineRow('Workstations').count()).resolves.toBe(0);
    await expect.poll(() => text(totals())).toContain(`Total${usd(labourCents)}`);
    await shot(bea, '88-billing-draft-count-to-approve', { fullPage: true });

    // Finalizing now is refused: the count has to be decided first.
    await bea.getByRole('button', { name: 'Finalize', exact: true }).click();
    const finalize = bea.getByRole('dialog', { name: 'Finalize invoice' });
    await finalize.getByRole('button', { name: 'Finalize as INV-1001' }).click();
    await finalize.getByText('invoice.counts_pending').waitFor();
    await shot(bea, '89-billing-finalize-refused-counts-pending');
    await finalize.getByRole('button', { name: 'Cancel' }).click();
    await finalize.waitFor({ state: 'hidden' });

    await change.check();
    await changes.getByRole('button', { name: 'Approve selected' }).click();
    await changes.waitFor({ state: 'detached' });
    await lineRow('Workstations').waitFor();
    await expect(bea.getByText('1 count to approve').count()).resolves.toBe(0);
  });

  test('the draft’s lines and taxes are what the agreements and the time say', async () => {
    const month = monthName(PERIOD);
    await expect
      .poll(() => text(lineRow('Workstations')))
      .toBe(
        `Workstations — ${month}${TERMS.seats} devices${usd(TERMS.seatCents)} / deviceSales tax 8.25 %${usd(EXPECTED.feeCents)}`,
      );
    const work = lineRow(`#${ticketNumber} ${TICKET_TITLE}`);
    await expect(work.count()).resolves.toBe(3);
    // Covered work shows at $0 with its value, because Contoso asked to see it.
    const covered = work.filter({ hasText: 'Covered work' });
    await expect(text(covered)).resolves.toMatch(
      new RegExp(`1 h.*${literally(usd(0))}value ${literally(usd(EXPECTED.coveredValueCents))}$`),
    );
    const afterHours = work.filter({ hasText: 'after hours' });
    await expect(text(afterHours)).resolves.toMatch(
      new RegExp(
        `after hours ×1\\.5.*1 h 30 min${literally(usd(afterHoursRateCents))} / hour.*${literally(usd(EXPECTED.afterHoursCents))}$`,
      ),
    );
    const project = work.filter({ hasText: 'Break/fix' });
    await expect(text(project)).resolves.toMatch(
      new RegExp(
        `2 h${literally(usd(TERMS.breakFixHourlyCents))} / hour.*${literally(usd(EXPECTED.projectCents))}$`,
      ),
    );

    await expect(text(totals())).resolves.toBe(
      `Subtotal${usd(subtotalCents)}` +
        `Sales tax 8.25 % on ${usd(EXPECTED.feeCents)}${usd(taxCents)}` +
        `Total${usd(totalCents)}`,
    );
    await shot(bea, '90-billing-draft-approved', { fullPage: true });
  });

  test('billing checks the invoice numbering, then finalizing takes INV-1001 and locks the time', async () => {
    await bea.goto('/settings/billing');
    await heading(bea, 'Invoicing');
    await see(bea, 'The next finalized invoice is');
    await expect(bea.getByLabel('Invoice prefix').inputValue()).resolves.toBe('INV-');
    await expect(bea.getByRole('textbox', { name: 'Next invoice number' }).inputValue()).resolves.toBe(
      '1001',
    );
    await shot(bea, '91-billing-invoicing-settings');

    await bea.goto(`/invoices/${invoiceId}`);
    await heading(bea, 'Draft invoice');
    await bea.getByRole('button', { name: 'Finalize', exact: true }).click();
    const finalize = bea.getByRole('dialog', { name: 'Finalize invoice' });
    await finalize.getByText(usd(totalCents)).waitFor();
    await finalize.getByText('the entries on it can no longer be edited').waitFor();
    await shot(bea, '92-billing-finalize-dialog');
    await finalize.getByRole('button', { name: 'Finalize as INV-1001' }).click();
    await finalize.waitFor({ state: 'hidden' });
    await heading(bea, 'INV-1001');
    await see(bea, 'Finalized');
    await expect(bea.getByRole('button', { name: 'Finalize', exact: true }).count()).resolves.toBe(0);
    await expect.poll(() => text(totals())).toContain(`Total${usd(totalCents)}`);
    await shot(bea, '93-billing-finalized', { fullPage: true });

    await nav(bea).getByRole('link', { name: 'Invoices' }).click();
    const row = bea.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: 'INV-1001' });
    await expect
      .poll(() => text(row))
      .toMatch(`INV-1001${CLIENT}Finalized${usd(subtotalCents)}${usd(taxCents)}${usd(totalCents)}`);
    await shot(bea, '94-billing-invoices-month');
  });

  test('the technician can no longer change time that is on the finalized invoice', async () => {
    await tom.reload();
    await heading(tom, TICKET_TITLE);
    await tom.getByRole('tab', { name: /^Time(?!line)/ }).click();
    await tom
      .getByRole('button', { name: `Actions for ${WORK.afterHoursMinutes} min by ${TECH.name}` })
      .click();
    await tom.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = tom.getByRole('dialog', { name: 'Edit time entry' });
    await dialog.getByRole('textbox', { name: 'Minutes' }).fill('60');
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    const toast = tom
      .locator('.mantine-Notification-root')
      .filter({ hasText: 'Could not save the time entry' });
    await toast.getByText('time_entry.invoiced').waitFor();
    await expect(toast.textContent()).resolves.toContain(
      'This time is on a finalized invoice and cannot change',
    );
    await shot(tom, '95-billing-invoiced-time-refused', { withToasts: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const entries = await browserApi(tom).get<{ items: { minutes: number }[] }>(
      `/tickets/${ticketId}/time-entries`,
    );
    expect(entries.items.map((entry) => entry.minutes).sort((a, b) => a - b)).toEqual(
      [WORK.coveredMinutes, WORK.afterHoursMinutes, WORK.projectMinutes].sort((a, b) => a - b),
    );
  });

  test('the PDF and the month’s CSV exports carry the invoice', async () => {
    await bea.goto(`/invoices/${invoiceId}`);
    await heading(bea, 'INV-1001');
    const [pdf] = await Promise.all([
      bea.waitForEvent('download'),
      bea.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('INV-1001.pdf');
    const pdfBytes = await savedDownload(pdf);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await nav(bea).getByRole('link', { name: 'Invoices' }).click();
    await heading(bea, 'Invoices');
    const [plain] = await Promise.all([
      bea.waitForEvent('download'),
      bea.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(plain.suggestedFilename()).toBe(`invoices-${PERIOD}-plain.csv`);
    const plainRows = (await savedDownload(plain)).toString('utf8').split('\r\n');
    expect(plainRows[0]).toMatch(/^Number,Client,Period,Status,/);
    expect(plainRows.filter((row) => row.startsWith(`INV-1001,${CLIENT},${PERIOD},Finalized`))).toHaveLength(
      4,
    );

    // Xero's import template from the menu beside it: a header row, then one row per invoice line.
    await bea.getByRole('button', { name: `More exports for ${monthName(PERIOD)}` }).click();
    const [xero] = await Promise.all([
      bea.waitForEvent('download'),
      bea.getByRole('menuitem', { name: 'Invoices — Xero CSV' }).click(),
    ]);
    expect(xero.suggestedFilename()).toBe(`invoices-${PERIOD}-xero.csv`);
    const xeroRows = (await savedDownload(xero)).toString('utf8').split('\r\n').filter(Boolean);
    expect(xeroRows[0]).toMatch(/^\*ContactName,EmailAddress,.*,\*InvoiceNumber,.*,\*TaxType,/);
    const invoiceRows = xeroRows.slice(1).filter((row) => row.startsWith(`${CLIENT},`));
    expect(invoiceRows).toHaveLength(4);
    for (const row of invoiceRows) expect(row).toContain(',INV-1001,');
  });
});

function literally(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

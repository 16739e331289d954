// The month-end billing run, as the billing person does it: a client with a managed agreement (20
// workstations at a per-device fee with sales tax, an office-hours calendar, after hours ×1.5, project work
// excluded and falling through to break/fix), last month's time on a ticket (covered, client-requested
// after hours, out-of-scope project work), a cost rate for the technician, then the month's run: the draft,
// the new count to approve, the lines and taxes, finalizing as INV-1001 (its time locked and shown as
// invoiced on the ticket), profitability from the invoice and the cost rate, the PDF, the plain CSV and
// Xero's CSV from the exports menu, and a credit note for part of a line.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  addAgreements,
  addTomsCostRate,
  afterHoursRateCents,
  apiAnswer,
  CLIENT,
  EXPECTED,
  labourCents,
  labourCostCents,
  literally,
  logLastMonthsTime,
  monthName,
  nav,
  PERIOD,
  savedDownload,
  setUpOrganization,
  subtotalCents,
  TECH,
  TERMS,
  TICKET_TITLE,
  taxCents,
  text,
  totalCents,
  usd,
  WORK,
  WORKDAY,
} from './billing-steps.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, heading, see } from './journeys.ts';

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

const invoiceLines = () => bea.getByRole('table', { name: 'Invoice lines' });
const lineRow = (text: string | RegExp) => invoiceLines().getByRole('row').filter({ hasText: text });
const totals = () => bea.getByRole('region', { name: 'Totals' });
const leagueRow = () =>
  bea.getByRole('table', { name: 'Client profitability' }).getByRole('row').filter({ hasText: CLIENT });

describe.sequential('the monthly billing run', () => {
  test('the owner sets up a billing person, a technician, the client, office hours and sales tax', async () => {
    clientId = await setUpOrganization(owner, bea, tom);
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('billing adds a break/fix agreement and a managed agreement that falls back to it', async () => {
    await addAgreements(bea);
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

    await logLastMonthsTime(tom);

    await tom.getByRole('tab', { name: /^Time(?!line)/ }).click();
    const entries = tom.getByRole('table', { name: 'Time entries' });
    await entries.getByText('Planned the migration').waitFor();
    await expect(entries.getByRole('row').count()).resolves.toBe(1 + 3 + 1);
    await shot(tom, '85-billing-ticket-time-entries', { fullPage: true });
  });

  test('before the run profitability has no revenue for the client; billing prices Tom’s hours', async () => {
    await nav(bea).getByRole('link', { name: 'Profitability' }).click();
    await heading(bea, 'Profitability');
    await see(bea, /^No invoices from /);
    await expect(bea.getByRole('table', { name: 'Client profitability' }).count()).resolves.toBe(0);
    await shot(bea, '85a-billing-profitability-before');
    await addTomsCostRate(bea);
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

  test('the technician sees the time on INV-1001 as invoiced and is offered no Edit or Delete', async () => {
    await tom.reload();
    await heading(tom, TICKET_TITLE);
    await tom.getByRole('tab', { name: /^Time(?!line)/ }).click();
    const entries = tom.getByRole('table', { name: 'Time entries' });
    await entries.getByText('Planned the migration').waitFor();
    await expect(entries.getByText('Invoiced INV-1001', { exact: true }).count()).resolves.toBe(3);
    await tom
      .getByRole('button', { name: `Actions for ${WORK.afterHoursMinutes} min by ${TECH.name}` })
      .click();
    await tom.getByText('On INV-1001; void the invoice to change it').waitFor();
    await expect(tom.getByRole('menuitem', { name: 'History' }).count()).resolves.toBe(1);
    await expect(tom.getByRole('menuitem', { name: 'Edit' }).count()).resolves.toBe(0);
    await expect(tom.getByRole('menuitem', { name: 'Delete' }).count()).resolves.toBe(0);
    await shot(tom, '95-billing-invoiced-time-locked', { fullPage: true });
    await tom.keyboard.press('Escape');

    // The server refuses the change all the same.
    const { items } = await browserApi(tom).get<{ items: { id: string; minutes: number }[] }>(
      `/tickets/${ticketId}/time-entries`,
    );
    const afterHours = items.find((entry) => entry.minutes === WORK.afterHoursMinutes);
    expect(await apiAnswer(tom, 'PATCH', `/time-entries/${afterHours?.id}`, { minutes: 60 })).toEqual({
      status: 409,
      code: 'time_entry.invoiced',
    });
    const after = await browserApi(tom).get<{ items: { minutes: number }[] }>(
      `/tickets/${ticketId}/time-entries`,
    );
    expect(after.items.map((entry) => entry.minutes).sort((a, b) => a - b)).toEqual(
      Object.values(WORK).sort((a, b) => a - b),
    );

    // Billing can follow the badge to the invoice.
    await bea.goto(`/tickets/${ticketId}`);
    await bea.getByRole('tab', { name: /^Time(?!line)/ }).click();
    await bea.getByRole('link', { name: 'Invoiced INV-1001' }).first().click();
    await bea.waitForURL(`**/invoices/${invoiceId}`);
    await heading(bea, 'INV-1001');
  });

  test('profitability now shows the client’s revenue and the labour cost of Tom’s hours', async () => {
    await nav(bea).getByRole('link', { name: 'Profitability' }).click();
    await heading(bea, 'Profitability');
    await leagueRow().waitFor();
    // Revenue is the invoice before tax; labour is every entry it took at Tom's rate.
    await expect
      .poll(() => text(leagueRow()))
      .toMatch(
        new RegExp(
          `^${CLIENT}USD${literally(usd(subtotalCents))}${literally(usd(labourCostCents))}${literally(usd(0))}4\\.5 h`,
        ),
      );
    await shot(bea, '96-billing-profitability-league');
    await leagueRow().getByRole('link', { name: CLIENT }).click();
    await bea.waitForURL(/\/profitability\/[0-9a-f-]{36}/);
    await heading(bea, CLIENT);
    await expect
      .poll(() => bea.getByRole('combobox', { name: 'Invoice month' }).inputValue())
      .toBe(monthName(PERIOD));
    const month = bea.getByRole('table', { name: `Time on the ${monthName(PERIOD)} invoice` });
    await month.getByText(TECH.name).first().waitFor();
    await expect(month.getByRole('row').filter({ hasText: TECH.name }).count()).resolves.toBe(3);
    await see(bea, `Labour ${usd(labourCostCents)}`);
    await shot(bea, '97-billing-profitability-client', { fullPage: true });
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

  test('billing credits part of the workstations line; the invoice can no longer be voided', async () => {
    const creditedSeats = 2;
    const creditCents = creditedSeats * TERMS.seatCents;
    const creditTaxCents = Math.round((creditCents * TERMS.salesTaxBasisPoints) / 10_000);
    const creditTotalCents = creditCents + creditTaxCents;
    await bea.goto(`/invoices/${invoiceId}`);
    await heading(bea, 'INV-1001');
    await bea.getByRole('button', { name: 'Issue credit note' }).click();
    const dialog = bea.getByRole('dialog', { name: 'Issue a credit note for INV-1001' });
    await dialog.getByRole('textbox', { name: /^Credit for Workstations/ }).fill(String(creditCents / 100));
    await dialog.getByLabel('Reason').fill('Two workstations were retired on the 1st.');
    const preview = dialog.getByRole('region', { name: 'Credit note preview' });
    await expect.poll(() => text(preview)).toContain(`Total credited${usd(creditTotalCents)}`);
    await shot(bea, '98-billing-credit-note');
    await dialog.getByRole('button', { name: `Issue CN-1001 for ${usd(creditTotalCents)}` }).click();
    await dialog.waitFor({ state: 'hidden' });

    const note = bea
      .getByRole('table', { name: 'Credit notes' })
      .getByRole('row')
      .filter({ hasText: 'CN-1001' });
    await expect.poll(() => text(note)).toContain(usd(-creditTotalCents));
    await expect
      .poll(() => text(totals()))
      .toContain(`Balance after credits${usd(totalCents - creditTotalCents)}`);
    const voidButton = bea.getByRole('button', { name: 'Void', exact: true });
    await expect(voidButton.getAttribute('aria-disabled')).resolves.toBe('true');
    await voidButton.hover();
    await see(bea, 'An invoice with credit notes cannot be voided');
    await shot(bea, '99-billing-credited', { fullPage: true });
  });
});

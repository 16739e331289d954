// The technician's day: a queue sorted by the next SLA due, worked from the keyboard, filtered by URL,
// bulk-assigned; saved views; the dashboard's own queue and at-risk panels; a ticket opened by hand.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Ticket } from '../src/shared/api/tickets.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { addMeasuredClient, browserApi, choose, completeSetup, heading, see } from './journeys.ts';

let harness: Harness;
let page: Page;
let api: ReturnType<typeof browserApi>;
const seeded: Ticket[] = [];
let technicianId = '';
let clientId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
  api = browserApi(page);
});

afterAll(async () => {
  await harness?.close();
});

/** The ticket numbers in the queue table, top to bottom. */
async function rowNumbers(): Promise<number[]> {
  const rows = page.getByRole('table', { name: 'Tickets' }).locator('tbody tr');
  return await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-ticket-number'))));
}

const row = (ticket: Ticket) =>
  page.getByRole('table', { name: 'Tickets' }).locator(`tbody tr[data-ticket-number="${ticket.number}"]`);

describe.sequential('ticket queue', () => {
  test('an owner seeds a client with an SLA policy, a technician and tickets of every priority', async () => {
    await completeSetup(page);
    clientId = await addMeasuredClient(page, 'Contoso Ltd');
    await api.post(`/clients/${clientId}/contacts`, { name: 'Ada Lovelace', email: 'ada@contoso.com' });
    technicianId = (
      await api.post<{ id: string }>('/users', {
        name: 'Tom Technician',
        email: 'tom@northwind.test',
        password: 'tom-has-a-long-password',
        role: 'technician',
        allClients: true,
        clientIds: [],
      })
    ).id;
    // Someone who looks after another client only: tickets for Contoso cannot go to them.
    const fabrikam = await api.post<{ id: string }>('/clients', { name: 'Fabrikam Inc' });
    await api.post('/users', {
      name: 'Sam Scoped',
      email: 'sam@northwind.test',
      password: 'sam-has-a-long-password',
      role: 'technician',
      allClients: false,
      clientIds: [fabrikam.id],
    });
    const me = (await api.get<{ membership: { id: string } }>('/auth/session')).membership.id;

    // Created in an order unlike their due order, so the queue has to sort them.
    const inputs = [
      { title: 'Printer offline on the second floor', priority: 'P4' },
      { title: 'VPN drops every hour', priority: 'P2', assigneeId: me },
      { title: 'Email server down for everyone', priority: 'P1' },
      { title: 'Laptop for a new starter on Monday', priority: 'P3' },
      { title: 'Shared drive is slow', priority: 'P2' },
    ];
    for (const input of inputs) seeded.push(await api.post<Ticket>('/tickets', { clientId, ...input }));
    // An older ticket brought over from the previous PSA: its clocks ran out long ago.
    seeded.push(
      await api.post<Ticket>('/tickets/import', {
        externalId: 'OLD-1001',
        clientId,
        title: 'Backup job failing since last week',
        priority: 'P2',
        events: [{ type: 'created', at: new Date(Date.now() - 3 * 86_400_000).toISOString() }],
      }),
    );
    expect(seeded.every((ticket) => ticket.nextDueAt !== null)).toBe(true);
  });

  test('the queue lists the open tickets sorted by next SLA due', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Tickets' })
      .click();
    await heading(page, 'Tickets');
    await page.getByRole('table', { name: 'Tickets' }).waitFor();
    const expected = [...seeded]
      .sort(
        (a, b) => Date.parse(a.nextDueAt ?? '') - Date.parse(b.nextDueAt ?? '') || a.id.localeCompare(b.id),
      )
      .map((ticket) => ticket.number);
    await expect.poll(rowNumbers).toEqual(expected);
    await see(page, 'sorted by next SLA due');
    await row(seeded[5] as Ticket)
      .getByText(/^Resolution: breached|^Response: breached/)
      .waitFor();
    await shot(page, '30-tickets-queue');
  });

  test('j and k move the highlight and Enter opens the highlighted ticket', async () => {
    const order = await rowNumbers();
    await page.getByRole('heading', { name: 'Tickets' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const active = page.locator('tbody tr[data-active="true"]');
    await expect.poll(() => active.getAttribute('data-ticket-number')).toBe(String(order[1]));
    await page.keyboard.press('Enter');
    const opened = seeded.find((ticket) => ticket.number === order[1]) as Ticket;
    await page.waitForURL(`**/tickets/${opened.id}`);
    await page.goBack();
    await page.getByRole('table', { name: 'Tickets' }).waitFor();
  });

  test('filters live in the URL and survive a reload', async () => {
    await page.getByRole('button', { name: 'Priority' }).click();
    await page.getByRole('checkbox', { name: 'P2 · High' }).check();
    await shot(page, '30b-tickets-priority-filter');
    await page.keyboard.press('Escape');
    await page.waitForURL(/priority=P2/);
    await page.getByLabel('Search').fill('vpn');
    await page.waitForURL(/q=vpn/);
    const vpn = seeded[1] as Ticket;
    await expect.poll(rowNumbers).toEqual([vpn.number]);
    await page.reload();
    await page.getByRole('table', { name: 'Tickets' }).waitFor();
    await expect.poll(rowNumbers).toEqual([vpn.number]);
    await expect(page.getByLabel('Search').inputValue()).resolves.toBe('vpn');
    await expect(page.getByRole('button', { name: 'Priority' }).textContent()).resolves.toContain('P2');

    await page.goto('/tickets?q=nothing-like-this');
    await see(page, 'No tickets match these filters');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await rowNumbers()).length).toBe(seeded.length);
  });

  test('two tickets selected with x are assigned to a technician in one go', async () => {
    const order = await rowNumbers();
    await page.getByRole('heading', { name: 'Tickets' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const bar = page.getByRole('group', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    await shot(page, '31-tickets-selection');
    await bar.getByRole('button', { name: 'Assign to…' }).click();
    await choose(page, 'Assign to', 'Tom Technician');
    await page.getByRole('button', { name: 'Assign 2 tickets' }).click();
    await see(page, '2 tickets assigned to Tom Technician');
    const picked = [order[0], order[1]].map((number) => seeded.find((t) => t.number === number) as Ticket);
    for (const ticket of picked) await row(ticket).getByText('Tom Technician').waitFor();
    await expect(
      row(seeded.find((t) => t.number === order[2]) as Ticket).textContent(),
    ).resolves.not.toContain('Tom Technician');
    const after = await api.get<Ticket>(`/tickets/${picked[0]?.id}`);
    expect(after.assigneeId).toBe(technicianId);
  });

  test('a refused bulk action changes nothing and names the tickets that stood in the way', async () => {
    const order = await rowNumbers();
    await page.getByRole('checkbox', { name: `Select #${order[3]}` }).check();
    await page.getByRole('checkbox', { name: `Select #${order[4]}` }).check();
    const bar = page.getByRole('group', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Assign to…' }).click();
    await choose(page, 'Assign to', 'Sam Scoped');
    await page.getByRole('button', { name: 'Assign 2 tickets' }).click();
    await see(page, 'Nothing was changed');
    await see(page, 'ticket.bulk_failed');
    const failures = page.getByRole('list', { name: 'Tickets that could not change' });
    await failures.getByText(`#${order[3]}:`, { exact: false }).waitFor();
    await failures.getByText(`#${order[4]}:`, { exact: false }).waitFor();
    await shot(page, '31b-tickets-bulk-refused', { withToasts: true });
    await expect(page.getByRole('table', { name: 'Tickets' }).getByText('Sam Scoped').count()).resolves.toBe(
      0,
    );
    // The selection stays for another try; clearing it hides the bar.
    await page.keyboard.press('Escape');
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await bar.waitFor({ state: 'hidden' });
  });

  test('the current filters are saved as a shared view and applied from the menu', async () => {
    await page.goto('/tickets?priority=P1');
    await expect.poll(async () => (await rowNumbers()).length).toBe(1);
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByLabel('View name').fill('Critical only');
    await dialog.getByLabel('Share with the organization').check();
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('button', { name: 'Critical only' }).waitFor();

    await page.goto('/tickets');
    await expect.poll(async () => (await rowNumbers()).length).toBe(seeded.length);
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: /Critical only/ }).waitFor();
    await shot(page, '31c-tickets-saved-views');
    await page.getByRole('menuitem', { name: /Critical only/ }).click();
    await page.waitForURL(/priority=P1/);
    await expect.poll(async () => (await rowNumbers()).length).toBe(1);
  });

  test('the dashboard shows my queue and what is at risk or breached', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    const mine = page.getByRole('region', { name: 'My queue' });
    await mine.getByText('VPN drops every hour').waitFor();
    await expect(mine.getByLabel('1 ticket', { exact: true }).count()).resolves.toBe(1);
    const atRisk = page.getByRole('region', { name: 'At risk and breached' });
    await atRisk.getByText('Backup job failing since last week').waitFor();
    await shot(page, '32-dashboard-tickets');
    await atRisk.getByRole('link', { name: 'Open in queue' }).click();
    await page.waitForURL(/slaState=at_risk%2Cbreached|slaState=at_risk,breached/);
    await expect.poll(rowNumbers).toContain((seeded[5] as Ticket).number);
  });

  test('a ticket is opened through the new-ticket form', async () => {
    await page.goto('/tickets');
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await heading(page, 'New ticket');
    // Submitting without a title keeps what was typed and points at the field.
    await choose(page, 'Client', 'Contoso Ltd', { type: true });
    await page.getByLabel('Description').fill('Ada cannot print to the plotter.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await see(page, 'Say in a few words what is wrong');
    await expect(page.getByLabel('Description').inputValue()).resolves.toBe(
      'Ada cannot print to the plotter.',
    );

    await choose(page, 'Contact', 'Ada Lovelace · ada@contoso.com');
    await page.getByRole('textbox', { name: /^Title/ }).fill('Plotter prints blank pages');
    await page.getByText('P2', { exact: true }).click();
    await see(page, /first response within 1 h/);
    await choose(page, 'Source', 'Email');
    await choose(page, 'Assignee', 'Tom Technician');
    await shot(page, '33-new-ticket');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const id = page.url().split('/tickets/')[1] as string;
    const created = await api.get<Ticket>(`/tickets/${id}`);
    expect(created).toMatchObject({
      title: 'Plotter prints blank pages',
      priority: 'P2',
      source: 'email',
      clientId,
      assigneeId: technicianId,
      description: 'Ada cannot print to the plotter.',
    });
    expect(created.contactId).not.toBeNull();
  });

  test('the queue in the dark theme', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Dark theme' }).click();
    await page.goto('/tickets');
    await page.getByRole('table', { name: 'Tickets' }).waitFor();
    await page.getByRole('heading', { name: 'Tickets' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await shot(page, '34-dark-tickets-queue');
  });
});

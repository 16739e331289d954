// A ticket worked end to end in the browser: its due time as the API computes it, waiting on the client
// (the resolution clock pauses, with the reason), a reply, resuming, time logged with the timer, and
// resolving (both clocks met). Also the help-desk settings: work types and the reopen window.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SlaBlock, Ticket } from '../src/shared/api/tickets.ts';
import { asShown, expectedDue } from './expected-due.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import {
  addMeasuredClient,
  aroundTheClock,
  browserApi,
  choose,
  completeSetup,
  heading,
  see,
} from './journeys.ts';

let harness: Harness;
let page: Page;
let ticket: Ticket;

const clock = (name: 'first-response' | 'resolution') =>
  page.getByTestId(`sla-${name}`).locator('[data-sla-state]');

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

describe.sequential('working a ticket', () => {
  test('an organization with a calendar, an SLA policy and a client opens a ticket', async () => {
    await completeSetup(page);
    const clientId = await addMeasuredClient(page, 'Contoso Ltd');
    const api = browserApi(page);
    ticket = await api.post<Ticket>('/tickets', {
      clientId,
      title: 'Printer on the second floor is offline',
      description: 'Nobody on floor 2 can print since this morning.',
      priority: 'P3',
    });
    expect(ticket.sla?.resolution.targetMinutes).toBe(1440);
  });

  test('the ticket shows the resolution due time the API computed', async () => {
    await page.goto(`/tickets/${ticket.id}`);
    await heading(page, /Printer on the second floor/);
    const api = browserApi(page);
    const detail = await api.get<{ sla: SlaBlock; openedAt: string }>(`/tickets/${ticket.id}`);
    const dueAt = detail.sla?.resolution.dueAt as string;
    // The API agrees with the naive oracle, and the page shows the API's answer.
    const opened = Math.floor(Date.parse(detail.openedAt) / 60_000) * 60_000;
    expect(dueAt).toBe(expectedDue(opened, 1440, aroundTheClock).toISOString());
    await expect
      .poll(() => page.getByTestId('resolution-due').textContent())
      .toBe(asShown(new Date(dueAt), 'UTC'));
    await expect(clock('resolution').getAttribute('data-sla-state')).resolves.toBe('on_track');
    await see(page, 'Nobody on floor 2 can print');
    await shot(page, '30-ticket-new');
  });

  test('waiting on the client asks for the message, pauses the resolution clock and shows why', async () => {
    await choose(page, 'Status', 'Waiting on client');
    const dialog = page.getByRole('dialog', { name: 'Wait on the client' });
    await dialog.getByText('sent to the client as a public reply').waitFor();
    // The message is required: sending without it keeps the dialog open.
    await dialog.getByRole('button', { name: 'Set to waiting on client' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog
      .getByLabel('Message to the client')
      .fill('Could you tell us the printer’s model and its IP address?');
    await shot(page, '31-ticket-pause-dialog');
    await dialog.getByRole('button', { name: 'Set to waiting on client' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => clock('resolution').getAttribute('data-sla-state')).toBe('paused');
    await expect(clock('resolution').textContent()).resolves.toContain('paused — waiting on client');
    await expect(page.getByTestId('pause-reason').textContent()).resolves.toContain('waiting on client');
    // The public message is the first response.
    await expect.poll(() => clock('first-response').getAttribute('data-sla-state')).toBe('met');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('printer’s model and its IP address').waitFor();
    await timeline.getByText('Waiting on client', { exact: true }).waitFor();
    await shot(page, '32-ticket-paused');
  });

  test('a reply and an internal note go to the timeline, and resuming restarts the clock', async () => {
    await page.getByRole('textbox', { name: 'Reply' }).fill('Thanks — we will take it from here.');
    await page.getByRole('textbox', { name: 'Reply' }).press('Control+Enter');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('we will take it from here').waitFor();
    await expect(page.getByRole('textbox', { name: 'Reply' }).inputValue()).resolves.toBe('');

    await page.getByRole('radiogroup', { name: 'Composer mode' }).getByText('Internal note').click();
    await page
      .getByRole('textbox', { name: 'Internal note' })
      .fill('Model HP M404, 10.0.2.40. Driver issue?');
    await page.getByRole('button', { name: 'Add note' }).click();
    await timeline.getByRole('article', { name: /Internal note by Olivia Owner/ }).waitFor();

    await choose(page, 'Status', 'Open');
    await expect.poll(() => clock('resolution').getAttribute('data-sla-state')).toBe('on_track');
    await expect(page.getByTestId('pause-reason').count()).resolves.toBe(0);
    await shot(page, '33-ticket-resumed');
  });

  test('the timer survives a reload and its time is logged on the ticket', async () => {
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.getByTestId('timer-elapsed').waitFor();
    await page.waitForTimeout(1200);
    await page.reload();
    await heading(page, /Printer on the second floor/);
    await expect.poll(() => page.getByTestId('timer-elapsed').textContent()).not.toBe('0:00:00');
    await shot(page, '34-ticket-timer-running');
    await page.getByRole('button', { name: 'Stop' }).click();

    const dialog = page.getByRole('dialog', { name: 'Log time' });
    await expect(dialog.getByRole('textbox', { name: 'Minutes' }).inputValue()).resolves.toBe('1');
    await dialog.getByLabel('Note').fill('Reinstalled the printer driver on the print server.');
    await shot(page, '35-ticket-log-time');
    await dialog.getByRole('button', { name: 'Log time' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('time-logged').textContent()).toBe('1 min');
    await expect(page.getByTestId('timer-elapsed').count()).resolves.toBe(0);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(/logged 1 min of Remote support/).waitFor();

    await page.getByRole('tab', { name: /^Time(?!line)/ }).click();
    const entries = page.getByRole('table', { name: 'Time entries' });
    await entries.getByText('Reinstalled the printer driver').waitFor();
    await expect(page.getByTestId('time-total').textContent()).resolves.toBe('1 min');
    await shot(page, '36-ticket-time-entries');
  });

  test('an own time entry can be edited, and its history shows before and after', async () => {
    await page.getByRole('button', { name: /Actions for 1 min by Olivia Owner/ }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit time entry' });
    await dialog.getByRole('textbox', { name: 'Minutes' }).fill('5');
    await choose(page, 'Cause', 'Vendor-caused');
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('time-total').textContent()).toBe('5 min');

    await page.getByRole('button', { name: /Actions for 5 min by Olivia Owner/ }).click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'Time entry history' });
    await history.getByRole('row', { name: /Minutes 1 5/ }).waitFor();
    await history.getByRole('row', { name: /Cause Normal Vendor-caused/ }).waitFor();
    await shot(page, '36b-time-entry-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/edited a time entry: now 5 min/)
      .waitFor();
  });

  test('resolving stops both clocks as met', async () => {
    await choose(page, 'Status', 'Resolved');
    await expect.poll(() => clock('resolution').getAttribute('data-sla-state')).toBe('met');
    await expect(clock('first-response').getAttribute('data-sla-state')).resolves.toBe('met');
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await shot(page, '37-ticket-resolved');
    await shot(page, '37b-ticket-resolved-full', { fullPage: true });
  });

  test('help-desk settings: work types and the reopen window', async () => {
    await page.goto('/settings/help-desk');
    await heading(page, 'Help desk');
    const types = page.getByRole('table', { name: 'Work types' });
    await types.getByText('Remote support').waitFor();
    await page.getByLabel('New work type').fill('Onboarding');
    await page.getByRole('button', { name: 'Add work type' }).click();
    await types.getByText('Onboarding').waitFor();
    await page.getByRole('button', { name: 'Archive Travel' }).click();
    await page.getByRole('button', { name: 'Unarchive Travel' }).waitFor();

    await page.getByLabel('Reopen window (days)').fill('14');
    await expect
      .poll(() => page.getByTestId('reopen-window-effect').textContent())
      .toContain('reopened within 14 days');
    await shot(page, '38-settings-help-desk');
    // No window at all: any reopening starts a new ticket (the next test relies on it).
    await page.getByLabel('Reopen window (days)').fill('0');
    await see(page, 'always opens a new ticket');
    await page.getByRole('button', { name: 'Save reopen window' }).click();
    await see(page, 'Reopen window saved');
    const api = browserApi(page);
    await expect(api.get<{ reopenWindowDays: number }>('/settings/tickets')).resolves.toEqual({
      reopenWindowDays: 0,
    });
  });

  test('reopening after the window opens a new linked ticket, and the page follows it', async () => {
    await page.goto(`/tickets/${ticket.id}`);
    await heading(page, /Printer on the second floor/);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(ticket.id));
    await see(page, /a new ticket #\d+ was opened/);
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/as a reopening of #\d+/)
      .waitFor();
    await shot(page, '39-ticket-reopened-as-new', { withToasts: true });
  });

  test('the ticket page reads well in the dark theme', async () => {
    await page.goto(`/tickets/${ticket.id}`);
    await heading(page, /Printer on the second floor/);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByRole('article').first().waitFor();
    await shot(page, '40-ticket-dark');
    await page.goto('/settings/help-desk');
    await page.getByRole('table', { name: 'Work types' }).waitFor();
    await shot(page, '41-settings-help-desk-dark');
  });
});

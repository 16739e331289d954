// Notifications end to end: a dispatcher assigns a ticket to a technician, the technician's bell shows
// it within seconds, and opening it leads to the ticket; the preferences page lists every event type.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, see, signIn, signOut, stopRequiringMfa } from './journeys.ts';

const DISPATCHER = {
  name: 'Dana Dispatcher',
  email: 'dana@northwind.test',
  password: 'dana-has-a-long-password',
};
const TECHNICIAN = {
  name: 'Tom Technician',
  email: 'tom@northwind.test',
  password: 'tom-has-a-long-password',
};

let harness: Harness;
let page: Page;
let ticketId = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

describe.sequential('notifications', () => {
  test('an owner sets up a dispatcher, a technician and a client with a ticket', async () => {
    await completeSetup(page);
    await stopRequiringMfa(page);
    const api = browserApi(page);
    for (const [person, role] of [
      [DISPATCHER, 'dispatcher'],
      [TECHNICIAN, 'technician'],
    ] as const) {
      await api.post('/users', { ...person, role, allClients: true, clientIds: [] });
    }
    const client = await api.post<{ id: string }>('/clients', { name: 'Harbour Dental' });
    const ticket = await api.post<{ id: string }>('/tickets', {
      clientId: client.id,
      title: 'Printer offline',
      priority: 'P3',
    });
    ticketId = ticket.id;
  });

  test('the dispatcher assigns the ticket to the technician', async () => {
    await signOut(page);
    await signIn(page, DISPATCHER.email, DISPATCHER.password);
    const technician = (
      await browserApi(page).get<{ items: { id: string; name: string }[] }>('/assignees')
    ).items.find((a) => a.name === TECHNICIAN.name);
    await browserApi(page).post(`/tickets/${ticketId}/assign`, { assigneeId: technician!.id });
  });

  test("the technician's bell shows one unread notification that leads to the ticket", async () => {
    await signOut(page);
    await signIn(page, TECHNICIAN.email, TECHNICIAN.password);
    // The in-process dispatcher runs every 2 s; the bell refetches when the page regains focus or reloads.
    const bell = page.getByRole('button', { name: 'Notifications (1 unread)' });
    await expect
      .poll(
        async () => {
          if ((await bell.count()) === 0) await page.reload();
          return bell.count();
        },
        { timeout: 15_000, interval: 1500 },
      )
      .toBe(1);
    await shot(page, '60-notification-bell');
    await bell.click();
    const item = page.getByRole('button', { name: /Unread: #1001 was assigned to you/ });
    await item.waitFor();
    await see(page, 'Printer offline — Harbour Dental, by Dana Dispatcher');
    await shot(page, '61-notification-popover');
    await item.click();
    await page.waitForURL(`**/tickets/${ticketId}`);
    await heading(page, /Printer offline/);
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await shot(page, '62-notification-opened-ticket');
  });

  test('Account → Notifications lists every event type with its channel', async () => {
    await page.getByRole('button', { name: 'User menu' }).click();
    await page.getByRole('menuitem', { name: 'Notifications' }).click();
    await page.waitForURL('**/account/notifications');
    await heading(page, 'Notifications');
    await see(page, 'A ticket is assigned to you');
    await page.getByRole('radiogroup', { name: 'A ticket is assigned to you' }).getByText('In app').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await see(page, 'Notification preferences saved');
    await shot(page, '63-notification-preferences');
    const saved = await browserApi(page).get<{ items: { type: string; channel: string }[] }>(
      '/notification-preferences',
    );
    expect(saved.items.find((p) => p.type === 'ticket.assigned')?.channel).toBe('in_app');
  });
});

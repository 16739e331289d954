// Mail in, as a help desk lives it: the admin adds the support address for Accord's SMTP listener, a
// client's mail (with an attachment) becomes a ticket on its own, a stranger's waits in Mail triage until a
// dispatcher opens a ticket for the right client, and the attachment downloads from the ticket.
import { mkdirSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { addClient, choose, completeSetup, heading, see, stopRequiringMfa } from './journeys.ts';

const SUPPORT = 'help@northwind.test';

let harness: Harness;
let page: Page;
let smtp: Transporter;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness({ INBOUND_SMTP_PORT: '0' });
  page = await harness.newPage();
  smtp = createTransport({
    host: '127.0.0.1',
    port: harness.inboundSmtpPort!,
    secure: false,
    ignoreTLS: true,
  });
});

afterAll(async () => {
  smtp?.close();
  await harness?.close();
});

const nav = (target: Page, name: string) =>
  target.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();

describe.sequential('inbound mail', () => {
  test('the admin adds the support address for the SMTP listener', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await completeSetup(page);
    await stopRequiringMfa(page);
    await addClient(page, 'Harbour Dental', ['harbourdental.test']);

    await page.goto('/settings/inbound-mail');
    await heading(page, 'Inbound mail');
    await page.getByRole('button', { name: 'Add mailbox' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add mailbox' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Help desk');
    await dialog.getByRole('textbox', { name: 'Address clients write to' }).fill(SUPPORT);
    await dialog.getByText("Accord's SMTP listener").click();
    await dialog.getByRole('button', { name: 'Add mailbox' }).click();
    await dialog.waitFor({ state: 'detached' });
    await see(page, SUPPORT);
    await shot(page, '60-inbound-mailboxes');
  });

  test("a client's mail opens a ticket by itself, with its attachment", async () => {
    await smtp.sendMail({
      from: 'Dana Reyes <dana@harbourdental.test>',
      to: SUPPORT,
      subject: 'X-ray viewer crashes on start',
      text: 'Since this morning the X-ray viewer closes right after it opens. Screenshot attached.',
      attachments: [{ filename: 'crash.txt', content: 'Faulting module: viewer.dll' }],
    });
    await nav(page, 'Tickets');
    await heading(page, 'Tickets');
    await page.getByRole('link', { name: 'X-ray viewer crashes on start' }).click();
    await heading(page, 'X-ray viewer crashes on start');
    await see(page, 'by email');
    const file = page.getByRole('link', { name: 'crash.txt' });
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('crash.txt');
    await shot(page, '61-ticket-by-mail');
  });

  test('a stranger waits in Mail triage until a dispatcher opens a ticket for the right client', async () => {
    await smtp.sendMail({
      from: 'Pat Newman <pat@home-mail.test>',
      to: SUPPORT,
      subject: 'Printer at the front desk jams',
      text: 'Hi, I am the new receptionist at Harbour Dental. The printer jams on every page.',
    });
    await nav(page, 'Mail triage');
    await heading(page, 'Mail triage');
    const row = page.getByRole('row', { name: /Printer at the front desk jams/ });
    await row.getByText('Sender not at any client').waitFor();
    await shot(page, '62-mail-triage');
    await row.click();
    const drawer = page.getByRole('dialog', { name: 'Received mail' });
    await drawer.getByText('The printer jams on every page').waitFor();
    await choose(page, 'Client', 'Harbour Dental');
    await drawer
      .getByRole('checkbox', { name: /Add the sender \(pat@home-mail\.test\) as a new contact/ })
      .check();
    await shot(page, '63-triage-create-ticket');
    await drawer.getByRole('button', { name: 'Create ticket' }).last().click();
    await see(page, /Ticket #\d+ opened/);
    await drawer.waitFor({ state: 'detached' });
    await expect(page.getByRole('row', { name: /Printer at the front desk jams/ }).count()).resolves.toBe(0);

    // Pat is a contact now: the next mail opens a ticket without anyone's help.
    await smtp.sendMail({
      from: 'pat@home-mail.test',
      to: SUPPORT,
      subject: 'Scanner too',
      text: 'Also the scanner.',
    });
    await nav(page, 'Tickets');
    await page.getByRole('link', { name: 'Scanner too' }).waitFor();
  });
});

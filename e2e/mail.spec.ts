// Outgoing mail, as an admin sets it up: the SMTP form with a test mail to a real local SMTP sink (and the
// server's error when it refuses), a template edited with a live preview, and the outbound log.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink } from '../test/smtp-sink.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { completeSetup, heading, OWNER, see } from './journeys.ts';

let harness: Harness;
let page: Page;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  smtp = await startSmtpSink({ passwords: { 'relay-user': 'relay-password' } });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
  await smtp?.close();
});

describe.sequential('mail', () => {
  test('the admin sets up SMTP and the test mail arrives; a wrong password shows the server’s answer', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await completeSetup(page);
    await page.goto('/settings/mail');
    await heading(page, 'Mail');
    await see(page, 'Mail is off');
    await page.getByLabel('SMTP host').fill('127.0.0.1');
    await page.getByText('None (local relay only)').click();
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByLabel('User name').fill('relay-user');
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong-password');
    await page.getByLabel('From address').fill('help@northwind.test');
    await page.getByLabel('From name').fill('Northwind Help Desk');
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    await see(page, 'A password is stored');
    await page.getByRole('button', { name: 'Send test mail' }).click();
    await see(page, 'Test mail not sent');
    await see(page, '535');
    await shot(page, 'mail-01-settings-error', { fullPage: true });

    await page.getByRole('textbox', { name: 'Password' }).fill('relay-password');
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    await see(page, 'Mail settings saved');
    await page.getByRole('button', { name: 'Send test mail' }).click();
    await see(page, 'Test mail sent');
    expect(smtp.received.map((m) => m.to)).toEqual([[OWNER.email]]);
    await shot(page, 'mail-02-settings-sent', { fullPage: true });
  });

  test('a template is edited with placeholders and a live preview', async () => {
    await page.goto('/settings/email-templates');
    await heading(page, 'Email templates');
    await page.getByRole('navigation', { name: 'Templates' }).getByText('ticket.public_reply').click();
    const subject = page.getByLabel('Subject');
    await subject.fill('[#{{ticket.number}}] New reply: ');
    await page.getByRole('button', { name: 'Insert ticket.title' }).click();
    await expect.poll(() => subject.inputValue()).toBe('[#{{ticket.number}}] New reply: {{ticket.title}}');
    await see(page, 'Subject: [#1042] New reply: Printer on floor 2 is offline');
    // The HTML part renders in a sandboxed frame, values escaped.
    await page
      .frameLocator('iframe[title="HTML preview"]')
      .getByText('We restarted the print spooler')
      .waitFor();
    await shot(page, 'mail-03-template-editor', { fullPage: true });
    await page.getByRole('button', { name: 'Save template' }).click();
    await see(page, 'Template saved');
  });

  test('the outbound log shows sent and failed mail, filtered in the URL', async () => {
    await page.goto('/settings/outbound-mail');
    await heading(page, 'Outbound mail');
    await see(page, 'Test mail from');
    await shot(page, 'mail-04-outbound-log', { fullPage: true });
    // Filters live in the URL: a bookmark opens the same view.
    await page.goto('/settings/outbound-mail?status=failed');
    await heading(page, 'Outbound mail');
    await see(page, '535');
    await expect.poll(() => page.getByRole('button', { name: /^Retry the mail/ }).count()).toBe(1);
  });
});

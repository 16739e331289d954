// The terms a vendor works under: the owner publishes rules of engagement in Settings, takes a Letter of
// Agency for the vendor at a client from draft to signed (and revokes it for another nearing its end),
// sends the vendor a one-time link that it opens signed out to acknowledge the rules, adds the client's
// own addendum (which outdates that acknowledgement) and records the new one, then gives the client
// notice about the vendor's changes and withdraws it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const VENDOR = 'DentalSoft Ltd';
const RULES_V1 =
  'Arrange every change with us first. We agree a change window with you, and you make changes only inside it.';
const RULES_V2 = [
  RULES_V1,
  'Tell the practice manager before a remote session starts, and say what you changed when it ends.',
  'Use only the accounts we set up for you. Do not create accounts, install remote-access tools or change ' +
    'firewall, backup or antivirus settings; ask us and we will do it with you.',
  'Urgent fixes outside a window are possible: call our help desk first, and we will approve a window at ' +
    'short notice. Work done without one is put right by us, and the client may be charged for it.',
  'Keep the client’s data where it is. Copies for troubleshooting need the practice manager’s written ' +
    'consent, and are deleted when the case is closed.',
].join('\n\n');
const ADDENDUM = 'No changes on clinic days (Monday to Thursday) before 18:00.';

let harness: Harness;
let page: Page;
let vendorId = '';
let clientId = '';
let linkUrl = '';
let files = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'accord-loa-'));
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** A day `days` from today, as YYYY-MM-DD (the browser runs in UTC). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const terms = () => page.getByRole('group', { name: `Terms of ${VENDOR} at ${CLIENT}` });
const settingsNav = () => page.getByRole('navigation', { name: 'Settings' });

describe.sequential('vendor terms', () => {
  test('the owner has a client, a vendor engaged there, and an incident ticket', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    await api.post(`/vendors/${vendorId}/engagements`, { clientId, product: 'Dentrix' });
    await api.post('/tickets', { clientId, title: 'Imaging bridge stopped after an update', priority: 'P2' });
  });

  test('publishes the rules of engagement in Settings, then a second version', async () => {
    await page.goto('/settings/users');
    await settingsNav().getByRole('link', { name: 'Rules of engagement' }).click();
    await heading(page, 'Rules of engagement');
    await see(page, 'No rules published yet');
    await page.getByRole('textbox', { name: 'Rules' }).fill(RULES_V1);
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page
      .getByRole('dialog', { name: 'Publish version 1?' })
      .getByRole('button', { name: 'Publish' })
      .click();
    await page.getByRole('region', { name: 'Rules in force' }).getByText(RULES_V1).waitFor();

    await see(page, 'Publishing makes every vendor’s acknowledgement outdated');
    await page.getByRole('textbox', { name: 'Rules' }).fill(RULES_V2);
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const confirm = page.getByRole('dialog', { name: 'Publish version 2?' });
    await confirm.getByText('acknowledgement of version 1 becomes outdated').waitFor();
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await see(page, /^Version 2, published/);
    const earlier = page.getByRole('table', { name: 'Earlier versions' });
    await earlier.getByText('v1').waitFor();
    await shot(page, 'vendor-terms-settings', { fullPage: true });

    await earlier.getByRole('button', { name: 'View version 1' }).click();
    const viewer = page.getByRole('dialog', { name: 'Rules of engagement, version 1' });
    await viewer.getByText(RULES_V1).waitFor();
    await shot(page, 'vendor-terms-settings-earlier-version');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });

  test('drafts a Letter of Agency, downloads it, marks it sent and files the signed copy', async () => {
    await page.goto(`/vendors/${vendorId}`);
    await heading(page, VENDOR);
    // The only engagement opens by itself.
    await terms().getByText('No letter yet').waitFor();
    await terms().getByText('Not acknowledged').waitFor();
    await shot(page, 'vendor-terms-engagement-empty', { fullPage: true });

    await terms().getByRole('button', { name: 'Draft letter' }).click();
    await terms().getByText('Draft', { exact: true }).waitFor();
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      terms().getByRole('link', { name: 'Download letter (PDF)' }).click(),
    ]);
    expect(letter.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await letter.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    await shot(page, 'vendor-terms-loa-draft');
    await terms().getByRole('button', { name: 'Mark as sent' }).click();
    const sent = page.getByRole('dialog', { name: 'Mark letter as sent' });
    await sent.getByRole('textbox', { name: 'Sent to' }).fill('dr.patel@harbourdental.example');
    await sent.getByRole('button', { name: 'Mark as sent' }).click();
    await sent.waitFor({ state: 'hidden' });
    await terms().getByText('Sent for signature').first().waitFor();
    await terms().getByText('to dr.patel@harbourdental.example').waitFor();

    const signedPdf = join(files, 'signed-loa.pdf');
    writeFileSync(signedPdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await terms().getByRole('button', { name: 'Upload signed copy' }).click();
    const upload = page.getByRole('dialog', { name: 'Upload signed copy' });
    await upload.locator('input[type="file"]').setInputFiles(signedPdf);
    await upload.getByRole('textbox', { name: 'Signer name' }).fill('Dr Priya Patel');
    await upload.getByRole('textbox', { name: 'Signer title' }).fill('Practice owner');
    await shot(page, 'vendor-terms-loa-upload');
    await upload.getByRole('button', { name: 'Upload signed copy' }).click();
    await upload.waitFor({ state: 'hidden' });
    await terms().getByText('Signed', { exact: true }).first().waitFor();
    await terms().getByText('Signed by Dr Priya Patel, Practice owner').waitFor();
    await terms().getByRole('link', { name: 'Download signed copy' }).waitFor();
    await terms().getByRole('button', { name: 'Draft renewal' }).waitFor();
    await shot(page, 'vendor-terms-loa-signed', { fullPage: true });
  });

  test('a revoked letter moves to the earlier letters; a new one nearing its end is flagged', async () => {
    await terms().getByRole('button', { name: 'More actions for the signed letter' }).click();
    await page.getByRole('menuitem', { name: 'Revoke letter' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke Letter of Agency?' });
    await revoke.getByRole('textbox', { name: 'Reason' }).fill('Practice sold; the new owner signs again');
    await revoke.getByRole('button', { name: 'Revoke letter' }).click();
    await revoke.waitFor({ state: 'hidden' });
    await terms().getByText('Practice sold; the new owner signs again').waitFor();

    // A letter signed almost a year ago, filed through the API: it ends in 12 days.
    await terms().getByRole('button', { name: 'Draft letter' }).click();
    await terms().getByText('Draft', { exact: true }).waitFor();
    const api = browserApi(page);
    const [draft] = (await api.get<{ items: { id: string; status: string }[] }>(`/loas?vendorId=${vendorId}`))
      .items;
    expect(draft?.status).toBe('draft');
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/session')).json()) as {
      csrfToken: string;
    };
    const signed = await page.request.post(`/api/v1/loas/${draft!.id}/signed`, {
      headers: { 'x-csrf-token': csrfToken },
      multipart: {
        file: { name: 'signed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
        signerName: 'Dr Priya Patel',
        signedOn: inDays(-353),
        expiresOn: inDays(12),
      },
    });
    expect(signed.status()).toBe(200);
    await page.reload();
    await terms().getByText('expires in 12 days').waitFor();
    await page.getByRole('table', { name: 'Engagements' }).getByLabel('Letter expires in 12 days').waitFor();
    await terms().getByText('Earlier letters').waitFor();
    await shot(page, 'vendor-terms-loa-expiring', { fullPage: true });
  });

  test('the vendor opens a one-time link signed out and acknowledges the rules', async () => {
    await terms().getByRole('button', { name: 'Send link' }).click();
    const shown = page.getByRole('dialog', { name: 'Link for the vendor' });
    linkUrl = ((await shown.getByLabel('Acknowledgement link', { exact: true }).textContent()) ?? '').trim();
    expect(linkUrl).toMatch(/\/acknowledge\/[A-Za-z0-9_-]{20,}$/);
    await shot(page, 'vendor-terms-link');
    await shown.getByRole('button', { name: 'I have copied it' }).click();

    const vendorPage = await harness.newPage();
    await vendorPage.goto(linkUrl);
    await heading(vendorPage, 'Rules of engagement');
    await vendorPage.getByText(`asks ${VENDOR} to read and acknowledge`).waitFor();
    await vendorPage
      .getByRole('region', { name: 'Rules', exact: true })
      .getByText('Tell the practice manager')
      .waitFor();
    await vendorPage.getByRole('textbox', { name: 'Your name' }).fill('Dana Reyes');
    await vendorPage.getByRole('button', { name: 'Acknowledge' }).click();
    await vendorPage.getByText('Tick the box to acknowledge the rules').waitFor();
    await vendorPage.getByRole('checkbox', { name: `on behalf of ${VENDOR}` }).check();
    await vendorPage.getByRole('textbox', { name: 'Email' }).fill('dana@dentalsoft.example');
    await shot(vendorPage, 'vendor-terms-public-link', { fullPage: true });
    await vendorPage.getByRole('button', { name: 'Acknowledge' }).click();
    await heading(vendorPage, 'Thank you');
    await shot(vendorPage, 'vendor-terms-public-thanks');

    // Spent: the same link now says so plainly.
    await vendorPage.goto(linkUrl);
    await heading(vendorPage, 'This link cannot be used');
    await vendorPage.getByText('It has been used already, or it has expired').waitFor();
    await shot(vendorPage, 'vendor-terms-public-spent');
    await vendorPage.context().close();

    await page.reload();
    await terms().getByText('Acknowledged v2').waitFor();
    await terms().getByText('Dana Reyes').waitFor();
    await terms().getByText('through a link').waitFor();
  });

  test("the client's addendum outdates the acknowledgement; staff record the new one", async () => {
    await page.goto(`/clients/${clientId}?tab=vendors`);
    await heading(page, CLIENT);
    await see(page, 'No addendum');
    await page.getByRole('button', { name: 'Add addendum' }).click();
    const form = page.getByRole('dialog', { name: 'Add addendum' });
    await form.getByRole('textbox', { name: 'Addendum' }).fill(ADDENDUM);
    await form.getByRole('button', { name: 'Publish addendum' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Addendum', exact: true }).getByText(ADDENDUM).waitFor();
    await terms().getByText('Outdated').waitFor();
    await shot(page, 'vendor-terms-client-outdated', { fullPage: true });

    await terms().getByRole('button', { name: 'Record acknowledgement' }).click();
    const record = page.getByRole('dialog', { name: 'Record acknowledgement' });
    await record.getByText('Rules v2 with the client’s addendum v1').waitFor();
    await record.getByRole('textbox', { name: 'Name' }).fill('Dana Reyes');
    await record.getByRole('button', { name: 'Record acknowledgement' }).click();
    await record.waitFor({ state: 'hidden' });
    await terms().getByText('Acknowledged v2').waitFor();
    await terms().getByText('recorded by staff').waitFor();

    // A new link now shows the vendor the addendum beside the rules.
    await terms().getByRole('button', { name: 'Send link' }).click();
    const shown = page.getByRole('dialog', { name: 'Link for the vendor' });
    const url = (
      (await shown.getByLabel('Acknowledgement link', { exact: true }).textContent()) ?? ''
    ).trim();
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    const vendorPage = await harness.newPage();
    await vendorPage.goto(url);
    await vendorPage.getByRole('region', { name: 'Addendum', exact: true }).getByText(ADDENDUM).waitFor();
    await shot(vendorPage, 'vendor-terms-public-link-addendum', { fullPage: true });
    await vendorPage.setViewportSize({ width: 390, height: 844 });
    await shot(vendorPage, 'vendor-terms-public-link-phone', { fullPage: true });
    await vendorPage.context().close();
  });

  test('gives the client notice about the vendor, citing a ticket, and finds it listed', async () => {
    await see(page, 'No vendor notices');
    await page.getByRole('button', { name: 'Give notice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Give vendor notice' });
    await dialog.getByText('is billable under an agreement whose vendor clause is').waitFor();
    const letterText = dialog.getByRole('textbox', { name: 'Letter' });
    await expect.poll(() => letterText.inputValue()).toContain(`Dear ${CLIENT},`);
    await dialog.getByRole('switch', { name: 'Also show the client’s other incidents' }).check();
    await dialog.getByRole('checkbox', { name: /Imaging bridge stopped/ }).check();
    await expect.poll(() => letterText.inputValue()).toContain('one occasion on which');
    await shot(page, 'vendor-terms-notice-dialog');
    await dialog.getByRole('button', { name: 'Give notice' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const notices = page.getByRole('table', { name: 'Vendor notices' });
    const row = notices.getByRole('row', { name: new RegExp(VENDOR) });
    await row.getByText('In effect').waitFor();
    await row.getByText('1 ticket').waitFor();
    await row.getByText('Olivia Owner').waitFor();
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: `Download letter about ${VENDOR}` }).click(),
    ]);
    expect(
      readFileSync(await letter.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await shot(page, 'vendor-terms-client-tab', { fullPage: true });

    await row.getByRole('button', { name: `Withdraw notice about ${VENDOR}` }).click();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw notice?' });
    await withdraw.getByRole('textbox', { name: 'Reason' }).fill('Given before the agreement was signed');
    await withdraw.getByRole('button', { name: 'Withdraw notice' }).click();
    await withdraw.waitFor({ state: 'hidden' });
    await row.getByText('Withdrawn', { exact: true }).waitFor();
    await row.getByText('Given before the agreement was signed').waitFor();
    await shot(page, 'vendor-terms-client-notice-withdrawn', { fullPage: true });

    // The same screen in the dark theme, for people to look at.
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await shot(page, 'vendor-terms-client-tab-dark', { fullPage: true });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });
});

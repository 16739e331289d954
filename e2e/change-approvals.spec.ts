// A vendor's change at a client whose agreement asks for the client's approval: the request waits for the
// client after the owner approves it, the owner gets a one-time link that the client's dentist opens signed
// out (on a phone) to approve it, which approves the change and spends the link; a second request is
// rejected for the client by staff recording what the client said on the phone; a third, decided meanwhile
// by a colleague, shows the server's refusal in the form.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChangeRequest } from '../src/shared/api/change-requests.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, OWNER, see } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const SERVER = 'HD-SRV01';
const VENDOR = 'Dentrix Support';
const DENTIST = 'Dr. Ana Ruiz';
const REJECTION = 'Not during the open day on Friday; move it to next week.';

let harness: Harness;
let page: Page;
let clientId = '';
let vendorId = '';
let serverId = '';
let first: ChangeRequest;
let linkUrl = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

/** Raises a vendor's change request on the server through the API, its window starting in `startsIn` h. */
function raise(title: string, startsIn: number) {
  return browserApi(page).post<ChangeRequest>('/change-requests', {
    clientId,
    vendorId,
    assetIds: [serverId],
    title,
    description: 'Install the Dentrix 24.2 update on the server, then restart the Dentrix services.',
    risk: 'medium',
    backOutPlan: 'Restore the snapshot of HD-SRV01 taken just before the update.',
    windowStart: hours(startsIn),
    windowEnd: hours(startsIn + 2),
  });
}

const approval = () => page.getByRole('region', { name: 'Client approval' });

describe.sequential('client approval of a vendor’s change', () => {
  test('the owner has a client whose agreement asks for its approval of vendors’ changes', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    await api.post('/agreements', {
      clientId,
      type: 'managed',
      name: 'Managed 2026',
      startsOn: '2026-01-01',
      isClientDefault: true,
      hourlyRateCents: 15_000,
      requiresClientApprovalOfVendorChanges: true,
    });
    serverId = (await api.post<{ id: string }>('/assets', { clientId, type: 'server', name: SERVER })).id;
    vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    await api.post(`/vendors/${vendorId}/engagements`, { clientId, product: 'Dentrix' });

    first = await raise('Upgrade Dentrix to 24.2', 1);
    expect(first.status).toBe('requested');
    expect(first.clientApproval.status).toBe('pending');
  });

  test('the list flags the request as awaiting the client; its page says so', async () => {
    await page.goto('/changes');
    await heading(page, 'Changes');
    const row = page.getByRole('table', { name: 'Change requests' }).getByRole('row', { name: /CR-1/ });
    await row.getByText('Awaiting client').waitFor();
    await shot(page, 'change-approvals-list-awaiting');

    await row.getByRole('link', { name: /Upgrade Dentrix/ }).click();
    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    await approval().getByText(`Waiting for ${CLIENT}’s approval`).waitFor();
    await approval().getByText(`once both ${OWNER.organization} and ${CLIENT} have approved it`).waitFor();
    await shot(page, 'change-approvals-detail-waiting', { fullPage: true });
  });

  test('approved by the owner, the request still waits for the client', async () => {
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await approval().getByText(`Approved by ${OWNER.organization} (${OWNER.name}`).waitFor();
    await approval().getByText(`The change is approved once ${CLIENT} approves it too.`).waitFor();
    await page.getByText('Requested', { exact: true }).first().waitFor();
    await page.getByText('Awaiting client', { exact: true }).first().waitFor();
    // Nothing more for the MSP to approve.
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await see(page, `(approved; waiting for ${CLIENT})`);
    await shot(page, 'change-approvals-detail-msp-approved', { fullPage: true, withToasts: true });
  });

  test('the owner gets a one-time approval link, shown once', async () => {
    await approval().getByRole('button', { name: 'Get approval link' }).click();
    const shown = page.getByRole('dialog', { name: `Approval link for ${CLIENT}` });
    linkUrl = ((await shown.getByLabel('Approval link', { exact: true }).textContent()) ?? '').trim();
    expect(linkUrl).toMatch(/\/approve-change\/[A-Za-z0-9_-]{20,}$/);
    await shown.getByText('once, without an account').waitFor();
    await shot(page, 'change-approvals-link');
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'hidden' });
  });

  test('the client reads the request signed out, and approves it on a phone', async () => {
    const desk = await harness.newPage();
    await desk.goto(linkUrl);
    await heading(desk, `Approve a change to ${CLIENT}’s systems`);
    await desk.getByText(`${OWNER.organization} asks ${CLIENT} to approve or reject`).waitFor();
    await desk.getByText(`CR-1: Upgrade Dentrix to 24.2`).waitFor();
    await desk.getByText('Your local time (UTC)').waitFor();
    await desk.getByRole('region', { name: 'Back-out plan' }).getByText('Restore the snapshot').waitFor();
    await shot(desk, 'change-approvals-public', { fullPage: true });
    await desk.context().close();

    // The dentist's phone, in Madrid: the window shows in her own time.
    const phoneContext = await harness.browser.newContext({
      baseURL: harness.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
    });
    phoneContext.setDefaultTimeout(10_000);
    const phone = await phoneContext.newPage();
    await phone.goto(linkUrl);
    await heading(phone, `Approve a change to ${CLIENT}’s systems`);
    await phone.getByText('Your local time (Europe/Madrid)').waitFor();
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByText('Enter your name').waitFor();
    await phone.getByText('Choose whether you approve or reject the change').waitFor();
    await phone.getByRole('textbox', { name: 'Your name' }).fill(DENTIST);
    await phone.getByRole('textbox', { name: 'Email' }).fill('ana.ruiz@harbourdental.example');
    await phone.getByRole('radio', { name: 'Approve this change' }).check();
    await shot(phone, 'change-approvals-public-phone', { fullPage: true });
    await phone.getByRole('button', { name: 'Approve the change' }).click();
    await heading(phone, 'Thank you');
    await phone.getByText(`you approved CR-1, “Upgrade Dentrix to 24.2”, for ${CLIENT}`).waitFor();
    await shot(phone, 'change-approvals-public-thanks');

    // Spent: the same link now says so plainly.
    await phone.goto(linkUrl);
    await heading(phone, 'This link cannot be used');
    await phone.getByText('It has been used already, or it has expired').waitFor();
    await shot(phone, 'change-approvals-public-spent');
    await phoneContext.close();
  });

  test('back in Accord, the change is approved, for the client by the dentist through the link', async () => {
    await page.reload();
    await heading(page, 'CR-1: Upgrade Dentrix to 24.2');
    await page.getByText('Approved', { exact: true }).first().waitFor();
    await approval().getByText(`Approved for ${CLIENT} by ${DENTIST}`).waitFor();
    await approval()
      .getByText(/^Through the one-time link on /)
      .waitFor();
    await page.getByRole('button', { name: 'Mark started' }).waitFor();
    expect(await approval().getByRole('button', { name: 'Get approval link' }).count()).toBe(0);
    expect(await page.getByText('Awaiting client', { exact: true }).count()).toBe(0);
    await shot(page, 'change-approvals-detail-approved', { fullPage: true });
  });

  test('staff record the client’s rejection, given on the phone, with the reason', async () => {
    const second = await raise('Move the Dentrix database to the new disk', 26);
    await page.goto(`/changes/${second.id}`);
    await heading(page, 'CR-2: Move the Dentrix database to the new disk');
    await approval().getByRole('button', { name: 'Record client’s decision' }).click();
    const dialog = page.getByRole('dialog', { name: `Record ${CLIENT}’s decision` });
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.getByText('Choose whether the client approves or rejects the change').waitFor();
    await dialog.getByText(`Enter the name of who decided for ${CLIENT}`).waitFor();
    await dialog.getByRole('radio', { name: `${CLIENT} rejects` }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(DENTIST);
    await dialog.getByRole('button', { name: 'Record rejection' }).click();
    await dialog.getByText('Say why the client rejects the change').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(REJECTION);
    await shot(page, 'change-approvals-record-rejection');
    await dialog.getByRole('button', { name: 'Record rejection' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByText('Rejected', { exact: true }).first().waitFor();
    await approval().getByText(`Rejected for ${CLIENT} by ${DENTIST}`).waitFor();
    await approval()
      .getByText(/^Recorded by staff on /)
      .waitFor();
    await approval().getByText(REJECTION).waitFor();
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await shot(page, 'change-approvals-detail-rejected', { fullPage: true });
  });

  test('a decision already recorded by a colleague is refused in the form, which keeps the input', async () => {
    const third = await raise('Restart the imaging bridge service', 50);
    await page.goto(`/changes/${third.id}`);
    await heading(page, 'CR-3: Restart the imaging bridge service');
    await approval().getByText(`Waiting for ${CLIENT}’s approval`).waitFor();
    // Meanwhile a colleague records the client's approval.
    await browserApi(page).post(`/change-requests/${third.id}/client-decision`, {
      decision: 'approve',
      name: 'Sam (practice manager)',
    });
    await approval().getByRole('button', { name: 'Record client’s decision' }).click();
    const dialog = page.getByRole('dialog', { name: `Record ${CLIENT}’s decision` });
    await dialog.getByRole('radio', { name: `${CLIENT} approves` }).check();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(DENTIST);
    await dialog.getByRole('button', { name: 'Record approval' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Could not record the decision' });
    await refusal.waitFor();
    await refusal.getByText('change_request.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(DENTIST);
    await shot(page, 'change-approvals-record-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The page behind the form caught up on its own.
    await approval().getByText(`Approved for ${CLIENT} by Sam (practice manager)`).waitFor();
    await approval()
      .getByText(`The change is approved once ${OWNER.organization} approves it too.`)
      .waitFor();
  });
});

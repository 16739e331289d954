// The vendor portal: the owner invites one of a vendor's people from the vendor's page and copies the
// invitation link; the person opens it on a phone, sets a password, signs in and lands in the portal, where
// they see their engagement, acknowledge the rules, raise a change request (and withdraw another), read the
// change recorded outside an approved window with its evidence and reply on its incident, and answer the
// MSP's remediation plan about the vendor with an item they then mark done. A vendor's person
// who opens a staff address ends up in the portal; the owner who opens the portal ends up in the staff app;
// once deactivated, the person is signed out.
import { mkdirSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrollAndReport } from './agent-reports.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, OWNER, signIn } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const SUPPORT = 'help@northwind.test';
const SERVER = 'HD-SRV01';
const VENDOR = 'Dentrix Support';
const SAM = { name: 'Sam Field', email: 'sam.field@dentrix.example', password: 'sam-has-a-long-password' };
const RULES =
  'Arrange every change with us first. We agree a change window with you, and you change only inside it.';
const ADDENDUM = 'No changes on clinic days (Monday to Thursday) before 18:00.';
const TITLE = 'Upgrade Dentrix to 24.2';
const REPLY =
  'We removed telnet while checking the imaging bridge: nothing uses it. Sorry for not booking a window.';

let harness: Harness;
let page: Page;
let vendorPage: Page;
let vendorId = '';
let clientId = '';
let serverId = '';
let linkUrl = '';
let ticketId = '';
let ticketNumber = 0;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness({ INBOUND_SMTP_PORT: '0' });
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

async function phoneBrowser() {
  const context = await harness.browser.newContext({
    baseURL: harness.url,
    locale: 'en-GB',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    timezoneId: 'Europe/Madrid',
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const portalNav = (on: Page) => on.getByRole('navigation', { name: 'Portal navigation' });
const portalUsers = () => page.getByRole('region', { name: 'Portal users' });
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe.sequential('the vendor portal', () => {
  test('the owner has a vendor engaged at a client, rules in force, and a change outside a window', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    serverId = (await api.post<{ id: string }>('/assets', { clientId, type: 'server', name: SERVER })).id;
    vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    const engagement = await api.post<{ id: string }>(`/vendors/${vendorId}/engagements`, {
      clientId,
      product: 'Dentrix',
    });
    await api.post(`/engagements/${engagement.id}/accounts`, { kind: 'os_user', identifier: 'vendor-tech' });
    await api.post('/engagement-rules', { text: RULES });
    await api.post(`/clients/${clientId}/engagement-rules`, { text: ADDENDUM });

    // The vendor's account removes a package on an enrolled machine, outside any window: an incident.
    const { token } = await api.post<{ token: string }>('/enrollment-tokens', { clientId });
    await enrollAndReport(harness.url, token, 'e2e-portal');
    const incidents = await api.get<{ items: { id: string; number: number }[] }>(
      `/tickets?vendorId=${vendorId}`,
    );
    expect(incidents.items).toHaveLength(1);
    ticketId = incidents.items[0]?.id ?? '';
    ticketNumber = incidents.items[0]?.number ?? 0;
  });

  test('on the vendor’s page, the owner invites Sam and copies the invitation link, shown once', async () => {
    await page.goto(`/vendors/${vendorId}`);
    await heading(page, VENDOR);
    await portalUsers().getByText('No portal users yet').waitFor();
    await portalUsers().scrollIntoViewIfNeeded();
    await shot(page, 'vendor-portal-staff-empty');
    await portalUsers().getByRole('button', { name: 'Invite user' }).click();
    const form = page.getByRole('dialog', { name: `Invite a ${VENDOR} user` });
    await form.getByRole('button', { name: 'Invite user' }).click();
    await form.getByText('Enter the person’s name').waitFor();
    await form.getByRole('textbox', { name: 'Name' }).fill(SAM.name);
    await form.getByRole('textbox', { name: 'Email' }).fill(SAM.email);
    await shot(page, 'vendor-portal-staff-invite');
    await form.getByRole('button', { name: 'Invite user' }).click();

    const shown = page.getByRole('dialog', { name: `Invitation link for ${SAM.name}` });
    linkUrl = ((await shown.getByLabel('Invitation link', { exact: true }).textContent()) ?? '').trim();
    expect(linkUrl).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}$/);
    await shown.getByText('Copy it now').waitFor();
    await shot(page, 'vendor-portal-staff-link');
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'hidden' });
    const row = portalUsers().getByRole('row', { name: new RegExp(SAM.name) });
    await row.getByText('Pending').waitFor();
    await row.getByText('Active').waitFor();

    // Inviting the same address again is refused beside the field, and the form keeps what was typed.
    await portalUsers().getByRole('button', { name: 'Invite user' }).click();
    await form.getByRole('textbox', { name: 'Name' }).fill('Sam Again');
    await form.getByRole('textbox', { name: 'Email' }).fill(SAM.email);
    await form.getByRole('button', { name: 'Invite user' }).click();
    await expect
      .poll(() => form.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid'))
      .toBe('true');
    expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Sam Again');
    await shot(page, 'vendor-portal-staff-invite-taken', { withToasts: true });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await shot(page, 'vendor-portal-staff-users', { fullPage: true });
  });

  test('Sam opens the link on a phone and sets a password', async () => {
    const phone = await phoneBrowser();
    await phone.goto(linkUrl);
    await heading(phone, `Join ${VENDOR}’s portal at ${OWNER.organization}`);
    await phone.getByText(SAM.email).waitFor();
    await phone.getByRole('button', { name: 'Set password' }).click();
    await phone.getByText('Use at least 12 characters').waitFor();
    await phone.getByRole('textbox', { name: 'Password', exact: true }).fill(SAM.password);
    await phone.getByRole('textbox', { name: 'Confirm password' }).fill(`${SAM.password}!`);
    await phone.getByRole('button', { name: 'Set password' }).click();
    await phone.getByText('The two passwords differ').waitFor();
    await shot(phone, 'vendor-portal-invitation-phone', { fullPage: true });
    await phone.getByRole('textbox', { name: 'Confirm password' }).fill(SAM.password);
    await phone.getByRole('button', { name: 'Set password' }).click();
    await heading(phone, 'Your password is set');
    await shot(phone, 'vendor-portal-invitation-done');
    await phone.getByRole('link', { name: 'Sign in' }).click();
    await phone.waitForURL('**/login');

    // Used: the same link now says so plainly.
    await phone.goto(linkUrl);
    await heading(phone, 'This link cannot be used');
    await phone.context().close();
  });

  test('Sam signs in and lands on the portal overview, with the engagement and its rules to acknowledge', async () => {
    vendorPage = await harness.newPage();
    await vendorPage.goto('/login');
    await signIn(vendorPage, SAM.email, SAM.password);
    await vendorPage.waitForURL('**/vendor');
    await heading(vendorPage, 'Overview');
    await vendorPage.getByTestId('portal-names').getByText(VENDOR).waitFor();
    await vendorPage.getByTestId('portal-names').getByText(OWNER.organization).waitFor();
    const row = vendorPage
      .getByRole('table', { name: 'Engagements' })
      .getByRole('row', { name: new RegExp(CLIENT) });
    await row.getByText('Dentrix', { exact: true }).waitFor();
    await row.getByText('No letter').waitFor();
    await row.getByText('Not acknowledged').waitFor();
    const { changesOutsideWindows } = await browserApi(vendorPage).get<{ changesOutsideWindows: number }>(
      '/vendor-portal',
    );
    expect(changesOutsideWindows).toBeGreaterThan(0);
    await vendorPage
      .getByRole('region', { name: 'Changes outside an approved window' })
      .getByText(String(changesOutsideWindows), { exact: true })
      .waitFor();
    // Never the staff's menus.
    expect(await vendorPage.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
    await shot(vendorPage, 'vendor-portal-overview', { fullPage: true });
  });

  test('a request before the rules are acknowledged: the form says to acknowledge them first', async () => {
    await vendorPage.getByRole('button', { name: 'New change request' }).click();
    const form = vendorPage.getByRole('dialog', { name: 'New change request' });
    await form.getByText('Rules first').waitFor();
    await shot(vendorPage, 'vendor-portal-request-rules-first');
    await form.getByRole('link', { name: 'Read and acknowledge the rules' }).click();
    await heading(vendorPage, `Rules of engagement at ${CLIENT}`);
  });

  test('Sam reads the rules with the client’s addendum and acknowledges them', async () => {
    await vendorPage.getByRole('region', { name: 'Rules' }).getByText(RULES).waitFor();
    await vendorPage.getByRole('region', { name: 'Addendum' }).getByText(ADDENDUM).waitFor();
    await vendorPage.getByRole('button', { name: 'Acknowledge rules' }).click();
    await vendorPage.getByText('Tick the box to acknowledge the rules').waitFor();
    await shot(vendorPage, 'vendor-portal-rules', { fullPage: true });
    await vendorPage.getByLabel(`I acknowledge these rules on behalf of ${VENDOR}`).check();
    await vendorPage.getByRole('button', { name: 'Acknowledge rules' }).click();
    const acknowledgement = vendorPage.getByRole('region', { name: 'Acknowledgement' });
    await acknowledgement.getByText(`By ${SAM.name}`).waitFor();
    await shot(vendorPage, 'vendor-portal-rules-acknowledged', { fullPage: true });
    await portalNav(vendorPage).getByRole('link', { name: 'Overview' }).click();
    await vendorPage.getByRole('table', { name: 'Engagements' }).getByText('Acknowledged').waitFor();
  });

  test('Sam raises a change request and finds it in the list', async () => {
    await portalNav(vendorPage).getByRole('link', { name: 'Change requests' }).click();
    await heading(vendorPage, 'Change requests');
    await vendorPage.getByText('No change requests yet').waitFor();
    await shot(vendorPage, 'vendor-portal-requests-empty');
    await vendorPage.getByRole('button', { name: 'New change request' }).click();
    const form = vendorPage.getByRole('dialog', { name: 'New change request' });
    await form.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    await choose(vendorPage, 'Assets', SERVER);
    await form
      .getByRole('textbox', { name: 'Description' })
      .fill('Install the Dentrix 24.2 update, then restart.');
    await form
      .getByRole('textbox', { name: 'Back-out plan' })
      .fill('Restore the snapshot taken just before.');
    await form.getByText(/declared within 24 h after the fact/).waitFor();
    await shot(vendorPage, 'vendor-portal-request-form');
    await form.getByRole('button', { name: 'Raise request' }).click();

    await heading(vendorPage, `CR-1: ${TITLE}`);
    const standing = vendorPage.getByRole('region', { name: 'Where it stands' });
    await standing.getByText(`Waiting for ${OWNER.organization}’s decision`).waitFor();
    await vendorPage.getByRole('region', { name: 'Details' }).getByText(SERVER).waitFor();
    await shot(vendorPage, 'vendor-portal-request-detail', { fullPage: true });

    await vendorPage.getByRole('link', { name: 'Change requests' }).first().click();
    const row = vendorPage.getByRole('table', { name: 'Change requests' }).getByRole('row', { name: /CR-1/ });
    await row.getByText('Requested').waitFor();
    await shot(vendorPage, 'vendor-portal-requests');
  });

  test('Sam withdraws a second request, with the reason', async () => {
    const second = await browserApi(vendorPage).post<{ id: string; number: number }>(
      '/vendor-portal/change-requests',
      {
        clientId,
        assetIds: [serverId],
        title: 'Restart the imaging bridge',
        description: 'Restart the imaging bridge service.',
        risk: 'low',
        backOutPlan: 'None needed.',
        windowStart: hours(30),
        windowEnd: hours(31),
      },
    );
    await vendorPage.goto(`/vendor/requests/${second.id}`);
    await vendorPage.getByRole('button', { name: 'Withdraw request' }).click();
    const dialog = vendorPage.getByRole('dialog', { name: `Withdraw CR-${second.number}?` });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Done with the upgrade in CR-1 instead.');
    await dialog.getByRole('button', { name: 'Withdraw request' }).click();
    await vendorPage.getByText('Cancelled', { exact: true }).first().waitFor();
    const standing = vendorPage.getByRole('region', { name: 'Where it stands' });
    await standing.getByText('Withdrawn by you').waitFor();
    await standing.getByText(/Done with the upgrade in CR-1 instead/).waitFor();
    await shot(vendorPage, 'vendor-portal-request-withdrawn', { fullPage: true });
    await vendorPage.goto('/vendor/requests?status=open');
    await vendorPage
      .getByRole('table', { name: 'Change requests' })
      .getByRole('row', { name: /CR-1/ })
      .waitFor();
    expect(await vendorPage.getByRole('row', { name: new RegExp(`CR-${second.number}`) }).count()).toBe(0);
  });

  test('Sam reads the change recorded outside an approved window, with the evidence, and replies', async () => {
    await portalNav(vendorPage).getByRole('link', { name: 'Changes attributed to you' }).click();
    await heading(vendorPage, 'Changes attributed to you');
    const incident = vendorPage.getByRole('region', { name: `Incident #${ticketNumber} · ${CLIENT}` });
    await incident.getByText('Removed telnet 0.17').waitFor();
    await incident
      .getByText(/vendor-tech/)
      .first()
      .waitFor();
    expect(await vendorPage.getByText(/violat|breach|unauthori[sz]ed/i).count()).toBe(0);
    await shot(vendorPage, 'vendor-portal-attributions', { fullPage: true });
    await incident.getByRole('button', { name: `Reply on incident #${ticketNumber}` }).click();
    const dialog = vendorPage.getByRole('dialog', { name: `Reply on incident #${ticketNumber}` });
    await dialog.getByRole('button', { name: 'Send reply' }).click();
    await dialog.getByText('Write your reply').waitFor();
    await dialog.getByRole('textbox', { name: 'Your reply' }).fill(REPLY);
    await shot(vendorPage, 'vendor-portal-reply');
    await dialog.getByRole('button', { name: 'Send reply' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await incident.getByText(/^Replied /).waitFor();
    await shot(vendorPage, 'vendor-portal-attributions-replied', { fullPage: true });

    // The reply is on the incident, where the owner sees it.
    await page.goto(`/tickets/${ticketId}`);
    await page.getByText(REPLY).first().waitFor();
  });

  test('Sam downloads the signed Letter of Agency the client gave the MSP', async () => {
    const api = browserApi(page);
    const [engagement] = (await api.get<{ items: { id: string }[] }>(`/vendors/${vendorId}/engagements`))
      .items;
    const draft = await api.post<{ id: string }>(`/engagements/${engagement!.id}/loas`, {});
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/session')).json()) as {
      csrfToken: string;
    };
    const signed = await page.request.post(`/api/v1/loas/${draft.id}/signed`, {
      headers: { 'x-csrf-token': csrfToken },
      multipart: {
        file: {
          name: 'signed-loa.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
        },
        signerName: 'Dr Ana Ruiz',
        signedOn: new Date().toISOString().slice(0, 10),
        expiresOn: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(signed.status()).toBe(200);
    await vendorPage.goto('/vendor');
    await heading(vendorPage, 'Overview');
    const copy = vendorPage.getByRole('link', { name: 'Signed copy' }).first();
    const [download] = await Promise.all([vendorPage.waitForEvent('download'), copy.click()]);
    expect(download.suggestedFilename()).toBe('signed-loa.pdf');
    await shot(vendorPage, 'vendor-portal-overview-signed-loa');
  });

  test('Sam asks for a change by mail, and the request is in the portal; the owner sees the mail in the log', async () => {
    const api = browserApi(page);
    await api.post('/mailboxes', { name: 'Help desk', address: SUPPORT, kind: 'smtp' });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const smtp = createTransport({
      host: '127.0.0.1',
      port: harness.inboundSmtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      from: `${SAM.name} <${SAM.email}>`,
      to: SUPPORT,
      subject: 'Change request: Patch the imaging bridge',
      text: [
        `Client: ${CLIENT}`,
        `Assets: ${SERVER}`,
        `Window: ${day} 22:00 to ${day} 23:30 Europe/London`,
        'Risk: low',
        'Emergency: no',
        'Description:',
        'Apply the imaging bridge hotfix 3.',
        'Back-out plan:',
        'Reinstall hotfix 2.',
      ].join('\n'),
    });
    smtp.close();
    await expect
      .poll(async () => {
        const list = await browserApi(vendorPage).get<{ items: { title: string }[] }>(
          '/vendor-portal/change-requests',
        );
        return list.items.map((r) => r.title);
      })
      .toContain('Patch the imaging bridge');
    await vendorPage.goto('/vendor/requests');
    await vendorPage.getByRole('link', { name: /Patch the imaging bridge/ }).waitFor();
    await page.goto('/triage?view=all');
    await page
      .getByText(/raised by Sam Field/)
      .first()
      .waitFor();
    await shot(page, 'vendor-portal-request-by-mail-log');
  });

  test('the owner files a concern about the vendor; Sam answers it with an item in Plans and marks it done', async () => {
    await portalNav(vendorPage).getByRole('link', { name: 'Plans' }).click();
    await heading(vendorPage, 'Plans');
    await vendorPage.getByText('No plans').waitFor();
    await shot(vendorPage, 'vendor-portal-plans-empty');
    const filed = await browserApi(page).post<{ id: string; endsOn: string }>('/remediation-plans', {
      clientId,
      direction: 'msp_to_vendor',
      vendorId,
      title: 'Changes outside agreed windows',
      concern: 'Dentrix Support changed the server outside an agreed window. Book every change first.',
    });
    await vendorPage.reload();
    const row = vendorPage
      .getByRole('table', { name: 'Plans' })
      .getByRole('row', { name: new RegExp(CLIENT) });
    await row.getByText('Awaiting answer').waitFor();
    await row.getByText('0 of 3').waitFor();
    await shot(vendorPage, 'vendor-portal-plans');
    await row.getByRole('link', { name: 'Changes outside agreed windows' }).click();
    await heading(vendorPage, 'Changes outside agreed windows');
    await vendorPage.getByText(`${OWNER.organization}’s concern about ${VENDOR} at ${CLIENT}`).waitFor();
    const standing = vendorPage.getByRole('complementary', { name: 'Where it stands' });
    await standing.getByText(`${CLIENT} decides, on ${OWNER.organization}’s advice`).waitFor();
    expect(await vendorPage.getByRole('region', { name: 'Recommendation' }).count()).toBe(0);
    expect(await vendorPage.getByText(/strike/i).count()).toBe(0);
    await shot(vendorPage, 'vendor-portal-plan', { fullPage: true });

    await vendorPage.getByRole('button', { name: 'Answer with items' }).click();
    const form = vendorPage.getByRole('dialog', { name: 'Answer with items' });
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(dueOn <= filed.endsOn).toBe(true);
    await form.getByRole('textbox', { name: 'Issue, item 1' }).fill('Telnet removed outside a window');
    await form
      .getByRole('textbox', { name: 'What will be done, item 1' })
      .fill('Book a window for every change, however small.');
    await form.getByRole('textbox', { name: 'Owner, item 1' }).fill(SAM.name);
    await form.getByLabel('Due on, item 1').fill(dueOn);
    await shot(vendorPage, 'vendor-portal-plan-answer');
    await form.getByRole('button', { name: 'Send answer' }).click();
    await form.waitFor({ state: 'hidden' });
    const answer = vendorPage.getByRole('region', { name: 'The answer' });
    await answer.getByText('0 of 1 items done', { exact: false }).waitFor();
    expect(await vendorPage.getByRole('button', { name: 'Answer with items' }).count()).toBe(0);

    await answer.getByRole('button', { name: 'Mark done: Telnet removed outside a window' }).click();
    const done = vendorPage.getByRole('dialog', { name: 'Mark done' });
    await done.getByRole('textbox', { name: 'Note' }).fill('Window booking is now in our change checklist.');
    await done.getByRole('button', { name: 'Mark done' }).click();
    await done.waitFor({ state: 'hidden' });
    await answer.getByText('1 of 1 items done', { exact: false }).waitFor();
    await answer.getByRole('button', { name: 'Reopen: Telnet removed outside a window' }).waitFor();
    await shot(vendorPage, 'vendor-portal-plan-done', { fullPage: true });
  });

  test('Sam’s own security page works in the portal frame', async () => {
    await vendorPage.getByRole('button', { name: 'User menu' }).click();
    await vendorPage.getByRole('menuitem', { name: 'Security' }).click();
    await heading(vendorPage, 'Security');
    await vendorPage.getByTestId('mfa-status').waitFor();
    await shot(vendorPage, 'vendor-portal-security', { fullPage: true });
  });

  test('each frame belongs to its people: Sam is sent to the portal, the owner to the staff app', async () => {
    await vendorPage.goto('/clients');
    await vendorPage.waitForURL('**/vendor');
    await heading(vendorPage, 'Overview');
    await vendorPage.goto(`/tickets/${ticketId}`);
    await vendorPage.waitForURL('**/vendor');
    await page.goto('/vendor/requests');
    await page.waitForURL((url) => url.pathname === '/');

    const phone = await phoneBrowser();
    await phone.goto('/login');
    await signIn(phone, SAM.email, SAM.password);
    await phone.waitForURL('**/vendor');
    await heading(phone, 'Overview');
    await shot(phone, 'vendor-portal-overview-phone', { fullPage: true });
    await phone.getByRole('button', { name: 'Open navigation' }).click();
    await portalNav(phone).getByRole('link', { name: 'Change requests' }).waitFor();
    await shot(phone, 'vendor-portal-nav-phone');
    await phone.context().close();
  });

  test('the owner deactivates Sam, who is signed out', async () => {
    await page.goto(`/vendors/${vendorId}`);
    const row = portalUsers().getByRole('row', { name: new RegExp(SAM.name) });
    await row.getByText('Accepted').waitFor();
    await row.getByRole('button', { name: `Actions for ${SAM.name}` }).click();
    // The menu is open once its items show.
    const deactivate = page.getByRole('menuitem', { name: 'Deactivate' });
    await deactivate.waitFor();
    expect(await page.getByRole('menuitem', { name: 'New invitation link' }).count()).toBe(0);
    await deactivate.click();
    await page
      .getByRole('dialog', { name: `Deactivate ${SAM.name}?` })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await row.getByText('Deactivated').waitFor();

    // Someone who has not set a password yet gets a new link; the earlier one stops working.
    await portalUsers().getByRole('button', { name: 'Invite user' }).click();
    const form = page.getByRole('dialog', { name: `Invite a ${VENDOR} user` });
    await form.getByRole('textbox', { name: 'Name' }).fill('Alex Field');
    await form.getByRole('textbox', { name: 'Email' }).fill('alex.field@dentrix.example');
    await form.getByRole('button', { name: 'Invite user' }).click();
    await page
      .getByRole('dialog', { name: 'Invitation link for Alex Field' })
      .getByRole('button', { name: 'I have copied it' })
      .click();
    await portalUsers().getByRole('button', { name: 'Actions for Alex Field' }).click();
    await page.getByRole('menuitem', { name: 'New invitation link' }).click();
    const renewed = page.getByRole('dialog', { name: 'Invitation link for Alex Field' });
    await renewed.getByText('Any link sent before no longer works').waitFor();
    await shot(page, 'vendor-portal-staff-renewed');
    await renewed.getByRole('button', { name: 'I have copied it' }).click();
    await shot(page, 'vendor-portal-staff-deactivated', { fullPage: true });

    await vendorPage.goto('/vendor');
    await vendorPage.waitForURL('**/login**');
    await vendorPage.context().close();
  });
});

// A vendor replies to an attribution: the vendor's account at a dental client removes a package outside an
// approved window (an enrolled machine reports it), which opens an incident; on the ticket the owner gets a
// one-time link for the vendor, who opens it signed out (at a desk, then on a phone), reads the change and
// the evidence, and replies as Sam Field; the reply is on the incident's timeline, marked as visible to the
// client, and the link no longer opens. A technician (who cannot manage vendors) is offered no link.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrollAndReport } from './agent-reports.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, OWNER, signIn, stopRequiringMfa } from './journeys.ts';

const CLIENT = 'Harbour Dental';
const VENDOR = 'Dentrix Support';
const REMOVED = 'Removed telnet 0.17';
const SAM = 'Sam Field';
const SAM_EMAIL = 'sam.field@dentrix.example';
const REPLY =
  'We removed telnet while checking the imaging bridge: nothing uses it. Sorry for not booking a window first.';
const TECHNICIAN = {
  name: 'Tom Technician',
  email: 'tom@northwind.test',
  password: 'tom-has-a-long-password',
};

let harness: Harness;
let page: Page;
let ticketId = '';
let ticketNumber = 0;
let linkUrl = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

/** A browser with no session: the vendor's, at a desk (UTC) or on a phone in Madrid. */
async function vendorBrowser(device: 'desk' | 'phone') {
  const context = await harness.browser.newContext({
    baseURL: harness.url,
    locale: 'en-GB',
    ...(device === 'desk'
      ? { viewport: { width: 1280, height: 720 }, timezoneId: 'UTC' }
      : {
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          timezoneId: 'Europe/Madrid',
        }),
  });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

const vendorSection = (on: Page) => on.getByRole('region', { name: 'Vendor', exact: true });

describe.sequential('a vendor’s reply to an attribution', () => {
  test("a vendor's account changes a machine outside a window, which opens an incident", async () => {
    await completeSetup(page);
    // Not about MFA: the technician signs in with a password alone.
    await stopRequiringMfa(page);
    const api = browserApi(page);
    await api.post('/users', { ...TECHNICIAN, role: 'technician', allClients: true, clientIds: [] });
    const clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    const vendorId = (await api.post<{ id: string }>('/vendors', { name: VENDOR, products: ['Dentrix'] })).id;
    const engagement = await api.post<{ id: string }>(`/vendors/${vendorId}/engagements`, {
      clientId,
      product: 'Dentrix',
    });
    await api.post(`/engagements/${engagement.id}/accounts`, { kind: 'os_user', identifier: 'vendor-tech' });

    const { token } = await api.post<{ token: string }>('/enrollment-tokens', { clientId });
    await enrollAndReport(harness.url, token, 'e2e-reply');

    const incidents = await api.get<{ items: { id: string; number: number; type: string }[] }>(
      `/tickets?vendorId=${vendorId}`,
    );
    expect(incidents.items).toHaveLength(1);
    const [incident] = incidents.items;
    expect(incident?.type).toBe('incident');
    ticketId = incident?.id ?? '';
    ticketNumber = incident?.number ?? 0;
  });

  test('on the incident, the owner gets a one-time link for the vendor, shown once', async () => {
    await page.goto(`/tickets/${ticketId}`);
    await vendorSection(page).getByRole('link', { name: VENDOR }).waitFor();
    await vendorSection(page).getByText('recorded outside an approved window').waitFor();
    await vendorSection(page).getByRole('button', { name: 'Ask vendor to reply' }).click();
    const shown = page.getByRole('dialog', { name: `Reply link for ${VENDOR}` });
    linkUrl = ((await shown.getByLabel('Reply link', { exact: true }).textContent()) ?? '').trim();
    expect(linkUrl).toMatch(/\/vendor-reply\/[A-Za-z0-9_-]{20,}$/);
    await shown.getByText('Copy it now').waitFor();
    await shown.getByText('reply once, without an account').waitFor();
    await shown.getByText(`where ${CLIENT} sees it too`).waitFor();
    await shot(page, 'vendor-replies-link');
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'hidden' });
    await shot(page, 'vendor-replies-ticket-before', { fullPage: true });
  });

  test('the vendor reads the change and the evidence signed out, and replies on a phone', async () => {
    const desk = await vendorBrowser('desk');
    await desk.goto(linkUrl);
    await heading(desk, `Reply about changes at ${CLIENT}`);
    await desk
      .getByText(`${OWNER.organization} asks ${VENDOR} about changes to ${CLIENT}’s systems`)
      .waitFor();
    await desk.getByText(new RegExp(`^#${ticketNumber}: `)).waitFor();
    const recorded = desk.getByRole('region', { name: 'What was recorded' });
    const change = recorded.getByRole('listitem').filter({ hasText: REMOVED });
    await change.getByText('fs01').waitFor();
    await change.getByText(`Why it was tied to ${VENDOR}:`).waitFor();
    await change.getByText(/vendor-tech/).waitFor();
    await recorded.getByText('your local time (UTC)').waitFor();
    // Neutral wording: what was recorded, never an accusation.
    expect(await desk.getByText(/violat|breach|unauthori[sz]ed/i).count()).toBe(0);
    await shot(desk, 'vendor-replies-public', { fullPage: true });
    await desk.context().close();

    const phone = await vendorBrowser('phone');
    await phone.goto(linkUrl);
    await heading(phone, `Reply about changes at ${CLIENT}`);
    await phone.getByText('your local time (Europe/Madrid)').waitFor();
    await phone.getByRole('button', { name: 'Send reply' }).click();
    await phone.getByText('Enter your name').waitFor();
    await phone.getByText('Write your reply').waitFor();
    await phone.getByRole('textbox', { name: 'Your name' }).fill(SAM);
    await phone.getByRole('textbox', { name: 'Email' }).fill(SAM_EMAIL);
    await phone.getByRole('textbox', { name: 'Your reply' }).fill(REPLY);
    await shot(phone, 'vendor-replies-public-phone', { fullPage: true });
    await phone.getByRole('button', { name: 'Send reply' }).click();
    await heading(phone, 'Thank you');
    await phone.getByText(`${OWNER.organization} has your reply, ${SAM}.`).waitFor();
    await phone.getByText(`where ${OWNER.organization} and ${CLIENT} will see it`).waitFor();
    await shot(phone, 'vendor-replies-public-thanks');

    // Spent: the same link now says so plainly.
    await phone.goto(linkUrl);
    await heading(phone, 'This link cannot be used');
    await phone.getByText('It has been used already, or it has expired').waitFor();
    await shot(phone, 'vendor-replies-public-spent');
    await phone.context().close();
  });

  test("back on the incident, the timeline shows the vendor's reply, visible to the client", async () => {
    await page.reload();
    const reply = page.getByRole('article', { name: `Vendor reply by ${VENDOR} — ${SAM}` });
    await reply.getByText(REPLY).waitFor();
    await reply.getByText(SAM_EMAIL).waitFor();
    await reply.getByText('Visible to client').waitFor();
    await reply.scrollIntoViewIfNeeded();
    await shot(page, 'vendor-replies-timeline');
    await shot(page, 'vendor-replies-timeline-full', { fullPage: true });
  });

  test('a link spent while the form was open turns the page into “cannot be used”', async () => {
    const { url } = await browserApi(page).post<{ url: string }>(
      `/tickets/${ticketId}/vendor-reply-links`,
      {},
    );
    const desk = await vendorBrowser('desk');
    await desk.goto(url);
    await heading(desk, `Reply about changes at ${CLIENT}`);
    // Meanwhile a colleague of Sam's replies through the same link.
    const spent = await fetch(`${harness.url}/api/v1/public/vendor-replies/${url.split('/').pop()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Alex Field', text: 'Already on it.' }),
    });
    expect(spent.status).toBe(204);
    await desk.getByRole('textbox', { name: 'Your name' }).fill(SAM);
    await desk.getByRole('textbox', { name: 'Your reply' }).fill('A second answer.');
    await desk.getByRole('button', { name: 'Send reply' }).click();
    await heading(desk, 'This link cannot be used');
    await desk.context().close();
  });

  test('a technician sees the vendor on the incident but is offered no link', async () => {
    const tom = await harness.newPage();
    await tom.goto('/login');
    await signIn(tom, TECHNICIAN.email, TECHNICIAN.password);
    await tom.goto(`/tickets/${ticketId}`);
    await vendorSection(tom).getByRole('link', { name: VENDOR }).waitFor();
    await tom.getByRole('article', { name: `Vendor reply by ${VENDOR} — ${SAM}` }).waitFor();
    expect(await tom.getByRole('button', { name: 'Ask vendor to reply' }).count()).toBe(0);
    await shot(tom, 'vendor-replies-technician', { fullPage: true });
    await tom.context().close();
  });
});

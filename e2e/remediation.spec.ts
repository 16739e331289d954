// A remediation plan from the client's concern to the handover. Harbour Dental is under a managed agreement
// with a penalty schedule; last month two P1 tickets breached, the month closed, a credit was proposed for
// each and one was disputed. Ana, the practice's admin, signs in and reads the statement (the breach, the
// explanation, the dispute) and the standing credit on her invoice, then raises a concern in the portal citing
// the late ticket. The owner answers in the staff app with two items and marks the first done; the second's
// date passes and is counted as a notice on both sides; the time box ends and the decision is Harbour
// Dental's: Ana terminates with her reason, the handover checklist opens, and the owner downloads the data
// export and ticks its step. The other two kinds of plan read in the practice's words too. Dates pass by
// moving the server's clock (remediation-setup.ts): day 0 the history, day 10 the invoice and the concern.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, OWNER, signIn } from './journeys.ts';
import {
  closeMonthAndDispute,
  DISPUTE_REASON,
  EXPLANATION,
  type History,
  inviteAdmin,
  inWords,
  issueInvoice,
  LAST_MONTH,
  moveServerClock,
  restoreServerClock,
  serverClock,
  serverDay,
  setUpHistory,
} from './remediation-setup.ts';

const CLIENT = 'Harbour Dental';
const VENDOR = 'Dentrix Support';
const ANA = { name: 'Ana Ruiz', email: 'ana@harbourdental.example', password: 'ana-has-a-long-password' };
const CONCERN = 'Outages are not answered in time';
const ROTA = 'Nobody answered the P1 pages at night';
const MONITORING = 'The imaging server is not monitored';
const TERMINATION =
  'Both outages repeated the pattern the plan was meant to end; we are moving to another provider.';

let harness: Harness;
let page: Page;
let ana: Page;
let history: History;
let planId = '';
let rotaDue = '';
let monitoringDue = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // The journey spans ten weeks of server time: sessions must outlive it.
  harness = await startHarness({ SESSION_TTL_HOURS: String(24 * 90) }, { clock: serverClock });
  page = await harness.newPage();
});

afterAll(async () => {
  restoreServerClock();
  await harness?.close();
});

const portalNav = () => ana.getByRole('navigation', { name: 'Portal navigation' });
const staffNav = () => page.getByRole('navigation', { name: 'Main navigation' });
const standing = (on: Page) => on.getByRole('complementary', { name: 'Where it stands' });
const items = (on: Page) => on.getByRole('table', { name: 'Items' });
const notices = (on: Page) => on.getByRole('region', { name: 'Notices' });

/** A picture of the whole page from its top (a download or a click may have scrolled it). */
async function fullShot(on: Page, name: string) {
  await on.evaluate(() => window.scrollTo(0, 0));
  await shot(on, name, { fullPage: true });
}

async function download(on: Page, link: string): Promise<Buffer> {
  const [file] = await Promise.all([
    on.waitForEvent('download'),
    on.getByRole('link', { name: link }).click(),
  ]);
  return readFileSync(await file.path());
}

describe.sequential('remediation plans', () => {
  test('the owner has a managed agreement with credits; last month two P1 tickets breached and closed', async () => {
    await completeSetup(page);
    history = await setUpHistory(page, CLIENT, VENDOR);
    await closeMonthAndDispute(page, history);
    // Ten days on the dispute window has passed: the credit that stands comes off the next invoice.
    moveServerClock(10);
    await issueInvoice(page, history.clientId);
    await inviteAdmin(page, harness.url, history.clientId, ANA);
  });

  test('Ana reads the statement: the breaches, the explanation and the dispute', async () => {
    ana = await harness.newPage();
    await ana.goto('/login');
    await signIn(ana, ANA.email, ANA.password);
    await heading(ana, 'Hello, Ana');
    await ana.getByRole('link', { name: 'Download all your data' }).waitFor();
    await shot(ana, 'remediation-portal-overview');
    await portalNav().getByRole('link', { name: 'Agreements' }).click();
    await ana.getByRole('link', { name: LAST_MONTH }).click();
    await heading(ana, `SLA statement — ${LAST_MONTH}`);
    const breaches = ana.getByRole('list', { name: 'Breaches' });
    await breaches.getByText(history.late[0]?.title ?? '').waitFor();
    await breaches.getByText(EXPLANATION).waitFor();
    const dispute = ana
      .getByRole('table', { name: 'Service credits' })
      .getByRole('group', { name: 'Dispute' });
    await dispute.getByText(DISPUTE_REASON).waitFor();
    await fullShot(ana, 'remediation-portal-statement');
  });

  test('Ana finds the standing credit on her invoice', async () => {
    await portalNav().getByRole('link', { name: 'Invoices' }).click();
    await ana.getByRole('table', { name: 'Invoices' }).getByRole('link').first().click();
    const lines = ana.getByRole('table', { name: 'Invoice lines' });
    await lines.getByText(new RegExp(`Service credit for ${LAST_MONTH}`)).waitFor();
    expect(await lines.getByText(/Service credit/).count()).toBe(1);
    await fullShot(ana, 'remediation-portal-invoice-credit');
  });

  test('Ana raises a concern in the portal, citing the late ticket', async () => {
    await portalNav().getByRole('link', { name: 'Plans' }).click();
    await heading(ana, 'Plans');
    await ana.getByText('No plans', { exact: true }).waitFor();
    await shot(ana, 'remediation-portal-empty');
    await ana.getByRole('button', { name: 'Raise a concern' }).click();
    const form = ana.getByRole('dialog', { name: 'Raise a concern' });
    await form.getByRole('button', { name: 'Raise concern' }).click();
    await form.getByText('Name the concern').waitFor();
    await form.getByRole('textbox', { name: 'Title' }).fill(CONCERN);
    await form
      .getByRole('textbox', { name: 'Your concern' })
      .fill('Twice last month the surgeries stood still for hours before anyone answered.');
    const late = history.late[0];
    await choose(ana, 'Evidence', `#${late?.number} ${late?.title}`, { type: true });
    await form.getByRole('button', { name: 'More options' }).click();
    expect(await form.getByRole('textbox', { name: 'Notice limit' }).inputValue()).toBe('3');
    expect(await form.getByRole('textbox', { name: 'Time box in days' }).inputValue()).toBe('60');
    await shot(ana, 'remediation-portal-raise');
    await form.getByRole('button', { name: 'Raise concern' }).click();

    await heading(ana, CONCERN);
    planId = ana.url().split('/portal/plans/')[1] ?? '';
    await ana.getByText(`Your concern about ${OWNER.organization}`).first().waitFor();
    await ana.getByText('Awaiting answer').first().waitFor();
    await standing(ana)
      .getByText(`${OWNER.organization} answers by ${inWords(serverDay(10))}`)
      .waitFor();
    await standing(ana)
      .getByText(inWords(serverDay(60)), { exact: true })
      .waitFor();
    await standing(ana).getByText('0 of 3 notices').waitFor();
    await ana
      .getByRole('list', { name: 'Evidence' })
      .getByRole('link', { name: /Ticket #/ })
      .waitFor();
    expect(await ana.getByText(/strike/i).count()).toBe(0);
    await fullShot(ana, 'remediation-portal-filed');
  });

  test('the owner finds the plan under Remediation and answers it with two items', async () => {
    await staffNav().getByRole('link', { name: 'Remediation' }).click();
    await heading(page, 'Remediation plans');
    const row = page
      .getByRole('table', { name: 'Remediation plans' })
      .getByRole('row')
      .filter({ hasText: CONCERN });
    await row.getByText(CLIENT).waitFor();
    await row.getByText('The client’s concern about us').waitFor();
    await row.getByText('Awaiting answer').waitFor();
    await row.getByText(inWords(serverDay(60))).waitFor();
    await row.getByText('0 of 3').waitFor();
    await shot(page, 'remediation-staff-list');
    await row.getByRole('link', { name: CONCERN }).click();
    await heading(page, CONCERN);
    await page.getByText(`${CLIENT}’s concern about ${OWNER.organization}`).waitFor();
    await fullShot(page, 'remediation-staff-awaiting');

    await page.getByRole('button', { name: 'Answer with items' }).click();
    const form = page.getByRole('dialog', { name: 'Answer with items' });
    await form.getByRole('textbox', { name: 'Answer' }).fill('We are sorry: here is what we will change.');
    rotaDue = serverDay(5);
    monitoringDue = serverDay(20);
    const fillItem = async (n: number, issue: string, action: string, owner: string, due: string) => {
      await form.getByRole('textbox', { name: `Issue, item ${n}` }).fill(issue);
      await form.getByRole('textbox', { name: `What will be done, item ${n}` }).fill(action);
      await form.getByRole('textbox', { name: `Owner, item ${n}` }).fill(owner);
      await form.getByLabel(`Due on, item ${n}`).fill(due);
    };
    await fillItem(1, ROTA, 'Move paging to the new rota and test it weekly.', OWNER.name, rotaDue);
    await choose(page, 'Priority, item 1', 'High');
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.getByRole('button', { name: 'Send answer' }).click();
    await form.getByText('Say what the issue is').waitFor();
    await fillItem(2, MONITORING, 'Add the server to monitoring with a P1 alert.', 'Sam Tech', monitoringDue);
    await shot(page, 'remediation-staff-answer');
    await form.getByRole('button', { name: 'Send answer' }).click();
    await form.waitFor({ state: 'hidden' });

    const rota = items(page).getByRole('row').filter({ hasText: ROTA });
    await rota.getByText(inWords(rotaDue)).waitFor();
    await rota.getByText('High').waitFor();
    await page.getByText('In progress').first().waitFor();
    await fullShot(page, 'remediation-staff-answered');
  });

  test('the owner marks the first item done with a note; Ana reads both, without buttons', async () => {
    await items(page)
      .getByRole('button', { name: `Mark done: ${ROTA}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Mark done' });
    await dialog
      .getByRole('textbox', { name: 'Note' })
      .fill('Rota moved; the test page reached the on-call phone.');
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rota = items(page).getByRole('row').filter({ hasText: ROTA });
    await rota.getByText('Done', { exact: true }).waitFor();

    await ana.reload();
    await heading(ana, CONCERN);
    await items(ana).getByRole('row').filter({ hasText: ROTA }).getByText('Done', { exact: true }).waitFor();
    await items(ana).getByText(MONITORING).waitFor();
    expect(await items(ana).getByRole('button').count()).toBe(0);
    await fullShot(ana, 'remediation-portal-answered');
  });

  test('the second item’s date passes: both sides see the missed date counted as a notice', async () => {
    moveServerClock(10 + 21);
    for (const on of [page, ana]) {
      await on.reload();
      await heading(on, CONCERN);
      await standing(on).getByText('1 of 3 notices').waitFor();
      await notices(on).getByText('Item date missed').waitFor();
      await notices(on).getByText(new RegExp(MONITORING)).waitFor();
      await items(on).getByRole('row').filter({ hasText: MONITORING }).getByText('Date missed').waitFor();
    }
    expect(await ana.getByText(/strike/i).count()).toBe(0);
    await fullShot(page, 'remediation-staff-notice');
    await fullShot(ana, 'remediation-portal-notice');
  });

  test('the time box ends: a decision is due, and it is Harbour Dental’s to make', async () => {
    moveServerClock(10 + 61);
    const ended = `The time box ended on ${inWords(serverDay(-1))}.`;
    await page.reload();
    const due = page.getByRole('status').filter({ hasText: 'A decision is due' });
    await due.getByText(ended).waitFor();
    await fullShot(page, 'remediation-staff-decision-due');
    // Staff may record the practice's decision, and the dialog says whose it is; Ana gives her own here.
    await page.getByRole('button', { name: `Record ${CLIENT}’s decision` }).click();
    const record = page.getByRole('dialog', { name: `Record ${CLIENT}’s decision` });
    await record.getByText(`${CLIENT} decides on this plan.`, { exact: false }).waitFor();
    await shot(page, 'remediation-staff-record-decision');
    await record.getByRole('button', { name: 'Cancel' }).click();

    await ana.reload();
    await ana.getByRole('status').filter({ hasText: 'A decision is due' }).getByText(ended).waitFor();
    await ana.getByText('Decision due').first().waitFor();
  });

  test('Ana terminates with her reason, and the handover checklist opens', async () => {
    await ana.getByRole('button', { name: 'Decide' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Your decision' });
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.getByText('Choose a decision').waitFor();
    await dialog.getByRole('radio', { name: /Terminate/ }).check();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(TERMINATION);
    await shot(ana, 'remediation-portal-decide');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await ana
      .getByRole('status')
      .filter({ hasText: /^Terminated on/ })
      .getByText(TERMINATION)
      .waitFor();
    const checklist = ana.getByRole('list', { name: 'Handover checklist' });
    await checklist.getByText('Full export of the client’s data handed over').waitFor();
    expect(await checklist.getByRole('checkbox').count()).toBe(0);
    const data = JSON.parse((await download(ana, 'Download all your data')).toString('utf8'));
    expect(JSON.stringify(data)).toContain(CLIENT);
    await ana
      .getByRole('region', { name: 'Decisions' })
      .getByText(`${ANA.name} in the portal`, { exact: false })
      .waitFor();
    await fullShot(ana, 'remediation-portal-terminated');
  });

  test('the owner downloads the data export and ticks its step of the handover', async () => {
    await page.reload();
    await heading(page, CONCERN);
    await page.getByText('Terminated').first().waitFor();
    const exported = JSON.parse((await download(page, 'Download data export')).toString('utf8'));
    expect(JSON.stringify(exported)).toContain(history.late[0]?.title);
    const step = page.getByRole('checkbox', { name: 'Full export of the client’s data handed over' });
    await step.check();
    await page.getByText(new RegExp(`^Done .+ by ${OWNER.name}$`)).waitFor();
    await expect.poll(() => step.isChecked()).toBe(true);
    const letter = await download(page, 'Download letter (PDF)');
    expect(letter.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await fullShot(page, 'remediation-staff-handover');
  });

  test('the other two kinds of plan: about the vendor, and asking the practice to bring it under the agreement', async () => {
    await page.goto(`/clients/${history.clientId}`);
    const section = page.getByRole('region', { name: 'Remediation plans' });
    await section.getByRole('link', { name: CONCERN }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'remediation-staff-client-section');
    await section.getByRole('button', { name: 'File a plan' }).click();
    const form = page.getByRole('dialog', { name: 'File a remediation plan' });
    await form.getByRole('radio', { name: /Our concern about one of the client’s vendors/ }).check();
    await choose(page, 'Vendor', VENDOR);
    await form.getByRole('textbox', { name: 'Title' }).fill('Dentrix updates break the imaging bridge');
    await form
      .getByRole('textbox', { name: 'The concern' })
      .fill('Three updates in a row needed a rollback.');
    await shot(page, 'remediation-staff-file');
    await form.getByRole('button', { name: 'File plan' }).click();
    await heading(page, 'Dentrix updates break the imaging bridge');
    await page.getByText(`${OWNER.organization}’s concern about ${VENDOR}`).waitFor();
    await page.getByRole('button', { name: `Record ${VENDOR}’s answer` }).waitFor();
    await page
      .getByRole('region', { name: 'Recommendation' })
      .getByRole('button', { name: 'Recommend' })
      .click();
    const recommend = page.getByRole('dialog', { name: `Recommend a decision to ${CLIENT}` });
    await recommend.getByRole('radio', { name: /Extend the plan/ }).check();
    await recommend.getByRole('textbox', { name: 'Reason' }).fill('Dentrix has a fix in its next release.');
    await recommend.getByRole('button', { name: 'Save recommendation' }).click();
    await page.getByRole('region', { name: 'Recommendation' }).getByText('Extend the plan').waitFor();
    await fullShot(page, 'remediation-staff-vendor-plan');

    await browserApi(page).post('/remediation-plans', {
      clientId: history.clientId,
      direction: 'msp_to_client',
      vendorId: history.vendorId,
      title: 'Bring Dentrix under the agreement',
      concern:
        'Dentrix works on your server without an approved change; we ask you to make it follow the rules.',
    });
    await portalNav().getByRole('link', { name: 'Plans' }).click();
    const list = ana.getByRole('list', { name: 'Plans' });
    await list.getByText(`${OWNER.organization}’s plan for ${VENDOR}`).waitFor();
    await list.getByText(`${OWNER.organization} asks you to bring ${VENDOR} under the agreement`).waitFor();
    await list.getByText(`Your concern about ${OWNER.organization}`).waitFor();
    await fullShot(ana, 'remediation-portal-list');
    await list.getByRole('link', { name: 'Bring Dentrix under the agreement' }).click();
    await ana.getByRole('button', { name: 'Answer with items' }).click();
    const answer = ana.getByRole('dialog', { name: 'Answer with items' });
    await answer
      .getByRole('textbox', { name: 'Issue, item 1' })
      .fill('Dentrix has no signed rules of engagement');
    await answer
      .getByRole('textbox', { name: 'What will be done, item 1' })
      .fill('Ask Dentrix to sign them.');
    await answer.getByRole('textbox', { name: 'Owner, item 1' }).fill(ANA.name);
    await answer.getByLabel('Due on, item 1').fill(serverDay(14));
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await answer.waitFor({ state: 'hidden' });
    await items(ana)
      .getByRole('button', { name: /^Mark done:/ })
      .waitFor();
    expect(await ana.getByRole('button', { name: 'Decide' }).count()).toBe(0);
    await fullShot(ana, 'remediation-portal-asked');

    await staffNav().getByRole('link', { name: 'Remediation' }).click();
    await page
      .getByRole('table', { name: 'Remediation plans' })
      .getByText('Bring Dentrix under the agreement')
      .waitFor();
    await shot(page, 'remediation-staff-list-open');
    await page.getByRole('radiogroup', { name: 'Show' }).getByText('All', { exact: true }).click();
    await page.waitForURL(/state=all/);
    await page.getByRole('table', { name: 'Remediation plans' }).getByText('Terminated').waitFor();
    await shot(page, 'remediation-staff-list-all');
  });

  test('on a phone, Ana reads the terminated plan', async () => {
    const context = await harness.browser.newContext({
      baseURL: harness.url,
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'UTC',
    });
    const phone = await context.newPage();
    await phone.goto('/login');
    await signIn(phone, ANA.email, ANA.password);
    await phone.goto(`/portal/plans/${planId}`);
    await heading(phone, CONCERN);
    await fullShot(phone, 'remediation-portal-phone');
    await context.close();
  });
});

// The owner reports to a client on the SLA: a managed agreement measured around the clock in New York,
// critical tickets imported with their history (last month one answered three hours late and one in time,
// the month before one answered late). On the agreement's page the months are listed. An explanation typed
// while someone else closes its month is refused with the API's message and code, and the text stays. Last
// month's statement shows the breach with its due time in New York; the owner explains it, offers the client
// service credits in the agreement editor (a P1 credit per missed target, credited on the next invoice; a
// threshold the server refuses lands on its field), closes the month, sees the credit proposed and disputes it
// as caused by the client, checks the closed figures and downloads the PDF.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, OWNER, see } from './journeys.ts';

const CLIENT = 'Lakeside Veterinary';
const AGREEMENT = 'Managed support';
const ZONE = 'America/New_York';
const LATE_TICKET = 'Surgery suite PCs cannot reach the imaging server';
const TIMELY_TICKET = 'Front desk printer offline';
const DISPUTE_REASON =
  'The clinic unplugged the imaging server for a floor clean that morning and told us only afterwards.';
const EXPLANATION =
  'Our on-call engineer was paged but the page went to an old number; we have fixed the rota so it cannot recur.';

const allDay: [string, string][] = [['00:00', '24:00']];
const target = (firstResponseMinutes: number, resolutionMinutes: number) => ({
  firstResponseMinutes,
  resolutionMinutes,
});

/** Last month in the calendar's zone, and the one before the agreement starts in. */
const thisMonth = Temporal.Now.zonedDateTimeISO(ZONE).toPlainDate().toPlainYearMonth();
const lastMonth = thisMonth.subtract({ months: 1 });
const monthBefore = thisMonth.subtract({ months: 2 });
const startMonth = thisMonth.subtract({ months: 3 });
const monthWords = (month: Temporal.PlainYearMonth) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month.toString()}-01T00:00:00Z`),
  );
const LAST_MONTH = monthWords(lastMonth);
const MONTH_BEFORE = monthWords(monthBefore);
const THIS_MONTH = monthWords(thisMonth);

/** An instant at a New York wall-clock time on a day of last month (or another month). */
const at = (day: number, time: string, plusMinutes = 0, month = lastMonth) =>
  Temporal.PlainDateTime.from(`${month.toString()}-${String(day).padStart(2, '0')}T${time}`)
    .toZonedDateTime(ZONE)
    .add({ minutes: plusMinutes });

/** "Mon 5 Oct, 11:30 America/New_York", worked out with Intl rather than the app's own formatter. */
function inNewYork(instant: Temporal.ZonedDateTime): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant.epochMilliseconds));
  const get = (type: string) => parts.find((part) => part.type === type)?.value;
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')} ${ZONE}`;
}

/** The day `weekdays` Monday-to-Friday days after today in New York, as the app writes a date. */
function weekdaysFromToday(weekdays: number): string {
  let day = Temporal.Now.zonedDateTimeISO(ZONE).toPlainDate();
  for (let left = weekdays; left > 0; ) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek <= 5) left--;
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).formatToParts(new Date(`${day.toString()}T00:00:00Z`));
  const get = (type: string) => parts.find((part) => part.type === type)?.value;
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

/**
 * A picture of one part of the page (the editor section, the credits) for people to look at: in a window tall
 * enough to hold it whole, so the sticky top bar does not cross it, and without toasts.
 */
async function shotOf(locator: Locator, name: string) {
  const page = locator.page();
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const box = await locator.boundingBox();
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, Math.ceil((box?.height ?? 0) + 160)),
  });
  const hide = await page.addStyleTag({
    content: '.mantine-Notifications-root { display: none !important; }',
  });
  // Its bottom at the window's: with the room above, its top clears the sticky top bar.
  await locator.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(250);
  await locator.screenshot({ path: join(SHOTS_DIR, `${name}.png`) });
  await hide.evaluate((element) => (element as Element).remove());
  await page.setViewportSize(viewport);
}

let harness: Harness;
let page: Page;
let agreementId = '';
let clientId = '';
let lateNumber = 0;
let earlierNumber = 0;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const statements = () => page.getByRole('table', { name: 'SLA statements' });
const breaches = () => page.getByRole('list', { name: 'Breaches' });
const lateBreach = () => breaches().getByRole('listitem', { name: `#${lateNumber} first response` });
const credits = () => page.getByRole('table', { name: 'Service credits' });
const creditsSection = () => page.getByRole('region', { name: 'Service credits' });
const openStatement = async (month: string) => {
  await statements().getByRole('link', { name: month }).click();
  await heading(page, `SLA statement — ${month}`);
};

describe.sequential('SLA statements', () => {
  test('the owner has a client under a managed agreement, measured around the clock in New York', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    const calendar = await api.post<{ id: string }>('/calendars', {
      name: 'Around the clock (New York)',
      timeZone: ZONE,
      weeklyHours: {
        mon: allDay,
        tue: allDay,
        wed: allDay,
        thu: allDay,
        fri: allDay,
        sat: allDay,
        sun: allDay,
      },
      holidays: [],
    });
    const policy = await api.post<{ id: string }>('/sla-policies', {
      name: 'Critical care',
      calendarId: calendar.id,
      targets: { P1: target(60, 240), P2: target(120, 480), P3: target(240, 1440), P4: target(480, 2880) },
    });
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT, defaultSlaPolicyId: policy.id }))
      .id;
    agreementId = (
      await api.post<{ id: string }>('/agreements', {
        clientId,
        type: 'managed',
        name: AGREEMENT,
        startsOn: `${startMonth.toString()}-01`,
        isClientDefault: true,
        hourlyRateCents: 15_000,
      })
    ).id;

    // First response three hours after a 60-minute target: missed. Resolved within the four hours: met.
    const late = at(5, '10:30');
    const lateTicket = await api.post<{ number: number }>('/tickets/import', {
      externalId: 'old-psa-1001',
      clientId,
      title: LATE_TICKET,
      priority: 'P1',
      events: [
        { type: 'created', at: late.toInstant().toString() },
        { type: 'public_reply', at: late.add({ minutes: 180 }).toInstant().toString(), author: 'staff' },
        { type: 'status', at: late.add({ minutes: 200 }).toInstant().toString(), status: 'resolved' },
      ],
    });
    lateNumber = lateTicket.number;
    const timely = at(12, '09:00');
    await api.post('/tickets/import', {
      externalId: 'old-psa-1002',
      clientId,
      title: TIMELY_TICKET,
      priority: 'P1',
      events: [
        { type: 'created', at: timely.toInstant().toString() },
        { type: 'public_reply', at: timely.add({ minutes: 20 }).toInstant().toString(), author: 'staff' },
        { type: 'status', at: timely.add({ minutes: 120 }).toInstant().toString(), status: 'resolved' },
      ],
    });
    // The month before: answered 90 minutes into a 60-minute target.
    const earlier = at(8, '14:00', 0, monthBefore);
    const earlierTicket = await api.post<{ number: number }>('/tickets/import', {
      externalId: 'old-psa-0990',
      clientId,
      title: 'Kennel camera offline',
      priority: 'P1',
      events: [
        { type: 'created', at: earlier.toInstant().toString() },
        { type: 'public_reply', at: earlier.add({ minutes: 90 }).toInstant().toString(), author: 'staff' },
        { type: 'status', at: earlier.add({ minutes: 150 }).toInstant().toString(), status: 'resolved' },
      ],
    });
    earlierNumber = earlierTicket.number;
  });

  test("the agreement's page lists its months with last month's compliance and breach", async () => {
    await page.goto(`/agreements/${agreementId}`);
    await heading(page, AGREEMENT);
    await heading(page, 'SLA statements');
    const row = statements().getByRole('row').filter({ hasText: LAST_MONTH });
    await row.getByRole('link', { name: LAST_MONTH }).waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    // First response 1 of 2 met; resolution 2 of 2; one breach, no corrections.
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      LAST_MONTH,
      'Open',
      '50%',
      '100%',
      '1',
      '0',
    ]);
    // From the agreement's first month to this one, newest first.
    const months = await statements().getByRole('row').count();
    expect(months).toBe(1 + 4);
    // The header's link jumps to the section.
    await shot(page, 'sla-statements-agreement-top');
    await page.getByRole('link', { name: 'SLA statements' }).click();
    await expect.poll(() => statements().isVisible()).toBe(true);
    await shot(page, 'sla-statements-list');
  });

  test('an explanation refused because its month closed meanwhile keeps its text and says why', async () => {
    await openStatement(MONTH_BEFORE);
    const breach = breaches().getByRole('listitem', { name: `#${earlierNumber} first response` });
    await breach.getByRole('button', { name: `Explain #${earlierNumber} first response` }).click();
    const dialog = page.getByRole('dialog', {
      name: `Explain the missed first response of #${earlierNumber}`,
    });
    const text = dialog.getByRole('textbox', { name: 'Explanation' });
    await text.fill('The camera vendor had an outage.');
    // Someone else closes the month in the meantime.
    await browserApi(page).post(
      `/agreements/${agreementId}/sla-statements/${monthBefore.toString()}/close`,
      {},
    );
    await dialog.getByRole('button', { name: 'Save explanation' }).click();
    const toast = page.getByRole('alert').filter({ hasText: 'Could not save the explanation' });
    await toast.getByText('sla_statement.closed').waitFor();
    await toast.getByText('The month this breach counted in is closed').waitFor();
    expect(await text.inputValue()).toBe('The camera vendor had an outage.');
    await shot(page, 'sla-statement-explain-refused', { withToasts: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The page now shows the month as closed, with nothing left to explain.
    await see(page, new RegExp(`^Closed on .+ by ${OWNER.name}$`));
    expect(await breach.getByRole('button').count()).toBe(0);
    await breach.getByText('No explanation was given.').waitFor();
    await page.getByRole('link', { name: AGREEMENT }).first().click();
    await heading(page, 'SLA statements');
  });

  test("last month's statement shows the breach with its due time in New York", async () => {
    await openStatement(LAST_MONTH);
    await see(page, 'Provisional');
    await page.getByRole('group', { name: 'First-response compliance' }).getByText('50%').waitFor();
    await page.getByRole('group', { name: 'Resolution compliance' }).getByText('100%').waitFor();
    await page
      .getByRole('group', { name: 'First-response compliance' })
      .getByText('1 of 2 guaranteed targets met')
      .waitFor();

    const table = page.getByRole('table', { name: 'Targets by priority and basis' });
    const p1 = table.getByRole('row').filter({ hasText: 'Guaranteed' });
    // Priority, basis, tickets; first response met/missed/pending; resolution met/missed/pending.
    expect((await p1.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
      'P1Critical',
      'Guaranteed',
      '2',
      '1',
      '1',
      '0',
      '2',
      '0',
      '0',
    ]);
    await see(page, 'do not count towards compliance');

    expect(await breaches().getByRole('listitem').count()).toBe(1);
    await lateBreach()
      .getByRole('link', { name: `#${lateNumber}` })
      .waitFor();
    await lateBreach().getByText(LATE_TICKET).waitFor();
    await lateBreach()
      .getByText(`Due ${inNewYork(at(5, '10:30', 60))}`)
      .waitFor();
    await lateBreach()
      .getByText(`Responded ${inNewYork(at(5, '10:30', 180))}`)
      .waitFor();
    await lateBreach().getByText('Missed').waitFor();
    await lateBreach().getByText('No explanation yet').waitFor();
  });

  test('the owner explains the breach to the client', async () => {
    await lateBreach()
      .getByRole('button', { name: `Explain #${lateNumber} first response` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Explain the missed first response of #${lateNumber}` });
    await dialog.getByRole('textbox', { name: 'Explanation' }).fill(EXPLANATION);
    await dialog.getByRole('button', { name: 'Save explanation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await lateBreach().getByRole('group', { name: 'Explanation' }).getByText(EXPLANATION).waitFor();
    await lateBreach().getByText(OWNER.name, { exact: false }).waitFor();
    await lateBreach()
      .getByRole('button', { name: `Edit explanation of #${lateNumber} first response` })
      .waitFor();
    await page.getByRole('group', { name: 'Breaches' }).getByText('1 of 1 explained to the client').waitFor();
    await shot(page, 'sla-statement-open', { fullPage: true });
  });

  test('the owner offers the client service credits in the agreement editor', async () => {
    await page.getByRole('link', { name: AGREEMENT }).first().click();
    await heading(page, AGREEMENT);
    const section = page.getByRole('region', { name: 'Service credits' });
    await section.getByText('Only guaranteed targets count').waitFor();
    const toggle = section.getByRole('switch', { name: 'Credit the client for missed SLA targets' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await section.getByRole('radio', { name: 'Credit on the next invoice' }).check();
    await section.getByRole('textbox', { name: 'P1 credit' }).fill('250');
    // The schedule reaches back to last month, as the agreement's terms say it does.
    await section.getByLabel('Credits from').fill(lastMonth.toString());
    // A tier with an impossible threshold: the server refuses it, and says so on the field.
    await section.getByRole('button', { name: 'Add tier' }).click();
    await section.getByRole('textbox', { name: 'Compliance below, tier 1' }).fill('120');
    await section.getByRole('textbox', { name: 'Credit, tier 1' }).fill('10');
    await page.getByRole('button', { name: 'Save changes' }).last().click();
    await see(page, 'Could not save the agreement');
    const threshold = section.getByRole('textbox', { name: 'Compliance below, tier 1' });
    await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await section.getByRole('textbox', { name: 'P1 credit' }).inputValue()).toBe('250');
    await shotOf(section, 'service-credits-editor-refused');

    await section.getByRole('button', { name: 'Remove tier 1' }).click();
    const inWords = section.getByRole('group', { name: 'In words' });
    await inWords.getByText('Credits that stand are credited on the next invoice.').waitFor();
    await inWords.getByText('Per missed guaranteed target: P1 US$250.00 (none at P2, P3, P4).').waitFor();
    await inWords.getByText('Disputable for 5 business days after the month closes.').waitFor();
    await shotOf(section, 'service-credits-editor');
    await page.getByRole('button', { name: 'Save changes' }).last().click();
    await see(page, `${AGREEMENT} saved`);

    const saved = await browserApi(page).get<{ penaltySchedule: unknown }>(`/agreements/${agreementId}`);
    expect(saved.penaltySchedule).toEqual({
      mode: 'invoice',
      effectiveFrom: lastMonth.toString(),
      perBreachCents: { P1: 25_000, P2: 0, P3: 0, P4: 0 },
      tiers: [],
      minimumTickets: 20,
      monthlyCapCents: null,
      isSoleRemedy: false,
      disputeWindowDays: 5,
    });
    // The saved agreement opens with the schedule switched on.
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Service credits' })
          .getByRole('switch', { name: 'Credit the client for missed SLA targets' })
          .isChecked(),
      )
      .toBe(true);
  });

  test('an open month says its credits come when it closes', async () => {
    await openStatement(LAST_MONTH);
    await creditsSection().getByText('Credits are proposed when the month closes.').waitFor();
    expect(await credits().count()).toBe(0);
  });

  test('closing the month freezes it, after a confirm that says what closing does', async () => {
    await page.getByRole('button', { name: 'Close month' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${LAST_MONTH}?` });
    await dialog.getByText('Closing freezes the figures').waitFor();
    await dialog
      .getByText(`It also proposes the service credits the months from ${LAST_MONTH} earned`)
      .waitFor();
    await dialog.getByText('You can dispute each within 5 business days', { exact: false }).waitFor();
    // The month before is closed already, so nothing earlier is left open.
    await dialog.getByText('It would also close any earlier month still open; there is none.').waitFor();
    await shot(page, 'sla-statement-close-confirm');
    await dialog.getByRole('button', { name: 'Close month' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await see(page, new RegExp(`^Closed on .+ by ${OWNER.name}$`));
    await page.getByText('Closed', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Close month' }).count()).toBe(0);
    // The explanation went out with the statement: it can no longer be edited.
    await lateBreach().getByText(EXPLANATION).waitFor();
    expect(await lateBreach().getByRole('button').count()).toBe(0);
    await shot(page, 'sla-statement-closed', { fullPage: true });
  });

  test('the closed month proposes a credit for the missed P1 target, disputable for five business days', async () => {
    const row = credits()
      .getByRole('row')
      .filter({ hasText: `#${lateNumber}` });
    await row.getByRole('link', { name: `#${lateNumber}` }).waitFor();
    // For, explanation, status, credit, action.
    expect((await row.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
      `#${lateNumber}P1First response`,
      `P1 first-response target missed on #${lateNumber}`,
      `ProposedDisputable until ${weekdaysFromToday(5)}`,
      '-US$250.00',
      'Dispute',
    ]);
    expect(await credits().getByRole('cell', { name: 'Total standing' }).textContent()).toBe('-US$250.00');
    // Invoice mode: no report-only note.
    expect(await creditsSection().getByText('Report only').count()).toBe(0);
    await shotOf(creditsSection(), 'sla-statement-credits-proposed');
  });

  test('the owner disputes the credit as caused by the client, and the statement shows why', async () => {
    await credits()
      .getByRole('button', { name: `Dispute the credit for #${lateNumber} first response` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Dispute the credit for #${lateNumber} first response` });
    // Nothing chosen yet: the form says what is missing rather than asking the server.
    await dialog.getByRole('button', { name: 'Dispute credit' }).click();
    await dialog.getByText('Choose why the credit does not stand').waitFor();
    await choose(page, 'Exclusion', 'Caused by the client');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(DISPUTE_REASON);
    await dialog.getByRole('button', { name: 'Dispute credit' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = credits()
      .getByRole('row')
      .filter({ hasText: `#${lateNumber}` });
    const dispute = row.getByRole('group', { name: 'Dispute' });
    await dispute.getByText('Disputed').waitFor();
    await dispute.getByText('Caused by the client').waitFor();
    await dispute.getByText(DISPUTE_REASON).waitFor();
    await dispute.getByText(OWNER.name, { exact: false }).waitFor();
    expect(await credits().getByRole('button').count()).toBe(0);
    expect(await credits().getByRole('cell', { name: 'Total standing' }).textContent()).toBe('US$0.00');
    await shotOf(creditsSection(), 'sla-statement-credits-disputed');

    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.mouse.move(640, 700);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'sla-statement-closed-dark', { fullPage: true });
    await shotOf(creditsSection(), 'sla-statement-credits-disputed-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  test("this month's statement is provisional and cannot be closed before the month ends", async () => {
    await page.getByRole('link', { name: AGREEMENT }).first().click();
    await openStatement(THIS_MONTH);
    await see(page, `${THIS_MONTH} has not ended yet in ${ZONE}`);
    expect(await page.getByRole('button', { name: 'Close month' }).count()).toBe(0);
    await see(page, `No target was missed in ${THIS_MONTH}.`);
    await shot(page, 'sla-statement-running');
  });

  test("the agreement's page shows the month closed, and its figures check out", async () => {
    await page.getByRole('link', { name: AGREEMENT }).first().click();
    await heading(page, AGREEMENT);
    const row = statements().getByRole('row').filter({ hasText: LAST_MONTH });
    await row.getByText('Closed', { exact: true }).waitFor();
    // Months close in order from the agreement's start: the first three closed, this month open.
    expect(await statements().getByRole('row').count()).toBe(1 + 4);
    expect(
      await statements()
        .getByRole('row')
        .filter({ hasText: monthWords(startMonth) })
        .textContent(),
    ).toContain('Closed');
    await page.getByRole('button', { name: 'Check figures' }).click();
    await see(page, 'All figures match');
    await see(page, 'All 3 closed months, recomputed from the ticket history as of each close, match');
    await page.getByRole('heading', { name: 'SLA statements' }).scrollIntoViewIfNeeded();
    await shot(page, 'sla-statements-checked');
  });

  test('downloads the statement as a PDF', async () => {
    await openStatement(LAST_MONTH);
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await report.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  test('a ticket on an unmanaged, non-standard asset says its targets are best effort', async () => {
    const api = browserApi(page);
    const nas = await api.post<{ id: string }>('/assets', {
      clientId,
      type: 'server',
      name: 'Old NAS',
      isManaged: false,
    });
    const ticket = await api.post<{ id: string }>('/tickets', {
      clientId,
      title: 'The old NAS share is unreachable',
      priority: 'P3',
    });
    await api.put(`/tickets/${ticket.id}/assets`, { assetIds: [nas.id] });
    await page.goto(`/tickets/${ticket.id}`);
    const basis = page.getByTestId('sla-basis');
    await basis.getByText(/an asset it names is not managed and not standard/).waitFor();
    await basis.scrollIntoViewIfNeeded();
    await shot(page, 'ticket-best-effort');
  });
});

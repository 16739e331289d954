// The SLA statement PDF as its reader sees it: the text on its pages, read back with the letters' helper.
import { describe, expect, it } from 'vitest';
import type { ServiceCredit } from '../../../shared/api/service-credits.ts';
import type { SlaStatement } from '../../../shared/api/sla-statements.ts';
import { flatText, pageRuns, pageTexts } from '../vendors/letters/letter-text.ts';
import { dateTimeText, durationText, percentText, renderStatementPdf } from './statement-pdf.ts';

const parties = { mspName: 'Bluewave IT Services', clientAddress: '14 Harbour Road\nPortland, ME 04101' };
const noPause = { client: 0, vendor: 0, scheduled: 0 };

type Breach = SlaStatement['breaches'][number];

function buildBreach(overrides: Partial<Breach> = {}): Breach {
  return {
    ticketId: '7d3c9a4e-1b2f-4c5d-8e9f-0a1b2c3d4e5f',
    ticketNumber: 1042,
    ticketTitle: 'Practice management server down',
    clock: 'resolution',
    priority: 'P1',
    basis: 'guaranteed',
    dueAt: '2026-10-06T18:00:00.000Z',
    stoppedAt: '2026-10-06T20:12:00.000Z',
    outcome: 'missed',
    pausedMinutes: noPause,
    explanation: {
      text: 'The replacement disk arrived from the vendor two hours late.',
      byName: 'Dana Whitfield',
      at: '2026-10-07T13:00:00.000Z',
    },
    ...overrides,
  };
}

function buildCredit(overrides: Partial<ServiceCredit> = {}): ServiceCredit {
  return {
    id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
    agreementId: '0f1e2d3c-4b5a-4968-8776-655443322110',
    month: '2026-10',
    kind: 'breach',
    ticketId: '7d3c9a4e-1b2f-4c5d-8e9f-0a1b2c3d4e5f',
    ticketNumber: 1042,
    clock: 'resolution',
    priority: 'P1',
    scheduledCents: 10_000,
    amountCents: 10_000,
    currency: 'USD',
    explanation: 'P1 resolution target missed on #1042',
    status: 'proposed',
    disputeBy: '2026-11-10',
    dispute: null,
    invoiceId: null,
    invoiceNumber: null,
    ...overrides,
  };
}

const disputedCredit = buildCredit({
  id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  ticketId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  ticketNumber: 1057,
  clock: 'first_response',
  priority: 'P2',
  scheduledCents: 25_000,
  amountCents: 25_000,
  explanation: 'P2 first-response target missed on #1057',
  status: 'disputed',
  dispute: {
    exclusion: 'client_vendor',
    reason: 'The line was down at the carrier all morning.',
    byName: 'Dana Whitfield',
    at: '2026-11-05T15:00:00.000Z',
  },
});

function buildStatement(overrides: Partial<SlaStatement> = {}): SlaStatement {
  return {
    agreementId: '0f1e2d3c-4b5a-4968-8776-655443322110',
    agreementName: 'Managed Care Plus',
    clientId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    clientName: 'Lakeside Family Dental',
    month: '2026-10',
    timeZone: 'America/New_York',
    asOf: '2026-11-03T14:30:00.000Z',
    status: 'closed',
    isClosable: true,
    closedByName: 'Dana Whitfield',
    rows: [
      {
        priority: 'P1',
        basis: 'guaranteed',
        tickets: 4,
        firstResponse: { met: 4, missed: 0, pending: 0 },
        resolution: { met: 3, missed: 1, pending: 0 },
      },
      {
        priority: 'P2',
        basis: 'guaranteed',
        tickets: 16,
        firstResponse: { met: 15, missed: 1, pending: 0 },
        resolution: { met: 16, missed: 0, pending: 0 },
      },
      {
        priority: 'P3',
        basis: 'best_effort',
        tickets: 3,
        firstResponse: { met: 2, missed: 1, pending: 0 },
        resolution: { met: 3, missed: 0, pending: 0 },
      },
    ],
    compliance: { firstResponse: 95, resolution: 95 },
    pausedMinutes: { client: 200, vendor: 45, scheduled: 0 },
    clocks: [],
    corrections: [
      {
        month: '2026-09',
        ticketId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
        ticketNumber: 988,
        ticketTitle: 'Printer offline in reception',
        clock: 'resolution',
        priority: 'P3',
        basis: 'guaranteed',
        was: 'met',
        now: 'missed',
      },
    ],
    breaches: [
      buildBreach(),
      buildBreach({
        ticketId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
        ticketNumber: 1057,
        ticketTitle: 'Imaging workstation will not boot',
        clock: 'first_response',
        priority: 'P2',
        dueAt: '2026-10-14T13:30:00.000Z',
        stoppedAt: null,
        explanation: null,
      }),
    ],
    penalty: null,
    credits: [],
    ...overrides,
  };
}

const render = (statement: SlaStatement) => renderStatementPdf(statement, parties);

describe('renderStatementPdf', () => {
  it('is from the MSP to the client, titled with the month, naming the agreement, period and zone', async () => {
    const pdf = await render(buildStatement());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flatText(pdf);
    expect(text).toContain('Bluewave IT Services Lakeside Family Dental 14 Harbour Road Portland, ME 04101');
    expect(text).toContain('SLA statement: October 2026');
    expect(text).toContain('Agreement Managed Care Plus');
    expect(text).toContain('Period 1–31 October 2026, America/New_York time');
    expect(text).toContain('Page 1 of');
  });

  it('says who closed a closed month and when, dated on the close day in the zone', async () => {
    const text = flatText(await render(buildStatement({ asOf: '2026-11-03T02:30:00.000Z' })));
    expect(text).toContain('Status Closed on 2 November 2026 by Dana Whitfield');
    expect(text).toContain('these figures are final');
    expect(text).not.toContain('Provisional');
  });

  it('marks an open month provisional, with the instant it was computed in the zone, on every page', async () => {
    const pdf = await render(buildStatement({ status: 'open', closedByName: null, isClosable: false }));
    expect(flatText(pdf)).toContain('Status Provisional — computed 3 November 2026, 09:30');
    for (const runs of pageRuns(pdf)) {
      expect(runs.some((run) => run.y < 70 && run.text.includes('(provisional)'))).toBe(true);
    }
  });

  it('gives compliance for guaranteed targets, or says none fell due', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain('First response: 95.0 % of guaranteed targets met (19 of 20)');
    const none = buildStatement({
      rows: [],
      compliance: { firstResponse: null, resolution: null },
      breaches: [],
      corrections: [],
    });
    const noneText = flatText(await render(none));
    expect(noneText).toContain('First response: no guaranteed targets fell due');
    expect(noneText).toContain('No first-response or resolution target fell due in October 2026.');
    expect(noneText).toContain('No target was missed.');
    expect(noneText).not.toContain('Breaches');
    expect(noneText).not.toContain('Corrections');
  });

  it('tables each priority and basis with met and missed, adding pending only when any is pending', async () => {
    const lines = pageTexts(await render(buildStatement()))[0]!.split('\n');
    const table = lines.slice(lines.indexOf('By priority'));
    expect(table.slice(0, 12)).toEqual([
      'By priority',
      'First response',
      'Resolution',
      'Priority',
      'Basis',
      'Tickets',
      'Met',
      'Missed',
      'Met',
      'Missed',
      'P1',
      'Guaranteed',
    ]);
    expect(table).toContain('Best effort');
    expect(lines).not.toContain('Pending');
    const running = buildStatement({
      status: 'open',
      compliance: { firstResponse: 100, resolution: null },
      rows: [
        {
          priority: 'P2',
          basis: 'guaranteed',
          tickets: 2,
          firstResponse: { met: 1, missed: 0, pending: 1 },
          resolution: { met: 0, missed: 0, pending: 2 },
        },
      ],
    });
    const runningText = flatText(await render(running));
    expect(runningText).toContain(
      'First response Resolution Priority Basis Tickets Met Missed Pending Met Missed Pending',
    );
    expect(runningText).toContain('Resolution: no guaranteed target decided yet (2 still running)');
  });

  it('lists pause time by reason in hours and minutes', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain('Waiting on you 3 h 20 min Waiting on your vendor 45 min');
    expect(text).toContain('Scheduled at your request 0 min Total 4 h 05 min');
  });

  it('lists each breach with its ticket, clock, due time in the zone and the explanation as given', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain('#1042 Practice management server down');
    expect(text).toContain(
      'Resolution · P1, guaranteed · due 6 October 2026, 14:00 · stopped 6 October 2026, 16:12',
    );
    expect(text).toContain('The replacement disk arrived from the vendor two hours late.');
    expect(text).toContain('— Dana Whitfield, 7 October 2026');
  });

  it('says "No explanation given" for a breach without one, and "still open" for a running clock', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain(
      '#1057 Imaging workstation will not boot First response · P2, guaranteed · due 14 October 2026, ' +
        '09:30 · still open No explanation given',
    );
  });

  it('reports corrections to closed months as was and now', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain('Corrections to earlier months');
    expect(text).toContain('#988 resolution, counted in 2026-09: was met, now missed');
    expect(text).toContain('Printer offline in reception · P3, guaranteed');
  });

  it('closes by saying best-effort targets are shown but do not count towards compliance', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).toContain(
      'Best-effort targets (tickets on unmanaged or non-standard assets, or on assets under a coverage hold) ' +
        'are shown in this statement but do not count towards compliance.',
    );
    expect(text).toMatch(/Yours sincerely, Bluewave IT Services/);
  });

  it('carries many breaches onto further pages, every page numbered', async () => {
    const breaches = Array.from({ length: 40 }, (_, index) =>
      buildBreach({
        ticketNumber: 2000 + index,
        explanation: index % 2 === 0 ? null : buildBreach().explanation,
      }),
    );
    const pdf = await render(buildStatement({ breaches }));
    const pages = pageRuns(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((runs, index) => {
      expect(runs.filter((run) => run.y < 70).map((run) => run.text)).toEqual([
        'Bluewave IT Services · SLA statement, October 2026',
        `Page ${index + 1} of ${pages.length}`,
      ]);
    });
    const text = flatText(pdf);
    for (const breach of breaches) expect(text).toContain(`#${breach.ticketNumber} `);
  });

  it('prints characters the standard fonts lack as their nearest letter or "?"', async () => {
    const breaches = [buildBreach({ ticketTitle: 'Serwer w Łodzi 🔥', explanation: null })];
    const text = flatText(await render(buildStatement({ clientName: 'Klinika Łódź', breaches })));
    expect(text).toContain('Klinika Lódz');
    expect(text).toContain('#1042 Serwer w Lodzi ?');
  });

  it('gives the same bytes for the same statement', async () => {
    const [first, second] = await Promise.all([render(buildStatement()), render(buildStatement())]);
    expect(first.equals(second)).toBe(true);
  });
});

describe('renderStatementPdf: service credits', () => {
  const withCredits = (overrides: Partial<SlaStatement> = {}) =>
    buildStatement({
      penalty: { mode: 'report', isSoleRemedy: false, effectiveFrom: '2026-01', disputeWindowDays: 5 },
      credits: [buildCredit(), disputedCredit],
      ...overrides,
    });

  it('has no credits section when the agreement has no service credits', async () => {
    const text = flatText(await render(buildStatement()));
    expect(text).not.toContain('Service credits');
    expect(text).not.toContain('credit');
  });

  it('tables each credit as a credit with where it stands, totalling only the credits that stand', async () => {
    const text = flatText(await render(withCredits()));
    expect(text).toContain('Service credits Credit for How it was reached Credit');
    expect(text).toContain(
      '#1042 P1 resolution P1 resolution target missed on #1042 Stands unless disputed by 10 November 2026 –$100.00',
    );
    expect(text).toContain(
      '#1057 P2 first response P2 first-response target missed on #1057 Disputed: Caused by the ' +
        "client's vendor — The line was down at the carrier all morning. –$250.00",
    );
    expect(text).toContain('Total of the credits that stand –$100.00');
    expect(text).not.toContain('$350.00');
  });

  it('names a compliance tier credit, and the invoice a standing credit went on', async () => {
    const tier = buildCredit({
      kind: 'tier',
      ticketId: null,
      ticketNumber: null,
      clock: null,
      priority: null,
      amountCents: 48_000,
      explanation: "88.0 % of 25 guaranteed targets met, below 90.0 %: 10 % of the month's recurring fees",
      invoiceId: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
      invoiceNumber: 'INV-2026-0117',
    });
    const text = flatText(
      await render(
        withCredits({
          penalty: { mode: 'invoice', isSoleRemedy: false, effectiveFrom: '2026-01', disputeWindowDays: 5 },
          credits: [tier],
        }),
      ),
    );
    expect(text).toContain('Compliance tier 88.0 % of 25 guaranteed targets met');
    expect(text).toContain('Credited on invoice INV-2026-0117 –$480.00');
    expect(text).toContain('Credits that stand are credited on the next invoice.');
    expect(text).not.toContain('reported, not invoiced');
  });

  it('says credits are only reported when the agreement does not invoice them', async () => {
    const text = flatText(await render(withCredits()));
    expect(text).toContain('These credits are reported, not invoiced.');
    expect(text).not.toContain('sole remedy');
  });

  it('says credits are the sole remedy when the agreement makes them so', async () => {
    const text = flatText(
      await render(
        withCredits({
          penalty: { mode: 'report', isSoleRemedy: true, effectiveFrom: '2026-01', disputeWindowDays: 5 },
        }),
      ),
    );
    expect(text).toContain(
      'These credits are reported, not invoiced. Under the agreement, service credits are the sole remedy ' +
        'for missed service levels.',
    );
  });

  it('says credits come at the close while the month is open, and when a closed month earned none', async () => {
    const open = withCredits({ status: 'open', closedByName: null, isClosable: false, credits: [] });
    const openText = flatText(await render(open));
    expect(openText).toContain('Service credits Service credits are proposed when the month closes.');
    expect(openText).not.toContain('Credit for');
    const none = flatText(await render(withCredits({ credits: [] })));
    expect(none).toContain('Service credits No service credits this month.');
    expect(none).not.toContain('Credit for');
  });

  it('gives the same bytes for the same statement with credits', async () => {
    const [first, second] = await Promise.all([render(withCredits()), render(withCredits())]);
    expect(first.equals(second)).toBe(true);
  });
});

describe('statement wording', () => {
  it('shows the offset only in the hour a clock change repeats', () => {
    expect(dateTimeText('2026-11-01T05:30:00Z', 'America/New_York')).toBe(
      '1 November 2026, 01:30 (UTC-04:00)',
    );
    expect(dateTimeText('2026-11-01T06:30:00Z', 'America/New_York')).toBe(
      '1 November 2026, 01:30 (UTC-05:00)',
    );
    expect(dateTimeText('2026-11-01T08:30:00Z', 'America/New_York')).toBe('1 November 2026, 03:30');
  });

  it('never rounds to 100 % with a miss, and writes durations in hours and minutes', () => {
    expect(percentText(100, { met: 2499, missed: 1 })).toBe('99.9\u00a0%');
    expect(percentText(100, { met: 3, missed: 0 })).toBe('100.0\u00a0%');
    expect(durationText(45)).toBe('45 min');
    expect(durationText(125)).toBe('2 h 05 min');
  });
});

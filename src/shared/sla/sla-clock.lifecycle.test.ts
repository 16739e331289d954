// Table-driven cases for the SLA clocks over a ticket's life: reopening, priority changes, imports across DST
// changes and holidays, and how the event log is read.
import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../business-time/business-time.ts';
import type { SlaEvent } from './sla-clock.ts';
import { computeSlaState } from './sla-clock.ts';
import type { Case } from './sla-fixtures.ts';
import {
  created,
  monday,
  NEW_YORK,
  ny,
  priority,
  reply,
  run,
  show,
  status,
  targets,
  view,
  weekCalendar,
  weekdays,
} from './sla-fixtures.ts';

function check({ events, now, firstResponse, resolution, reopenWindowDays }: Case) {
  const state = run(events, now, reopenWindowDays);
  if (firstResponse) expect(view(state.firstResponse)).toMatchObject(firstResponse);
  if (resolution) expect(view(state.resolution)).toMatchObject(resolution);
}

// Resolved Monday 15:00 after 300 minutes; 660 remain.
const resolvedMonday = [monday, reply('11-16 10:30'), status('11-16 15:00', 'resolved')];

describe('reopening', () => {
  it.each<Case>([
    {
      // 660 left from Thu 10:00: Thu 420 + Fri 09:00 + 240.
      name: 'within 7 days resumes the original clock without counting the resolved time',
      events: [...resolvedMonday, status('11-19 10:00', 'open')],
      now: '11-19 12:00',
      firstResponse: { state: 'met', stoppedAt: '11-16 10:30' },
      resolution: {
        state: 'on_track',
        stoppedAt: null,
        businessMinutesUsed: 420,
        dueAt: '11-20 13:00',
        reopenedAfterWindow: false,
      },
    },
    {
      name: 'counts the window from entering resolved, not from closing',
      events: [...resolvedMonday, status('11-17 09:00', 'closed'), status('11-23 14:00', 'open')],
      now: '11-23 15:00',
      resolution: {
        state: 'on_track',
        businessMinutesUsed: 360,
        dueAt: '11-24 17:00',
        reopenedAfterWindow: false,
      },
    },
    {
      name: 'after the window is treated the same way, only flagged',
      events: [...resolvedMonday, status('11-24 10:00', 'open')],
      now: '11-24 12:00',
      resolution: {
        state: 'on_track',
        businessMinutesUsed: 420,
        dueAt: '11-25 13:00',
        reopenedAfterWindow: true,
      },
    },
    {
      name: 'takes the window length as a parameter',
      events: [...resolvedMonday, status('11-19 10:00', 'open')],
      now: '11-19 12:00',
      reopenWindowDays: 1,
      resolution: { businessMinutesUsed: 420, reopenedAfterWindow: true },
    },
    {
      // 300 + Wed 480 leave 180: due Thu 12:00.
      name: 'can breach the original target after reopening',
      events: [...resolvedMonday, status('11-18 09:00', 'open')],
      now: '11-19 13:00',
      resolution: { state: 'breached', breachedAt: '11-19 12:00', businessMinutesUsed: 1020 },
    },
    {
      name: 'is missed when resolved again after the original due',
      events: [...resolvedMonday, status('11-18 09:00', 'open'), status('11-19 13:00', 'resolved')],
      now: '11-20 09:00',
      resolution: {
        state: 'missed',
        stoppedAt: '11-19 13:00',
        breachedAt: '11-19 12:00',
        businessMinutesUsed: 1020,
      },
    },
  ])('$name', check);
});

describe('priority changes', () => {
  it.each<Case>([
    {
      // Under P2 since creation, 480 minutes ran out Tue 10:00 — before the change, so the breach is
      // already in the past. The first response stopped at 11:30 under P3 and stays met.
      name: 'an upgrade re-targets from creation, keeps minutes used and can breach at once',
      events: [monday, reply('11-16 11:30'), priority('11-17 11:00', 'P2')],
      now: '11-17 11:00',
      firstResponse: { priority: 'P3', state: 'met', businessMinutesUsed: 90 },
      resolution: {
        priority: 'P2',
        targetMinutes: 480,
        state: 'breached',
        breachedAt: '11-17 10:00',
        businessMinutesUsed: 540,
      },
    },
    {
      name: 'an upgrade before the first response re-targets that clock too',
      events: [monday, priority('11-16 12:00', 'P2')],
      now: '11-16 12:00',
      firstResponse: { priority: 'P2', dueAt: '11-16 11:00', state: 'breached', breachedAt: '11-16 11:00' },
      resolution: { priority: 'P2', dueAt: '11-17 10:00', state: 'on_track', businessMinutesUsed: 120 },
    },
    {
      name: 'an upgrade to P1 moves both clocks onto its around-the-clock calendar',
      events: [monday, priority('11-16 13:00', 'P1')],
      now: '11-16 13:00',
      firstResponse: { priority: 'P1', dueAt: '11-16 10:30', state: 'breached', businessMinutesUsed: 180 },
      resolution: { priority: 'P1', dueAt: '11-16 14:00', state: 'at_risk', businessMinutesUsed: 180 },
    },
    {
      name: 'a downgrade to office hours recounts minutes used on that calendar',
      events: [created('11-21 10:00', 'P1'), priority('11-21 10:10', 'P3')],
      now: '11-21 12:00',
      firstResponse: { priority: 'P3', dueAt: '11-23 13:00', state: 'on_track', businessMinutesUsed: 0 },
      resolution: { priority: 'P3', dueAt: '11-24 17:00', businessMinutesUsed: 0 },
    },
    {
      name: 'P1 runs around the clock on a Friday evening',
      events: [created('11-20 20:00', 'P1')],
      now: '11-20 21:00',
      firstResponse: { dueAt: '11-20 20:30', state: 'breached', businessMinutesUsed: 60 },
      resolution: { dueAt: '11-21 00:00', state: 'on_track', businessMinutesUsed: 60 },
    },
    {
      name: 'P3 created at the same moment waits for Monday',
      events: [created('11-20 20:00', 'P3')],
      now: '11-20 21:00',
      firstResponse: { dueAt: '11-23 13:00', state: 'on_track', businessMinutesUsed: 0 },
      resolution: { dueAt: '11-24 17:00', state: 'on_track', businessMinutesUsed: 0 },
    },
  ])('$name', check);
});

describe('imports across DST changes and holidays', () => {
  it('New York: a weekend with the spring-forward and a Monday holiday inside a client pause', () => {
    // Office hours 08:00–18:00 Mon–Fri; Monday 2026-03-09 is a holiday; clocks spring forward on Sunday
    // 03-08 (EST -05:00 -> EDT -04:00). P2: first response 60, resolution 480.
    //   created Fri 15:00 EST (20:00Z), staff reply 15:45 -> first response met, 45 used, due 16:00 EST.
    //   Fri 15:00–17:00 EST counts 120. Paused Fri 17:00 EST (22:00Z) -> Tue 10:00 EDT (14:00Z):
    //   Fri 17–18 (60) + Mon holiday (0) + Tue 08:00–10:00 EDT = 12:00Z–14:00Z (120) = 180 client minutes.
    //   Tue 10:00–15:00 EDT counts 300 -> 420 used. Due: 480 − 120 = 360 left at Tue 10:00 EDT -> 16:00
    //   EDT = 20:00Z, so resolving at 15:00 EDT is met. A fixed -05:00 offset would put Tuesday's opening
    //   at 13:00Z and get 60 paused minutes and a due of 21:00Z.
    const calendar = weekCalendar(NEW_YORK, weekdays, [['08:00', '18:00']], ['2026-03-09']);
    const utc = (iso: string) => Date.parse(iso);
    const events: SlaEvent[] = [
      { type: 'status', at: utc('2026-03-10T19:00Z'), status: 'resolved' },
      { type: 'status', at: utc('2026-03-06T22:00Z'), status: 'pending_client' },
      { type: 'created', at: utc('2026-03-06T20:00Z'), priority: 'P2' },
      { type: 'status', at: utc('2026-03-10T14:00Z'), status: 'open' },
      { type: 'public_reply', at: utc('2026-03-06T20:45Z'), author: 'staff' },
    ];
    const state = computeSlaState({
      events,
      targets,
      calendarFor: () => calendar,
      now: utc('2026-03-10T20:00Z'),
    });
    expect(state.firstResponse).toMatchObject({
      state: 'met',
      businessMinutesUsed: 45,
      dueAt: utc('2026-03-06T21:00Z'),
    });
    expect(state.resolution).toMatchObject({
      state: 'met',
      stoppedAt: utc('2026-03-10T19:00Z'),
      dueAt: utc('2026-03-10T20:00Z'),
      businessMinutesUsed: 420,
      pausedMinutes: { client: 180, vendor: 0, scheduled: 0 },
    });
  });

  it('London: a P1 vendor pause across the spring-forward night counts real minutes', () => {
    // Around the clock in Europe/London; 2026-03-29 01:00 GMT jumps to 02:00 BST. Created Sat 23:00 GMT,
    // vendor pause 00:30Z -> 02:00Z (wall 00:30 -> 03:00, but only 90 minutes pass), now 02:30Z.
    // Used 90 + 30 = 120; 120 left from 02:30Z -> due 04:30Z (05:30 BST). The first response (30) fell
    // due at 23:30Z and has run 210 real minutes.
    const london = weekCalendar('Europe/London', WEEKDAYS, [['00:00', '24:00']]);
    const utc = (iso: string) => Date.parse(iso);
    const events: SlaEvent[] = [
      { type: 'created', at: utc('2026-03-28T23:00Z'), priority: 'P1' },
      { type: 'status', at: utc('2026-03-29T00:30Z'), status: 'pending_vendor' },
      { type: 'status', at: utc('2026-03-29T02:00Z'), status: 'open' },
    ];
    const state = computeSlaState({
      events,
      targets,
      calendarFor: () => london,
      now: utc('2026-03-29T02:30Z'),
    });
    expect(state.firstResponse).toMatchObject({
      state: 'breached',
      breachedAt: utc('2026-03-28T23:30Z'),
      businessMinutesUsed: 210,
    });
    expect(state.resolution).toMatchObject({
      state: 'on_track',
      dueAt: utc('2026-03-29T04:30Z'),
      businessMinutesUsed: 120,
      pausedMinutes: { client: 0, vendor: 90, scheduled: 0 },
    });
  });
});

describe('event log handling', () => {
  const log = [
    monday,
    status('11-16 10:15', 'open'),
    status('11-16 16:00', 'pending_vendor'),
    status('11-17 11:00', 'open'),
  ];

  it('sorts events given out of order', () => {
    expect(run([log[3]!, log[1]!, log[0]!, log[2]!], '11-17 12:00')).toEqual(run(log, '11-17 12:00'));
  });

  it.each([
    ['resolved then open in one minute leaves it open', ['resolved', 'open'], null],
    ['open then resolved in one minute leaves it resolved', ['open', 'resolved'], '11-16 11:00'],
  ] as const)('keeps input order for ties: %s', (_name, order, stoppedAt) => {
    const state = run([monday, ...order.map((to) => status('11-16 11:00', to))], '11-16 12:00');
    expect(show(state.resolution.stoppedAt)).toBe(stoppedAt);
    expect(show(state.firstResponse.stoppedAt)).toBe('11-16 11:00');
  });

  it('orders events of one minute by their exact instants before truncating them', () => {
    const later: SlaEvent = { type: 'status', at: ny('11-16 11:00') + 30_000, status: 'open' };
    const earlier: SlaEvent = { type: 'status', at: ny('11-16 11:00') + 10_000, status: 'resolved' };
    const state = run([monday, later, earlier], '11-16 12:00');
    expect(view(state.resolution)).toMatchObject({
      stoppedAt: null,
      state: 'on_track',
      businessMinutesUsed: 120,
    });
  });

  it('counts an event stamped before creation as happening at creation', () => {
    expect(view(run([monday, reply('11-16 09:50')], '11-16 12:00').firstResponse)).toMatchObject({
      stoppedAt: '11-16 10:00',
      businessMinutesUsed: 0,
    });
  });

  it('moves now up to an event later than now', () => {
    const state = run([monday, status('11-16 12:00', 'resolved')], '11-16 11:00');
    expect(view(state.resolution)).toMatchObject({
      state: 'met',
      stoppedAt: '11-16 12:00',
      businessMinutesUsed: 120,
    });
  });

  it.each([
    ['no created event', [reply('11-16 11:00')]],
    ['two created events', [monday, monday]],
  ])('rejects a log with %s', (_name, events) => {
    expect(() => run(events, '11-16 12:00')).toThrow(RangeError);
  });
});

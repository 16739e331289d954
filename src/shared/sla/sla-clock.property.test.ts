// Property test: computeSlaState agrees with a minute-stepping reference on seeded random tickets near DST changes.
import { describe, expect, it } from 'vitest';
import type { Priority, SlaTargets } from '../api/sla-policies.ts';
import { priorities } from '../api/sla-policies.ts';
import type { BusinessCalendar, TimeRange, Weekday } from '../business-time/business-time.ts';
import { businessMinutesBetween, WEEKDAYS } from '../business-time/business-time.ts';
import { createRandom } from '../business-time/generate-cases.ts';
import type { ClockState, PauseReason, SlaEvent, SlaState, TicketStatus } from './sla-clock.ts';
import { computeSlaState, ticketStatuses } from './sla-clock.ts';

const SEED = 20_261_116;
const CASE_COUNT = 400;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function calendar(timeZone: string, hours: Partial<Record<Weekday, TimeRange[]>>, holidays: string[] = []) {
  const weeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, hours[day] ?? []]));
  return { timeZone, weeklyHours: weeklyHours as Record<Weekday, TimeRange[]>, holidays };
}
const each = (days: readonly Weekday[], ranges: TimeRange[]) =>
  Object.fromEntries(days.map((d) => [d, ranges]));
const workWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const CALENDARS: BusinessCalendar[] = [
  calendar('America/New_York', each(workWeek, [['09:00', '17:00']]), ['2026-03-09', '2026-11-03']),
  // Split days, a Saturday morning, and a Sunday night range that the spring-forward cuts short.
  calendar(
    'Europe/London',
    {
      ...each(workWeek, [
        ['08:00', '12:00'],
        ['13:00', '18:00'],
      ]),
      sat: [['09:00', '13:00']],
      sun: [['00:00', '02:00']],
    },
    ['2026-03-30'],
  ),
  calendar('Pacific/Chatham', each(WEEKDAYS, [['00:00', '24:00']])),
  calendar('Pacific/Chatham', each(workWeek, [['07:30', '19:15']]), ['2026-04-06']),
];
/** Offset changes of the zones above in 2026. */
const ANCHORS = [
  '2026-03-08T07:00Z',
  '2026-03-29T01:00Z',
  '2026-04-04T14:00Z',
  '2026-09-26T14:00Z',
  '2026-10-25T01:00Z',
  '2026-11-01T06:00Z',
].map(Date.parse);

interface Ticket {
  readonly events: SlaEvent[];
  readonly now: number;
  readonly targets: SlaTargets;
  readonly calendars: Readonly<Record<Priority, BusinessCalendar>>;
}

function generateTicket(random: () => number): Ticket {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const officeCalendar = pick(CALENDARS);
  const urgentCalendar = random() < 0.5 ? officeCalendar : pick(CALENDARS);
  const calendars = { P1: urgentCalendar, P2: officeCalendar, P3: officeCalendar, P4: officeCalendar };
  const targets = Object.fromEntries(
    priorities.map((p) => {
      const firstResponseMinutes = int(1, 480);
      return [p, { firstResponseMinutes, resolutionMinutes: int(firstResponseMinutes, 1800) }];
    }),
  ) as SlaTargets;
  // Not minute-aligned on purpose: the function truncates.
  let at = pick(ANCHORS) + int(-4 * DAY, 2 * DAY) + int(0, 59_999);
  const events: SlaEvent[] = [
    {
      type: 'created',
      at,
      priority: pick(priorities),
      status: pick(['new', 'new', 'open', 'pending_client', 'resolved'] as const),
    },
  ];
  const eventCount = int(0, 10);
  for (let i = 0; i < eventCount; i++) {
    at += random() < 0.15 ? int(0, 30_000) : int(0, 20 * HOUR);
    const roll = random();
    if (roll < 0.5) events.push({ type: 'status', at, status: pick(ticketStatuses) });
    else if (roll < 0.7)
      events.push({ type: 'public_reply', at, author: pick(['staff', 'contact', 'system'] as const) });
    else if (roll < 0.77) events.push({ type: 'call_logged', at });
    else if (roll < 0.9) events.push({ type: 'priority', at, priority: pick(priorities) });
    else events.push({ type: 'note', at });
  }
  return { events, now: at + int(0, 2 * DAY), targets, calendars };
}

// ---------------------------------------------------------------------------------------------------
// The reference: replays the log, then decides every minute on its own.

const PAUSES: Partial<Record<TicketStatus, PauseReason>> = {
  pending_client: 'client',
  pending_vendor: 'vendor',
  scheduled: 'scheduled',
};
const isStopped = (status: TicketStatus) => status === 'resolved' || status === 'closed';
const floorMinute = (epochMs: number) => Math.floor(epochMs / MINUTE) * MINUTE;

interface ReferenceClock {
  priority: Priority;
  dueAt: number;
  businessMinutesUsed: number;
  stoppedAt: number | null;
  state: ClockState;
  breachedAt: number | null;
  pausedMinutes?: Record<PauseReason, number>;
}

function reference(ticket: Ticket): { firstResponse: ReferenceClock; resolution: ReferenceClock } {
  const [created, ...rest] = ticket.events as [Extract<SlaEvent, { type: 'created' }>, ...SlaEvent[]];
  const createdAt = floorMinute(created.at);
  const now = Math.max(floorMinute(ticket.now), ...rest.map((e) => floorMinute(e.at)), createdAt);
  // Which stop applies to each clock, and the priority in force at it.
  let status = created.status ?? 'new';
  let priority = created.priority;
  let firstStop: { at: number; priority: Priority } | null = isStopped(status)
    ? { at: createdAt, priority }
    : null;
  let resolutionStop = firstStop;
  const statusChanges: { at: number; status: TicketStatus }[] = [];
  for (const event of rest) {
    const at = floorMinute(event.at);
    if (event.type === 'priority') priority = event.priority;
    if ((event.type === 'public_reply' && event.author === 'staff') || event.type === 'call_logged') {
      firstStop ??= { at, priority };
    }
    if (event.type === 'status' && event.status !== status) {
      if (isStopped(event.status) && !isStopped(status)) {
        resolutionStop = { at, priority };
        firstStop ??= resolutionStop;
      }
      if (!isStopped(event.status)) resolutionStop = null;
      status = event.status;
      statusChanges.push({ at, status });
    }
  }

  const statusAt = (t: number) => {
    let current = created.status ?? 'new';
    for (const change of statusChanges) if (change.at <= t) current = change.status;
    return current;
  };
  const walk = (stop: typeof firstStop, target: (p: Priority) => number, pauses: boolean): ReferenceClock => {
    const clockPriority = stop?.priority ?? priority;
    const calendar = ticket.calendars[clockPriority];
    const goal = target(clockPriority);
    const end = stop?.at ?? now;
    const paused = { client: 0, vendor: 0, scheduled: 0 };
    let used = 0;
    let counted = 0;
    let dueAt: number | null = null;
    for (let t = createdAt; t < end || dueAt === null; t += MINUTE) {
      if (businessMinutesBetween(calendar, t, t + MINUTE) !== 1) continue;
      // After the clock's end it is assumed to count again.
      const s = t < end ? statusAt(t) : 'open';
      const reason = pauses ? PAUSES[s] : undefined;
      if (reason) paused[reason]++;
      else if (!pauses || !isStopped(s)) {
        if (t < end) used++;
        if (++counted === goal) dueAt = t + MINUTE;
      }
    }
    const stoppedAt = stop?.at ?? null;
    const due = dueAt as number;
    const lost = stoppedAt !== null ? stoppedAt > due : now > due;
    const state: ClockState =
      stoppedAt !== null
        ? lost
          ? 'missed'
          : 'met'
        : lost
          ? 'breached'
          : pauses && PAUSES[status]
            ? 'paused'
            : used / goal >= 0.75
              ? 'at_risk'
              : 'on_track';
    const clock = {
      priority: clockPriority,
      dueAt: due,
      businessMinutesUsed: used,
      stoppedAt,
      state,
      breachedAt: lost ? due : null,
    };
    return pauses ? { ...clock, pausedMinutes: paused } : clock;
  };
  return {
    firstResponse: walk(firstStop, (p) => ticket.targets[p].firstResponseMinutes, false),
    resolution: walk(resolutionStop, (p) => ticket.targets[p].resolutionMinutes, true),
  };
}

function comparable(state: SlaState) {
  const {
    priority,
    dueAt,
    businessMinutesUsed,
    stoppedAt,
    state: clockState,
    breachedAt,
  } = state.firstResponse;
  const r = state.resolution;
  return {
    firstResponse: { priority, dueAt, businessMinutesUsed, stoppedAt, state: clockState, breachedAt },
    resolution: {
      priority: r.priority,
      dueAt: r.dueAt,
      businessMinutesUsed: r.businessMinutesUsed,
      stoppedAt: r.stoppedAt,
      state: r.state,
      breachedAt: r.breachedAt,
      pausedMinutes: r.pausedMinutes,
    },
  };
}

describe('computeSlaState against the minute-stepping reference', () => {
  it(`agrees on ${CASE_COUNT} seeded tickets around DST changes`, { timeout: 60_000 }, () => {
    const random = createRandom(SEED);
    const disagreements: string[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < CASE_COUNT; index++) {
      const ticket = generateTicket(random);
      const actual = comparable(
        computeSlaState({ ...ticket, calendarFor: (p: Priority) => ticket.calendars[p] }),
      );
      const expected = reference(ticket);
      seen.add(actual.firstResponse.state).add(actual.resolution.state);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        disagreements.push(
          `#${index}: ${JSON.stringify(ticket.events)} now ${ticket.now}\n  got  ${JSON.stringify(actual)}\n  want ${JSON.stringify(expected)}`,
        );
      }
    }
    expect(disagreements.length, disagreements.slice(0, 3).join('\n')).toBe(0);
    // Guards against a generator that stops reaching every state.
    expect([...seen].sort()).toEqual(['at_risk', 'breached', 'met', 'missed', 'on_track', 'paused']);
  });
});

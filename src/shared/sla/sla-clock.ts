// SLA clocks of one ticket (first response, resolution), computed from its event log: pure, no I/O.
//
// Time. Every instant (event `at`, `now`) is truncated to the minute, as the business-time engine does.
// Minutes are business minutes of the clock's calendar; nothing here steps minute by minute — the log is
// cut into status spans and each span costs one engine call.
//
// Order. Events are sorted by their exact `at` (ties keep input order) before being truncated, so two
// events within one minute keep their real order. The single `created` event is applied first;
// an event stamped before it counts as happening at creation. The log is the truth: an event later than
// `now` (clock skew between nodes, a future-dated import) moves `now` up to it instead of being ignored.
// To see the state as of an earlier instant, pass only the events up to that instant.
//
// First response stops at the first public reply by staff, logged call/chat, or resolution (whichever
// comes first). Contact replies, automatic acknowledgements (`author: 'system'`) and internal notes never
// count. It never pauses.
//
// Resolution runs while the status is new or open; it pauses while pending_client (reason `client`),
// pending_vendor (`vendor`) or scheduled (`scheduled`); it stops on entering resolved or closed (moving
// between those two changes nothing). Leaving resolved/closed for any other status reopens it: the
// ORIGINAL clock resumes, and the time spent resolved never counts. A reopen later than
// `reopenWindowDays` × 24 h after the stop is treated exactly the same (the service should have opened a
// new ticket instead); it is only flagged in `reopenedAfterWindow`.
//
// Paused minutes are business minutes of the resolution calendar — what the due time is shifted by and
// what a client statement shows next to minutes used, so the two add up.
//
// Priority. A clock is judged by the priority in force when it stopped, or now if it still runs. A
// priority change re-targets a running clock from creation: the new priority's targets AND calendar
// apply as if they had held from the start, so minutes used are recounted on that calendar (unchanged
// when both priorities share a calendar). Decision: a change after a clock stopped does not reach back
// into it — an upgrade after the first reply does not turn a met first response into a missed one.
//
// dueAt is the instant the target's last business minute of counting time ends (like addBusinessMinutes,
// a count ending at a closing returns the closing). After the last known instant — `now` for a running or
// paused clock, the stop for a stopped one — the clock is assumed to count again: a paused clock's dueAt
// is where it would fall if resumed now (so queues still sort; it moves later while the pause lasts) and
// a stopped clock's dueAt is the due time as it stood when it stopped. null only when the calendar has no
// business time within 366 days.
//
// State, by precedence: met / missed (stopped at or before dueAt / after it) > breached (not stopped and
// now > dueAt) > paused > at_risk (used ≥ 75 % of target) > on_track. At now === dueAt exactly the clock is
// not yet breached, since a stop at that instant is still met: a job that wants to see the breach should
// run at dueAt + 1 minute. breachedAt is dueAt whenever the state is breached or missed — the breach
// happened at the due instant, whenever it was noticed. A clock whose last counted minute ends at the due
// instant and that then pauses or stops late is breached/missed too: dueAt is an instant, not a count.
import type { Priority, SlaTargets } from '../api/sla-policies.ts';
import type { TicketStatusValue } from '../api/ticket-enums.ts';
import type { BusinessCalendar } from '../business-time/business-time.ts';
import { addBusinessMinutes, businessMinutesBetween } from '../business-time/business-time.ts';

export { ticketStatuses } from '../api/ticket-enums.ts';
export type TicketStatus = TicketStatusValue;

export type PauseReason = 'client' | 'vendor' | 'scheduled';
export type ClockState = 'on_track' | 'at_risk' | 'paused' | 'breached' | 'met' | 'missed';

/** `at` is epoch milliseconds (truncated to the minute). */
export type SlaEvent =
  | {
      readonly type: 'created';
      readonly at: number;
      readonly priority: Priority;
      readonly status?: TicketStatus;
    }
  /** `system` is an automatic acknowledgement and never counts as a response. */
  | { readonly type: 'public_reply'; readonly at: number; readonly author: 'staff' | 'contact' | 'system' }
  /** A call or chat with the requester. */
  | { readonly type: 'call_logged'; readonly at: number }
  | { readonly type: 'status'; readonly at: number; readonly status: TicketStatus }
  | { readonly type: 'priority'; readonly at: number; readonly priority: Priority }
  /** An internal note; never counts. */
  | { readonly type: 'note'; readonly at: number };

export interface SlaInput {
  readonly events: readonly SlaEvent[];
  /** The targets of the policy version the ticket is measured under. */
  readonly targets: SlaTargets;
  /** The calendar each priority's clocks run on (the target's own calendar, else the policy's). */
  readonly calendarFor: (priority: Priority) => BusinessCalendar;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Default 7. Only decides `reopenedAfterWindow`; see the header. */
  readonly reopenWindowDays?: number;
}

export interface SlaClock {
  /** The priority whose targets and calendar judge this clock. */
  readonly priority: Priority;
  readonly targetMinutes: number;
  readonly dueAt: number | null;
  readonly state: ClockState;
  readonly businessMinutesUsed: number;
  readonly stoppedAt: number | null;
  readonly breachedAt: number | null;
}

export interface PausedMinutes {
  readonly client: number;
  readonly vendor: number;
  readonly scheduled: number;
}

export interface ResolutionClock extends SlaClock {
  /** Business minutes spent paused, per reason, up to the stop (or now). */
  readonly pausedMinutes: PausedMinutes;
  /** Start of the current pause reason, while paused. */
  readonly pausedSince: number | null;
  readonly pauseReason: PauseReason | null;
  /** True when the ticket was reopened more than `reopenWindowDays` after a resolution. */
  readonly reopenedAfterWindow: boolean;
}

export interface SlaState {
  /** The ticket's priority now. */
  readonly priority: Priority;
  readonly firstResponse: SlaClock;
  readonly resolution: ResolutionClock;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const DEFAULT_REOPEN_WINDOW_DAYS = 7;

const pauseReasonOf: Partial<Record<TicketStatus, PauseReason>> = {
  pending_client: 'client',
  pending_vendor: 'vendor',
  scheduled: 'scheduled',
};

function isStopped(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

function toMinute(epochMs: number, name: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`${name} must be a finite epoch in milliseconds`);
  return Math.floor(epochMs / MINUTE) * MINUTE;
}

/** A stretch of one status, [start, end) in minute-aligned epoch ms. */
interface StatusSpan {
  readonly start: number;
  readonly end: number;
  readonly status: TicketStatus;
}

/** The moment a clock stopped and the priority in force then. */
interface Stop {
  readonly at: number;
  readonly priority: Priority;
}

interface Timeline {
  readonly createdAt: number;
  readonly now: number;
  /** Cover [createdAt, now) without gaps; zero-length spans are left out. */
  readonly spans: readonly StatusSpan[];
  readonly status: TicketStatus;
  readonly statusSince: number;
  readonly priority: Priority;
  readonly firstResponse: Stop | null;
  /** Set while the status is resolved or closed: when it entered them. */
  readonly resolution: Stop | null;
  readonly reopenedAfterWindow: boolean;
}

function readTimeline(events: readonly SlaEvent[], nowMs: number, reopenWindowMs: number): Timeline {
  const created = events.filter((event) => event.type === 'created');
  const first = created[0];
  if (first === undefined || created.length > 1) {
    throw new RangeError(`an SLA event log needs exactly one 'created' event, got ${created.length}`);
  }
  const createdAt = toMinute(first.at, 'created.at');
  // Sorted on the exact instants (Array#sort is stable, so equal ones keep their input order), then
  // truncated: truncation never reorders, and two events of one minute keep their real order.
  const ordered = events
    .filter((event) => event.type !== 'created')
    .sort((a, b) => a.at - b.at)
    .map((event) => ({ event, at: Math.max(toMinute(event.at, `${event.type}.at`), createdAt) }));
  const now = Math.max(toMinute(nowMs, 'now'), createdAt, ordered[ordered.length - 1]?.at ?? createdAt);

  const spans: StatusSpan[] = [];
  let status: TicketStatus = first.status ?? 'new';
  let statusSince = createdAt;
  let priority = first.priority;
  let resolution: Stop | null = isStopped(status) ? { at: createdAt, priority } : null;
  let firstResponse: Stop | null = resolution;
  let reopenedAfterWindow = false;

  for (const { event, at } of ordered) {
    switch (event.type) {
      case 'public_reply':
        if (event.author === 'staff') firstResponse ??= { at, priority };
        break;
      case 'call_logged':
        firstResponse ??= { at, priority };
        break;
      case 'priority':
        priority = event.priority;
        break;
      case 'status': {
        if (event.status === status) break;
        if (at > statusSince) spans.push({ start: statusSince, end: at, status });
        if (resolution === null && isStopped(event.status)) {
          resolution = { at, priority };
          firstResponse ??= resolution;
        } else if (resolution !== null && !isStopped(event.status)) {
          if (at - resolution.at > reopenWindowMs) reopenedAfterWindow = true;
          resolution = null;
        }
        status = event.status;
        statusSince = at;
        break;
      }
      case 'note':
        break;
    }
  }
  if (now > statusSince) spans.push({ start: statusSince, end: now, status });
  return {
    createdAt,
    now,
    spans,
    status,
    statusSince,
    priority,
    firstResponse,
    resolution,
    reopenedAfterWindow,
  };
}

function judge(
  dueAt: number | null,
  stoppedAt: number | null,
  used: number,
  target: number,
  now: number,
  isPaused: boolean,
): { state: ClockState; breachedAt: number | null } {
  if (stoppedAt !== null) {
    const isMet = dueAt === null || stoppedAt <= dueAt;
    return { state: isMet ? 'met' : 'missed', breachedAt: isMet ? null : dueAt };
  }
  if (dueAt !== null && now > dueAt) return { state: 'breached', breachedAt: dueAt };
  if (isPaused) return { state: 'paused', breachedAt: null };
  // Integer form of used / target >= 0.75.
  return { state: used * 4 >= target * 3 ? 'at_risk' : 'on_track', breachedAt: null };
}

function firstResponseClock(
  timeline: Timeline,
  targets: SlaTargets,
  calendarFor: SlaInput['calendarFor'],
): SlaClock {
  const stop = timeline.firstResponse;
  const priority = stop?.priority ?? timeline.priority;
  const calendar = calendarFor(priority);
  const target = targetOf(targets, priority).firstResponseMinutes;
  const stoppedAt = stop?.at ?? null;
  const dueAt = addBusinessMinutes(calendar, timeline.createdAt, target);
  const used = businessMinutesBetween(calendar, timeline.createdAt, stoppedAt ?? timeline.now);
  const verdict = judge(dueAt, stoppedAt, used, target, timeline.now, false);
  return { priority, targetMinutes: target, dueAt, businessMinutesUsed: used, stoppedAt, ...verdict };
}

function resolutionClock(
  timeline: Timeline,
  targets: SlaTargets,
  calendarFor: SlaInput['calendarFor'],
): ResolutionClock {
  const stop = timeline.resolution;
  const priority = stop?.priority ?? timeline.priority;
  const calendar = calendarFor(priority);
  const target = targetOf(targets, priority).resolutionMinutes;
  const stoppedAt = stop?.at ?? null;
  const end = stoppedAt ?? timeline.now;

  const paused = { client: 0, vendor: 0, scheduled: 0 };
  let used = 0;
  let remaining = target;
  let dueAt: number | null | undefined;
  for (const span of timeline.spans) {
    const spanEnd = Math.min(span.end, end);
    if (spanEnd <= span.start) continue;
    const minutes = businessMinutesBetween(calendar, span.start, spanEnd);
    const reason = pauseReasonOf[span.status];
    if (reason !== undefined) {
      paused[reason] += minutes;
    } else if (!isStopped(span.status)) {
      used += minutes;
      if (dueAt === undefined) {
        // Checking the span's capacity first keeps the due inside it: counting from the span's start
        // would otherwise run on through the pause or resolved time that follows.
        if (remaining <= minutes) dueAt = addBusinessMinutes(calendar, span.start, remaining);
        else remaining -= minutes;
      }
    }
  }
  // The target is not reached within the known timeline: the clock is assumed to count on from its end.
  if (dueAt === undefined) dueAt = addBusinessMinutes(calendar, end, remaining);

  const pauseReason = stoppedAt === null ? (pauseReasonOf[timeline.status] ?? null) : null;
  const verdict = judge(dueAt, stoppedAt, used, target, timeline.now, pauseReason !== null);
  return {
    priority,
    targetMinutes: target,
    dueAt,
    businessMinutesUsed: used,
    stoppedAt,
    ...verdict,
    pausedMinutes: paused,
    pausedSince: pauseReason === null ? null : timeline.statusSince,
    pauseReason,
    reopenedAfterWindow: timeline.reopenedAfterWindow,
  };
}

function targetOf(targets: SlaTargets, priority: Priority) {
  const target = targets[priority];
  if (target === undefined) throw new RangeError(`no SLA target for priority '${priority}'`);
  return target;
}

/** Both SLA clocks of a ticket as of `now`; see the module header for the exact semantics. */
export function computeSlaState(input: SlaInput): SlaState {
  const reopenWindowDays = input.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS;
  if (!(reopenWindowDays >= 0) || !Number.isFinite(reopenWindowDays)) {
    throw new RangeError(`reopenWindowDays must be a non-negative number, got ${reopenWindowDays}`);
  }
  const timeline = readTimeline(input.events, input.now, reopenWindowDays * DAY);
  return {
    priority: timeline.priority,
    firstResponse: firstResponseClock(timeline, input.targets, input.calendarFor),
    resolution: resolutionClock(timeline, input.targets, input.calendarFor),
  };
}

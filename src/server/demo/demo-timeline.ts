// Builds one ticket's past event log step by step in business minutes, so its SLA outcome is chosen
// (met, missed, at risk now) rather than left to chance. Instants are epoch ms on whole minutes.
import type { Priority } from '../../shared/api/sla-policies.ts';
import type { TicketStatusValue } from '../../shared/api/ticket-enums.ts';
import type { ImportEvent } from '../../shared/api/tickets.ts';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
} from '../../shared/business-time/business-time.ts';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The latest minute from which `minutes` business minutes have passed by `end` (searching 90 days back). */
export function startBefore(calendar: BusinessCalendar, end: number, minutes: number): number {
  let earliest = Math.floor((end - 90 * 86_400_000) / MINUTE);
  let latest = Math.floor(end / MINUTE);
  if (businessMinutesBetween(calendar, earliest * MINUTE, end) < minutes) return earliest * MINUTE;
  while (earliest < latest) {
    const middle = Math.ceil((earliest + latest) / 2);
    if (businessMinutesBetween(calendar, middle * MINUTE, end) >= minutes) earliest = middle;
    else latest = middle - 1;
  }
  return earliest * MINUTE;
}

export type PauseKind = 'pending_client' | 'pending_vendor' | 'scheduled';

/** A ticket's history under construction: a cursor moving through time and the events left behind. */
export class Timeline {
  readonly events: ImportEvent[] = [];
  at: number;

  constructor(
    /** The calendar the resolution clock runs on (that of the ticket's final priority). */
    private readonly calendar: BusinessCalendar,
    readonly createdAt: number,
  ) {
    this.at = createdAt;
    this.events.push({ type: 'created', at: iso(createdAt) });
  }

  /** Business minutes the resolution clock has counted so far, pauses left out. */
  counted(pausedMinutes: number): number {
    return businessMinutesBetween(this.calendar, this.createdAt, this.at) - pausedMinutes;
  }

  /** Moves on by counting business minutes on the resolution calendar. */
  work(minutes: number): this {
    const next = addBusinessMinutes(this.calendar, this.at, Math.max(0, Math.round(minutes)));
    if (next === null) throw new Error('demo calendar has no business time');
    this.at = Math.max(next, this.at);
    return this;
  }

  /** Moves on by wall-clock minutes (while paused, or for things that do not count). */
  wait(minutes: number): this {
    this.at += Math.round(minutes) * MINUTE;
    return this;
  }

  /** Moves to an instant counted from creation on `calendar` (the first response's). */
  reachFromCreation(minutes: number, calendar: BusinessCalendar): this {
    const next = addBusinessMinutes(calendar, this.createdAt, Math.max(1, Math.round(minutes)));
    if (next === null) throw new Error('demo calendar has no business time');
    this.at = Math.max(next, this.at);
    return this;
  }

  staffReply(body: string): this {
    this.events.push({ type: 'public_reply', at: iso(this.at), author: 'staff', body });
    return this;
  }

  contactReply(body: string): this {
    this.events.push({ type: 'public_reply', at: iso(this.at), author: 'contact', body });
    return this;
  }

  call(body: string): this {
    this.events.push({ type: 'call_logged', at: iso(this.at), body });
    return this;
  }

  note(body: string): this {
    this.events.push({ type: 'internal_note', at: iso(this.at), body });
    return this;
  }

  status(status: TicketStatusValue, message?: string): this {
    this.events.push({ type: 'status', at: iso(this.at), status, ...(message ? { message } : {}) });
    return this;
  }

  priority(priority: Priority, reason: string): this {
    this.events.push({ type: 'priority', at: iso(this.at), priority, reason });
    return this;
  }

  /**
   * Waits on the client's side for `wallMinutes`: the question (or booking, or vendor case) goes
   * out, and unless `isOngoing`, work resumes afterwards. Returns the business minutes paused.
   */
  pause(
    kind: PauseKind,
    words: { ask: string; answer: string; vendor: string },
    wallMinutes: number,
    isOngoing = false,
  ): number {
    if (kind === 'pending_client') this.staffReply(words.ask).status('pending_client', words.ask);
    if (kind === 'pending_vendor') this.note(words.vendor).status('pending_vendor');
    if (kind === 'scheduled') {
      this.staffReply(words.ask).wait(20).contactReply(words.answer);
      this.wait(5).staffReply('Booked in as agreed; we will confirm the day before.').status('scheduled');
    }
    const start = this.at;
    if (isOngoing) return 0;
    this.wait(wallMinutes);
    if (kind === 'pending_client') this.contactReply(words.answer);
    if (kind === 'pending_vendor') this.note('The vendor came back; resuming.');
    if (kind === 'scheduled') this.note('On site as booked.');
    this.status('open');
    return businessMinutesBetween(this.calendar, start, this.at);
  }

  /** Drops what would lie after `limit` (the ticket then simply is where it got to). */
  truncate(limit: number): void {
    const kept = this.events.filter((e) => Date.parse(e.at) <= limit);
    this.events.splice(0, this.events.length, ...kept);
    this.at = Math.min(this.at, limit);
  }

  get lastAt(): number {
    return Math.max(...this.events.map((e) => Date.parse(e.at)));
  }
}

// Instants on an SLA statement's wall clock: its own time zone (the SLA calendar's), whatever zone the
// browser is in. Apart from the other formatting so that only the statement page loads Temporal.
import { Temporal } from 'temporal-polyfill';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Mon 5 Oct, 10:30 America/New_York": an instant on the statement's wall clock, with the zone named; with
 * `withYear`, "Mon 5 Oct 2026, 10:30 America/New_York".
 */
export function formatInZone(iso: string, timeZone: string, options: { withYear?: boolean } = {}): string {
  const at = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  const date = `${weekdays[at.dayOfWeek - 1]} ${at.day} ${months[at.month - 1]}`;
  const year = options.withYear ? ` ${at.year}` : '';
  return `${date}${year}, ${pad(at.hour)}:${pad(at.minute)} ${timeZone}`;
}

/** "Mon 23 Nov 2026": the day an instant falls on in the zone. */
export function formatDayInZone(iso: string, timeZone: string): string {
  const at = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  return `${weekdays[at.dayOfWeek - 1]} ${at.day} ${months[at.month - 1]} ${at.year}`;
}

/** Today's date (YYYY-MM-DD) in the zone: what a dispute deadline is compared with. */
export function todayInZone(timeZone: string): string {
  return Temporal.Now.plainDateISO(timeZone).toString();
}

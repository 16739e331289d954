// API-edge validation of a business calendar definition; what passes is safe to hand to the engine.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Weekday } from './business-time.ts';
import { WEEKDAYS } from './business-time.ts';

export type { Weekday };
export { WEEKDAYS };

const CLOCK_BEFORE_MIDNIGHT = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function isWellFormedRange(start: string, end: string): boolean {
  return (
    CLOCK_BEFORE_MIDNIGHT.test(start) &&
    (end === '24:00' || CLOCK_BEFORE_MIDNIGHT.test(end)) &&
    clockMinutes(start) < clockMinutes(end)
  );
}

function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    // The engine reads offsets through Temporal and the oracle through Intl; both must know the zone.
    new Intl.DateTimeFormat('en-US', { timeZone });
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
  } catch {
    return undefined;
  }
}

/** An IANA zone name, returned in its canonical spelling. */
export const timeZoneSchema = z.string().transform((timeZone, ctx) => {
  if (/^[+\-\u2212]/.test(timeZone)) {
    ctx.addIssue({
      code: 'custom',
      message: `Time zone '${timeZone}' is an offset; use an IANA name such as 'Europe/London'`,
    });
    return z.NEVER;
  }
  const canonical = canonicalTimeZone(timeZone);
  if (canonical === undefined) {
    ctx.addIssue({ code: 'custom', message: `Unknown time zone '${timeZone}'` });
    return z.NEVER;
  }
  return canonical;
});

const rangeSchema = z.tuple([z.string(), z.string()]).superRefine(([start, end], ctx) => {
  let isValid = true;
  if (start === '24:00') {
    ctx.addIssue({ code: 'custom', path: [0], message: "'24:00' can only end a range" });
    isValid = false;
  } else if (!CLOCK_BEFORE_MIDNIGHT.test(start)) {
    ctx.addIssue({
      code: 'custom',
      path: [0],
      message: `Invalid time '${start}': use HH:MM with hours 00-23 and minutes 00-59`,
    });
    isValid = false;
  }
  if (end !== '24:00' && !CLOCK_BEFORE_MIDNIGHT.test(end)) {
    ctx.addIssue({
      code: 'custom',
      path: [1],
      message: `Invalid time '${end}': use HH:MM with hours 00-23 and minutes 00-59, or 24:00 as an end`,
    });
    isValid = false;
  }
  if (isValid && clockMinutes(start) >= clockMinutes(end)) {
    ctx.addIssue({
      code: 'custom',
      message: `Range ${start}-${end} is empty or inverted: its start must come before its end`,
    });
  }
});

function dayHoursSchema(day: Weekday) {
  return z
    .array(rangeSchema, {
      error: (issue) =>
        issue.input === undefined ? `Hours for '${day}' are missing; use [] for a closed day` : undefined,
    })
    .max(48, `At most 48 ranges on ${day}`)
    .superRefine((ranges, ctx) => {
      // Adjacent ranges (one ends where the next starts) are allowed; any shared minute is not.
      // Malformed ranges already have their own message, so only well-formed ones are compared.
      const byStart = ranges
        .map(([start, end], index) => ({ start, end, index }))
        .filter(({ start, end }) => isWellFormedRange(start, end))
        .sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
      let furthest = byStart[0];
      for (const current of byStart.slice(1)) {
        if (furthest === undefined) break;
        if (clockMinutes(current.start) < clockMinutes(furthest.end)) {
          ctx.addIssue({
            code: 'custom',
            path: [current.index],
            message: `Ranges ${furthest.start}-${furthest.end} and ${current.start}-${current.end} on ${day} overlap`,
          });
        }
        if (clockMinutes(current.end) > clockMinutes(furthest.end)) furthest = current;
      }
    });
}

const weeklyHoursSchema = z.strictObject({
  mon: dayHoursSchema('mon'),
  tue: dayHoursSchema('tue'),
  wed: dayHoursSchema('wed'),
  thu: dayHoursSchema('thu'),
  fri: dayHoursSchema('fri'),
  sat: dayHoursSchema('sat'),
  sun: dayHoursSchema('sun'),
});

/** A real calendar date YYYY-MM-DD: 2026-02-30 is refused, not rolled into March. */
export function isExistingDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** A local calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
export const localDateSchema = z.string().refine(isExistingDate, {
  error: (issue) => `Invalid date '${String(issue.input)}': use an existing calendar date as YYYY-MM-DD`,
});

/** Holidays come back deduplicated and sorted, so equal calendars compare equal. */
const holidaysSchema = z
  .array(localDateSchema)
  .max(5000, 'At most 5000 holidays')
  .transform((dates) => [...new Set(dates)].sort());

export const calendarDefinitionSchema = z.strictObject({
  timeZone: timeZoneSchema,
  weeklyHours: weeklyHoursSchema,
  holidays: holidaysSchema,
});

/** A validated calendar: an IANA zone (case-normalised), seven days of ranges, sorted unique holidays. */
export type CalendarDefinition = z.infer<typeof calendarDefinitionSchema>;
export type CalendarDefinitionInput = z.input<typeof calendarDefinitionSchema>;

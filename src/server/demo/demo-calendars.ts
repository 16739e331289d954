// The demo's business calendars: each client's office hours in its own zone, its public holidays
// (fixed and weekday rules; observed-day shifts for weekend holidays are left out), and one 24×7.
import { Temporal } from 'temporal-polyfill';
import type { CalendarInput } from '../../shared/api/calendars.ts';
import { type ClientKey, clientSeeds, type StaffKey, slaTargets, staffSeeds } from './demo-data.ts';
import type { PlanContext } from './demo-tickets.ts';

type Hours = CalendarInput['weeklyHours'];
type Range = [string, string];

const weekdays = (range: Range, saturday: Range[] = []): Hours => ({
  mon: [range],
  tue: [range],
  wed: [range],
  thu: [range],
  fri: [range],
  sat: saturday,
  sun: [],
});

const allDay: Range[] = [['00:00', '24:00']];

/** Local date of the n-th (1-based) given weekday (1 = Monday … 7 = Sunday) of a month; n = -1 is the last. */
function nthWeekday(year: number, month: number, dayOfWeek: number, n: number): Temporal.PlainDate {
  if (n > 0) {
    const first = Temporal.PlainDate.from({ year, month, day: 1 });
    return first.add({ days: ((dayOfWeek - first.dayOfWeek + 7) % 7) + (n - 1) * 7 });
  }
  const last = Temporal.PlainDate.from({ year, month, day: 1 }).add({ months: 1 }).subtract({ days: 1 });
  return last.subtract({ days: (last.dayOfWeek - dayOfWeek + 7) % 7 });
}

/** Western Easter Sunday (the Gregorian computus). */
function easterSunday(year: number): Temporal.PlainDate {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCorrection = Math.floor(century / 4);
  const moonCorrection = Math.floor((century + 8) / 25);
  const moonOrbit = Math.floor((century - moonCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCorrection - moonOrbit + 15) % 30;
  const weekdayShift =
    (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const lateCorrection = Math.floor((golden + 11 * epact + 22 * weekdayShift) / 451);
  const dayCount = epact + weekdayShift - 7 * lateCorrection + 114;
  return Temporal.PlainDate.from({ year, month: Math.floor(dayCount / 31), day: (dayCount % 31) + 1 });
}

const on = (year: number, month: number, day: number) => Temporal.PlainDate.from({ year, month, day });

const holidayRules: Record<ClientKey, (year: number) => Temporal.PlainDate[]> = {
  dental: (y) => [
    on(y, 1, 1),
    nthWeekday(y, 5, 1, -1), // Memorial Day
    on(y, 7, 4),
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 11, 4, 4), // Thanksgiving
    on(y, 12, 24),
    on(y, 12, 25),
  ],
  law: (y) => [
    on(y, 1, 1),
    easterSunday(y).subtract({ days: 2 }),
    easterSunday(y).add({ days: 1 }),
    nthWeekday(y, 5, 1, 1), // Early May bank holiday
    nthWeekday(y, 5, 1, -1), // Spring bank holiday
    nthWeekday(y, 8, 1, -1), // Summer bank holiday
    on(y, 12, 25),
    on(y, 12, 26),
  ],
  architects: (y) => [
    on(y, 1, 1),
    on(y, 1, 2),
    on(y, 1, 29).add({ days: ((1 - on(y, 1, 29).dayOfWeek + 10) % 7) - 3 }), // Auckland Anniversary: nearest Monday
    on(y, 2, 6), // Waitangi Day
    easterSunday(y).subtract({ days: 2 }),
    easterSunday(y).add({ days: 1 }),
    on(y, 4, 25), // Anzac Day
    nthWeekday(y, 6, 1, 1), // King's Birthday
    nthWeekday(y, 10, 1, 4), // Labour Day
    on(y, 12, 25),
    on(y, 12, 26),
  ],
};

/** One office-closure day inside the demo's history, so a holiday visibly stops clocks there. */
const closureWeeksAgo: Record<ClientKey, number> = { dental: 3, law: 2, architects: 4 };

function clientCalendar(key: ClientKey, timeZone: string, name: string, now: Date): CalendarInput {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  const years = [today.year - 1, today.year, today.year + 1];
  // The Friday (a training day, a move) a few weeks back.
  const closure = today.subtract({ weeks: closureWeeksAgo[key] }).add({ days: 5 - today.dayOfWeek });
  const holidays = [...years.flatMap(holidayRules[key]), closure].map((date) => date.toString());
  const hours: Record<ClientKey, Hours> = {
    dental: weekdays(['07:00', '18:00'], [['08:00', '12:00']]),
    law: weekdays(['08:30', '18:00']),
    architects: weekdays(['08:00', '17:30']),
  };
  return { name, timeZone, weeklyHours: hours[key], holidays };
}

export const aroundTheClock: CalendarInput = {
  name: '24×7 (P1 incidents)',
  timeZone: 'UTC',
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
};

export { easterSunday };

/** The calendar each client's tickets are measured on, named as the demo creates it. */
export function demoCalendars(now: Date): Record<ClientKey, CalendarInput> {
  return Object.fromEntries(
    clientSeeds.map((c) => [c.key, clientCalendar(c.key, c.timeZone, `${c.name} office hours`, now)]),
  ) as Record<ClientKey, CalendarInput>;
}

/** What the ticket planner needs to know about the tenant: zones, calendars, targets, names. */
export function demoPlanContext(now: Date, calendars = demoCalendars(now)): PlanContext {
  return {
    now: now.getTime(),
    clients: clientSeeds.map((c) => ({
      key: c.key,
      timeZone: c.timeZone,
      weight: c.weight,
      calendar: calendars[c.key],
      targets: slaTargets[c.policy],
      contacts: c.contacts.map((contact) => contact.name),
    })),
    aroundTheClock,
    staffNames: Object.fromEntries(staffSeeds.map((s) => [s.key, s.name])) as Record<StaffKey, string>,
  };
}

// Weekly hours in the editor's terms: day names, presets, a one-line summary, time-of-day parsing.
import type { CalendarInput } from './settings-api.ts';

export type WeeklyHours = CalendarInput['weeklyHours'];
export type Weekday = keyof WeeklyHours;
export type Range = [string, string];

export const weekdays: { key: Weekday; name: string; short: string }[] = [
  { key: 'mon', name: 'Monday', short: 'Mon' },
  { key: 'tue', name: 'Tuesday', short: 'Tue' },
  { key: 'wed', name: 'Wednesday', short: 'Wed' },
  { key: 'thu', name: 'Thursday', short: 'Thu' },
  { key: 'fri', name: 'Friday', short: 'Fri' },
  { key: 'sat', name: 'Saturday', short: 'Sat' },
  { key: 'sun', name: 'Sunday', short: 'Sun' },
];

function weekdaysOnly(range: Range): WeeklyHours {
  return { mon: [range], tue: [range], wed: [range], thu: [range], fri: [range], sat: [], sun: [] };
}

export const hourPresets: { label: string; hours: () => WeeklyHours }[] = [
  { label: 'Office hours: Mon–Fri 08:00–17:00', hours: () => weekdaysOnly(['08:00', '17:00']) },
  { label: 'Extended: Mon–Fri 07:00–19:00', hours: () => weekdaysOnly(['07:00', '19:00']) },
  {
    label: 'Around the clock: 24×7',
    hours: () => {
      const all: Range[] = [['00:00', '24:00']];
      return { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all };
    },
  },
];

export const officeHours = (): WeeklyHours => weekdaysOnly(['08:00', '17:00']);

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function isClock(text: string): boolean {
  return CLOCK.test(text);
}

/** Lenient typing: "8" -> "08:00", "830" -> "08:30", "8.30" -> "08:30"; anything else is returned as typed. */
export function normalizeClock(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(trimmed);
  if (!match) return trimmed;
  const hours = match[1]!.padStart(2, '0');
  const candidate = `${hours}:${match[2] ?? '00'}`;
  return CLOCK.test(candidate) ? candidate : trimmed;
}

function rangesText(ranges: readonly (readonly [string, string])[]): string {
  if (ranges.length === 1 && ranges[0]![0] === '00:00' && ranges[0]![1] === '24:00') return 'all day';
  return ranges.map(([start, end]) => `${start}–${end}`).join(', ');
}

/** "Mon–Fri 08:00–17:00", "Mon–Sun all day", "Mon–Thu 08:00–17:00 · Fri 08:00–12:00". */
export function summarizeHours(hours: WeeklyHours): string {
  const groups: { from: string; to: string; text: string }[] = [];
  for (const day of weekdays) {
    const ranges = hours[day.key];
    if (ranges.length === 0) continue;
    const text = rangesText(ranges);
    const last = groups.at(-1);
    const previousDay = weekdays[weekdays.findIndex((candidate) => candidate.key === day.key) - 1];
    if (
      last &&
      last.text === text &&
      previousDay &&
      last.to === previousDay.short &&
      hours[previousDay.key].length
    ) {
      last.to = day.short;
    } else {
      groups.push({ from: day.short, to: day.short, text });
    }
  }
  if (groups.length === 0) return 'No business hours';
  return groups
    .map((group) => `${group.from === group.to ? group.from : `${group.from}–${group.to}`} ${group.text}`)
    .join(' · ');
}

/** Business minutes in one week, ignoring holidays and clock changes. */
export function weeklyMinutes(hours: WeeklyHours): number {
  const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  let total = 0;
  for (const day of weekdays) {
    for (const [start, end] of hours[day.key]) {
      if (isClock(start) && isClock(end)) total += Math.max(0, toMinutes(end) - toMinutes(start));
    }
  }
  return total;
}

// An independent, deliberately naive answer to "when are N business minutes up?", to check the UI against:
// step one minute at a time and count the minutes whose local wall clock falls inside the open hours.
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface SimpleCalendar {
  timeZone: string;
  weeklyHours: Partial<Record<Day, [string, string][]>>;
  holidays: string[];
}

const MINUTE = 60_000;
const days: Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function wallClock(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const weekday = days[new Date(`${date}T00:00:00Z`).getUTCDay()] as Day;
  return { date, weekday, minuteOfDay: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function isBusinessMinute(epochMs: number, calendar: SimpleCalendar): boolean {
  const { date, weekday, minuteOfDay } = wallClock(epochMs, calendar.timeZone);
  if (calendar.holidays.includes(date)) return false;
  return (calendar.weeklyHours[weekday] ?? []).some(
    ([start, end]) => minuteOfDay >= toMinutes(start) && minuteOfDay < toMinutes(end),
  );
}

/** The instant the `minutes`-th business minute after `fromMs` ends. */
export function expectedDue(fromMs: number, minutes: number, calendar: SimpleCalendar): Date {
  let counted = 0;
  for (let t = fromMs; t < fromMs + 400 * 86_400_000; t += MINUTE) {
    if (isBusinessMinute(t, calendar) && ++counted === minutes) return new Date(t + MINUTE);
  }
  throw new Error('no business time within 400 days');
}

/** The app's way of writing an instant ("Tue 1 Sep 2026, 10:00"), spelled out again for the assertion. */
export function asShown(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

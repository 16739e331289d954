// Formatting of instants and durations. Instants are UTC ISO strings; zones are IANA names.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = dateTimeFormats.get(key);
  if (!format) {
    // en-US parts: its short names ("Sep", "Tue") are stable across ICU versions, unlike en-GB's "Sept".
    format = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * "Mon 28 Dec 2026, 09:00" in the given zone (the browser's when omitted), "… 09:00 GMT" with the zone's
 * abbreviation. Assembled from parts so every browser (and ICU version) writes it the same way.
 */
export function formatDateTime(iso: string | Date, timeZone?: string, withZone = false): string {
  const parts = dateTimeFormat(timeZone).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const text = `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
  return withZone ? `${text} ${get('timeZoneName')}` : text;
}

/** "Mon 31 Aug 2026" for a plain "YYYY-MM-DD" date. */
export function formatDate(date: string): string {
  const parsed = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed)) return date;
  return formatDateTime(new Date(parsed), 'UTC').split(',')[0] ?? date;
}

/** "in 42 min", "3 h ago", "just now"; older than two months falls back to the date. */
export function formatRelative(iso: string | Date, now: number = Date.now()): string {
  const at = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  const diff = at - now;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  if (minutes < 1) return 'just now';
  let amount: string;
  if (minutes < 60) amount = `${minutes} min`;
  else if (minutes < 48 * 60) amount = `${Math.round(minutes / 60)} h`;
  else if (minutes < 60 * 24 * 60) amount = `${Math.round(minutes / (24 * 60))} d`;
  else
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
  return diff > 0 ? `in ${amount}` : `${amount} ago`;
}

/**
 * Business minutes as people say them: "45 min", "4 h", "2 h 30 min", "3 d 4 h" (d = 24 h); `zero` for
 * none (or a value that is not a positive number).
 */
export function formatMinutes(total: number, zero = '—'): string {
  if (!Number.isFinite(total) || total <= 0) return zero;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`].filter(Boolean);
  return parts.join(' ');
}

/** The browser's own zone, for defaults. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function wallClockParts(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The zone's UTC offset in ms at an instant, learned from Intl (no Temporal needed in the browser bundle). */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = wallClockParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(epochMs / 60_000) * 60_000;
}

/**
 * The instant a wall-clock "YYYY-MM-DDTHH:MM" reads in a zone, disambiguated like Temporal's "compatible":
 * a time skipped by a spring-forward moves forward by the gap, a repeated fall-back time takes the earlier.
 */
export function zonedWallTimeToInstant(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force a day either side; keep the earliest candidate that reads back as `wall`.
  const candidates = [offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone)]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (offsetAt(candidate, timeZone) === wall - candidate) return new Date(candidate);
  }
  // In a gap no candidate reads back; applying the offset from before the gap moves the time forward by it.
  return new Date(Math.max(...candidates));
}

/** "YYYY-MM-DDTHH:MM" of an instant in a zone, for datetime-local inputs. */
export function instantToZonedWallTime(epochMs: number, timeZone: string): string {
  const p = wallClockParts(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

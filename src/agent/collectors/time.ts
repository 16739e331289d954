// Log times: Linux logs write local wall-clock time without an offset, so they are read in the machine's zone.
import { Temporal } from 'temporal-polyfill';

/**
 * "2025-06-24  14:36:25" or "2025-06-24T14:36:25.123" in `timeZone` → a UTC instant. In the hour a DST change
 * repeats, the earlier reading is taken (a log cannot tell which was meant); a skipped hour moves forward.
 */
export function localTimeToInstant(text: string, timeZone: string): string | null {
  const match = text.trim().match(/^(\d{4}-\d{2}-\d{2})[ T]+(\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/);
  if (!match) return null;
  try {
    const local = Temporal.PlainDateTime.from(`${match[1]}T${match[2]}`);
    return formatInstant(local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).toInstant());
  } catch {
    return null;
  }
}

/** An instant with its own offset (or Z), any sub-second precision, or .NET's "/Date(ms)/" → ISO UTC. */
export function toInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const dotNet = value.match(/^\/Date\((-?\d+)\)\/$/);
  if (dotNet) return new Date(Number(dotNet[1])).toISOString();
  try {
    // Temporal wants a colon in the offset; journalctl's short-iso writes +0200.
    const normalized = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    return formatInstant(Temporal.Instant.from(normalized));
  } catch {
    return null;
  }
}

/** Milliseconds are enough for logs, and one format keeps reports comparable. */
function formatInstant(instant: Temporal.Instant): string {
  return new Date(instant.epochMilliseconds).toISOString();
}

/** "YYYY-MM-DD HH:MM:SS" in `timeZone`, the form `last --since` reads. */
export function formatLocalTime(at: Date, timeZone: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime();
  return local.toString({ smallestUnit: 'second' }).replace('T', ' ');
}

/** Days since 1970-01-01 (as /etc/shadow counts) → "YYYY-MM-DD". */
export function epochDaysToDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

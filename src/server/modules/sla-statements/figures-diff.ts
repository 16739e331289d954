// Where two statements' figures differ, as JSON paths ("clocks[3].outcome"). Ticket titles are left out:
// a title edited after the close is not a different figure.
const IGNORED = new Set(['ticketTitle']);
const MAX_DIFFERENCES = 50;

export function differences(stored: unknown, fresh: unknown): string[] {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (found.length >= MAX_DIFFERENCES) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) found.push(`${path}.length`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!IGNORED.has(key)) walk(a[key], b[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (a !== b) found.push(path);
  };
  walk(stored, fresh, '');
  return found;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

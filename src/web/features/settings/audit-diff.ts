// What an audit event changed: the fields whose value differs between its before and after snapshots.
import { canonicalJson } from '../../../shared/canonical-json.ts';

export interface FieldChange {
  field: string;
  /** Display text; '—' when the field was absent on that side. */
  before: string;
  after: string;
}

/** The row for snapshots that are not objects (a list of ids for a bulk action, a bare value). */
export const WHOLE_VALUE = '(value)';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings as they are, everything else as compact JSON; '—' for a field that was not there. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return canonicalJson(value);
}

/**
 * The fields that differ, in the order they first appear (before's keys, then keys only after has). A
 * create lists every field of after, a delete every field of before.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return canonicalJson(before ?? null) === canonicalJson(after ?? null)
      ? []
      : [
          {
            field: WHOLE_VALUE,
            before: hasBefore ? formatValue(before) : '—',
            after: hasAfter ? formatValue(after) : '—',
          },
        ];
  }
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields
    .filter((field) => {
      const [a, b] = [left[field], right[field]];
      return a === undefined || b === undefined ? a !== b : canonicalJson(a) !== canonicalJson(b);
    })
    .map((field) => ({ field, before: formatValue(left[field]), after: formatValue(right[field]) }));
}

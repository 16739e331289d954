import { describe, expect, it } from 'vitest';
import { changedFields, formatValue, WHOLE_VALUE } from './audit-diff.ts';

describe('changedFields', () => {
  it.each([
    [
      'only the fields that differ, strings as they are',
      { id: 't1', status: 'new', title: 'Printer' },
      { id: 't1', status: 'open', title: 'Printer' },
      [{ field: 'status', before: 'new', after: 'open' }],
    ],
    [
      'nested values as compact JSON, equal whatever their key order',
      { hours: { mon: [['09:00', '17:00']], tue: [] }, tags: { a: 1, b: 2 } },
      { hours: { mon: [['08:00', '17:00']], tue: [] }, tags: { b: 2, a: 1 } },
      [
        {
          field: 'hours',
          before: '{"mon":[["09:00","17:00"]],"tue":[]}',
          after: '{"mon":[["08:00","17:00"]],"tue":[]}',
        },
      ],
    ],
    [
      'a field added or removed shows — on the side without it; null is a value',
      { note: 'Driver', assigneeId: null },
      { assigneeId: 'm1', minutes: 30 },
      [
        { field: 'note', before: 'Driver', after: '—' },
        { field: 'assigneeId', before: 'null', after: 'm1' },
        { field: 'minutes', before: '—', after: '30' },
      ],
    ],
    [
      'a create lists every field of after',
      null,
      { name: 'Training', active: true },
      [
        { field: 'name', before: '—', after: 'Training' },
        { field: 'active', before: '—', after: 'true' },
      ],
    ],
    [
      'a delete lists every field of before',
      { name: '' },
      null,
      [{ field: 'name', before: '""', after: '—' }],
    ],
    [
      'snapshots that are not objects compare whole',
      ['t1', 't2'],
      ['t1'],
      [{ field: WHOLE_VALUE, before: '["t1","t2"]', after: '["t1"]' }],
    ],
    ['nothing before or after', null, null, []],
    ['nothing changed', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
  ])('%s', (_name, before, after, expected) => {
    expect(changedFields(before, after)).toEqual(expected);
  });
});

describe('formatValue', () => {
  it('shows absent as —, strings bare, and the rest as JSON', () => {
    expect([undefined, 'x', 3, false, null, { b: 1, a: [2] }].map(formatValue)).toEqual([
      '—',
      'x',
      '3',
      'false',
      'null',
      '{"a":[2],"b":1}',
    ]);
  });
});

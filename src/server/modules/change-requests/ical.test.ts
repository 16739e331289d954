import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtc, renderCalendar } from './ical.ts';

describe('iCalendar text', () => {
  it.each([
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nthree', 'two\\nlines\\nthree'],
    ['plain', 'plain'],
  ])('escapes %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('folds at 75 octets, continuation lines starting with a space, never inside a character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
    expect(pieces.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('short')).toBe('short');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('writes instants in UTC', () => {
    expect(formatUtc(new Date('2026-03-29T00:30:00+01:00'))).toBe('20260328T233000Z');
  });

  it('renders a calendar with CRLF endings', () => {
    const text = renderCalendar({
      name: 'Harbour, Dental',
      productId: '-//Accord//Test//EN',
      events: [
        {
          uid: 'x@host',
          start: new Date('2026-03-02T09:00:00Z'),
          end: new Date('2026-03-02T11:00:00Z'),
          stamp: new Date('2026-03-01T00:00:00Z'),
          summary: 'CR-1: Patch',
          description: 'Assets: A',
        },
      ],
    });
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Accord//Test//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Harbour\\, Dental',
      'BEGIN:VEVENT',
      'UID:x@host',
      'DTSTAMP:20260301T000000Z',
      'DTSTART:20260302T090000Z',
      'DTEND:20260302T110000Z',
      'SUMMARY:CR-1: Patch',
      'DESCRIPTION:Assets: A',
      'TRANSP:OPAQUE',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });
});

// Reading a change request sent by mail: the subject, the form's fields, and the window in its zone.
import { describe, expect, it } from 'vitest';
import { readRequestForm, readWindow, requestTitle } from './request-mail.ts';

const form = (overrides: Record<string, string | null> = {}) => {
  const fields: Record<string, string | null> = {
    Client: 'Harbour Dental',
    Assets: 'HD-SRV01, HD-WS02',
    Window: '2026-12-01 22:00 to 2026-12-02 01:00 Europe/London',
    Risk: 'Medium',
    Emergency: 'no',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== null)
    .map(([label, value]) => `${label}: ${value}`);
  return [
    ...lines,
    'Description:',
    'Install the Dentrix 24.2 update.',
    'Then restart the services.',
    'Back-out plan: Restore the snapshot.',
    '',
    '-- ',
    'Mark Ellison, Henry Schein One',
  ].join('\n');
};

describe('a change request by mail', () => {
  it.each([
    ['Change request: Upgrade Dentrix', 'Upgrade Dentrix'],
    ['CHANGE REQUEST:Upgrade', 'Upgrade'],
    ['  change request :  Patch SQL  ', 'Patch SQL'],
    ['Re: Change request: Upgrade Dentrix', null],
    ['Changed request: x', null],
    ['Printer offline', null],
  ])('reads the subject %j as %j', (subject, title) => {
    expect(requestTitle(subject)).toBe(title);
  });

  it('reads every field, values running over lines, and stops at the signature', () => {
    expect(readRequestForm(form())).toEqual({
      clientName: 'Harbour Dental',
      assetNames: ['HD-SRV01', 'HD-WS02'],
      form: {
        clientName: 'Harbour Dental',
        assetNames: ['HD-SRV01', 'HD-WS02'],
        // 22:00 in London in December is 22:00 UTC.
        windowStart: '2026-12-01T22:00:00Z',
        windowEnd: '2026-12-02T01:00:00Z',
        risk: 'medium',
        emergency: false,
        description: 'Install the Dentrix 24.2 update.\nThen restart the services.',
        backOutPlan: 'Restore the snapshot.',
      },
      problems: [],
    });
  });

  it.each([
    ['2026-07-01 22:00 to 2026-07-02 01:00 Europe/London', '2026-07-01T21:00:00Z', '2026-07-02T00:00:00Z'],
    ['2026-07-01 9:30 – 2026-07-01 11:00 UTC', '2026-07-01T09:30:00Z', '2026-07-01T11:00:00Z'],
    ['2026-07-01T09:30 until 2026-07-01T11:00 +02:00', '2026-07-01T07:30:00Z', '2026-07-01T09:00:00Z'],
    ['2026-03-29 00:30 - 2026-03-29 02:30 America/New_York', '2026-03-29T04:30:00Z', '2026-03-29T06:30:00Z'],
  ])('reads the window %j in its zone', (text, start, end) => {
    expect(readWindow(text)).toEqual({ start, end });
  });

  it.each([
    ['2026-07-01 22:00 to 2026-07-02 01:00', 'name the time zone'],
    ['2026-07-01 22:00 to 2026-07-02 01:00 Mars/Olympus', 'is not a time zone'],
    ['tomorrow night', 'write it as'],
    ['2026-07-01 to 2026-07-02 UTC', 'a date and a time'],
    ['2026-02-30 10:00 to 2026-02-30 11:00 UTC', 'is not a time zone, or a date or time is not one'],
  ])('refuses the window %j, saying why', (text, words) => {
    expect(readWindow(text)).toContain(words);
  });

  it('names every missing or unreadable field at once', () => {
    const reading = readRequestForm(form({ Client: null, Risk: 'huge', Emergency: 'maybe', Window: 'soon' }));
    expect(reading).toMatchObject({ form: null, clientName: '', assetNames: ['HD-SRV01', 'HD-WS02'] });
    expect(reading.problems).toEqual([
      'Client: missing.',
      'Window: write it as "2026-12-01 22:00 to 2026-12-02 01:00 Europe/London".',
      'Risk: low, medium or high.',
      'Emergency: yes or no.',
    ]);
    expect(readRequestForm('Hello, can we patch the server tonight?').problems).toEqual([
      'Client: missing.',
      'Assets: missing.',
      'Window: missing.',
      'Risk: missing.',
      'Description: missing.',
      'Back-out plan: missing.',
    ]);
  });

  it('takes an emergency declared with yes, and leaves out quoted earlier mail', () => {
    const text = `${form({ Emergency: 'Yes' }).split('\n-- ')[0]}\n> Client: Someone Else\n`;
    expect(readRequestForm(text).form).toMatchObject({ emergency: true, clientName: 'Harbour Dental' });
  });
});

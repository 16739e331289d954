import { describe, expect, it } from 'vitest';
import {
  type CoverageHoldLetterInput,
  conditionLines,
  renderCoverageHoldLetter,
} from './coverage-hold-letter.ts';
import { flatText, pageRuns, pageTexts } from './letter-text.ts';

function buildHoldInput(overrides: Partial<CoverageHoldLetterInput> = {}): CoverageHoldLetterInput {
  return {
    mspName: 'Bluewave IT Services',
    clientName: 'Lakeside Family Dental',
    clientAddress: '14 Harbour Road\nPortland, ME 04101',
    assetName: 'LFD-SQL01',
    vendorName: 'Henry Schein One',
    placedOn: '2026-11-12',
    reason: 'Three times this month the database was upgraded outside an approved window.',
    incidents: [
      {
        label: '#1042 Changes outside an approved window on LFD-SQL01',
        detail: '3 changes, 2 h 30 min of clean-up',
      },
      { label: '#1057 Database service restarted during clinic hours', detail: '1 change, 45 min' },
    ],
    conditions: { loaSigned: true, rulesAcknowledged: true, cleanDays: 30 },
    ...overrides,
  };
}

const firstPageLines = async (input: CoverageHoldLetterInput) =>
  pageTexts(await renderCoverageHoldLetter(input))[0]!.split('\n');

describe('renderCoverageHoldLetter', () => {
  it('is from the MSP to the client, dated in words, about the asset and the vendor', async () => {
    const pdf = await renderCoverageHoldLetter(buildHoldInput());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flatText(pdf);
    expect(text).toContain('12 November 2026');
    expect(text).toContain('Bluewave IT Services Lakeside Family Dental 14 Harbour Road Portland, ME 04101');
    expect(text).toContain('Coverage hold on LFD-SQL01');
    expect(text).toContain('Asset LFD-SQL01 Vendor Henry Schein One On hold from 12 November 2026');
    expect(text).toContain('Page 1 of 1');
  });

  it('says from when the asset is off managed service and that work on it is billed citing the hold', async () => {
    const text = flatText(await renderCoverageHoldLetter(buildHoldInput()));
    expect(text).toContain(
      'From 12 November 2026, LFD-SQL01 is on a coverage hold: it is off our managed service because ' +
        'changes have been made to it through Henry Schein One outside an approved window.',
    );
    expect(text).toContain(
      'work we do on it is billed at your agreement’s rates, and each charge cites this hold',
    );
    expect(text).toMatch(/Yours sincerely, Bluewave IT Services/);
  });

  it('prints the reason as given, a line break staying a line break', async () => {
    const reason = 'Upgraded on 3 November.\nRestarted on 9 November.\n\nBoth outside an approved window.';
    const lines = await firstPageLines(buildHoldInput({ reason }));
    const why = lines.indexOf('Why');
    expect(why).toBeGreaterThan(0);
    for (const line of reason.split('\n').filter(Boolean)) expect(lines.slice(why)).toContain(line);
  });

  it('lists every condition as a checklist under What brings it back', async () => {
    const lines = await firstPageLines(buildHoldInput());
    const heading = lines.indexOf('What brings it back');
    expect(lines.slice(heading)).toEqual(
      expect.arrayContaining([
        'Henry Schein One holds a signed Letter of Agency from you',
        'Henry Schein One has acknowledged our rules of engagement',
        '30 days without changes outside an approved window on LFD-SQL01',
      ]),
    );
    expect(flatText(await renderCoverageHoldLetter(buildHoldInput()))).toContain(
      'The hold lifts by itself, and LFD-SQL01 returns to managed service, once all of these are true:',
    );
  });

  it('lists only the conditions set, in the singular for one', async () => {
    const input = buildHoldInput({
      conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 1 },
    });
    const text = flatText(await renderCoverageHoldLetter(input));
    expect(text).toContain(
      'once this is true: 1 day without changes outside an approved window on LFD-SQL01',
    );
    expect(text).not.toContain('Letter of Agency');
    expect(text).not.toContain('rules of engagement');
  });

  it('says the hold is lifted by agreement when it has no conditions', async () => {
    const input = buildHoldInput({
      conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 0 },
    });
    const text = flatText(await renderCoverageHoldLetter(input));
    expect(text).toContain(
      'We will lift the hold once we agree with you that Henry Schein One works under the agreement.',
    );
    expect(text).not.toContain('lifts by itself');
  });

  it('lists the incidents in a table under their heading, one row per incident', async () => {
    const lines = await firstPageLines(buildHoldInput());
    const heading = lines.indexOf('Incidents');
    expect(heading).toBeGreaterThan(lines.indexOf('Why'));
    expect(heading).toBeLessThan(lines.indexOf('What brings it back'));
    expect(lines.slice(heading, lines.indexOf('What brings it back'))).toEqual([
      'Incidents',
      'Incident',
      'What it shows',
      '#1042 Changes outside an approved window on LFD-SQL01',
      '3 changes, 2 h 30 min of clean-up',
      '#1057 Database service restarted during clinic hours',
      '1 change, 45 min',
    ]);
  });

  it('has no Incidents section when none are cited', async () => {
    const lines = await firstPageLines(buildHoldInput({ incidents: [] }));
    expect(lines).not.toContain('Incidents');
    expect(lines).not.toContain('Incident');
    expect(lines).toContain('What brings it back');
  });

  it('carries a long incidents table onto further pages with its header again, every page numbered', async () => {
    const incidents = Array.from({ length: 70 }, (_, index) => ({
      label: `#${2000 + index} Changes outside an approved window`,
      detail: `${index + 1} changes`,
    }));
    const pdf = await renderCoverageHoldLetter(buildHoldInput({ incidents }));
    const pages = pageRuns(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((runs, index) => {
      expect(runs.filter((run) => run.y < 70).map((run) => run.text)).toEqual([
        'Bluewave IT Services · Coverage hold on LFD-SQL01',
        `Page ${index + 1} of ${pages.length}`,
      ]);
    });
    expect(pageTexts(pdf)[1]!.split('\n')).toContain('Incident');
    const text = flatText(pdf);
    for (const row of incidents) expect(text).toContain(row.label);
    expect(text).toContain('Yours sincerely');
  });

  it('prints characters the standard fonts lack as their nearest letter or "?", without failing', async () => {
    const pdf = await renderCoverageHoldLetter(
      buildHoldInput({
        clientName: 'Klinika Łódź',
        reason: 'Changed on “Monday” 🙁',
        incidents: [{ label: '#1 Ośrodek 🦷', detail: '' }],
      }),
    );
    const text = flatText(pdf);
    expect(text).toContain('Klinika Lódz');
    expect(text).toContain('Changed on “Monday” ?');
    expect(text).toContain('#1 Osrodek ?');
  });

  it('gives the same bytes for the same hold', async () => {
    const [first, second] = await Promise.all([
      renderCoverageHoldLetter(buildHoldInput()),
      renderCoverageHoldLetter(buildHoldInput()),
    ]);
    expect(first.equals(second)).toBe(true);
  });
});

describe('conditionLines', () => {
  it('gives one sentence per condition set, none for a hold lifted only by hand', () => {
    const base = { assetName: 'LFD-SQL01', vendorName: 'Henry Schein One' };
    expect(
      conditionLines({ ...base, conditions: { loaSigned: false, rulesAcknowledged: true, cleanDays: 0 } }),
    ).toEqual(['Henry Schein One has acknowledged our rules of engagement']);
    expect(
      conditionLines({ ...base, conditions: { loaSigned: false, rulesAcknowledged: false, cleanDays: 0 } }),
    ).toEqual([]);
  });
});

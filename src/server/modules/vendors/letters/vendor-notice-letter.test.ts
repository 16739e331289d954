import { describe, expect, it } from 'vitest';
import { defaultVendorNoticeText, durationText } from '../../../../shared/vendor-letter-text.ts';
import { flatText, pageRuns, pageTexts } from './letter-text.ts';
import { renderVendorNoticeLetter, type VendorNoticeLetterInput } from './vendor-notice-letter.ts';

const facts = {
  mspName: 'Bluewave IT Services',
  clientName: 'Lakeside Family Dental',
  vendorName: 'Henry Schein One',
  incidentCount: 2,
  minutes: 150,
};

function buildNoticeInput(overrides: Partial<VendorNoticeLetterInput> = {}): VendorNoticeLetterInput {
  return {
    mspName: 'Bluewave IT Services',
    clientName: 'Lakeside Family Dental',
    clientAddress: '14 Harbour Road\nPortland, ME 04101',
    vendorName: 'Henry Schein One',
    givenOn: '2026-11-22',
    text: defaultVendorNoticeText(facts),
    evidence: [
      {
        label: 'T-1042 Vendor incident: DENTAL-SQL01',
        detail: '3 changes outside an approved window, 2 h 30 min of clean-up',
      },
      { label: 'T-1057 Vendor incident: FRONT-02', detail: '1 change outside an approved window, 45 min' },
    ],
    ...overrides,
  };
}

describe('renderVendorNoticeLetter', () => {
  it('is from the MSP to the client, dated in words, about the vendor', async () => {
    const pdf = await renderVendorNoticeLetter(buildNoticeInput());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flatText(pdf);
    expect(text).toContain('22 November 2026');
    expect(text).toContain('Bluewave IT Services Lakeside Family Dental');
    expect(text).toContain('Lakeside Family Dental 14 Harbour Road Portland, ME 04101');
    expect(text).toContain('Vendor Henry Schein One');
    expect(text).toContain('Page 1 of 1');
  });

  it('prints the body as given, a line break staying a line break', async () => {
    const body = 'Dear Lakeside,\n\nSomething happened.\nOn two lines.\n\nKind regards,\nBluewave';
    const runs = pageTexts(await renderVendorNoticeLetter(buildNoticeInput({ text: body })))[0]!.split('\n');
    for (const line of body.split('\n').filter(Boolean)) expect(runs).toContain(line);
  });

  it('lists the evidence in a table under its heading, one row per record', async () => {
    const runs = pageTexts(await renderVendorNoticeLetter(buildNoticeInput()))[0]!.split('\n');
    const heading = runs.indexOf('Evidence');
    expect(heading).toBeGreaterThan(runs.indexOf('Bluewave IT Services', 1));
    expect(runs.slice(heading)).toEqual(
      expect.arrayContaining([
        'Record',
        'What it shows',
        'T-1042 Vendor incident: DENTAL-SQL01',
        '3 changes outside an approved window, 2 h 30 min of clean-up',
        'T-1057 Vendor incident: FRONT-02',
        '1 change outside an approved window, 45 min',
      ]),
    );
  });

  it('has no Evidence section when there is no evidence', async () => {
    const runs = pageTexts(await renderVendorNoticeLetter(buildNoticeInput({ evidence: [] })))[0]!.split(
      '\n',
    );
    expect(runs).not.toContain('Evidence');
    expect(runs).not.toContain('Record');
  });

  it('carries a long table onto further pages with its header again, every page numbered', async () => {
    const evidence = Array.from({ length: 80 }, (_, index) => ({
      label: `T-${2000 + index} Vendor incident: a machine with a rather long name`,
      detail: `${index + 1} changes outside an approved window`,
    }));
    const pdf = await renderVendorNoticeLetter(buildNoticeInput({ evidence }));
    const pages = pageRuns(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((runs, index) => {
      const texts = runs.map((run) => run.text);
      expect(texts).toContain('Record');
      expect(runs.filter((run) => run.y < 70).map((run) => run.text)).toEqual([
        'Bluewave IT Services · Vendor notice to Lakeside Family Dental',
        `Page ${index + 1} of ${pages.length}`,
      ]);
    });
    const text = flatText(pdf);
    for (const row of evidence) expect(text).toContain(row.detail);
  });

  it('prints characters the standard fonts lack as their nearest letter or "?", without failing', async () => {
    const pdf = await renderVendorNoticeLetter(
      buildNoticeInput({
        clientName: 'Klinika Łódź',
        text: 'Changes on “Monday” 🙁 at Łódź.',
        evidence: [{ label: 'T-1 Ośrodek 🦷', detail: 'one change' }],
      }),
    );
    const text = flatText(pdf);
    expect(text).toContain('Klinika Lódz');
    expect(text).toContain('Changes on “Monday” ? at Lódz.');
    expect(text).toContain('T-1 Osrodek ?');
  });

  it('gives the same bytes for the same notice', async () => {
    const [first, second] = await Promise.all([
      renderVendorNoticeLetter(buildNoticeInput()),
      renderVendorNoticeLetter(buildNoticeInput()),
    ]);
    expect(first.equals(second)).toBe(true);
  });
});

describe('defaultVendorNoticeText', () => {
  it('states the incidents and their time, and that clean-up is billable from the notice on', () => {
    const text = defaultVendorNoticeText(facts);
    expect(text).toMatch(/^Dear Lakeside Family Dental,\n\n/);
    expect(text).toContain('Our records show 2 occasions on which changes were made to your systems');
    expect(text).toContain("outside an approved window, through Henry Schein One's accounts");
    expect(text).toContain('took our team 2 h 30 min in total');
    expect(text).toContain('From the date of this notice');
    expect(text).toContain('billable under our agreement');
    expect(text).toMatch(/Yours sincerely,\nBluewave IT Services$/);
  });

  it('speaks of one occasion in the singular and leaves out the time when none was logged', () => {
    const text = defaultVendorNoticeText({ ...facts, incidentCount: 1, minutes: 0 });
    expect(text).toContain('Our records show one occasion on which changes were made');
    expect(text).not.toContain('took our team');
  });
});

describe('durationText', () => {
  it.each([
    [45, '45 min'],
    [60, '1 h'],
    [150, '2 h 30 min'],
    [0, '0 min'],
  ])('%i minutes read "%s"', (minutes, expected) => {
    expect(durationText(minutes)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultLoaScope } from '../../../../shared/vendor-letter-text.ts';
import { flatText, pageRuns, pageTexts } from './letter-text.ts';
import { expirySentence, type LoaLetterInput, renderLoaLetter } from './loa-letter.ts';

function buildLoaInput(overrides: Partial<LoaLetterInput> = {}): LoaLetterInput {
  return {
    mspName: 'Bluewave IT Services',
    clientName: 'Lakeside Family Dental',
    clientAddress: '14 Harbour Road\nPortland, ME 04101',
    vendorName: 'Henry Schein One',
    product: 'Dentrix',
    supportContract: 'Premier #4471',
    scope: defaultLoaScope('Bluewave IT Services', 'Henry Schein One', 'Dentrix'),
    issuedOn: '2026-11-22',
    expiresOn: '2027-11-21',
    signerName: 'Dr. Maria Chen',
    signerTitle: 'Practice Owner',
    ...overrides,
  };
}

/** `count` words in paragraphs of 200, the last word of the last paragraph "scope-ends-here". */
function longScope(count: number): string {
  const words: string[] = Array.from({ length: count }, (_, index) =>
    index % 11 === 0 ? 'zephyr' : 'quokka',
  );
  words[count - 1] = 'scope-ends-here';
  const paragraphs: string[] = [];
  for (let start = 0; start < count; start += 200) paragraphs.push(words.slice(start, start + 200).join(' '));
  return paragraphs.join('\n\n');
}

/** Every page numbered, and nothing but the footer near the bottom or the running header near the top. */
function expectCleanPages(pdf: Buffer): void {
  const pages = pageRuns(pdf);
  expect(pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)).toHaveLength(pages.length);
  pages.forEach((runs, index) => {
    const footer = runs.filter((run) => run.y < 70).map((run) => run.text);
    expect(footer).toEqual([
      'Lakeside Family Dental · Letter of Agency to Henry Schein One',
      `Page ${index + 1} of ${pages.length}`,
    ]);
    const header = runs.filter((run) => run.y > 770).map((run) => run.text);
    if (index > 0) {
      expect(header).toEqual(['Lakeside Family Dental', 'Letter of Agency to Henry Schein One (continued)']);
    }
  });
}

describe('renderLoaLetter', () => {
  it('names the client, the agent, the vendor, the product and the support contract', async () => {
    const pdf = await renderLoaLetter(buildLoaInput());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flatText(pdf);
    expect(text).toContain('Letter of Agency');
    expect(text).toContain('22 November 2026');
    expect(text).toContain('14 Harbour Road Portland, ME 04101');
    expect(text).toContain(
      'We, Lakeside Family Dental, authorize Bluewave IT Services to act as our agent with Henry Schein One ' +
        'for Dentrix, under our support contract Premier #4471, as set out below.',
    );
    expect(text).toContain('Support contract Premier #4471');
    expect(text).toContain('Signed for and on behalf of Lakeside Family Dental');
  });

  it('fits the default letter, signature lines included, on one page', async () => {
    const pdf = await renderLoaLetter(buildLoaInput());
    expect(pageTexts(pdf)).toHaveLength(1);
    expect(flatText(pdf)).toContain('Page 1 of 1');
    expectCleanPages(pdf);
  });

  it('prints the scope as given, paragraph by paragraph', async () => {
    const scope = 'First: open tickets with the vendor.\n\nSecond: receive\nlicence information.';
    const runs = pageTexts(await renderLoaLetter(buildLoaInput({ scope })))[0]!.split('\n');
    expect(runs).toContain('First: open tickets with the vendor.');
    expect(runs).toContain('Second: receive');
    expect(runs).toContain('licence information.');
  });

  it('falls back to the default scope when the scope is blank', async () => {
    const text = flatText(await renderLoaLetter(buildLoaInput({ scope: '  \n\n ' })));
    expect(text).toContain('only inside a change window it has approved');
  });

  it('says until when the authorization is in force, or that it lasts until revoked', async () => {
    const dated = flatText(await renderLoaLetter(buildLoaInput({ expiresOn: '2027-11-21' })));
    expect(dated).toContain(
      'This authorization remains in force until 21 November 2027 unless revoked in writing earlier.',
    );
    const open = flatText(await renderLoaLetter(buildLoaInput({ expiresOn: null })));
    expect(open).toContain('This authorization remains in force until revoked in writing.');
    expect(open).not.toContain('unless revoked');
  });

  it('leaves out the contract when there is none', async () => {
    const text = flatText(await renderLoaLetter(buildLoaInput({ supportContract: null })));
    expect(text).toContain('as our agent with Henry Schein One for Dentrix, as set out below.');
    expect(text).not.toContain('Support contract');
  });

  it('pre-prints the signer over the lines when known, and leaves the lines blank when not', async () => {
    const signed = pageRuns(await renderLoaLetter(buildLoaInput()))[0]!.map((run) => run.text);
    expect(signed).toEqual(expect.arrayContaining(['Dr. Maria Chen', 'Practice Owner']));
    for (const label of ['Name', 'Title', 'Signature', 'Date']) expect(signed).toContain(label);

    const blank = await renderLoaLetter(buildLoaInput({ signerName: null, signerTitle: null }));
    const blankRuns = pageRuns(blank)[0]!.map((run) => run.text);
    expect(blankRuns).not.toContain('Dr. Maria Chen');
    for (const label of ['Name', 'Title', 'Signature', 'Date']) expect(blankRuns).toContain(label);
  });

  it('flows a 6,000-word scope over further pages, each numbered, the signature lines on the last', async () => {
    const pdf = await renderLoaLetter(buildLoaInput({ scope: longScope(6000) }));
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[1]).toContain(`Page 2 of ${pages.length}`);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(flatText(pdf).match(/\b(zephyr|quokka|scope-ends-here)\b/g)).toHaveLength(6000);
    expect(pages.at(-1)).toContain('Signed for and on behalf of Lakeside Family Dental');
    expectCleanPages(pdf);
  });

  it('numbers a letter that just runs over "Page 1 of 2" and "Page 2 of 2"', async () => {
    const pdf = await renderLoaLetter(buildLoaInput({ scope: longScope(600) }));
    const pages = pageTexts(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Page 1 of 2');
    expect(pages[1]).toContain('Page 2 of 2');
    expectCleanPages(pdf);
  });

  it('prints characters the standard fonts lack as their nearest letter or "?", without failing', async () => {
    const pdf = await renderLoaLetter(
      buildLoaInput({
        clientName: 'Klinika Łódź',
        signerName: 'Zoë “Doc” Nowak 🦷',
        scope: 'We trust them — “fully” — with Dentrix™ 🦷.',
      }),
    );
    const text = flatText(pdf);
    expect(text).toContain('We, Klinika Lódz, authorize');
    expect(text).toContain('Zoë “Doc” Nowak ?');
    expect(text).toContain('We trust them — “fully” — with Dentrix™ ?.');
  });

  it('gives the same bytes for the same letter', async () => {
    const [first, second] = await Promise.all([
      renderLoaLetter(buildLoaInput()),
      renderLoaLetter(buildLoaInput()),
    ]);
    expect(first.equals(second)).toBe(true);
  });

  it('can be printed on US Letter', async () => {
    const pdf = await renderLoaLetter(buildLoaInput(), { pageSize: 'LETTER' });
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 612 792]');
  });
});

describe('expirySentence', () => {
  it('dates the end in words', () => {
    expect(expirySentence('2027-01-05')).toBe(
      'This authorization remains in force until 5 January 2027 unless revoked in writing earlier.',
    );
  });
});

describe('defaultLoaScope', () => {
  it('names the MSP, the vendor and the product, and ties changes to approved windows', () => {
    const scope = defaultLoaScope('Bluewave IT Services', 'Henry Schein One', 'Dentrix');
    expect(scope).toContain('Bluewave IT Services may contact Henry Schein One for us about Dentrix');
    expect(scope).toContain('only inside a change window it has approved');
    expect(scope.split('\n\n').length).toBeGreaterThanOrEqual(3);
  });
});

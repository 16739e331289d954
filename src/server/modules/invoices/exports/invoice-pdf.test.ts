import { describe, expect, it } from 'vitest';
import { buildInvoice, buildLine, manyLines, sampleParties, typicalLines } from './fixtures.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';

// Windows-1252's 0x80-0x9F block; the rest of its bytes are Latin-1. (Node built with small ICU decodes
// 'windows-1252' as Latin-1, so the test decodes by hand.)
const cp1252High: Record<number, string> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

/**
 * The text drawn on the pages, one string per text run, in drawing order, no-break spaces as spaces.
 * With compression off, pdfkit writes each run as `[<hex> kern <hex> …] TJ` in Windows-1252; kerning
 * numbers are not spaces.
 */
function pdfText(pdf: Buffer): string {
  const runs: string[] = [];
  for (const match of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)) {
    const hex = [...match[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((part) => part[1]).join('');
    const bytes = [...Buffer.from(hex, 'hex')];
    runs.push(bytes.map((byte) => cp1252High[byte] ?? String.fromCharCode(byte)).join(''));
  }
  return runs.join('\n').replaceAll('\u00a0', ' ');
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)?.length ?? 0;
}

const render = (invoice = buildInvoice(), parties = sampleParties) =>
  renderInvoicePdf(invoice, parties, { compress: false });

describe('renderInvoicePdf', () => {
  it('renders a 60-line invoice as a valid PDF over several pages, numbered "Page n of m"', async () => {
    const invoice = buildInvoice({ lines: [...typicalLines(), ...manyLines(54)] });
    expect(invoice.lines).toHaveLength(60);
    const pdf = await render(invoice);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1} of`);
    // The table header starts every page, so a loose page still reads.
    expect(text.match(/^Description$/gm)).toHaveLength(pages);
    expect(text.match(/\(continued\)$/gm)).toHaveLength(pages - 1);
    for (const line of invoice.lines) expect(text).toContain(line.description.slice(0, 20));
  });

  it('prints who bills whom, the number, dates, terms, the period in words and the totals', async () => {
    const invoice = buildInvoice();
    const text = pdfText(await render(invoice));
    expect(text).toContain('Bluewave IT Services');
    expect(text).toContain('INVOICE');
    expect(text).toContain('No. INV-0042');
    expect(text).toContain('Northwind Traders');
    expect(text).toContain('12 Harbour Street');
    expect(text).toContain('New Zealand');
    expect(text).toContain('1 December 2026');
    expect(text).toContain('31 December 2026');
    expect(text).toContain('Net 30 days');
    // labourThrough is 1 December, the first day not billed: the work runs through the day before.
    expect(text).toContain('Fees for December 2026 · work through 30 November 2026');
    expect(invoice.subtotalCents).toBe(207_016);
    expect(text).toContain('Subtotal');
    expect(text).toContain('$2,070.16');
    expect(text).toContain('GST 10%');
    expect(text).toContain(`$${(invoice.taxCents / 100).toFixed(2)}`);
    expect(text).toContain('Total USD');
    expect(text).toContain('$2,277.18');
    expect(invoice.totalCents).toBe(227_718);
  });

  it('shows what $0 lines were worth and prints credits as negative amounts', async () => {
    const text = pdfText(await render());
    expect(text).toContain('value $375.00');
    expect(text).toContain('Drawn from block · Block of hours: drawn from the block');
    expect(text).toContain('-$50.00');
    expect(text).toContain('1.3333 hours');
    expect(text).toContain('Managed services: billable (after hours ×1.5)');
  });

  it('marks a draft as DRAFT and not a tax invoice, on every page', async () => {
    const invoice = buildInvoice({ status: 'draft', lines: manyLines(40) });
    const pdf = await render(invoice);
    const text = pdfText(pdf);
    expect(text).toContain('Not a tax invoice');
    expect(text).toContain('Not issued');
    expect(text).not.toContain('INVOICE');
    expect(text.match(/^DRAFT$/gm)?.length).toBe(pageCount(pdf) + 1);
  });

  it('marks a void invoice VOID on every page and says why', async () => {
    const pdf = await render(buildInvoice({ status: 'void' }));
    const text = pdfText(pdf);
    expect(text).toContain('No. INV-0042');
    expect(text.match(/^VOID$/gm)?.length).toBe(pageCount(pdf) + 1);
    expect(text).toContain(
      'This invoice was voided on 3 December 2026: Billed to the wrong client. Nothing on it is payable.',
    );
  });

  it('prints amounts with the ISO code when the fonts lack the currency symbol', async () => {
    const rupees = buildInvoice({ currency: 'INR' });
    const text = pdfText(await render(rupees));
    expect(text).toContain('INR 1,125.00');
    expect(text).toContain('Total INR');
    expect(text).not.toMatch(/[₹?]/u);
    const shekels = pdfText(await render(buildInvoice({ currency: 'ILS' })));
    expect(shekels).toContain('ILS 1,125.00');
    const euros = pdfText(await render(buildInvoice({ currency: 'EUR' })));
    expect(euros).toContain('€1,125.00');
  });

  it('prints yen without decimals', async () => {
    const invoice = buildInvoice({
      currency: 'JPY',
      lines: [buildLine({ quantity: 3, unitPriceCents: 12_000, description: 'Managed workstation' })],
    });
    const text = pdfText(await render(invoice));
    expect(text).toContain('¥36,000');
    expect(text).toContain('¥39,600');
  });

  it('notes tax-inclusive prices and a tax exemption with its reference', async () => {
    const inclusive = pdfText(await render(buildInvoice({ pricesIncludeTax: true })));
    expect(inclusive).toContain('Prices include tax.');
    expect(inclusive).toContain('Subtotal excluding tax');
    expect(inclusive).toContain('Includes GST 10%');
    const exempt = pdfText(await render(buildInvoice({ taxExempt: true })));
    expect(exempt).toContain('Tax exempt: EXEMPT-CERT-7781');
    expect(exempt).toContain('exempt');
    expect(exempt).not.toContain('GST 10%');
  });

  it('keeps names in other alphabets printable rather than garbled', async () => {
    const parties = {
      ...sampleParties,
      client: { name: 'Łódź Dystrybucja Sp. z o.o.', address: 'ul. Piotrkowska 1\n90-001 Łódź' },
    };
    const text = pdfText(await render(buildInvoice(), parties));
    expect(text).toContain('Lódz Dystrybucja Sp. z o.o.');
    expect(text).toContain('90-001 Lódz');
  });

  it('cuts a runaway description short so every row fits on a page', async () => {
    const essay = 'Migrated the file server, the printers and every mailbox. '.repeat(150);
    const invoice = buildInvoice({ lines: [...typicalLines(), buildLine({ description: essay })] });
    const pdf = await render(invoice);
    expect(pageCount(pdf)).toBe(2);
    const text = pdfText(pdf);
    expect(text).toContain('…');
    expect(text).toContain('Total USD');
    expect(text).toContain('Page 2 of 2');
  });

  it('gives the same bytes for the same invoice, dated from the invoice and not the clock', async () => {
    const invoice = buildInvoice({ lines: [...typicalLines(), ...manyLines(20)] });
    const first = await renderInvoicePdf(invoice, sampleParties);
    const second = await renderInvoicePdf(invoice, sampleParties);
    expect(first.equals(second)).toBe(true);
    const raw = (await render(invoice)).toString('latin1');
    expect(raw).toContain('(D:20261201093000Z)');
  });

  it('compresses by default and chooses the paper by currency unless told', async () => {
    const invoice = buildInvoice({ lines: manyLines(60) });
    const compressed = await renderInvoicePdf(invoice, sampleParties);
    const plain = await render(invoice);
    expect(compressed.length).toBeLessThan(plain.length / 2);
    expect(pageCount(compressed)).toBe(pageCount(plain));
    expect(plain.toString('latin1')).toContain('/MediaBox [0 0 612 792]');
    const euro = await render(buildInvoice({ currency: 'EUR' }));
    expect(euro.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const a4 = await renderInvoicePdf(invoice, sampleParties, { compress: false, pageSize: 'A4' });
    expect(a4.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });
});

import { describe, expect, it } from 'vitest';
import { invoiceSchema } from '../../../../shared/api/invoices.ts';
import { buildInvoice, buildLine, fixtureId, noTax } from './fixtures.ts';
import { invoicesToCsv } from './invoice-csv.ts';

// The templates' header rows, written out by hand so that a slip in the code cannot hide itself.
const xeroHeader =
  '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,' +
  'POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,' +
  '*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,' +
  'TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme';
const quickBooksHeader =
  'InvoiceNo,Customer,InvoiceDate,DueDate,Terms,Memo,Item(Product/Service),ItemDescription,ItemQuantity,' +
  'ItemRate,ItemAmount,ItemTaxCode,ItemTaxAmount,Currency';
const plainHeader =
  'Number,Client,Period,Status,Issued,Due,Line kind,Description,Detail,Quantity,Unit,Unit price,Amount,' +
  'Value,Tax code,Tax rate %,Tax amount,Currency';

const options = { revenueAccountCode: '200' };

/** An RFC 4180 reader, strict about CRLF, so the tests check cells rather than substrings. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (char === '\n' || char === '\r') throw new Error(`bare line break at ${i}`);
    else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last row has no CRLF');
  return rows;
}

/** Rows as objects keyed by the header, for reading cells by column name. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]!])));
}

describe('invoicesToCsv', () => {
  it('builds fixtures that are valid invoices', () => {
    expect(() => invoiceSchema.parse(buildInvoice())).not.toThrow();
  });

  it('writes each template’s header row exactly, with CRLF line ends', () => {
    expect(invoicesToCsv([], 'xero', options)).toBe(`${xeroHeader}\r\n`);
    expect(invoicesToCsv([], 'quickbooks', options)).toBe(`${quickBooksHeader}\r\n`);
    expect(invoicesToCsv([], 'plain', options)).toBe(`${plainHeader}\r\n`);
  });

  it('writes a Xero row per line that Xero adds up to the same totals', () => {
    const invoice = buildInvoice();
    const text = invoicesToCsv([invoice, buildInvoice({ id: fixtureId(2), number: 'INV-0043' })], 'xero', {
      revenueAccountCode: '4000',
    });
    const rows = records(text);
    expect(rows).toHaveLength(invoice.lines.length * 2);
    expect(text.split('\r\n')[1]).toBe(
      'Northwind Traders,,,,,,,,,,INV-0042,December 2026,01/12/2026,31/12/2026,2277.18,,' +
        'Managed workstation — December 2026,25,45.00,,4000,GST,112.50,,,,,USD,',
    );
    const first = rows.filter((row) => row['*InvoiceNumber'] === 'INV-0042');
    // Xero recomputes each line as quantity × unit amount, rounded to the cent, and takes our tax.
    const lineAmounts = first.map((row) =>
      Math.round(Number(row['*Quantity']) * Number(row['*UnitAmount']) * 100),
    );
    expect(lineAmounts.reduce((a, b) => a + b, 0)).toBe(invoice.subtotalCents);
    const taxes = first.map((row) => Math.round(Number(row.TaxAmount) * 100));
    expect(taxes.reduce((a, b) => a + b, 0)).toBe(invoice.taxCents);
    expect(first.every((row) => row['*AccountCode'] === '4000' && row.Currency === 'USD')).toBe(true);
  });

  it('sends a line whose quantity × price is not its amount as 1 × the amount, saying what it was', () => {
    const rows = records(invoicesToCsv([buildInvoice()], 'xero', options));
    const prorated = rows[1]!;
    expect(prorated['*Description']).toBe(
      'Managed server — December 2026 — 15 of 31 days, 2026-12-17 to 2026-12-31 (2 × 150.00 per device)',
    );
    expect([prorated['*Quantity'], prorated['*UnitAmount'], prorated.TaxAmount]).toEqual([
      '1',
      '145.16',
      '14.52',
    ]);
    const labour = rows[3]!;
    expect(labour['*Description']).toBe(
      '#1042 Printer on the second floor drops off the network — Managed services: billable ' +
        '(after hours ×1.5) (1.3333 × 225.00 per hour)',
    );
    expect([labour['*Quantity'], labour['*UnitAmount']]).toEqual(['1', '300.00']);
  });

  it('keeps $0 work with its hours and worth, and credits negative', () => {
    const rows = records(invoicesToCsv([buildInvoice()], 'xero', options));
    expect(rows[4]!['*Description']).toBe(
      '#1043 New starter laptop set-up — Block of hours: drawn from the block (value 375.00)',
    );
    expect([rows[4]!['*Quantity'], rows[4]!['*UnitAmount'], rows[4]!.TaxAmount]).toEqual([
      '2.5',
      '0.00',
      '0.00',
    ]);
    expect([rows[5]!['*Quantity'], rows[5]!['*UnitAmount'], rows[5]!.TaxAmount]).toEqual([
      '1',
      '-50.00',
      '-5.00',
    ]);
  });

  it('writes QuickBooks rows with its date order, terms, a product per line kind and the line tax', () => {
    const text = invoicesToCsv([buildInvoice()], 'quickbooks', options);
    expect(text.split('\r\n')[1]).toBe(
      'INV-0042,Northwind Traders,12/01/2026,12/31/2026,Net 30,Fees for December 2026,Recurring fee,' +
        'Managed workstation — December 2026,25,45.00,1125.00,GST,112.50,USD',
    );
    const rows = records(text);
    expect(rows.map((row) => row['Item(Product/Service)'])).toEqual([
      'Recurring fee',
      'Recurring fee',
      'Resale',
      'Labour',
      'Drawn from block',
      'Service credit',
    ]);
    expect(rows[5]!.ItemAmount).toBe('-50.00');
    const dueOnReceipt = records(
      invoicesToCsv([buildInvoice({ paymentTermsDays: 0 })], 'quickbooks', options),
    );
    expect(dueOnReceipt[0]!.Terms).toBe('Due on receipt');
  });

  it('writes dates in the organisation’s format when told', () => {
    const iso = records(invoicesToCsv([buildInvoice()], 'xero', { ...options, dateFormat: 'YYYY-MM-DD' }));
    expect([iso[0]!['*InvoiceDate'], iso[0]!['*DueDate']]).toEqual(['2026-12-01', '2026-12-31']);
    const us = records(invoicesToCsv([buildInvoice()], 'xero', { ...options, dateFormat: 'MM/DD/YYYY' }));
    expect(us[0]!['*DueDate']).toBe('12/31/2026');
  });

  it('uses the accounting system’s names for clients and for untaxed lines', () => {
    const invoice = buildInvoice({ lines: [buildLine(), buildLine({ ...noTax, description: 'Freight' })] });
    const rows = records(
      invoicesToCsv([invoice], 'xero', {
        ...options,
        clientNames: { [invoice.clientId]: 'Northwind Traders Ltd' },
        untaxedTaxType: 'No GST',
      }),
    );
    expect(rows.map((row) => [row['*ContactName'], row['*TaxType']])).toEqual([
      ['Northwind Traders Ltd', 'GST'],
      ['Northwind Traders Ltd', 'No GST'],
    ]);
    const exempt = records(invoicesToCsv([buildInvoice({ taxExempt: true })], 'quickbooks', options));
    expect(exempt.every((row) => row.ItemTaxCode === 'Tax Exempt' && row.ItemTaxAmount === '0.00')).toBe(
      true,
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    const description = 'Cabling, patching and "tidy-up"\nfloor 2';
    const invoice = buildInvoice({ lines: [buildLine({ description, detail: 'Said "urgent", twice' })] });
    const text = invoicesToCsv([invoice], 'plain', options);
    expect(text).toContain('"Cabling, patching and ""tidy-up""\nfloor 2","Said ""urgent"", twice"');
    const rows = records(text);
    expect([rows[0]!.Description, rows[0]!.Detail]).toEqual([description, 'Said "urgent", twice']);
  });

  it('defuses text that a spreadsheet would run as a formula, but leaves negative amounts as numbers', () => {
    const hostile = ['=HYPERLINK("http://x.test","pay")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rReturn'];
    const invoice = buildInvoice({
      clientName: '=cmd|" /C calc"!A0',
      lines: hostile.map((description) => buildLine({ description, unitPriceCents: -1_000 })),
    });
    const rows = records(invoicesToCsv([invoice], 'plain', options));
    expect(rows.map((row) => row.Description)).toEqual(hostile.map((text) => `'${text}`));
    expect(rows[0]!.Client).toBe(`'=cmd|" /C calc"!A0`);
    expect(rows.every((row) => row.Amount === '-10.00' && row['Unit price'] === '-10.00')).toBe(true);
    const xero = invoicesToCsv([{ ...invoice, clientName: 'Northwind' }], 'xero', options);
    expect(xero).toContain(',-10.00,,200,GST,-1.00,');
    expect(xero).not.toMatch(/(^|,)[=+@]/m);
  });

  it('writes yen without decimals', () => {
    const invoice = buildInvoice({
      currency: 'JPY',
      lines: [
        buildLine({ quantity: 3, unitPriceCents: 12_000 }),
        buildLine({ kind: 'service_credit', quantity: 1, unit: 'each', unitPriceCents: -1_500 }),
      ],
    });
    expect(invoice.totalCents).toBe(37_950);
    const rows = records(invoicesToCsv([invoice], 'xero', options));
    expect(rows.map((row) => [row['*Quantity'], row['*UnitAmount'], row.TaxAmount, row.Total])).toEqual([
      ['3', '12000', '3600', '37950'],
      ['1', '-1500', '-150', '37950'],
    ]);
    expect(rows[0]!.Currency).toBe('JPY');
    const plain = records(invoicesToCsv([invoice], 'plain', options));
    expect(plain[1]!.Amount).toBe('-1500');
  });

  it('writes every invoice to the plain file, drafts and void ones with their status', () => {
    const rows = records(
      invoicesToCsv([buildInvoice({ status: 'draft' }), buildInvoice({ status: 'void' })], 'plain', options),
    );
    expect(rows[0]).toMatchObject({ Number: '', Status: 'Draft', Issued: '', Period: '2026-12' });
    expect(rows.at(-1)).toMatchObject({
      Number: 'INV-0042',
      Status: 'Void',
      Issued: '2026-12-01',
      Due: '2026-12-31',
      'Line kind': 'Service credit',
      Quantity: '1',
      Unit: 'each',
      'Tax code': 'GST',
      'Tax rate %': '10',
      'Tax amount': '-5.00',
    });
    expect(rows[4]).toMatchObject({ 'Line kind': 'Drawn from block', Amount: '0.00', Value: '375.00' });
  });

  it('refuses drafts, void invoices and a mix of tax-inclusive and exclusive prices for accounting', () => {
    for (const format of ['xero', 'quickbooks'] as const) {
      expect(() => invoicesToCsv([buildInvoice({ status: 'draft' })], format, options)).toThrow(/finalized/);
      expect(() => invoicesToCsv([buildInvoice({ status: 'void' })], format, options)).toThrow(/finalized/);
      const mixed = [buildInvoice(), buildInvoice({ pricesIncludeTax: true })];
      expect(() => invoicesToCsv(mixed, format, options)).toThrow(/mix tax-inclusive/);
    }
  });
});

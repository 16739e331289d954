// Invoices as CSV, one row per line: Xero's and QuickBooks Online's sales-invoice import templates, and a
// plain file for spreadsheets. RFC 4180 (fields quoted when they hold a comma, quote or line break; CRLF
// line ends), amounts as plain decimals in the currency's minor units, text guarded against formulas.
//
// Only finalized invoices belong in the accounting formats: a draft has no number and may still change, a
// void invoice is not revenue. The caller picks finalized invoices; these functions refuse any other.
//
// Both importers ask once per file whether its amounts are tax exclusive or tax inclusive (Xero's
// LineAmountTypes: Exclusive / Inclusive), so amounts go out as the invoices hold them and one file holds
// invoices of one kind: choose the matching option when importing. Xero reads dates in the organisation's
// regional format and takes at most 500 invoices a file; QuickBooks asks for the date format on import.
import {
  type Invoice,
  type InvoiceLine,
  invoiceLineKindLabels,
  invoiceStatusLabels,
} from '../../../../shared/api/invoices.ts';
import { monthInWords, valueShownKinds } from '../../../../shared/billing/invoice-text.ts';
import { centsToDecimal } from '../../../../shared/money.ts';

export type InvoiceCsvFormat = 'quickbooks' | 'xero' | 'plain';
export type CsvDateFormat = 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYY-MM-DD';

export interface InvoiceCsvOptions {
  /** The revenue account every exported line is coded to (Xero needs one on each line). */
  revenueAccountCode: string;
  /** The accounting system's contact or customer name by client id, where it differs from Accord's. */
  clientNames?: Readonly<Record<string, string>>;
  /**
   * The accounting system's tax rate for lines that carry no tax (no tax code, or a tax-exempt client):
   * Xero and QuickBooks name it per region ("Tax Exempt", "No GST", "No VAT"). Default "Tax Exempt".
   */
  untaxedTaxType?: string;
  /**
   * Dates in the Xero and QuickBooks files (the plain file always uses YYYY-MM-DD). Default: DD/MM/YYYY
   * for Xero, as in its template, MM/DD/YYYY for QuickBooks, as in the US; pass the organisation's own.
   */
  dateFormat?: CsvDateFormat;
}

/** Xero's sales invoice import template (SalesInvoiceTemplate.csv), columns in its order; * = required. */
export const xeroHeader = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'Total',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;

/**
 * The column names QuickBooks Online's invoice import maps without asking (its sample file, for companies
 * that use tax codes). Customers and products/services are matched by name: each line's product/service
 * is its kind ("Labour", "Recurring fee"), so each kind can carry its own income account in QuickBooks.
 */
export const quickBooksHeader = [
  'InvoiceNo',
  'Customer',
  'InvoiceDate',
  'DueDate',
  'Terms',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
] as const;

export const plainHeader = [
  'Number',
  'Client',
  'Period',
  'Status',
  'Issued',
  'Due',
  'Line kind',
  'Description',
  'Detail',
  'Quantity',
  'Unit',
  'Unit price',
  'Amount',
  'Value',
  'Tax code',
  'Tax rate %',
  'Tax amount',
  'Currency',
] as const;

export const invoiceCsvHeaders: Record<InvoiceCsvFormat, readonly string[]> = {
  xero: xeroHeader,
  quickbooks: quickBooksHeader,
  plain: plainHeader,
};

/** A cell that holds a number: written as it is, so a credit's "-50.00" stays a number. */
export interface NumberCell {
  number: string;
}
export type Cell = string | NumberCell;

const numberPattern = /^-?\d+(\.\d+)?$/;
export const num = (text: string): NumberCell => ({ number: text });

export function invoicesToCsv(
  invoices: readonly Invoice[],
  format: InvoiceCsvFormat,
  options: InvoiceCsvOptions,
): string {
  if (format !== 'plain') assertImportable(invoices);
  const rows: Cell[][] = [[...invoiceCsvHeaders[format]]];
  for (const invoice of invoices) {
    for (const line of invoice.lines) rows.push(rowFor(format, invoice, line, options));
  }
  return rows.map((row) => `${row.map(encodeCell).join(',')}\r\n`).join('');
}

function assertImportable(invoices: readonly Invoice[]): void {
  const unfinished = invoices.filter((invoice) => invoice.status !== 'finalized' || invoice.number === null);
  if (unfinished.length > 0) {
    throw new RangeError(
      `Only finalized invoices go to accounting; ${unfinished.length} of these are drafts or void.`,
    );
  }
  if (new Set(invoices.map((invoice) => invoice.pricesIncludeTax)).size > 1) {
    throw new RangeError(
      'These invoices mix tax-inclusive and tax-exclusive prices; export each kind to its own file.',
    );
  }
}

function rowFor(format: InvoiceCsvFormat, invoice: Invoice, line: InvoiceLine, options: InvoiceCsvOptions) {
  if (format === 'xero') return xeroRow(invoice, line, options);
  if (format === 'quickbooks') return quickBooksRow(invoice, line, options);
  return plainRow(invoice, line);
}

function xeroRow(invoice: Invoice, line: InvoiceLine, options: InvoiceCsvOptions): Cell[] {
  const money = (cents: number) => num(centsToDecimal(cents, invoice.currency));
  const date = (iso: string | null) => formatDate(iso, options.dateFormat ?? 'DD/MM/YYYY');
  const priced = pricing(invoice, line);
  return [
    contactName(invoice, options),
    ...Array<string>(9).fill(''),
    invoice.number ?? '',
    monthInWords(invoice.period),
    date(invoice.issuedOn),
    date(invoice.dueOn),
    money(invoice.totalCents),
    '',
    priced.description,
    num(priced.quantity),
    num(priced.rate),
    '',
    options.revenueAccountCode,
    taxType(invoice, line, options),
    money(line.taxCents),
    '',
    '',
    '',
    '',
    invoice.currency,
    '',
  ];
}

function quickBooksRow(invoice: Invoice, line: InvoiceLine, options: InvoiceCsvOptions): Cell[] {
  const money = (cents: number) => num(centsToDecimal(cents, invoice.currency));
  const date = (iso: string | null) => formatDate(iso, options.dateFormat ?? 'MM/DD/YYYY');
  const priced = pricing(invoice, line);
  return [
    invoice.number ?? '',
    contactName(invoice, options),
    date(invoice.issuedOn),
    date(invoice.dueOn),
    invoice.paymentTermsDays === 0 ? 'Due on receipt' : `Net ${invoice.paymentTermsDays}`,
    `Fees for ${monthInWords(invoice.period)}`,
    invoiceLineKindLabels[line.kind],
    priced.description,
    num(priced.quantity),
    num(priced.rate),
    money(line.amountCents),
    taxType(invoice, line, options),
    money(line.taxCents),
    invoice.currency,
  ];
}

function plainRow(invoice: Invoice, line: InvoiceLine): Cell[] {
  const money = (cents: number) => num(centsToDecimal(cents, invoice.currency));
  return [
    invoice.number ?? '',
    invoice.clientName,
    invoice.period,
    invoiceStatusLabels[invoice.status],
    invoice.issuedOn ?? '',
    invoice.dueOn ?? '',
    invoiceLineKindLabels[line.kind],
    line.description,
    line.detail ?? '',
    num(quantityText(line.quantity)),
    line.unit,
    money(line.unitPriceCents),
    money(line.amountCents),
    money(line.valueCents),
    line.taxCodeName ?? '',
    num(quantityText((invoice.taxExempt ? 0 : line.taxRateBasisPoints) / 100)),
    money(line.taxCents),
    invoice.currency,
  ];
}

function contactName(invoice: Invoice, options: InvoiceCsvOptions): string {
  return options.clientNames?.[invoice.clientId] ?? invoice.clientName;
}

export function taxType(invoice: Invoice, line: InvoiceLine, options: InvoiceCsvOptions): string {
  const untaxed = options.untaxedTaxType ?? 'Tax Exempt';
  if (invoice.taxExempt || line.taxCodeName === null) return untaxed;
  return line.taxCodeName;
}

/**
 * Quantity and unit price that multiply to the line's amount exactly, as both importers recompute the
 * amount from them (Xero rounding each line to the cent). A prorated fee or hours in thirds do not: those
 * go as 1 × the amount, with the real quantity and price in the description so nothing is lost.
 */
function pricing(
  invoice: Invoice,
  line: InvoiceLine,
): { quantity: string; rate: string; description: string } {
  const decimal = (cents: number) => centsToDecimal(cents, invoice.currency);
  const parts = [line.detail ? `${line.description} — ${line.detail}` : line.description];
  if (valueShownKinds.has(line.kind) && line.amountCents === 0) {
    parts.push(`(value ${decimal(line.valueCents)})`);
  }
  const quantityTenThousandths = BigInt(Math.round(line.quantity * 10_000));
  if (quantityTenThousandths * BigInt(line.unitPriceCents) === BigInt(line.amountCents) * 10_000n) {
    return {
      quantity: quantityText(line.quantity),
      rate: decimal(line.unitPriceCents),
      description: parts.join(' '),
    };
  }
  const per = line.unit === 'each' ? '' : ` per ${line.unit}`;
  parts.push(`(${quantityText(line.quantity)} × ${decimal(line.unitPriceCents)}${per})`);
  return { quantity: '1', rate: decimal(line.amountCents), description: parts.join(' ') };
}

/** Up to four decimals, no grouping, no exponent: "1.3333", "25", "0.25". */
function quantityText(quantity: number): string {
  return quantity.toFixed(4).replace(/\.?0+$/, '');
}

export function formatDate(isoDate: string | null, format: CsvDateFormat): string {
  if (isoDate === null) return '';
  const [year, month, day] = isoDate.split('-') as [string, string, string];
  if (format === 'DD/MM/YYYY') return `${day}/${month}/${year}`;
  if (format === 'MM/DD/YYYY') return `${month}/${day}/${year}`;
  return isoDate;
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a
 * leading apostrophe (OWASP's advice for CSV injection); number cells are left as numbers. Then RFC 4180.
 */
export function encodeCell(cell: Cell): string {
  const isNumber = typeof cell !== 'string' && numberPattern.test(cell.number);
  const raw = typeof cell === 'string' ? cell : cell.number;
  const text = !isNumber && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

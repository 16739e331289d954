// The invoices module's public face: month runs, review, finalizing, void, credit notes, billing settings.
export { createCreditNoteRoutes } from './credit-notes.routes.ts';
export { type CreditNoteService, createCreditNoteService } from './credit-notes.service.ts';
export { createInvoiceRoutes } from './invoices.routes.ts';
export { createInvoiceService, type InvoiceService } from './invoices.service.ts';

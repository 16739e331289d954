// The invoices module's public face: month runs, review, finalizing, void, billing settings.
export { createInvoiceRoutes } from './invoices.routes.ts';
export { createInvoiceService, type InvoiceService } from './invoices.service.ts';

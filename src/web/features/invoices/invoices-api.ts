// Queries and mutations for invoices (the month's run, review, count approval, finalize, void) and the
// organization's billing settings.
import { queryOptions } from '@tanstack/react-query';
import type {
  ApproveCountsInput,
  BillingSettings,
  BillingSettingsUpdate,
  Invoice,
  InvoiceLine,
  InvoiceListQuery,
  InvoiceRunInput,
  InvoiceRunResult,
  InvoiceSummary,
} from '../../../shared/api/invoices.ts';
import { api, apiUrl } from '../../api/client.ts';

export type {
  BillingSettings,
  BillingSettingsUpdate,
  Invoice,
  InvoiceLine,
  InvoiceRunResult,
  InvoiceSummary,
};

export const invoiceKeys = {
  all: ['invoices'] as const,
  lists: ['invoices', 'list'] as const,
  list: (params: InvoiceListQuery) => ['invoices', 'list', params] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  settings: ['billing-settings'] as const,
};

export const invoiceListQuery = (params: InvoiceListQuery) =>
  queryOptions({
    queryKey: invoiceKeys.list(params),
    queryFn: ({ signal }) => api<{ items: InvoiceSummary[] }>('/invoices', { query: { ...params }, signal }),
    select: (data) => data.items,
  });

export const invoiceQuery = (id: string) =>
  queryOptions({ queryKey: invoiceKeys.detail(id), queryFn: () => api<Invoice>(`/invoices/${id}`) });

/** Builds (or rebuilds) the month's drafts; a finalized month is left alone. Runs synchronously. */
export const runInvoices = (input: InvoiceRunInput) =>
  api<InvoiceRunResult>('/invoices/runs', { method: 'POST', body: input });

/** 404 when nothing is left to bill: the run removed the draft. */
export const rebuildInvoice = (id: string) => api<Invoice>(`/invoices/${id}/rebuild`, { method: 'POST' });

/** 409 invoice.count_moved when a count changed again since the draft was built. */
export const approveCounts = (id: string, input: ApproveCountsInput) =>
  api<Invoice>(`/invoices/${id}/approve-counts`, { method: 'POST', body: input });

/**
 * 409 invoice.counts_pending, invoice.earlier_draft, invoice.stale (details {changedEntries, newEntries}),
 * invoice.not_draft.
 */
export const finalizeInvoice = (id: string) => api<Invoice>(`/invoices/${id}/finalize`, { method: 'POST' });

export const voidInvoice = (id: string, reason: string) =>
  api<Invoice>(`/invoices/${id}/void`, { method: 'POST', body: { reason } });

export const deleteDraft = (id: string) => api<void>(`/invoices/${id}`, { method: 'DELETE' });

export const billingSettingsQuery = queryOptions({
  queryKey: invoiceKeys.settings,
  queryFn: () => api<BillingSettings>('/billing/settings'),
});

export const updateBillingSettings = (input: BillingSettingsUpdate) =>
  api<BillingSettings>('/billing/settings', { method: 'PATCH', body: input });

// The documents come with the export work (GET /invoices/{id}/pdf, GET /invoices/export); these are plain
// links so the browser downloads them with the session cookie.
export const invoicePdfUrl = (id: string) => apiUrl(`/invoices/${id}/pdf`);
export const invoiceExportUrl = (period: string, format: 'xero' | 'quickbooks' | 'plain' = 'plain') =>
  apiUrl('/invoices/export', { period, format });

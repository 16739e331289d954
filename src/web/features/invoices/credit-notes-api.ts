// Queries and mutations for credit notes: issued against a finalized invoice's lines, listed, and their
// documents (the PDF, the month's CSV exports) as plain links the browser downloads with the session cookie.
import { queryOptions } from '@tanstack/react-query';
import type {
  CreditNote,
  CreditNoteInput,
  CreditNoteListQuery,
  CreditNoteSummary,
} from '../../../shared/api/credit-notes.ts';
import { api, apiUrl } from '../../api/client.ts';

export type { CreditNote, CreditNoteInput, CreditNoteSummary };

export const creditNoteKeys = {
  all: ['credit-notes'] as const,
  list: (params: CreditNoteListQuery) => ['credit-notes', 'list', params] as const,
};

export const creditNoteListQuery = (params: CreditNoteListQuery) =>
  queryOptions({
    queryKey: creditNoteKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: CreditNoteSummary[] }>('/credit-notes', { query: { ...params }, signal }),
    select: (data) => data.items,
  });

/**
 * 409 invoice.not_finalized; 422 credit_note.exceeds_invoice (details {creditableCents, invoiceLineId?});
 * 400 request.invalid with paths such as lines.0.amountCents.
 */
export const issueCreditNote = (invoiceId: string, input: CreditNoteInput) =>
  api<CreditNote>(`/invoices/${invoiceId}/credit-notes`, { method: 'POST', body: input });

export const creditNotePdfUrl = (id: string) => apiUrl(`/credit-notes/${id}/pdf`);
export const creditNoteExportUrl = (period: string, format: 'xero' | 'plain') =>
  apiUrl('/credit-notes/export', { period, format });

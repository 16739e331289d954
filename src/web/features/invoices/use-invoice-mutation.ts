// The invoice page's actions share what happens after them: the page shows the invoice the API answered
// with, and the lists refetch. Rebuild can also remove a draft (nothing left to bill), which the page follows.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { isApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { monthInWords, periodParam } from './invoice-display.tsx';
import { type Invoice, invoiceKeys, rebuildInvoice } from './invoices-api.ts';

/** Stores the invoice an action answered with and refreshes the month's lists. */
export function useStoreInvoice() {
  const queryClient = useQueryClient();
  return async (invoice: Invoice) => {
    queryClient.setQueryData(invoiceKeys.detail(invoice.id), invoice);
    await queryClient.invalidateQueries({ queryKey: invoiceKeys.lists });
  };
}

/** After a draft is gone (deleted, or rebuilt into nothing): the lists refetch and the page goes back to its month. */
export function useLeaveRemovedDraft(invoice: Invoice) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: invoiceKeys.lists });
    await navigate({ to: '/invoices', search: { period: periodParam(invoice.period) } });
    // Only once the page has gone: removing it while shown would refetch it, into a 404.
    queryClient.removeQueries({ queryKey: invoiceKeys.detail(invoice.id) });
  };
}

export function useRebuild(invoice: Invoice) {
  const store = useStoreInvoice();
  const leave = useLeaveRemovedDraft(invoice);
  return useMutation({
    mutationFn: () => rebuildInvoice(invoice.id),
    onSuccess: async (rebuilt) => {
      await store(rebuilt);
      notifySuccess('Draft rebuilt from the current agreements and time');
    },
    onError: async (error) => {
      // The run deletes a draft that has nothing left to bill, so the rebuilt invoice is gone.
      if (isApiError(error, 404)) {
        notifySuccess(
          `Nothing is left to bill ${invoice.clientName} for ${monthInWords(invoice.period)}; the draft was removed`,
        );
        await leave();
        return;
      }
      notifyError(error, 'Could not rebuild the draft');
    },
  });
}

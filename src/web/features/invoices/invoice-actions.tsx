// What can be done with an invoice, by status: a draft is rebuilt, finalized or deleted; a finalized one is
// voided; every one can be downloaded. Only billing managers see the changing actions.
import { ActionIcon, Button, Menu } from '@mantine/core';
import { IconDots, IconDownload, IconLock, IconRefresh, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { FinalizeModal, VoidModal } from './invoice-dialogs.tsx';
import { periodLabel } from './invoice-display.tsx';
import { deleteDraft, type Invoice, invoiceKeys, invoicePdfUrl } from './invoices-api.ts';
import { useBackToMonth, useRebuild } from './use-invoice-mutation.ts';

type Dialog = 'finalize' | 'void' | 'delete' | null;

export function InvoiceActions(props: { invoice: Invoice }) {
  const { invoice } = props;
  const can = useCan();
  const canManage = can('billing.manage');
  const queryClient = useQueryClient();
  const backToMonth = useBackToMonth();
  const [dialog, setDialog] = useState<Dialog>(null);
  const rebuild = useRebuild(invoice);
  const remove = useMutation({
    mutationFn: () => deleteDraft(invoice.id),
    onSuccess: async () => {
      notifySuccess('Draft deleted');
      await queryClient.invalidateQueries({ queryKey: invoiceKeys.lists });
      await backToMonth(invoice.period);
      // Only once the page has gone: removing it while shown would refetch it, into a 404.
      queryClient.removeQueries({ queryKey: invoiceKeys.detail(invoice.id) });
    },
    onError: (error) => notifyError(error, 'Could not delete the draft'),
  });
  const close = () => setDialog(null);

  // The PDF route lands with the document work (GET /invoices/{id}/pdf); a plain link downloads it.
  const pdf = (
    <Button
      component="a"
      href={invoicePdfUrl(invoice.id)}
      variant="default"
      leftSection={<IconDownload size={16} />}
    >
      Download PDF
    </Button>
  );
  if (!canManage || invoice.status === 'void') return pdf;

  if (invoice.status === 'finalized') {
    return (
      <>
        {pdf}
        <Button variant="default" leftSection={<IconX size={16} />} onClick={() => setDialog('void')}>
          Void
        </Button>
        <VoidModal opened={dialog === 'void'} onClose={close} invoice={invoice} />
      </>
    );
  }

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconRefresh size={16} />}
        loading={rebuild.isPending}
        onClick={() => rebuild.mutate()}
      >
        Rebuild
      </Button>
      <Button leftSection={<IconLock size={16} />} onClick={() => setDialog('finalize')}>
        Finalize
      </Button>
      <Menu position="bottom-end" shadow="md" width={200}>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label="More actions">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href={invoicePdfUrl(invoice.id)} leftSection={<IconDownload size={15} />}>
            Download PDF
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={() => setDialog('delete')}>
            Delete draft
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <FinalizeModal opened={dialog === 'finalize'} onClose={close} invoice={invoice} />
      <ConfirmDialog
        opened={dialog === 'delete'}
        onClose={close}
        title="Delete this draft?"
        message={`The draft for ${invoice.clientName}, ${periodLabel(invoice.period)}, is removed. Its time stays unbilled, and the next run for the month builds it again.`}
        confirmLabel="Delete draft"
        onConfirm={() => remove.mutateAsync()}
      />
    </>
  );
}

// What can be done with an invoice, by status: a draft is rebuilt, finalized or deleted; a finalized one is
// credited, or voided while nothing is credited; every one can be downloaded. Only billing managers see the changing actions.
import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import {
  IconDots,
  IconDownload,
  IconLock,
  IconReceiptRefund,
  IconRefresh,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { invoiceLeftToCredit } from './credit-amounts.ts';
import { CreditNoteModal } from './credit-note-modal.tsx';
import { FinalizeModal, VoidModal } from './invoice-dialogs.tsx';
import { monthInWords } from './invoice-display.tsx';
import { deleteDraft, type Invoice, invoicePdfUrl } from './invoices-api.ts';
import { useLeaveRemovedDraft, useRebuild } from './use-invoice-mutation.ts';

type Dialog = 'finalize' | 'void' | 'credit' | 'delete' | null;

export function InvoiceActions(props: { invoice: Invoice }) {
  const { invoice } = props;
  const can = useCan();
  const canManage = can('billing.manage');
  const leave = useLeaveRemovedDraft(invoice);
  const [dialog, setDialog] = useState<Dialog>(null);
  const rebuild = useRebuild(invoice);
  const remove = useMutation({
    mutationFn: () => deleteDraft(invoice.id),
    onSuccess: async () => {
      notifySuccess('Draft deleted');
      await leave();
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
    const isCredited = invoice.creditNotes.length > 0;
    const isFullyCredited = invoiceLeftToCredit(invoice) === 0;
    return (
      <>
        {pdf}
        <ActionButton
          icon={<IconReceiptRefund size={16} />}
          disabledReason={isFullyCredited ? 'Everything on this invoice has been credited.' : null}
          onClick={() => setDialog('credit')}
        >
          Issue credit note
        </ActionButton>
        <ActionButton
          icon={<IconX size={16} />}
          disabledReason={
            isCredited
              ? 'An invoice with credit notes cannot be voided: they refer to it. Credit what is left instead.'
              : null
          }
          onClick={() => setDialog('void')}
        >
          Void
        </ActionButton>
        <CreditNoteModal opened={dialog === 'credit'} onClose={close} invoice={invoice} />
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
        message={`The draft for ${invoice.clientName}, ${monthInWords(invoice.period)}, is removed. Its time stays unbilled, and the next run for the month builds it again.`}
        confirmLabel="Delete draft"
        onConfirm={() => remove.mutateAsync()}
      />
    </>
  );
}

/**
 * A finalized invoice's action, or why it cannot be used now: then it stays focusable (data-disabled, not
 * disabled) so the reason shows on hover and focus, and its click does nothing.
 */
function ActionButton(props: {
  icon: ReactNode;
  disabledReason: string | null;
  onClick: () => void;
  children: ReactNode;
}) {
  const isDisabled = props.disabledReason !== null;
  const button = (
    <Button
      variant="default"
      leftSection={props.icon}
      data-disabled={isDisabled || undefined}
      aria-disabled={isDisabled || undefined}
      onClick={(event) => (isDisabled ? event.preventDefault() : props.onClick())}
    >
      {props.children}
    </Button>
  );
  if (!isDisabled) return button;
  return (
    <Tooltip label={props.disabledReason} multiline w={280}>
      {button}
    </Tooltip>
  );
}

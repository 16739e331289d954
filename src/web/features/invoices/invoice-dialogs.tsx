// Finalizing (the next number, the time locked) and voiding (with a reason): each says what will happen,
// and a refusal shows the API's message in place, with Rebuild offered where rebuilding is the way out.
import { Alert, Button, Code, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { money, monthInWords } from './invoice-display.tsx';
import {
  billingSettingsQuery,
  finalizeInvoice,
  type Invoice,
  invoiceKeys,
  invoiceListQuery,
  voidInvoice,
} from './invoices-api.ts';
import { useRebuild, useStoreInvoice } from './use-invoice-mutation.ts';

/** What the stale refusal counted: entries changed since the build, entries logged after it. */
function staleDetail(details: unknown): string | null {
  const { changedEntries = 0, newEntries = 0 } = (details ?? {}) as {
    changedEntries?: number;
    newEntries?: number;
  };
  const parts = [
    changedEntries > 0 && `${changedEntries} time ${changedEntries === 1 ? 'entry' : 'entries'} changed`,
    newEntries > 0 && `${newEntries} new ${newEntries === 1 ? 'entry' : 'entries'} logged`,
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(' and ')} since the draft was built.` : null;
}

/** The refusal names the month only; the client's drafts say which invoice that is. */
function EarlierDraftLink(props: { invoice: Invoice }) {
  const drafts = useQuery(invoiceListQuery({ clientId: props.invoice.clientId, status: 'draft' }));
  const earliest = (drafts.data ?? [])
    .filter((draft) => draft.period < props.invoice.period)
    .sort((a, b) => a.period.localeCompare(b.period))[0];
  if (!earliest) return null;
  return (
    <Group>
      <ButtonLink size="xs" variant="default" to="/invoices/$invoiceId" params={{ invoiceId: earliest.id }}>
        Open the {monthInWords(earliest.period)} draft
      </ButtonLink>
    </Group>
  );
}

function Refusal(props: { error: ApiError; invoice: Invoice; onRebuilt: () => void }) {
  const rebuild = useRebuild(props.invoice);
  const { error } = props;
  const canRebuild = error.code === 'invoice.stale';
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title="Not finalized">
      <Stack gap={6}>
        <Text size="sm">
          {error.message} <Code fz="xs">{error.code}</Code>
        </Text>
        {canRebuild && staleDetail(error.details) && <Text size="sm">{staleDetail(error.details)}</Text>}
        {error.code === 'invoice.earlier_draft' && <EarlierDraftLink invoice={props.invoice} />}
        {error.code === 'invoice.counts_pending' && (
          <Text size="sm">Approve them in the count changes panel on this page, then finalize.</Text>
        )}
        {canRebuild && (
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={rebuild.isPending}
              onClick={() => rebuild.mutate(undefined, { onSuccess: props.onRebuilt })}
            >
              Rebuild the draft
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function FinalizeModal(props: { opened: boolean; onClose: () => void; invoice: Invoice }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Finalize invoice" size="md">
      {props.opened && <FinalizeForm {...props} />}
    </Modal>
  );
}

function FinalizeForm(props: { onClose: () => void; invoice: Invoice }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const store = useStoreInvoice();
  const settings = useQuery(billingSettingsQuery);
  const finalize = useMutation({
    mutationFn: () => finalizeInvoice(invoice.id),
    onSuccess: async (finalized) => {
      await store(finalized);
      notifySuccess(`Invoice ${finalized.number} finalized`);
      props.onClose();
    },
    onError: (error) => {
      // 409s are shown in the dialog; one that says it is no longer a draft means the page is out of date.
      if (!(error instanceof ApiError && error.status === 409)) notifyError(error, 'Could not finalize');
      if (error instanceof ApiError && error.code === 'invoice.not_draft') {
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) });
      }
    },
  });
  const refusal = finalize.error instanceof ApiError && finalize.error.status === 409 ? finalize.error : null;
  const nextNumber = settings.data
    ? `${settings.data.invoicePrefix}${settings.data.nextInvoiceNumber}`
    : 'the next invoice number';

  return (
    <Stack gap="md">
      <Text size="sm">
        The draft for {invoice.clientName}, {monthInWords(invoice.period)} (
        <Text span fw={600} className="tabular">
          {money(invoice.totalCents, invoice.currency)}
        </Text>
        ) takes <b style={{ whiteSpace: 'nowrap' }}>{nextNumber}</b>, is issued today and falls due in{' '}
        {invoice.paymentTermsDays} days.
      </Text>
      <Text size="sm">
        Its time is locked: the entries on it can no longer be edited. A finalized invoice cannot change; to
        correct it you void it and bill again.
      </Text>
      {invoice.countChanges.length > 0 && !refusal && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />}>
          {invoice.countChanges.length === 1
            ? 'A changed count waits for approval'
            : `${invoice.countChanges.length} changed counts wait for approval`}
          : the invoice cannot be finalized until they are approved.
        </Alert>
      )}
      {refusal && <Refusal error={refusal} invoice={invoice} onRebuilt={finalize.reset} />}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button loading={finalize.isPending} onClick={() => finalize.mutate()}>
          Finalize as {settings.data ? nextNumber : 'the next number'}
        </Button>
      </Group>
    </Stack>
  );
}

export function VoidModal(props: { opened: boolean; onClose: () => void; invoice: Invoice }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Void ${props.invoice.number}`} size="md">
      {props.opened && <VoidForm {...props} />}
    </Modal>
  );
}

function VoidForm(props: { onClose: () => void; invoice: Invoice }) {
  const { invoice } = props;
  const store = useStoreInvoice();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voiding = useMutation({
    mutationFn: () => voidInvoice(invoice.id, reason.trim()),
    onSuccess: async (voided) => {
      await store(voided);
      notifySuccess(`Invoice ${voided.number} voided`);
      props.onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.reason);
      notifyError(failure, 'Could not void the invoice');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError('Say why the invoice is void');
    voiding.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {invoice.number} stays on record as void and its number stays used. Its time is freed: the next run
          for {monthInWords(invoice.period)} bills it again on a new invoice with a new number.
        </Text>
        <Textarea
          label="Reason"
          description="Kept with the invoice and in the audit log."
          required
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={voiding.isPending}>
            Void invoice
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

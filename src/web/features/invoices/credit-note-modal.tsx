// Issuing a credit note: an amount per line of the finalized invoice (at most what is left of it), a
// reason, and the credit's totals as the server will tax them. A refusal shows in place and keeps what was
// typed; one that says too much is credited refreshes the invoice, so the "left" column is current.
import { Alert, Button, Code, Group, Modal, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { centsToDecimal } from '../../../shared/money.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { MoneyInput } from '../agreements/money-input.tsx';
import {
  creditableLines,
  creditTotals,
  invoiceLeftToCredit,
  lineLeftToCredit,
  readCreditAmounts,
} from './credit-amounts.ts';
import { type CreditNoteInput, creditNoteKeys, issueCreditNote } from './credit-notes-api.ts';
import { HeadCell, money, taxLabel } from './invoice-display.tsx';
import { billingSettingsQuery, type Invoice, invoiceKeys } from './invoices-api.ts';

export function CreditNoteModal(props: { opened: boolean; onClose: () => void; invoice: Invoice }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`Issue a credit note for ${props.invoice.number}`}
      size={860}
    >
      {props.opened && <CreditNoteForm {...props} />}
    </Modal>
  );
}

function CreditNoteForm(props: { onClose: () => void; invoice: Invoice }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const settings = useQuery(billingSettingsQuery);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [showErrors, setShowErrors] = useState(false);

  const format = (cents: number) => money(cents, invoice.currency);
  const lines = creditableLines(invoice.lines);
  const read = readCreditAmounts(lines, amounts, invoice.currency, format);
  const totals = creditTotals(lines, read.lines, invoice);
  const invoiceLeft = invoiceLeftToCredit(invoice);
  const nextNumber = settings.data
    ? `${settings.data.creditNotePrefix}${settings.data.nextCreditNoteNumber}`
    : null;

  const issue = useMutation({
    mutationFn: (input: CreditNoteInput) => issueCreditNote(invoice.id, input),
    onSuccess: async (note) => {
      notifySuccess(`Credit note ${note.number} issued`);
      props.onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) }),
        queryClient.invalidateQueries({ queryKey: invoiceKeys.lists }),
        queryClient.invalidateQueries({ queryKey: invoiceKeys.settings }),
        queryClient.invalidateQueries({ queryKey: creditNoteKeys.all }),
      ]);
    },
    onError: (error, input) => {
      if (!(error instanceof ApiError)) return notifyError(error, 'Could not issue the credit note');
      if (error.code === 'request.invalid') {
        // Paths name the submitted line by its index ("lines.0.amountCents"); show each on its line.
        const byLine: Record<string, string> = {};
        for (const [path, message] of Object.entries(error.fieldErrors)) {
          const [field, index] = path.split('.');
          const lineId =
            field === 'lines' && index !== undefined ? input.lines[Number(index)]?.invoiceLineId : undefined;
          if (lineId) byLine[lineId] ??= message;
          else if (field === 'reason') setReasonError(message);
          else setFormError(message);
        }
        setServerErrors(byLine);
        return notifyError(error, 'Could not issue the credit note');
      }
      if (error.code === 'credit_note.exceeds_invoice' || error.code === 'invoice.not_finalized') {
        // Someone else credited or voided it meanwhile: show what the invoice (and the next number) is now.
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(invoice.id) });
        void queryClient.invalidateQueries({ queryKey: invoiceKeys.settings });
        return;
      }
      notifyError(error, 'Could not issue the credit note');
    },
  });
  const refusal =
    issue.error instanceof ApiError && issue.error.status !== 400 && issue.error.status < 500
      ? issue.error
      : null;

  const setAmount = (lineId: string, value: string) => {
    setAmounts((current) => ({ ...current, [lineId]: value }));
    setServerErrors(({ [lineId]: _, ...rest }) => rest);
    setFormError(undefined);
  };
  const creditAllLeft = () =>
    setAmounts(
      Object.fromEntries(
        lines
          .filter((line) => lineLeftToCredit(line) > 0)
          .map((line) => [line.id, centsToDecimal(lineLeftToCredit(line), invoice.currency)]),
      ),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    setShowErrors(true);
    const trimmed = reason.trim();
    if (!trimmed) setReasonError('Say why the invoice is credited');
    const hasNothing = read.lines.length === 0 && Object.keys(read.errors).length === 0;
    if (hasNothing) setFormError('Enter an amount to credit on at least one line.');
    if (!trimmed || hasNothing || Object.keys(read.errors).length > 0) return;
    issue.mutate({ reason: trimmed, lines: read.lines });
  }

  const hasAmounts = Object.values(amounts).some((value) => value.trim() !== '');
  const isOverInvoice = totals.totalCents > invoiceLeft;
  const taxes = totals.taxes.filter((tax) => tax.rateBasisPoints !== 0 || tax.taxCents !== 0);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {invoice.number} stays as it is; the credit note takes{' '}
          <b style={{ whiteSpace: 'nowrap' }}>{nextNumber ?? 'the next credit note number'}</b> and reduces
          what {invoice.clientName} owes. Each line is credited with its own tax code; amounts are{' '}
          {invoice.pricesIncludeTax ? 'tax included' : 'before tax'}, as on the invoice.
        </Text>
        <Group justify="space-between" align="baseline">
          <Text size="sm" c="dimmed">
            Left to credit on the invoice, tax included:{' '}
            <Text span fw={600} c="var(--mantine-color-text)" className="tabular">
              {format(invoiceLeft)}
            </Text>
          </Text>
          <Group gap="xs">
            {hasAmounts && (
              <Button size="xs" variant="subtle" color="gray" onClick={() => setAmounts({})}>
                Clear amounts
              </Button>
            )}
            <Button size="xs" variant="light" onClick={creditAllLeft}>
              Credit all that is left
            </Button>
          </Group>
        </Group>
        <Table aria-label="Lines to credit" verticalSpacing={6} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <HeadCell>Description</HeadCell>
              <HeadCell w={100} align="right">
                Amount
              </HeadCell>
              <HeadCell w={100} align="right">
                Credited
              </HeadCell>
              <HeadCell w={100} align="right">
                Left
              </HeadCell>
              <HeadCell w={210}>Credit</HeadCell>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line) => {
              const left = lineLeftToCredit(line);
              const error =
                serverErrors[line.id] ?? (showErrors || amounts[line.id] ? read.errors[line.id] : undefined);
              return (
                <Table.Tr key={line.id}>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} title={line.description}>
                      {line.description}
                    </Text>
                    {line.taxCodeName && line.taxRateBasisPoints !== 0 && !invoice.taxExempt && (
                      <Text size="xs" c="dimmed">
                        {taxLabel(line.taxCodeName, line.taxRateBasisPoints)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format(line.amountCents)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {line.creditedCents > 0 ? (
                      format(line.creditedCents)
                    ) : (
                      <Text span size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={500}>
                    {format(left)}
                  </Table.Td>
                  <Table.Td>
                    {left === 0 ? (
                      <Text size="sm" c="dimmed">
                        Fully credited
                      </Text>
                    ) : (
                      <Group gap={4} wrap="nowrap" align="flex-start">
                        <MoneyInput
                          aria-label={`Credit for ${line.description}`}
                          size="xs"
                          currency={invoice.currency}
                          value={amounts[line.id] ?? ''}
                          error={error}
                          style={{ flex: 1 }}
                          onChange={(value) => setAmount(line.id, value)}
                        />
                        <Tooltip label={`Credit all that is left: ${format(left)}`}>
                          <Button
                            size="xs"
                            variant="subtle"
                            px={6}
                            aria-label={`Credit all that is left of ${line.description}`}
                            onClick={() => setAmount(line.id, centsToDecimal(left, invoice.currency))}
                          >
                            All
                          </Button>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xl">
          <Textarea
            label="Reason"
            description="Printed on the credit note and kept in the audit log."
            required
            autosize
            minRows={2}
            maxLength={1000}
            style={{ flex: 1 }}
            value={reason}
            error={reasonError}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setReasonError(undefined);
            }}
          />
          <Stack gap={4} w={300} component="section" aria-label="Credit note preview">
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
              This credit note
            </Text>
            <PreviewRow
              label={invoice.pricesIncludeTax ? 'Subtotal before tax' : 'Subtotal'}
              value={format(totals.subtotalCents)}
            />
            {taxes.map((tax) => (
              <PreviewRow
                key={`${tax.taxCodeId ?? tax.name}:${tax.rateBasisPoints}`}
                label={taxLabel(tax.name, tax.rateBasisPoints)}
                value={format(tax.taxCents)}
              />
            ))}
            <PreviewRow label="Total credited" value={format(totals.totalCents)} strong />
          </Stack>
        </Group>
        {isOverInvoice && !refusal && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />}>
            This credit ({format(totals.totalCents)} with tax) is more than the {format(invoiceLeft)} left to
            credit on the invoice: lower an amount.
          </Alert>
        )}
        {formError && (
          <Text size="sm" c="red" role="alert">
            {formError}
          </Text>
        )}
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Credit note not issued"
            role="alert"
          >
            <Text size="sm">
              {refusal.message} <Code fz="xs">{refusal.code}</Code>
            </Text>
            {refusal.code === 'credit_note.exceeds_invoice' && (
              <Text size="sm" mt={4}>
                The amounts left to credit above are now up to date; lower the amount and issue again.
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={issue.isPending}>
            Issue {nextNumber ?? 'credit note'}
            {read.lines.length > 0 &&
              Object.keys(read.errors).length === 0 &&
              ` for ${format(totals.totalCents)}`}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PreviewRow(props: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="baseline">
      <Text size="sm" fw={props.strong ? 600 : undefined}>
        {props.label}
      </Text>
      <Text
        size="sm"
        fw={props.strong ? 700 : undefined}
        className="tabular"
        style={{ whiteSpace: 'nowrap' }}
      >
        {props.value}
      </Text>
    </Group>
  );
}

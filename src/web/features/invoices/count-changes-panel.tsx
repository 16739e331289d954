// Recurring counts that changed since billing last approved them ("Managed workstation on Managed 2026:
// 20 → 25"). The draft bills the approved counts; approving sends the counts as shown, and the API refuses
// one that has moved again since, which a rebuild brings up to date.
import { Alert, Button, Checkbox, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { CountChange } from '../../../shared/api/invoices.ts';
import { monthBounds, shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { approveCounts, type Invoice } from './invoices-api.ts';
import { useRebuild, useStoreInvoice } from './use-invoice-mutation.ts';

function changeLabel(change: CountChange): string {
  const from = change.approvedQuantity === null ? 'new' : String(change.approvedQuantity);
  return `${change.itemName} on ${change.agreementName}: ${from} → ${change.quantity}`;
}

export function CountChangesPanel(props: { invoice: Invoice; canApprove: boolean }) {
  const { invoice } = props;
  const changes = invoice.countChanges;
  const store = useStoreInvoice();
  const rebuild = useRebuild(invoice);
  // Nothing is ticked at first: approving a count is a decision, one click away with "Select all".
  const [selected, setSelected] = useState<string[]>([]);
  // When each new count took effect: the invoice's first day (no adjustment) unless billing says it
  // changed during the month before, whose remaining days this invoice then bills or credits.
  const firstDay = monthBounds(invoice.period).first;
  const earliest = monthBounds(shiftPeriod(invoice.period, -1)).first;
  const [effective, setEffective] = useState<Record<string, string>>({});
  const effectiveOf = (id: string) => effective[id] || firstDay;
  const approve = useMutation({
    mutationFn: () =>
      approveCounts(invoice.id, {
        changes: changes
          .filter((change) => selected.includes(change.agreementLineId))
          .map((change) => ({
            agreementLineId: change.agreementLineId,
            quantity: change.quantity,
            effectiveOn: effectiveOf(change.agreementLineId),
          })),
      }),
    onSuccess: async (approved) => {
      await store(approved);
      notifySuccess(selected.length === 1 ? 'Count approved' : `${selected.length} counts approved`);
    },
    onError: (error) => {
      if (!(error instanceof ApiError && error.code === 'invoice.count_moved')) {
        notifyError(error, 'Could not approve the counts');
      }
    },
  });
  const moved = approve.error instanceof ApiError && approve.error.code === 'invoice.count_moved';
  const allSelected = selected.length === changes.length;

  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="section"
      aria-label="Count changes"
      style={{ borderColor: 'var(--mantine-color-yellow-outline)' }}
    >
      <Group gap={8} mb={2} wrap="nowrap">
        <IconAlertTriangle size={18} color="var(--mantine-color-yellow-filled)" aria-hidden />
        <Title order={2} fz="h3">
          {changes.length === 1 ? 'A count changed' : `${changes.length} counts changed`}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        These recurring counts changed since billing last approved them. The draft bills the approved count
        (nothing for a new line) until you approve the new one, and it cannot be finalized while any wait. If
        a count changed during last month, set the day it took effect: this invoice then bills (or credits)
        the difference for the rest of that month, prorated by day.
      </Text>
      <Stack gap={6}>
        {props.canApprove && changes.length > 1 && (
          <Checkbox
            label="Select all"
            size="sm"
            checked={allSelected}
            indeterminate={selected.length > 0 && !allSelected}
            onChange={() => setSelected(allSelected ? [] : changes.map((change) => change.agreementLineId))}
          />
        )}
        {changes.map((change) =>
          props.canApprove ? (
            <Group
              key={change.agreementLineId}
              gap="md"
              wrap="wrap"
              pl={changes.length > 1 ? 'md' : undefined}
            >
              <Checkbox
                label={changeLabel(change)}
                size="sm"
                checked={selected.includes(change.agreementLineId)}
                onChange={(event) => {
                  const { checked } = event.currentTarget;
                  setSelected((current) =>
                    checked
                      ? [...current, change.agreementLineId]
                      : current.filter((id) => id !== change.agreementLineId),
                  );
                }}
              />
              <TextInput
                type="date"
                size="xs"
                w={150}
                aria-label={`In effect from, ${change.itemName} on ${change.agreementName}`}
                min={earliest}
                max={firstDay}
                value={effectiveOf(change.agreementLineId)}
                onChange={(event) => {
                  const { value } = event.currentTarget;
                  setEffective((current) => ({ ...current, [change.agreementLineId]: value }));
                }}
              />
            </Group>
          ) : (
            <Text key={change.agreementLineId} size="sm">
              {changeLabel(change)}
            </Text>
          ),
        )}
      </Stack>
      {moved && (
        <Alert color="red" variant="light" mt="sm" icon={<IconAlertTriangle size={16} />}>
          <Stack gap={6} align="flex-start">
            <Text size="sm">
              A count changed again since this draft was built, so nothing was approved. Rebuild the draft to
              see the current counts, then approve them. <Code fz="xs">invoice.count_moved</Code>
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={rebuild.isPending}
              onClick={() => rebuild.mutate(undefined, { onSuccess: () => approve.reset() })}
            >
              Rebuild the draft
            </Button>
          </Stack>
        </Alert>
      )}
      {props.canApprove && (
        <Group mt="sm">
          <Button
            size="sm"
            loading={approve.isPending}
            disabled={selected.length === 0}
            onClick={() => approve.mutate()}
          >
            Approve selected
          </Button>
        </Group>
      )}
    </Paper>
  );
}

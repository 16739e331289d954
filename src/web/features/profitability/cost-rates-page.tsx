// Settings → Billing → Cost rates: what an hour of each staff member costs, from a date on. Profitability
// prices time at the rate in force on its day. Billing managers add and delete; others with invoice access
// read.
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { formatDate } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { assigneesQuery } from '../tickets/tickets-api.ts';
import {
  type CostRate,
  costRatesQuery,
  createCostRate,
  deleteCostRate,
  profitabilityKeys,
} from './profitability-api.ts';
import { figureColumn, textColumn } from './profitability-columns.tsx';
import { NoProfitabilityAccess } from './profitability-display.tsx';

const today = () => new Date().toISOString().slice(0, 10);

export function CostRatesPage() {
  const can = useCan();
  return can('invoices.read') ? <CostRates canManage={can('billing.manage')} /> : <NoProfitabilityAccess />;
}

function CostRates(props: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const rates = useQuery(costRatesQuery);
  // The rates list, and every profitability figure priced with them.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: profitabilityKeys.costRates }),
      queryClient.invalidateQueries({ queryKey: profitabilityKeys.all }),
    ]);
  const remove = useMutation({
    mutationFn: (rate: CostRate) => deleteCostRate(rate.id),
    onSuccess: async () => {
      await refresh();
      notifySuccess('Cost rate deleted');
    },
    onError: (error) => notifyError(error, 'The cost rate was not deleted'),
  });

  const columns: Column<CostRate>[] = [
    textColumn<CostRate>('member', 'Staff member', (r) => r.memberName),
    textColumn<CostRate>(
      'from',
      'In force from',
      (r) => r.effectiveFrom,
      (r) => formatDate(r.effectiveFrom),
    ),
    figureColumn<CostRate>(
      'cost',
      'Hourly cost',
      (r) => r.hourlyCostCents,
      (r) => <>{(r.hourlyCostCents / 100).toFixed(2)} / h</>,
    ),
    ...(props.canManage
      ? [
          {
            key: 'actions',
            header: '',
            width: 50,
            align: 'right' as const,
            render: (r: CostRate) => (
              <Tooltip label="Delete this rate">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete ${r.memberName}'s rate from ${r.effectiveFrom}`}
                  loading={remove.isPending && remove.variables?.id === r.id}
                  onClick={() => remove.mutate(r)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="Cost rates"
        description="What an hour of each person costs you (pay, taxes, overhead). Time is priced at the rate in force on the day it was done (UTC), so a raise never changes past months. Amounts are in the currency you bill in (no exchange rates are applied). Technicians never see these."
      />
      <Stack gap="md" maw={820}>
        {props.canManage && <AddCostRate onAdded={refresh} />}
        {rates.isPending ? (
          <TableSkeleton columns={3} rows={4} />
        ) : rates.isError ? (
          <Text c="red">{rates.error.message}</Text>
        ) : rates.data.length === 0 ? (
          <Paper withBorder p="lg">
            <Text size="sm" c="dimmed" ta="center">
              No cost rates yet — {props.canManage ? 'add one above' : 'a billing manager adds them'}. Until
              then profitability counts time at no cost and says so.
            </Text>
          </Paper>
        ) : (
          <DataTable label="Cost rates" columns={columns} rows={rates.data} rowKey={(r) => r.id} />
        )}
      </Stack>
    </>
  );
}

function AddCostRate(props: { onAdded: () => Promise<unknown> }) {
  const staff = useQuery(assigneesQuery);
  const [membershipId, setMembershipId] = useState<string | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [cost, setCost] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () =>
      createCostRate({
        membershipId: membershipId ?? '',
        effectiveFrom,
        hourlyCostCents: Math.round(Number(cost) * 100),
      }),
    onSuccess: async () => {
      setErrors({});
      setCost('');
      await props.onAdded();
      notifySuccess('Cost rate added');
    },
    onError: (error) => {
      if (isApiError(error)) setErrors(error.fieldErrors);
      notifyError(error, 'The cost rate was not added');
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label="Add a cost rate"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Group align="flex-start" gap="sm">
        <Select
          label="Staff member"
          placeholder="Choose a person"
          searchable
          w={240}
          data={(staff.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
          value={membershipId}
          onChange={setMembershipId}
          error={errors.membershipId}
        />
        <TextInput
          type="date"
          label="In force from"
          w={170}
          value={effectiveFrom}
          onChange={(event) => setEffectiveFrom(event.currentTarget.value)}
          error={errors.effectiveFrom}
        />
        <NumberInput
          label="Hourly cost"
          placeholder="e.g. 65.00"
          decimalScale={2}
          min={0}
          w={150}
          value={cost}
          onChange={setCost}
          error={errors.hourlyCostCents}
        />
        <Button type="submit" mt={25} loading={add.isPending} disabled={!membershipId || cost === ''}>
          Add rate
        </Button>
      </Group>
    </Paper>
  );
}

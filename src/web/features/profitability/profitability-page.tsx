// Profitability: every client invoiced in a range of months, worst margin first, flagged below the
// organization's threshold; totals per currency, never added across currencies.
import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { leagueQuery, type ProfitabilityLeague } from './profitability-api.ts';
import { Amount, amountColumn, figureColumns, marginColumn } from './profitability-columns.tsx';
import {
  FigureNotes,
  hours,
  Margin,
  money,
  monthInWords,
  NoProfitabilityAccess,
  RangePicker,
  rangeOf,
} from './profitability-display.tsx';

const route = getRouteApi('/app/profitability');

type Row = ProfitabilityLeague['clients'][number];

export function ProfitabilityPage() {
  const can = useCan();
  return can('invoices.read') ? <League /> : <NoProfitabilityAccess />;
}

function League() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const goTo = useNavigate();
  const range = rangeOf(search);
  const league = useQuery(leagueQuery(range));
  const threshold = league.data?.marginThresholdPercent ?? 0;

  const columns: Column<Row>[] = [
    {
      key: 'client',
      header: 'Client',
      width: 220,
      sortValue: (row) => row.clientName,
      render: (row) => (
        <Stack gap={2}>
          <AnchorLink
            to="/profitability/$clientId"
            params={{ clientId: row.clientId }}
            search={search}
            size="sm"
            fw={500}
          >
            {row.clientName}
          </AnchorLink>
          <FigureNotes figures={row} compact />
        </Stack>
      ),
    },
    {
      key: 'currency',
      header: 'Currency',
      width: 80,
      render: (row) => <Text size="sm">{row.currency}</Text>,
    },
    ...figureColumns<Row>({ isNegativeRed: true }),
    amountColumn<Row>('rate', 'Effective rate', (row) => row.effectiveHourlyRateCents, { suffix: '/h' }),
    {
      key: 'unbillable',
      header: 'Unbillable',
      align: 'right',
      sortValue: (row) => row.unbillableCostCents,
      render: (row) => (
        <Stack gap={0} align="flex-end">
          <Text size="sm" className="tabular">
            {hours(row.unbillableMinutes)}
          </Text>
          {row.unbillableCostCents > 0 && (
            <Text size="xs" c="dimmed" className="tabular">
              {money(row.unbillableCostCents, row.currency)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'vendor',
      header: 'Vendor-caused',
      align: 'right',
      sortValue: (row) => row.vendorCausedCostCents,
      render: (row) =>
        row.vendorCausedMinutes === 0 ? (
          <Text size="sm">—</Text>
        ) : (
          <Amount cents={row.vendorCausedCostCents} currency={row.currency} isNegativeRed />
        ),
    },
    marginColumn<Row>({ width: 190, threshold, isFlagged: (row) => row.isFlagged }),
  ];

  const flagged = league.data?.clients.filter((row) => row.isFlagged).length ?? 0;
  return (
    <>
      <PageHeader
        title="Profitability"
        description={
          <>
            What each client's invoices brought in against what the work cost, by invoice month (labour is
            billed the month after it is done). Margin targets and cost rates live in{' '}
            <AnchorLink to="/settings/billing" size="sm">
              Settings → Invoicing
            </AnchorLink>{' '}
            and{' '}
            <AnchorLink to="/settings/cost-rates" size="sm">
              Cost rates
            </AnchorLink>
            .
          </>
        }
      />
      <Group mb="md" justify="space-between" align="flex-end">
        <RangePicker
          range={range}
          onChange={(next) => void navigate({ search: (current) => ({ ...current, ...next }) })}
        />
        {league.data && (
          <Text size="sm" c={flagged > 0 ? 'red' : 'dimmed'}>
            {flagged === 0
              ? `No client below the ${threshold} % margin target`
              : `${flagged} of ${league.data.clients.length} clients below the ${threshold} % margin target`}
          </Text>
        )}
      </Group>
      {league.isPending ? (
        <TableSkeleton columns={9} rows={6} />
      ) : league.isError ? (
        <Text c="red">{league.error.message}</Text>
      ) : league.data.clients.length === 0 ? (
        <EmptyState
          icon={<IconChartBar size={24} />}
          title={`No invoices from ${monthInWords(range.from)} to ${monthInWords(range.to)}`}
          description="Profitability is computed from invoices, drafts included. Run invoices for a month, then come back; add cost rates so the time is priced."
          action={<ButtonLink to="/invoices">Go to invoices</ButtonLink>}
        />
      ) : (
        <Stack gap="md">
          <Totals totals={league.data.totals} threshold={threshold} />
          <DataTable
            label="Client profitability"
            columns={columns}
            rows={league.data.clients}
            rowKey={(row) => `${row.clientId}-${row.currency}`}
            onOpen={(row) =>
              void goTo({ to: '/profitability/$clientId', params: { clientId: row.clientId }, search })
            }
          />
        </Stack>
      )}
    </>
  );
}

function Totals(props: { totals: ProfitabilityLeague['totals']; threshold: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(props.totals.length, 3) }}>
      {props.totals.map((total) => (
        <Paper key={total.currency} withBorder p="sm" aria-label={`Totals in ${total.currency}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                All clients · {total.currency}
              </Text>
              <Text size="lg" fw={600} className="tabular">
                {money(total.revenueCents, total.currency)}
              </Text>
              <Text size="xs" c="dimmed" className="tabular">
                Costs {money(total.labourCostCents + total.resaleCostCents, total.currency)} · profit{' '}
                {money(total.profitCents, total.currency)}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="xs" c="dimmed">
                Margin
              </Text>
              <Margin
                figures={total}
                threshold={props.threshold}
                isFlagged={total.marginPercent !== null && total.marginPercent < props.threshold}
              />
            </Stack>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

// One client's profitability over a range of invoice months: the headline figures, a chart per month,
// the figures per agreement, unbillable time by cause, what vendors cost, and the time behind a month.
import { Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { timeCauseLabels } from '../../../shared/api/time.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { type ClientProfitability, clientProfitabilityQuery } from './profitability-api.ts';
import { ProfitabilityCharts } from './profitability-charts.tsx';
import { figureColumns, hoursColumn, marginColumn } from './profitability-columns.tsx';
import {
  FigureNotes,
  FlagBadge,
  hours,
  money,
  monthInWords,
  NoProfitabilityAccess,
  RangePicker,
  rangeOf,
} from './profitability-display.tsx';
import { ProfitabilityEntriesTable } from './profitability-entries.tsx';

const route = getRouteApi('/app/profitability/$clientId');

type AgreementRow = ClientProfitability['agreements'][number];

/** Hours in a sentence: "0 h" where a table cell shows a dash. */
const hoursOrZero = (minutes: number) => (minutes === 0 ? '0 h' : hours(minutes));
export function ClientProfitabilityPage() {
  const can = useCan();
  return can('invoices.read') ? <ClientProfitabilityView /> : <NoProfitabilityAccess />;
}

function Stat(props: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text size="lg" fw={600} className="tabular" c={props.color}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Paper>
  );
}

function ClientProfitabilityView() {
  const { clientId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const range = rangeOf(search);
  const detail = useQuery(clientProfitabilityQuery(clientId, range));
  if (detail.isPending) return <PageSkeleton />;
  if (detail.isError) return <Text c="red">{detail.error.message}</Text>;
  const data = detail.data;
  const total = data.totals.find((t) => t.currency === data.currency) ?? data.totals[0];
  const currency = total?.currency ?? data.currency;
  const invoiced = data.months.filter((m) => m.revenueCents !== 0 || m.minutesWorked > 0);
  const period = search.period ?? invoiced.at(-1)?.period;
  const threshold = data.marginThresholdPercent;

  const agreementColumns: Column<AgreementRow>[] = [
    {
      key: 'agreement',
      header: 'Agreement',
      sortValue: (row) => row.agreementName,
      render: (row) =>
        row.agreementId ? (
          <AnchorLink to="/agreements/$agreementId" params={{ agreementId: row.agreementId }} size="sm">
            {row.agreementName ?? 'Deleted agreement'}
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            No agreement
          </Text>
        ),
    },
    ...figureColumns<AgreementRow>({ isNegativeRed: false }),
    hoursColumn<AgreementRow>('unbillable', 'Unbillable', (row) => row.unbillableMinutes),
    marginColumn<AgreementRow>({
      width: 170,
      threshold,
      isFlagged: (row) =>
        row.marginPercent === null
          ? row.labourCostCents + row.resaleCostCents > 0
          : row.marginPercent < threshold,
    }),
  ];

  return (
    <>
      <PageHeader
        eyebrow={
          <AnchorLink to="/profitability" search={{ from: search.from, to: search.to }} size="sm">
            ← Profitability
          </AnchorLink>
        }
        title={data.clientName}
        badges={total?.isFlagged ? <FlagBadge figures={total} threshold={threshold} /> : undefined}
        description={`Invoices from ${monthInWords(range.from)} to ${monthInWords(range.to)}, drafts included, void left out.`}
      />
      <Group mb="md" justify="space-between" align="flex-end">
        <RangePicker
          range={range}
          onChange={(next) => void navigate({ search: (current) => ({ ...current, ...next }) })}
        />
        {total && <FigureNotes figures={total} />}
      </Group>
      {data.totals.length > 1 && (
        <Text size="sm" c="yellow.8" mb="sm">
          This client was invoiced in {data.totals.map((t) => t.currency).join(' and ')} in this range;
          figures are shown per currency and never added together.
        </Text>
      )}
      <Stack gap="md">
        {total && (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <Stat label="Revenue" value={money(total.revenueCents, currency)} />
            <Stat
              label="Costs"
              value={money(total.labourCostCents + total.resaleCostCents, currency)}
              hint={`Labour ${money(total.labourCostCents, currency)} · resale ${money(total.resaleCostCents, currency)}`}
            />
            <Stat
              label="Margin"
              value={total.marginPercent === null ? '—' : `${total.marginPercent.toFixed(1)} %`}
              hint={`Target ${threshold} %`}
              color={total.isFlagged ? 'red' : undefined}
            />
            <Stat
              label="Effective rate"
              value={
                total.effectiveHourlyRateCents === null
                  ? '—'
                  : `${money(total.effectiveHourlyRateCents, currency)}/h`
              }
              hint="Revenue per hour worked"
            />
            <Stat
              label="Hours worked"
              value={hours(total.minutesWorked)}
              hint={`${hoursOrZero(total.billableMinutes)} billed · ${hoursOrZero(total.unbillableMinutes)} unbillable`}
            />
            <Stat
              label="Vendor-caused"
              value={money(total.vendorCausedCostCents, currency)}
              hint={
                total.vendorCausedMinutes === 0
                  ? 'No vendor-caused work in these months'
                  : `${hours(total.vendorCausedMinutes)} not billed to the client`
              }
              color={total.vendorCausedCostCents > 0 ? 'orange.8' : undefined}
            />
          </SimpleGrid>
        )}
        <ProfitabilityCharts detail={data} />
        <SimpleGrid cols={{ base: 1, lg: 3 }}>
          <Paper
            withBorder
            p="md"
            component="section"
            aria-label="Unbillable time by cause"
            style={{ gridColumn: 'span 1' }}
          >
            <Text fw={600}>Unbillable time by cause</Text>
            <Text size="xs" c="dimmed" mb="xs">
              Time not billed by the hour: covered, drawn from a block, absorbed, or not shown.
            </Text>
            {total && total.unbillableByCause.length > 0 ? (
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Cause</Table.Th>
                    <Table.Th ta="right">Hours</Table.Th>
                    <Table.Th ta="right">Cost</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {total.unbillableByCause.map((row) => (
                    <Table.Tr key={row.cause}>
                      <Table.Td>{timeCauseLabels[row.cause]}</Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {hours(row.minutes)}
                      </Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {money(row.costCents, currency)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                All the time in this range was billed.
              </Text>
            )}
          </Paper>
          <Stack gap="xs" style={{ gridColumn: 'span 2' }}>
            <Text fw={600}>By agreement</Text>
            <DataTable
              label="Profitability by agreement"
              columns={agreementColumns}
              rows={data.agreements}
              rowKey={(row) => `${row.agreementId}-${row.currency}`}
              keyboardNavigation={false}
            />
          </Stack>
        </SimpleGrid>
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end">
            <div>
              <Text fw={600}>Time behind a month</Text>
              <Text size="xs" c="dimmed">
                Every entry the month's invoice took, with its cost at the rate in force that day.
              </Text>
            </div>
            <Select
              label="Invoice month"
              size="xs"
              w={200}
              allowDeselect={false}
              data={data.months
                .filter((m) => m.currency === data.currency)
                .map((m) => ({ value: m.period, label: monthInWords(m.period) }))
                .reverse()}
              value={period ?? null}
              onChange={(value) =>
                value && void navigate({ search: (current) => ({ ...current, period: value }) })
              }
            />
          </Group>
          {period ? (
            <ProfitabilityEntriesTable clientId={clientId} period={period} />
          ) : (
            <Text size="sm" c="dimmed">
              No invoice in this range took any time.
            </Text>
          )}
        </Stack>
      </Stack>
    </>
  );
}

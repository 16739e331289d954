// The time behind one invoice month of a client: each entry with its ticket, who did it, its cause,
// whether it was billed, and what it cost at the member's rate then.
import { Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { entryBillingLabels } from '../../../shared/api/profitability.ts';
import { timeCauseLabels } from '../../../shared/api/time.ts';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { type ProfitabilityEntries, profitabilityEntriesQuery } from './profitability-api.ts';
import { Amount, hoursColumn, textColumn } from './profitability-columns.tsx';
import { hours, money, monthInWords } from './profitability-display.tsx';

type Entry = ProfitabilityEntries['items'][number];

export function ProfitabilityEntriesTable(props: { clientId: string; period: string }) {
  const entries = useQuery(profitabilityEntriesQuery(props.clientId, props.period));
  if (entries.isPending) return <TableSkeleton columns={8} rows={5} />;
  if (entries.isError) return <Text c="red">{entries.error.message}</Text>;
  const currency = entries.data.currency ?? 'USD';
  const columns: Column<Entry>[] = [
    {
      ...textColumn<Entry>(
        'date',
        'Date',
        (entry) => entry.startedAt,
        (entry) => formatDate(entry.startedAt.slice(0, 10)),
      ),
      width: 110,
    },
    {
      key: 'ticket',
      header: 'Ticket',
      sortValue: (entry) => entry.ticketNumber,
      render: (entry) => (
        <AnchorLink to="/tickets/$ticketId" params={{ ticketId: entry.ticketId }} size="sm" lineClamp={1}>
          #{entry.ticketNumber} {entry.ticketTitle}
        </AnchorLink>
      ),
    },
    textColumn<Entry>('staff', 'Staff', (entry) => entry.staffName),
    hoursColumn<Entry>('minutes', 'Time', (entry) => entry.minutes),
    textColumn<Entry>(
      'cause',
      'Cause',
      (entry) => entry.cause,
      (entry) => timeCauseLabels[entry.cause],
    ),
    {
      key: 'billing',
      header: 'Billing',
      sortValue: (entry) => entry.billing,
      render: (entry) => (
        <Badge size="sm" variant="light" color={entry.isBillable ? 'teal' : 'gray'}>
          {entryBillingLabels[entry.billing]}
        </Badge>
      ),
    },
    {
      key: 'agreement',
      header: 'Agreement',
      sortValue: (entry) => entry.agreementName,
      render: (entry) => (
        <Text size="sm" c={entry.agreementId ? undefined : 'dimmed'} lineClamp={1}>
          {entry.agreementId ? (entry.agreementName ?? 'Deleted agreement') : 'No agreement'}
        </Text>
      ),
    },
    {
      key: 'cost',
      header: 'Cost',
      align: 'right',
      sortValue: (entry) => entry.costCents,
      render: (entry) =>
        entry.hourlyCostCents === null ? (
          <Text size="sm" c="yellow.8">
            No cost rate
          </Text>
        ) : (
          <Amount cents={entry.costCents} currency={currency} />
        ),
    },
  ];
  const total = entries.data.items.reduce((sum, entry) => sum + entry.costCents, 0);
  const minutes = entries.data.items.reduce((sum, entry) => sum + entry.minutes, 0);
  return (
    <DataTable
      label={`Time on the ${monthInWords(props.period)} invoice`}
      columns={columns}
      rows={entries.data.items}
      rowKey={(entry) => entry.id}
      keyboardNavigation={false}
      footer={
        <Group justify="space-between" px="sm" py={8}>
          <Text size="sm" c="dimmed">
            {entries.data.items.length === 0
              ? `The ${monthInWords(props.period)} invoice took no time`
              : `${entries.data.items.length} entries · ${hours(minutes)}`}
          </Text>
          <Text size="sm" className="tabular">
            Labour cost {money(total, currency)}
          </Text>
        </Group>
      }
    />
  );
}

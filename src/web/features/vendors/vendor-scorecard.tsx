// A vendor's scorecard on its page: over the last 3, 6 or 12 months, at all its clients or one of them,
// its changes outside approved windows against authorized changes, the incidents those opened, the MSP's
// time and cost on them, the trend by month and where each client's paperwork stands.
import { Group, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useCan } from '../auth/session.ts';
import { clientQuery } from '../clients/clients-api.ts';
import { type Scorecard, scorecardQuery } from './scorecard-api.ts';
import { isQuiet, SCORECARD_PERIODS, type ScorecardPeriod, sharedCurrency } from './scorecard-figures.ts';
import { ScorecardClients, ScorecardTiles, ScorecardTrend } from './scorecard-parts.tsx';
import { vendorEngagementsQuery } from './vendors-api.ts';

const ALL = 'all';

export function VendorScorecard(props: { vendorId: string }) {
  const [months, setMonths] = useState<ScorecardPeriod>(6);
  const [clientId, setClientId] = useState<string>(ALL);
  const engagements = useQuery(vendorEngagementsQuery(props.vendorId));
  const card = useQuery(
    scorecardQuery(props.vendorId, { months, clientId: clientId === ALL ? undefined : clientId }),
  );
  const clientOptions = [
    { value: ALL, label: 'All clients' },
    ...[...new Map((engagements.data ?? []).map((e) => [e.clientId, e.clientName]))].map(
      ([value, label]) => ({
        value,
        label,
      }),
    ),
  ];

  return (
    <section aria-label="Scorecard">
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
        <div>
          <Title order={2} fz="h4">
            Scorecard
          </Title>
          <Text size="sm" c="dimmed">
            {card.data ? periodWords(card.data) : 'How the vendor works with you, month by month'}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label="Scorecard for"
            size="xs"
            w={220}
            data={clientOptions}
            value={clientId}
            onChange={(value) => setClientId(value ?? ALL)}
            allowDeselect={false}
            searchable={clientOptions.length > 8}
          />
          <SegmentedControl
            size="xs"
            aria-label="Period"
            value={String(months)}
            onChange={(value) => setMonths(Number(value) as ScorecardPeriod)}
            data={SCORECARD_PERIODS.map((count) => ({ value: String(count), label: `${count} months` }))}
          />
        </Group>
      </Group>
      {card.isPending ? (
        <ScorecardSkeleton />
      ) : card.isError ? (
        <Text c="red">{card.error.message}</Text>
      ) : (
        <ScorecardBody card={card.data} />
      )}
    </section>
  );
}

/** "Since 1 Jun 2026 (UTC), at all clients". */
function periodWords(card: Scorecard): string {
  const since = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${card.from}T00:00:00Z`));
  const where = card.clientId ? `at ${card.clients[0]?.clientName ?? 'one client'}` : 'at all its clients';
  return `Since ${since}, ${where}`;
}

/** Tiles, trend and table; the clients' currencies come from their records, where the user can read them. */
export function ScorecardBody(props: { card: Scorecard; withClients?: boolean }) {
  const { card } = props;
  const can = useCan();
  const needsCurrency = card.totals.costCents !== null && can('clients.read');
  const clients = useQueries({
    queries: card.clients.map((client) => ({ ...clientQuery(client.clientId), enabled: needsCurrency })),
  });
  const currencies = new Map<string, string>();
  for (const client of clients) if (client.data) currencies.set(client.data.id, client.data.currency);
  const currency = sharedCurrency(card.clients.map((client) => currencies.get(client.clientId)));

  if (isQuiet(card.totals)) {
    return (
      <EmptyState
        icon={<IconChartBar size={24} />}
        title="Nothing in this period"
        description="No changes, change requests, incidents or time were recorded for this vendor here. Try a longer period."
      />
    );
  }
  return (
    <Stack gap="md">
      <ScorecardTiles totals={card.totals} currency={currency} />
      <ScorecardTrend months={card.months} />
      {(props.withClients ?? true) && card.clients.length > 0 && (
        <ScorecardClients clients={card.clients} currencies={currencies} />
      )}
    </Stack>
  );
}

function ScorecardSkeleton() {
  return (
    <Stack gap="md">
      <Group grow>
        {[0, 1, 2, 3].map((index) => (
          <Skeleton key={index} h={84} radius="md" />
        ))}
      </Group>
      <Skeleton h={280} radius="md" />
    </Stack>
  );
}

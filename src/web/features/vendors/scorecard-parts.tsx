// The pieces of a vendor's scorecard: its KPI tiles, its trend by month and its per-client table.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { useCan } from '../auth/session.ts';
import { LoaStatusBadge, StandingBadge } from '../vendor-terms/terms-badges.tsx';
import type { Scorecard } from './scorecard-api.ts';
import { chartRows, formatCost, plural, requestsWording, SERIES } from './scorecard-figures.ts';

function Tile(props: { label: string; value: ReactNode; note: string }) {
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={props.label}>
      <Text size="xs" c="dimmed" fw={500}>
        {props.label}
      </Text>
      <Text fz={26} fw={600} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.value}
      </Text>
      <Text size="xs" c="dimmed">
        {props.note}
      </Text>
    </Paper>
  );
}

export function ScorecardTiles(props: { totals: Scorecard['totals']; currency: string | null }) {
  const { totals } = props;
  const hasCost = totals.costCents !== null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: hasCost ? 5 : 4 }} spacing="sm">
      <Tile
        label="Outside an approved window"
        value={totals.changesOutsideWindows}
        note={totals.changesOutsideWindows === 1 ? 'change detected' : 'changes detected'}
      />
      <Tile
        label="Authorized changes"
        value={totals.authorizedChanges}
        note={requestsWording(totals.changeRequests)}
      />
      <Tile label="Incidents" value={totals.incidents} note="opened for changes outside a window" />
      <Tile label="MSP time" value={formatMinutes(totals.minutes, '0 min')} note="on those incidents" />
      {totals.costCents !== null && (
        <Tile
          label="Cost"
          value={formatCost(totals.costCents, props.currency, navigator.language)}
          note={props.currency ? 'at staff cost rates' : 'at staff cost rates (mixed currencies)'}
        />
      )}
    </SimpleGrid>
  );
}

export function ScorecardTrend(props: { months: Scorecard['months'] }) {
  const data = chartRows(props.months);
  return (
    <Paper withBorder p="md" component="figure" m={0} aria-label="Changes and incidents by month">
      <Text fw={600} size="sm" component="figcaption">
        Changes and incidents by month
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Changes outside an approved window against authorized changes, and the incidents opened (UTC months).
      </Text>
      <BarChart
        h={220}
        data={data}
        dataKey="month"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ allowDecimals: false, width: 36 }}
        valueFormatter={(value) => value.toLocaleString('en-US')}
        series={[
          { name: SERIES.outside, color: 'orange.6' },
          { name: SERIES.authorized, color: 'teal.6' },
          { name: SERIES.incidents, color: 'indigo.5' },
        ]}
      />
      {/* The figures as text for screen readers; the bars say the same to the eye. */}
      <VisuallyHidden>
        <table aria-label="Changes and incidents by month, as a table">
          <thead>
            <tr>
              <th>Month</th>
              <th>{SERIES.outside}</th>
              <th>{SERIES.authorized}</th>
              <th>{SERIES.incidents}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.month}>
                <td>{row.month}</td>
                <td>{row[SERIES.outside]}</td>
                <td>{row[SERIES.authorized]}</td>
                <td>{row[SERIES.incidents]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Paper>
  );
}

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

/** `currencies`: each client's currency where known; its cost is shown plain otherwise. */
export function ScorecardClients(props: {
  clients: Scorecard['clients'];
  currencies: ReadonlyMap<string, string>;
}) {
  const can = useCan();
  const canOpenClient = can('clients.read');
  const hasCost = props.clients.some((client) => client.costCents !== null);
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={720}>
        <Table striped={false} highlightOnHover verticalSpacing={6} aria-label="Scorecard by client">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Letter of Agency</Table.Th>
              <Table.Th>Rules</Table.Th>
              <Table.Th style={numeric}>Outside a window</Table.Th>
              <Table.Th style={numeric}>Authorized / requests</Table.Th>
              <Table.Th style={numeric}>Incidents</Table.Th>
              <Table.Th style={numeric}>MSP time</Table.Th>
              {hasCost && <Table.Th style={numeric}>Cost</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.clients.map((client) => (
              <Table.Tr key={client.clientId}>
                <Table.Td>
                  {canOpenClient ? (
                    <AnchorLink
                      to="/clients/$clientId"
                      params={{ clientId: client.clientId }}
                      search={{ tab: 'vendors' }}
                      size="sm"
                      fw={500}
                    >
                      {client.clientName}
                    </AnchorLink>
                  ) : (
                    <Text size="sm" fw={500}>
                      {client.clientName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <LoaStatusBadge status={client.loaStatus} size="xs" />
                </Table.Td>
                <Table.Td>
                  <StandingBadge rules={rulesOf(client.rules)} size="xs" />
                </Table.Td>
                <Table.Td style={numeric}>{client.changesOutsideWindows}</Table.Td>
                <Table.Td style={numeric}>
                  {client.authorizedChanges} / {client.changeRequests}
                </Table.Td>
                <Table.Td style={numeric}>{client.incidents}</Table.Td>
                <Table.Td style={numeric}>{formatMinutes(client.minutes)}</Table.Td>
                {hasCost && (
                  <Table.Td style={numeric}>
                    {client.costCents === null || client.costCents === 0
                      ? '—'
                      : formatCost(
                          client.costCents,
                          props.currencies.get(client.clientId) ?? null,
                          navigator.language,
                        )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" px="sm" py={6}>
        {plural(props.clients.length, 'client')}; paperwork as it stands today.
      </Text>
    </Paper>
  );
}

/** The badge wants the whole standing; the scorecard carries only its status. */
const rulesOf = (status: Scorecard['clients'][number]['rules']) => ({
  status,
  rulesVersion: null,
  addendumVersion: null,
  acknowledgements: [],
});

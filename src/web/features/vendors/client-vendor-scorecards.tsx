// The client's vendors side by side on its Vendors tab: each one's scorecard at this client over the
// last months in one compact row; the vendor's page has the trend and the detail.
import { Group, Paper, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { scorecardQuery } from './scorecard-api.ts';
import { SCORECARD_PERIODS, type ScorecardPeriod } from './scorecard-figures.ts';

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function ClientVendorScorecards(props: {
  clientId: string;
  vendors: readonly { vendorId: string; vendorName: string }[];
}) {
  const [months, setMonths] = useState<ScorecardPeriod>(6);
  const vendors = [...new Map(props.vendors.map((v) => [v.vendorId, v.vendorName]))];
  const cards = useQueries({
    queries: vendors.map(([vendorId]) => scorecardQuery(vendorId, { clientId: props.clientId, months })),
  });
  if (vendors.length === 0) return null;

  return (
    <section aria-label="Vendor scorecards">
      <Group justify="space-between" align="flex-end" mb="sm">
        <div>
          <Title order={2} fz="h4">
            Vendor scorecards
          </Title>
          <Text size="sm" c="dimmed">
            Each vendor's changes and incidents at this client; open a vendor for its trend.
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          aria-label="Scorecard period"
          value={String(months)}
          onChange={(value) => setMonths(Number(value) as ScorecardPeriod)}
          data={SCORECARD_PERIODS.map((count) => ({ value: String(count), label: `${count} months` }))}
        />
      </Group>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing={6} aria-label="Vendor scorecards">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Vendor</Table.Th>
                <Table.Th style={numeric}>Outside an approved window</Table.Th>
                <Table.Th style={numeric}>Authorized / requests</Table.Th>
                <Table.Th style={numeric}>Incidents</Table.Th>
                <Table.Th style={numeric}>MSP time</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {vendors.map(([vendorId, vendorName], index) => {
                const card = cards[index];
                const totals = card?.data?.totals;
                const cell = (value: string | number | undefined) =>
                  card?.isError ? '—' : totals ? value : <Skeleton h={12} w={32} ml="auto" />;
                return (
                  <Table.Tr key={vendorId}>
                    <Table.Td>
                      <AnchorLink to="/vendors/$vendorId" params={{ vendorId }} size="sm" fw={500}>
                        {vendorName}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td style={numeric}>{cell(totals?.changesOutsideWindows)}</Table.Td>
                    <Table.Td style={numeric}>
                      {cell(totals && `${totals.authorizedChanges} / ${totals.changeRequests}`)}
                    </Table.Td>
                    <Table.Td style={numeric}>{cell(totals?.incidents)}</Table.Td>
                    <Table.Td style={numeric}>{cell(totals && formatMinutes(totals.minutes))}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </section>
  );
}

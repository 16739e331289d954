// The company's vendors and how each works with the MSP on its systems over the last six months: changes made
// outside an approved window against the changes it was authorized to make, the incidents those caused and
// the MSP's time on them. Never what that time cost.
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatMinutes } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { monthLabel, plural } from '../vendors/scorecard-figures.ts';
import { clientPortalOverviewQuery, type PortalScorecard, portalVendorsQuery } from './portal-api.ts';

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

export function PortalVendorsPage() {
  const vendors = useQuery(portalVendorsQuery);
  const overview = useQuery(clientPortalOverviewQuery);
  const mspName = overview.data?.mspName ?? 'your IT provider';

  return (
    <>
      <PageHeader
        title="Vendors"
        description={`How your vendors have worked with ${mspName} on your systems over the last six months`}
      />
      {!vendors.isSuccess ? (
        <QueryState query={vendors} height={280} />
      ) : vendors.data.length === 0 ? (
        <EmptyState
          icon={<IconBuildingStore size={24} />}
          title="No vendors yet"
          description={`When ${mspName} records a vendor that works on your systems (your line-of-business software’s support, for example), its changes and the incidents they caused show here.`}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {vendors.data.map((card) => (
            <VendorCard key={card.vendorId} card={card} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

/** "2 change requests, 1 change made in an approved window. 1 incident from changes outside one: 45 min of work." */
function summary(totals: PortalScorecard['totals']): string {
  const isQuiet =
    totals.changeRequests + totals.authorizedChanges + totals.changesOutsideWindows + totals.incidents === 0;
  if (isQuiet) return 'No changes or incidents in these six months.';
  const requests =
    totals.changeRequests === 0 ? 'No change requests' : plural(totals.changeRequests, 'change request');
  const authorized = `${plural(totals.authorizedChanges, 'change')} made in an approved window`;
  const incidents =
    totals.incidents === 0
      ? 'No incident from a change outside a window.'
      : `${plural(totals.incidents, 'incident')} from changes outside a window: ${formatMinutes(totals.minutes, '0 min')} of work.`;
  return `${requests}, ${authorized}. ${incidents}`;
}

function VendorCard(props: { card: PortalScorecard }) {
  const { card } = props;
  const { totals } = card;
  const headingId = `vendor-${card.vendorId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Title order={2} fz="h4" id={headingId}>
          {card.vendorName}
        </Title>
        {totals.changesOutsideWindows > 0 ? (
          <Badge color="orange" variant="light" tt="none">
            {plural(totals.changesOutsideWindows, 'change')} outside a window
          </Badge>
        ) : (
          <Badge color="teal" variant="light" tt="none">
            No change outside a window
          </Badge>
        )}
      </Group>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {summary(totals)}
        </Text>
        <Table.ScrollContainer minWidth={420} type="native">
          <Table verticalSpacing={4} aria-label={`${card.vendorName} by month`} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th style={numeric}>Outside a window</Table.Th>
                <Table.Th style={numeric}>Authorized</Table.Th>
                <Table.Th style={numeric}>Incidents</Table.Th>
                <Table.Th style={numeric}>Time</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.months.map((month) => (
                <Table.Tr key={month.month}>
                  <Table.Td>{monthLabel(month.month)}</Table.Td>
                  <Table.Td style={numeric} c={month.changesOutsideWindows > 0 ? 'orange.8' : 'dimmed'}>
                    {month.changesOutsideWindows}
                  </Table.Td>
                  <Table.Td style={numeric} c={month.authorizedChanges > 0 ? undefined : 'dimmed'}>
                    {month.authorizedChanges}
                  </Table.Td>
                  <Table.Td style={numeric} c={month.incidents > 0 ? undefined : 'dimmed'}>
                    {month.incidents}
                  </Table.Td>
                  <Table.Td style={numeric} c={month.minutes > 0 ? undefined : 'dimmed'}>
                    {formatMinutes(month.minutes, '—')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

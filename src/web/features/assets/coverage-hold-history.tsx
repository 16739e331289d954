// An asset's earlier coverage holds, compactly: the vendor, from when to when, how each ended (by whom and
// why, or by itself once its conditions were met), and its letter. Nothing at all when there are none.
import { ActionIcon, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { formatDateTime } from '../../ui/format.ts';
import { holdDay, liftedByText } from './coverage-hold-text.ts';
import { holdLetterUrl, useAssetHolds } from './coverage-holds-api.ts';

export function CoverageHoldHistory(props: { assetId: string }) {
  const holds = useAssetHolds(props.assetId);
  const lifted = holds.data?.lifted ?? [];
  if (lifted.length === 0) return null;
  return (
    <Paper withBorder p="md" mt="md" component="section" aria-label="Earlier coverage holds">
      <Title order={2} fz="h4" mb="sm">
        Earlier coverage holds
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} aria-label="Earlier coverage holds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Vendor</Table.Th>
              <Table.Th>On hold</Table.Th>
              <Table.Th>Ended</Table.Th>
              <Table.Th w={44} aria-label="Letter" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lifted.map((hold) => (
              <Table.Tr key={hold.id} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {hold.vendorName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={`${formatDateTime(hold.placedAt)} – ${formatDateTime(hold.liftedAt!)}`}>
                    <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      {holdDay(hold.placedAt)} – {holdDay(hold.liftedAt!)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{liftedByText(hold)}</Text>
                    {hold.liftedReason && (
                      <Text size="xs" c="dimmed" lineClamp={2} title={hold.liftedReason}>
                        {hold.liftedReason}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Tooltip label="Download letter (PDF)">
                    <ActionIcon
                      component="a"
                      href={holdLetterUrl(hold.id)}
                      download
                      variant="subtle"
                      color="gray"
                      aria-label={`Download letter of the hold from ${holdDay(hold.placedAt)}`}
                    >
                      <IconDownload size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

// One time entry's edit history: each change with who made it, when, and the fields before and after.
import { Badge, Group, Modal, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { timeCauseLabels } from '../../../shared/api/time.ts';
import { formatDateTime } from '../../ui/format.ts';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { allWorkTypesQuery, type TimeEntryRevision, timeEntryHistoryQuery } from './tickets-api.ts';
import { overrideSummary } from './time-entry-billing.ts';

type Snapshot = NonNullable<TimeEntryRevision['before']>;

const fields: { key: keyof Snapshot; label: string }[] = [
  { key: 'startedAt', label: 'Started at' },
  { key: 'minutes', label: 'Minutes' },
  { key: 'workTypeId', label: 'Work type' },
  { key: 'cause', label: 'Cause' },
  { key: 'note', label: 'Note' },
  { key: 'billingOverride', label: 'Billing' },
];

const changeColors = { created: 'teal', updated: 'indigo', deleted: 'red' } as const;

export function TimeEntryHistoryModal(props: { entryId: string | null; onClose: () => void }) {
  return (
    <Modal opened={props.entryId !== null} onClose={props.onClose} title="Time entry history" size="lg">
      {props.entryId && <History entryId={props.entryId} />}
    </Modal>
  );
}

function History(props: { entryId: string }) {
  const history = useQuery(timeEntryHistoryQuery(props.entryId));
  const workTypes = useQuery(allWorkTypesQuery);
  const show = (key: keyof Snapshot, snapshot: Snapshot | null): string => {
    if (!snapshot) return '—';
    const value = snapshot[key];
    if (key === 'workTypeId') return workTypes.data?.find((type) => type.id === value)?.name ?? '…';
    if (key === 'cause') return timeCauseLabels[snapshot.cause];
    if (key === 'startedAt') return formatDateTime(snapshot.startedAt);
    if (key === 'billingOverride') {
      return snapshot.billingOverride ? overrideSummary(snapshot.billingOverride) : 'As the agreements say';
    }
    return String(value);
  };

  if (history.isPending) return <Skeleton height={120} aria-label="Loading" />;
  if (history.isError) return <Text c="red">{history.error.message}</Text>;
  return (
    <Stack gap="sm">
      {history.data.map((revision) => {
        const changed = fields.filter(
          (field) =>
            revision.change !== 'updated' ||
            show(field.key, revision.before) !== show(field.key, revision.after),
        );
        return (
          <Paper key={revision.id} withBorder p="sm">
            <Group gap="xs" mb={6}>
              <Badge variant="light" color={changeColors[revision.change]}>
                {revision.change === 'created'
                  ? 'Logged'
                  : revision.change === 'updated'
                    ? 'Edited'
                    : 'Deleted'}
              </Badge>
              <Text size="sm" fw={500}>
                {revision.actorName ?? 'System'}
              </Text>
              <RelativeTime value={revision.at} />
            </Group>
            <Table withRowBorders={false} verticalSpacing={2} aria-label="Changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changed.map((field) => (
                  <Table.Tr key={field.key}>
                    <Table.Td c="dimmed">{field.label}</Table.Td>
                    <Table.Td td={revision.change === 'updated' ? 'line-through' : undefined}>
                      {show(field.key, revision.before)}
                    </Table.Td>
                    <Table.Td>{show(field.key, revision.after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
    </Stack>
  );
}

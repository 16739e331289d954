// The time logged on a ticket: who, when, how long, work type, cause, note and billing, with the total.
// Time on a finalized invoice is locked (its invoice named, no Edit or Delete); billing overrides outcomes.
import { ActionIcon, Badge, Menu, Paper, Stack, Table, Text } from '@mantine/core';
import {
  IconClockHour4,
  IconDots,
  IconHistory,
  IconLock,
  IconPencil,
  IconScale,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { timeCauseLabels } from '../../../shared/api/time.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan, useSession } from '../auth/session.ts';
import {
  type ClassifiedTimeEntry,
  deleteTimeEntry,
  type TimeEntry,
  ticketKeys,
  timeEntriesQuery,
} from './tickets-api.ts';
import { TimeBillingOverrideModal } from './time-billing-override.tsx';
import { ClassificationCell } from './time-classification.tsx';
import { type EntryActions, entryActions, invoicedNotice } from './time-entry-billing.ts';
import { TimeEntryFormModal } from './time-entry-form.tsx';
import { TimeEntryHistoryModal } from './time-entry-history.tsx';

export function TimeEntries(props: { ticketId: string; logButton: ReactNode }) {
  const session = useSession();
  const can = useCan();
  const queryClient = useQueryClient();
  const entries = useQuery(timeEntriesQuery(props.ticketId));
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const [deleting, setDeleting] = useState<TimeEntry | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<ClassifiedTimeEntry | null>(null);

  const remove = useMutation({
    mutationFn: (entry: TimeEntry) => deleteTimeEntry(entry.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ticketKeys.detail(props.ticketId) });
      notifySuccess('Time entry deleted');
    },
    onError: (error) => notifyError(error, 'Could not delete the time entry'),
  });

  const actionsOf = (entry: ClassifiedTimeEntry) =>
    entryActions(entry, { membershipId: session.membership.id, can });

  if (entries.isPending) return <TableSkeleton columns={6} rows={3} />;
  if (entries.isError) return <Text c="red">{entries.error.message}</Text>;
  if (entries.data.items.length === 0) {
    return (
      <EmptyState
        icon={<IconClockHour4 size={24} />}
        title="No time logged yet"
        description="Log the time you spend, or start the timer in the side panel."
        action={props.logButton}
      />
    );
  }

  return (
    <>
      <Paper withBorder>
        <Table aria-label="Time entries" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Time</Table.Th>
              <Table.Th>Work type</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Billing</Table.Th>
              <Table.Th w={44} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.data.items.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Text size="sm" fw={500} truncate maw={130}>
                    {entry.staffName}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RelativeTime value={entry.startedAt} />
                </Table.Td>
                <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                  {formatMinutes(entry.minutes)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.workTypeName}</Text>
                  {entry.cause !== 'normal' && (
                    <Badge size="xs" variant="light" color="orange">
                      {timeCauseLabels[entry.cause]}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                    {entry.note}
                  </Text>
                  {entry.revision > 1 && (
                    <Text size="xs" c="dimmed">
                      edited
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={220}>
                  <Stack gap={4}>
                    <ClassificationCell
                      classification={entry.classification}
                      billingOverride={entry.billingOverride}
                    />
                    {entry.invoice && (
                      <InvoicedBadge invoice={entry.invoice} canOpen={can('invoices.read')} />
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <EntryMenu
                    entry={entry}
                    actions={actionsOf(entry)}
                    onEdit={() => setEditing(entry)}
                    onHistory={() => setHistoryOf(entry.id)}
                    onOverride={() => setOverriding(entry)}
                    onDelete={() => setDeleting(entry)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>Total</Table.Th>
              <Table.Th
                ta="right"
                className="tabular"
                data-testid="time-total"
                style={{ whiteSpace: 'nowrap' }}
              >
                {formatMinutes(entries.data.totalMinutes)}
              </Table.Th>
              <Table.Th colSpan={4} />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>
      <TimeEntryFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        ticketId={props.ticketId}
        entry={editing ?? undefined}
      />
      <TimeEntryHistoryModal entryId={historyOf} onClose={() => setHistoryOf(null)} />
      <TimeBillingOverrideModal entry={overriding} onClose={() => setOverriding(null)} />
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete time entry?"
        message={
          deleting &&
          `${formatMinutes(deleting.minutes)} of ${deleting.workTypeName} by ${deleting.staffName} will no longer count on this ticket. The entry's history keeps a record of it.`
        }
        confirmLabel="Delete entry"
        onConfirm={() => (deleting ? remove.mutateAsync(deleting) : Promise.resolve())}
      />
    </>
  );
}

/** "Invoiced INV-1001", a link to the invoice for those who can read invoices. */
function InvoicedBadge(props: { invoice: { id: string; number: string }; canOpen: boolean }) {
  const badge = (
    <Badge
      size="sm"
      variant="light"
      color="teal"
      leftSection={<IconLock size={11} aria-hidden />}
      style={{ cursor: props.canOpen ? 'pointer' : undefined }}
      title={invoicedNotice(props.invoice)}
    >
      Invoiced {props.invoice.number}
    </Badge>
  );
  if (!props.canOpen) return badge;
  return (
    <AnchorLink
      to="/invoices/$invoiceId"
      params={{ invoiceId: props.invoice.id }}
      underline="never"
      w="fit-content"
      aria-label={`Invoiced ${props.invoice.number}`}
    >
      {badge}
    </AnchorLink>
  );
}

/** A row's menu: Edit, History, the billing override and Delete as the entry allows, and why it is locked. */
function EntryMenu(props: {
  entry: ClassifiedTimeEntry;
  actions: EntryActions;
  onEdit: () => void;
  onHistory: () => void;
  onOverride: () => void;
  onDelete: () => void;
}) {
  const { entry, actions } = props;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Actions for ${entry.minutes} min by ${entry.staffName}`}
        >
          <IconDots size={15} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.canChange && (
          <Menu.Item leftSection={<IconPencil size={15} />} onClick={props.onEdit}>
            Edit
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconHistory size={15} />} onClick={props.onHistory}>
          History
        </Menu.Item>
        {actions.canOverride && (
          <Menu.Item leftSection={<IconScale size={15} />} onClick={props.onOverride}>
            {entry.billingOverride ? 'Change billing override' : 'Override billing'}
          </Menu.Item>
        )}
        {actions.canChange && (
          <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={props.onDelete}>
            Delete
          </Menu.Item>
        )}
        {entry.invoice && (
          <>
            <Menu.Divider />
            <Text size="xs" c="dimmed" px="sm" py={6} maw={240}>
              <IconLock size={12} style={{ verticalAlign: -1 }} aria-hidden /> {invoicedNotice(entry.invoice)}
            </Text>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

// A client's vendor notices: which vendor, when and by whom, the tickets cited, whether it still stands;
// the letter as a PDF, and withdrawing one given by mistake (with a reason).
import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconBan, IconDownload, IconFileAlert, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { NoticeFormModal } from './notice-form-modal.tsx';
import { ReasonModal } from './reason-modal.tsx';
import {
  noticeLetterUrl,
  termsKeys,
  type VendorNotice,
  vendorNoticesQuery,
  withdrawVendorNotice,
} from './vendor-terms-api.ts';

export function ClientVendorNotices(props: { clientId: string; hasVendors: boolean }) {
  const can = useCan();
  const canManage = can('vendors.manage');
  const queryClient = useQueryClient();
  const notices = useQuery(vendorNoticesQuery(props.clientId));
  const [isGiving, setGiving] = useState(false);
  const [withdrawing, setWithdrawing] = useState<VendorNotice | null>(null);
  const withdraw = useMutation({
    mutationFn: (change: { notice: VendorNotice; reason: string }) =>
      withdrawVendorNotice(change.notice.id, change.reason),
    onSuccess: async (notice) => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess(`Notice about ${notice.vendorName} withdrawn`);
    },
    onError: (error) => notifyError(error, 'Could not withdraw the notice'),
  });
  const giveButton = canManage && props.hasVendors && (
    <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setGiving(true)}>
      Give notice
    </Button>
  );

  let body: ReactNode;
  if (notices.isPending) body = <TableSkeleton columns={6} rows={2} />;
  else if (notices.isError) body = <Text c="red">{notices.error.message}</Text>;
  else if (notices.data.length === 0)
    body = (
      <EmptyState
        icon={<IconFileAlert size={24} />}
        title="No vendor notices"
        description={
          props.hasVendors
            ? 'When a vendor keeps changing this client’s systems outside approved windows, give the client notice: from then on, cleaning up after it is billable under a graduated vendor clause.'
            : 'Engage a vendor here first; then you can give notice about its changes.'
        }
        action={giveButton}
      />
    );
  else
    body = (
      <NoticesTable
        notices={notices.data}
        canManage={canManage}
        onWithdraw={(notice) => setWithdrawing(notice)}
      />
    );

  return (
    <section aria-label="Vendor notices">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Vendor notices
        </Title>
        {notices.data?.length ? giveButton : null}
      </Group>
      {body}
      <NoticeFormModal opened={isGiving} onClose={() => setGiving(false)} clientId={props.clientId} />
      <ReasonModal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title="Withdraw notice?"
        message={`The notice then counts for no work not yet invoiced: cleaning up after ${withdrawing?.vendorName ?? 'the vendor'} is absorbed again under a graduated clause, unless another notice about it stands.`}
        confirmLabel="Withdraw notice"
        onConfirm={(reason) => withdraw.mutateAsync({ notice: withdrawing!, reason })}
      />
    </section>
  );
}

function NoticesTable(props: {
  notices: VendorNotice[];
  canManage: boolean;
  onWithdraw: (notice: VendorNotice) => void;
}) {
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" aria-label="Vendor notices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Vendor</Table.Th>
              <Table.Th>Given</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th ta="right">Evidence</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w={88} aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.notices.map((notice) => (
              <Table.Tr key={notice.id} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {notice.vendorName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={notice.givenAt} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{notice.givenByName ?? '—'}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Evidence notice={notice} />
                </Table.Td>
                <Table.Td>
                  {notice.withdrawnAt ? (
                    <Stack gap={2}>
                      <Tooltip label={`Withdrawn ${formatDateTime(notice.withdrawnAt)}`}>
                        <Badge size="sm" variant="light" color="gray" style={{ alignSelf: 'flex-start' }}>
                          Withdrawn
                        </Badge>
                      </Tooltip>
                      {notice.withdrawnReason && (
                        <Text size="xs" c="dimmed" maw={260} lineClamp={2} title={notice.withdrawnReason}>
                          {notice.withdrawnReason}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Badge size="sm" variant="light" color="orange">
                      In effect
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Tooltip label="Download letter (PDF)">
                      <ActionIcon
                        component="a"
                        href={noticeLetterUrl(notice.id)}
                        variant="subtle"
                        color="gray"
                        aria-label={`Download letter about ${notice.vendorName}`}
                      >
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                    {props.canManage && !notice.withdrawnAt && (
                      <Tooltip label="Withdraw">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Withdraw notice about ${notice.vendorName}`}
                          onClick={() => props.onWithdraw(notice)}
                        >
                          <IconBan size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Evidence(props: { notice: VendorNotice }) {
  const { evidence } = props.notice;
  const count = (
    <Text size="sm" className="tabular">
      {evidence.length === 0 ? '—' : `${evidence.length} ${evidence.length === 1 ? 'ticket' : 'tickets'}`}
    </Text>
  );
  if (evidence.length === 0) return count;
  return (
    <Tooltip
      multiline
      w={320}
      label={evidence.map((ticket) => `#${ticket.number} ${ticket.title}`).join('\n')}
      style={{ whiteSpace: 'pre-line' }}
    >
      {count}
    </Tooltip>
  );
}

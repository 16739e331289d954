// Engagements as a table: on a vendor's page by client, on a client's page by vendor; each row with its
// product, the vendor's support contract and renewal, and the accounts the vendor uses there. With
// `terms`, each row also summarizes the terms the vendor works under there and opens to show them in full.
import { ActionIcon, Badge, Group, Menu, Paper, Table, Text } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconChevronDown,
  IconChevronRight,
  IconDots,
  IconPencil,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import type { EngagementTerms } from '../vendor-terms/engagement-terms.tsx';
import { EngagementAccounts } from './engagement-accounts.tsx';
import { EngagementFormModal } from './engagement-form-modal.tsx';
import { RenewalLabel } from './renewal-label.tsx';
import { type Engagement, updateEngagement, vendorKeys } from './vendors-api.ts';

export function EngagementsTable(props: {
  engagements: Engagement[];
  /** Which side the row names: the client (a vendor's page) or the vendor (a client's page). */
  show: 'client' | 'vendor';
  label: string;
  terms?: EngagementTerms;
}) {
  const { terms } = props;
  const can = useCan();
  const canManage = can('vendors.manage');
  const canOpenClient = can('clients.read');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Engagement | null>(null);
  // A single engagement opens by itself: there is nothing else to scan.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() =>
    props.engagements.length === 1 ? new Set([props.engagements[0]!.id]) : new Set(),
  );
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columnCount = 5 + (terms ? 2 : 0) + (canManage ? 1 : 0);
  const setArchived = useMutation({
    mutationFn: (change: { engagement: Engagement; archived: boolean }) =>
      updateEngagement(change.engagement.id, { archived: change.archived }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
      const what = `${updated.vendorName} at ${updated.clientName}`;
      notifySuccess(updated.archived ? `${what} ended` : `${what} restored`);
    },
    onError: (error) => notifyError(error, 'Could not change the engagement'),
  });

  const name = (engagement: Engagement) => {
    const badge = engagement.archived && (
      <Badge size="xs" variant="light" color="gray">
        Ended
      </Badge>
    );
    const link =
      props.show === 'vendor' ? (
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: engagement.vendorId }} fw={500} size="sm">
          {engagement.vendorName}
        </AnchorLink>
      ) : canOpenClient ? (
        <AnchorLink
          to="/clients/$clientId"
          params={{ clientId: engagement.clientId }}
          search={{ tab: 'vendors' }}
          fw={500}
          size="sm"
        >
          {engagement.clientName}
        </AnchorLink>
      ) : (
        <Text size="sm" fw={500}>
          {engagement.clientName}
        </Text>
      );
    return (
      <Group gap="xs" wrap="nowrap">
        {link}
        {badge}
      </Group>
    );
  };

  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" aria-label={props.label}>
          <Table.Thead>
            <Table.Tr>
              {terms && <Table.Th w={40} aria-label="Show terms" />}
              <Table.Th>{props.show === 'vendor' ? 'Vendor' : 'Client'}</Table.Th>
              <Table.Th>Product</Table.Th>
              <Table.Th>Support contract</Table.Th>
              <Table.Th>Renews</Table.Th>
              <Table.Th>Vendor accounts</Table.Th>
              {terms && <Table.Th>Terms</Table.Th>}
              {canManage && <Table.Th w={48} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.engagements.map((engagement) => {
              const isOpen = expanded.has(engagement.id);
              const termsId = `engagement-terms-${engagement.id}`;
              return (
                <Fragment key={engagement.id}>
                  <Table.Tr style={{ verticalAlign: 'top' }}>
                    {terms && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? termsId : undefined}
                          aria-label={`${isOpen ? 'Hide' : 'Show'} terms of ${engagement.vendorName} at ${engagement.clientName}`}
                          onClick={() => toggle(engagement.id)}
                        >
                          {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Table.Td>
                    )}
                    <Table.Td>{name(engagement)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{engagement.product}</Text>
                      {engagement.slaTerms && (
                        <Text size="xs" c="dimmed" lineClamp={2} maw={260} title={engagement.slaTerms}>
                          SLA: {engagement.slaTerms}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {engagement.supportContract ? (
                        <Text size="sm">{engagement.supportContract}</Text>
                      ) : (
                        <Text c="dimmed">—</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RenewalLabel renewsOn={engagement.renewsOn} />
                    </Table.Td>
                    <Table.Td>
                      <EngagementAccounts engagement={engagement} canManage={canManage} />
                    </Table.Td>
                    {terms && <Table.Td>{terms.summary(engagement)}</Table.Td>}
                    {canManage && (
                      <Table.Td>
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Actions for ${engagement.vendorName} at ${engagement.clientName}`}
                            >
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconPencil size={15} />}
                              onClick={() => setEditing(engagement)}
                            >
                              Edit engagement
                            </Menu.Item>
                            {engagement.archived ? (
                              <Menu.Item
                                leftSection={<IconArchiveOff size={15} />}
                                onClick={() => setArchived.mutate({ engagement, archived: false })}
                              >
                                Restore engagement
                              </Menu.Item>
                            ) : (
                              <Menu.Item
                                leftSection={<IconArchive size={15} />}
                                onClick={() => setArchived.mutate({ engagement, archived: true })}
                              >
                                End engagement
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {terms && isOpen && (
                    <Table.Tr id={termsId}>
                      <Table.Td colSpan={columnCount} p={0}>
                        {terms.detail(engagement)}
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <EngagementFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        engagement={editing ?? undefined}
      />
    </Paper>
  );
}

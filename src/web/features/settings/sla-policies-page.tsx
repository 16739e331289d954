// SLA policies: response and resolution targets per priority.
import { Badge, Group, Text } from '@mantine/core';
import { IconClockShield, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatMinutes } from '../../ui/format.ts';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { calendarsQuery, type SlaPolicy, slaPoliciesQuery } from './settings-api.ts';
import { priorities } from './sla-targets-table.tsx';

export function SlaPoliciesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const policies = useQuery(slaPoliciesQuery);
  const calendars = useQuery(calendarsQuery);
  const calendarName = (id: string) => calendars.data?.find((calendar) => calendar.id === id)?.name ?? '…';

  const columns: Column<SlaPolicy>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (policy) => policy.name,
      render: (policy) => (
        <AnchorLink to="/settings/sla-policies/$policyId" params={{ policyId: policy.id }} size="sm" fw={500}>
          {policy.name}
        </AnchorLink>
      ),
    },
    { key: 'calendar', header: 'Calendar', render: (policy) => calendarName(policy.calendarId) },
    ...priorities.map(
      (priority): Column<SlaPolicy> => ({
        key: priority,
        header: priority,
        render: (policy) => (
          <Text size="sm" className="tabular">
            {formatMinutes(policy.targets[priority].firstResponseMinutes)}
            <Text span c="dimmed" size="sm">
              {' / '}
              {formatMinutes(policy.targets[priority].resolutionMinutes)}
            </Text>
          </Text>
        ),
      }),
    ),
    {
      key: 'version',
      header: 'Version',
      width: 80,
      render: (policy) => (
        <Badge variant="light" color="gray">
          v{policy.version}
        </Badge>
      ),
    },
    {
      key: 'updated',
      header: 'Updated',
      width: 100,
      sortValue: (policy) => policy.updatedAt,
      render: (policy) => <RelativeTime value={policy.updatedAt} />,
    },
  ];

  const addButton = can('calendars.manage') && (
    <ButtonLink
      to="/settings/sla-policies/$policyId"
      params={{ policyId: 'new' }}
      leftSection={<IconPlus size={16} />}
    >
      New SLA policy
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="SLA policies"
        description="First-response and resolution targets per priority, shown as response / resolution."
        actions={addButton}
      />
      {policies.isPending ? (
        <TableSkeleton columns={7} rows={3} />
      ) : policies.isError ? (
        <Text c="red">{policies.error.message}</Text>
      ) : policies.data.length === 0 ? (
        <EmptyState
          icon={<IconClockShield size={24} />}
          title="No SLA policies yet"
          description="Define how fast you answer and fix P1 to P4 tickets, counted on a business calendar."
          action={
            <Group gap="xs" justify="center">
              {addButton}
            </Group>
          }
        />
      ) : (
        <DataTable
          label="SLA policies"
          columns={columns}
          rows={policies.data}
          rowKey={(policy) => policy.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          onOpen={(policy) =>
            navigate({ to: '/settings/sla-policies/$policyId', params: { policyId: policy.id } })
          }
        />
      )}
    </>
  );
}

// Remediation plans across the clients: open ones first (those soonest to end at the top), or the decided
// ones, or all; the filter lives in the URL. Filing a plan is the page's primary action.
import { Button, Group, SegmentedControl } from '@mantine/core';
import { IconHeartHandshake, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { FilePlanModal } from './file-plan-modal.tsx';
import { PlansTable } from './plans-table.tsx';
import { type PlanState, remediationListQuery } from './remediation-api.ts';

const route = getRouteApi('/app/remediation');

const emptyWords: Record<PlanState, { title: string; description: string }> = {
  open: {
    title: 'No open remediation plans',
    description:
      'When a relationship is not working — a client’s concern about you, yours about a client’s vendor, or a vendor the client should bring under the agreement — file a plan. The other side answers with items, notices are counted from objective events against a limit both sides see, and the plan ends in a recorded decision.',
  },
  decided: {
    title: 'No decided plans yet',
    description: 'Plans appear here once they end in a decision: continue or terminate.',
  },
  all: {
    title: 'No remediation plans yet',
    description:
      'File a plan when a relationship is not working: it is time-boxed, answered with items, and ends in a recorded decision.',
  },
};

export function RemediationListPage() {
  const { state: filter } = route.useSearch();
  const state: PlanState = filter ?? 'open';
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('remediation.manage');
  const [isFiling, setFiling] = useState(false);
  const plans = useQuery(remediationListQuery({ state }));

  const fileButton = canManage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setFiling(true)}>
      File a plan
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Remediation plans"
        description="Time-boxed plans for relationships that are not working, each ending in a recorded decision"
        actions={fileButton}
      />
      <Group mb="md">
        <SegmentedControl
          aria-label="Show"
          size="sm"
          value={state}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'decided', label: 'Decided' },
            { value: 'all', label: 'All' },
          ]}
          onChange={(value) =>
            navigate({
              to: '/remediation',
              search: { state: value === 'open' ? undefined : (value as 'decided' | 'all') },
              replace: true,
            })
          }
        />
      </Group>
      {plans.isPending ? (
        <TableSkeleton columns={5} rows={4} />
      ) : plans.isError ? (
        <QueryState query={plans} height={200} />
      ) : plans.data.length === 0 ? (
        <EmptyState
          icon={<IconHeartHandshake size={24} />}
          title={emptyWords[state].title}
          description={emptyWords[state].description}
          action={state === 'decided' ? undefined : fileButton}
        />
      ) : (
        <PlansTable plans={plans.data} />
      )}
      <FilePlanModal
        opened={isFiling}
        onClose={() => setFiling(false)}
        onFiled={(plan) => navigate({ to: '/remediation/$planId', params: { planId: plan.id } })}
      />
    </>
  );
}

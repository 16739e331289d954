// Remediation plans as a table in the staff app (the list page, a client's page): client, direction in
// words, title, phase, the day it ends and the notices against the limit. Each row opens its plan. The
// vendor portal's list uses the same columns.
import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PhaseBadge } from './plan-overview.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import { directionShort, longDate } from './remediation-words.ts';

/** A plan list's columns: the client (unless it goes without saying), the plan as `title` renders it, and where it stands. */
export function planColumns(props: {
  showClient: boolean;
  title: (plan: RemediationPlan) => ReactNode;
}): Column<RemediationPlan>[] {
  const client: Column<RemediationPlan> = {
    key: 'client',
    header: 'Client',
    width: 190,
    sortValue: (plan) => plan.clientName,
    render: (plan) => (
      <Text size="sm" truncate>
        {plan.clientName}
      </Text>
    ),
  };
  return [
    ...(props.showClient ? [client] : []),
    { key: 'title', header: 'Plan', sortValue: (plan) => plan.title, render: props.title },
    {
      key: 'phase',
      header: 'Phase',
      width: 150,
      sortValue: (plan) => plan.phase,
      render: (plan) => <PhaseBadge plan={plan} />,
    },
    {
      key: 'ends',
      header: 'Ends on',
      width: 170,
      sortValue: (plan) => plan.endsOn,
      render: (plan) => <Text size="sm">{longDate(plan.endsOn)}</Text>,
    },
    {
      key: 'notices',
      header: 'Notices',
      width: 110,
      align: 'right',
      sortValue: (plan) => plan.notices.length / plan.noticeLimit,
      render: (plan) => {
        const isAtLimit = plan.notices.length >= plan.noticeLimit;
        return (
          <Text
            size="sm"
            className="tabular"
            fw={isAtLimit ? 600 : undefined}
            c={isAtLimit ? 'red' : undefined}
          >
            {plan.notices.length} of {plan.noticeLimit}
          </Text>
        );
      },
    },
  ];
}

export function PlansTable(props: {
  plans: RemediationPlan[];
  /** Off on a client's own page, where the client goes without saying. */
  showClient?: boolean;
  label?: string;
}) {
  const navigate = useNavigate();
  const showClient = props.showClient !== false;
  const columns = planColumns({
    showClient,
    title: (plan) => (
      <div>
        <AnchorLink
          to="/remediation/$planId"
          params={{ planId: plan.id }}
          size="sm"
          fw={500}
          onClick={(event) => event.stopPropagation()}
        >
          {plan.title}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {directionShort(plan.direction, plan.vendorName)}
        </Text>
      </div>
    ),
  });
  return (
    <DataTable
      label={props.label ?? 'Remediation plans'}
      columns={columns}
      rows={props.plans}
      rowKey={(plan) => plan.id}
      keyboardNavigation={showClient}
      onOpen={(plan) => navigate({ to: '/remediation/$planId', params: { planId: plan.id } })}
    />
  );
}

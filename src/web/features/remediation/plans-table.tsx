// Remediation plans as a table in the staff app (the list page, a client's page): client, direction in
// words, title, phase, the day it ends and the notices against the limit. Each row opens its plan.
import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PhaseBadge } from './plan-overview.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import { directionShort, longDate } from './remediation-words.ts';

export function PlansTable(props: {
  plans: RemediationPlan[];
  /** Off on a client's own page, where the client goes without saying. */
  showClient?: boolean;
  label?: string;
}) {
  const navigate = useNavigate();
  const columns: Column<RemediationPlan>[] = [
    ...(props.showClient === false
      ? []
      : [
          {
            key: 'client',
            header: 'Client',
            width: 190,
            sortValue: (plan: RemediationPlan) => plan.clientName,
            render: (plan: RemediationPlan) => (
              <Text size="sm" truncate>
                {plan.clientName}
              </Text>
            ),
          },
        ]),
    {
      key: 'title',
      header: 'Plan',
      sortValue: (plan) => plan.title,
      render: (plan) => (
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
    },
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
      render: (plan) => (
        <Text
          size="sm"
          className="tabular"
          fw={plan.notices.length >= plan.noticeLimit ? 600 : undefined}
          c={plan.notices.length >= plan.noticeLimit ? 'red' : undefined}
        >
          {plan.notices.length} of {plan.noticeLimit}
        </Text>
      ),
    },
  ];
  return (
    <DataTable
      label={props.label ?? 'Remediation plans'}
      columns={columns}
      rows={props.plans}
      rowKey={(plan) => plan.id}
      keyboardNavigation={props.showClient !== false}
      onOpen={(plan) => navigate({ to: '/remediation/$planId', params: { planId: plan.id } })}
    />
  );
}

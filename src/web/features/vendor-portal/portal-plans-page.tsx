// The MSP's remediation plans about the vendor, at each of its clients, open ones first: the client, the
// plan, where it stands, the day it ends and the notices against the limit. Each row opens its plan.
import { IconHeartHandshake } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useSession } from '../auth/session.ts';
import { planColumns } from '../remediation/plans-table.tsx';
import { portalOverviewQuery } from './portal-api.ts';
import { portalPlansQuery } from './portal-plans-api.ts';

const columns = planColumns({
  showClient: true,
  title: (plan) => (
    <AnchorLink
      to="/vendor/plans/$planId"
      params={{ planId: plan.id }}
      size="sm"
      fw={500}
      onClick={(event) => event.stopPropagation()}
    >
      {plan.title}
    </AnchorLink>
  ),
});

export function PortalPlansPage() {
  const msp = useSession().membership.tenantName;
  const vendorName = useQuery(portalOverviewQuery).data?.vendor.name ?? 'your company';
  const plans = useQuery(portalPlansQuery);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader
        title="Plans"
        description={`${msp}’s remediation plans about ${vendorName}, each at one of its clients`}
      />
      {!plans.isSuccess ? (
        <QueryState query={plans} height={200} />
      ) : plans.data.length === 0 ? (
        <EmptyState
          icon={<IconHeartHandshake size={24} />}
          title="No plans"
          description={`When ${msp} has a concern about ${vendorName}’s work at one of its clients, it files a plan here: a time box in which you answer with items — each issue, what you will do, who owns it and by when — and mark them done. Notices are counted from objective events against a limit, and at the end the client decides, on ${msp}’s advice.`}
        />
      ) : (
        <DataTable
          label="Plans"
          columns={columns}
          rows={plans.data}
          rowKey={(plan) => plan.id}
          onOpen={(plan) => navigate({ to: '/vendor/plans/$planId', params: { planId: plan.id } })}
        />
      )}
    </>
  );
}

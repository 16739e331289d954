// The company's remediation plans in the portal, open ones first: each in the company's words ("Your concern
// about Northwind IT"), where it stands, the day it ends and the notices against the limit. Raising a concern
// is the page's primary action.
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconHeartHandshake, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { PhaseBadge } from '../remediation/plan-overview.tsx';
import type { RemediationPlan } from '../remediation/remediation-api.ts';
import { headline, longDate, noticeCount, partiesOf } from '../remediation/remediation-words.ts';
import { clientPortalOverviewQuery } from './portal-api.ts';
import { portalPlansQuery } from './portal-remediation-api.ts';
import { RaiseConcernModal } from './raise-concern-modal.tsx';

export function PortalPlansPage() {
  const plans = useQuery(portalPlansQuery);
  const overview = useQuery(clientPortalOverviewQuery);
  const navigate = useNavigate();
  const [isRaising, setRaising] = useState(false);
  const mspName = overview.data?.mspName ?? 'your IT provider';

  const raiseButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
      Raise a concern
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Plans"
        description={`Formal, time-boxed plans between you and ${mspName}, each ending in a recorded decision`}
        actions={plans.data?.length ? raiseButton : undefined}
      />
      {!plans.isSuccess ? (
        <QueryState query={plans} height={200} />
      ) : plans.data.length === 0 ? (
        <EmptyState
          icon={<IconHeartHandshake size={24} />}
          title="No plans"
          description={`If ${mspName}’s service is not what was agreed, raise a concern. ${mspName} answers with items — each issue, who owns it and by when — notices are counted from objective events against a limit you set, and at the end you decide whether to continue.`}
          action={raiseButton}
        />
      ) : (
        <Stack gap="sm" component="ul" aria-label="Plans" p={0} m={0} style={{ listStyle: 'none' }}>
          {plans.data.map((plan) => (
            <PlanCard key={plan.id} plan={plan} mspName={mspName} />
          ))}
        </Stack>
      )}
      <RaiseConcernModal
        opened={isRaising}
        onClose={() => setRaising(false)}
        mspName={mspName}
        onRaised={(plan) => navigate({ to: '/portal/plans/$planId', params: { planId: plan.id } })}
      />
    </>
  );
}

function PlanCard(props: { plan: RemediationPlan; mspName: string }) {
  const { plan } = props;
  const parties = partiesOf(plan, props.mspName);
  const isOpen = plan.phase !== 'decided';
  return (
    <Paper withBorder p="md" component="li" aria-label={plan.title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <AnchorLink to="/portal/plans/$planId" params={{ planId: plan.id }} fw={600}>
            {plan.title}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            {headline(plan.direction, parties, 'client')}
          </Text>
        </div>
        <PhaseBadge plan={plan} />
      </Group>
      <Group gap="lg" mt="xs">
        <Text size="sm">
          {isOpen ? 'Ends on' : 'Ran until'} {longDate(plan.endsOn)}
        </Text>
        <Text size="sm" c={plan.notices.length >= plan.noticeLimit ? 'red' : undefined}>
          {noticeCount(plan)}
        </Text>
      </Group>
    </Paper>
  );
}

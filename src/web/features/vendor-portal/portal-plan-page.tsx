// One of the MSP's remediation plans about the vendor, in the vendor's words ("Northwind IT’s concern about
// Dentrix Support at Harbour Dental"): where it stands, the concern and its evidence, the vendor's answer
// with items (given once, then each marked done with a note), the notices and the decisions. The client
// decides, on the MSP's advice; that advice is between the MSP and the client, so it is not shown here.
import { Button, Grid, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { RemediationPlan } from '../../../shared/api/remediation.ts';
import { isApiError } from '../../api/client.ts';
import { AnchorLink, BackLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useSession } from '../auth/session.ts';
import { AnswerModal } from '../remediation/answer-modal.tsx';
import { HandoverChecklist } from '../remediation/handover-checklist.tsx';
import { PlanDecisions, PlanNotices } from '../remediation/plan-history.tsx';
import { PlanAnswer } from '../remediation/plan-items.tsx';
import { DecisionBanner, PhaseBadge, PlanConcern, PlanStanding } from '../remediation/plan-overview.tsx';
import { canAnswer, headline, type Parties, partiesOf } from '../remediation/remediation-words.ts';
import { answerPortalPlan, portalPlanKeys, portalPlanQuery, updatePortalItem } from './portal-plans-api.ts';

const route = getRouteApi('/vendor/plans/$planId');

export function PortalPlanPage() {
  const { planId } = route.useParams();
  const plan = useQuery(portalPlanQuery(planId));
  const mspName = useSession().membership.tenantName;

  if (plan.isPending) return <PageSkeleton />;
  if (plan.isError) {
    const isMissing = isApiError(plan.error, 404) || isApiError(plan.error, 400);
    return (
      <NotFoundPage
        title={isMissing ? 'Plan not found' : 'Could not load the plan'}
        message={
          isMissing ? 'This plan does not exist, or it is not about your company.' : plan.error.message
        }
        action={
          <ButtonLink to="/vendor/plans" variant="default">
            Back to plans
          </ButtonLink>
        }
      />
    );
  }
  return <PlanView plan={plan.data} parties={partiesOf(plan.data, mspName)} />;
}

function PlanView(props: { plan: RemediationPlan; parties: Parties }) {
  const { plan, parties } = props;
  const queryClient = useQueryClient();
  const [isAnswerOpen, setAnswerOpen] = useState(false);
  const isOpen = plan.phase !== 'decided';
  const isAnswering = canAnswer(plan.direction, 'vendor');
  const vendorName = parties.vendorName ?? 'your company';

  const saved = async (updated: RemediationPlan) => {
    queryClient.setQueryData(portalPlanKeys.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: portalPlanKeys.list });
    return updated;
  };

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/vendor/plans' }}>Plans</BackLink>}
        title={plan.title}
        badges={<PhaseBadge plan={plan} />}
        description={headline(plan.direction, parties, 'vendor')}
        actions={
          isOpen && isAnswering && !plan.respondedAt ? (
            <Button onClick={() => setAnswerOpen(true)}>Answer with items</Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        <DecisionBanner plan={plan} parties={parties} viewer="vendor" />
        <PlanStanding plan={plan} parties={parties} viewer="vendor" />
        <PlanConcern
          plan={plan}
          renderEvidence={(evidence) =>
            evidence.kind === 'change_request' ? (
              <AnchorLink to="/vendor/requests/$requestId" params={{ requestId: evidence.id }} size="sm">
                {evidence.label}
              </AnchorLink>
            ) : evidence.kind === 'ticket' ? (
              <AnchorLink to="/vendor/attributions" size="sm">
                {evidence.label}
              </AnchorLink>
            ) : (
              <Text size="sm" span>
                {evidence.label}
              </Text>
            )
          }
        />
        <PlanAnswer
          plan={plan}
          parties={parties}
          viewer="vendor"
          onUpdateItem={
            isAnswering ? (item, input) => updatePortalItem(item.id, input).then(saved) : undefined
          }
        />
        <HandoverChecklist
          plan={plan}
          description={`${parties.clientName} is moving away from ${vendorName}; ${parties.mspName} ticks each step as it is handed over.`}
          exportAction={null}
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PlanNotices plan={plan} parties={parties} viewer="vendor" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PlanDecisions plan={plan} parties={parties} viewer="vendor" />
          </Grid.Col>
        </Grid>
      </Stack>

      <AnswerModal
        opened={isAnswerOpen}
        onClose={() => setAnswerOpen(false)}
        title="Answer with items"
        explanation={`Answer each point of ${parties.mspName}’s concern with what ${vendorName} will do, who owns it and by when. ${parties.mspName} and ${parties.clientName} see the items, and a date missed counts as a notice.`}
        submitLabel="Send answer"
        endsOn={plan.endsOn}
        onSubmit={(input) => answerPortalPlan(plan.id, input).then(saved)}
      />
    </>
  );
}

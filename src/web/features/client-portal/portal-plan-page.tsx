// One remediation plan in the portal, in the company's words: what it is about, where it stands (dates,
// notices against the limit, who decides), the concern and its evidence, the answer with items, the notices,
// the MSP's recommendation on a vendor plan, and the decisions. The company answers a plan addressed to it
// (and marks its items done), decides the plans that are its to decide, and after a termination reads the
// handover checklist and downloads all its data. The letter is always there to download.
import { Button, Grid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { RemediationPlan } from '../../../shared/api/remediation.ts';
import { isApiError } from '../../api/client.ts';
import { AnchorLink, BackLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { AnswerModal } from '../remediation/answer-modal.tsx';
import { DecideModal } from '../remediation/decide-modal.tsx';
import { HandoverChecklist } from '../remediation/handover-checklist.tsx';
import { PlanDecisions, PlanNotices, PlanRecommendation } from '../remediation/plan-history.tsx';
import { PlanAnswer } from '../remediation/plan-items.tsx';
import { DecisionBanner, PhaseBadge, PlanConcern, PlanStanding } from '../remediation/plan-overview.tsx';
import {
  canAnswer,
  canDecideNow,
  decideWords,
  headline,
  type Parties,
  partiesOf,
} from '../remediation/remediation-words.ts';
import { clientPortalOverviewQuery } from './portal-api.ts';
import {
  answerPortalPlan,
  decidePortalPlan,
  portalExportUrl,
  portalPlanKeys,
  portalPlanLetterUrl,
  portalPlanQuery,
  updatePortalItem,
} from './portal-remediation-api.ts';

const route = getRouteApi('/portal/plans/$planId');

export function PortalPlanPage() {
  const { planId } = route.useParams();
  const plan = useQuery(portalPlanQuery(planId));
  const overview = useQuery(clientPortalOverviewQuery);

  if (plan.isPending || overview.isPending) return <PageSkeleton />;
  if (plan.isError) {
    const isMissing = isApiError(plan.error, 404) || isApiError(plan.error, 400);
    return (
      <NotFoundPage
        title={isMissing ? 'Plan not found' : 'Could not load the plan'}
        message={
          isMissing ? 'This plan does not exist, or it is not one of your company’s.' : plan.error.message
        }
        action={
          <ButtonLink to="/portal/plans" variant="default">
            Back to plans
          </ButtonLink>
        }
      />
    );
  }
  const mspName = overview.data?.mspName ?? 'Your IT provider';
  return <PlanView plan={plan.data} parties={partiesOf(plan.data, mspName)} />;
}

function PlanView(props: { plan: RemediationPlan; parties: Parties }) {
  const { plan, parties } = props;
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'answer' | 'decide' | null>(null);
  const isOpen = plan.phase !== 'decided';
  const isAnswering = canAnswer(plan.direction, 'client');
  const decide = decideWords(plan.direction, parties, 'client');

  const saved = async (updated: RemediationPlan) => {
    queryClient.setQueryData(portalPlanKeys.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: portalPlanKeys.list });
    return updated;
  };

  const mayDecide = Boolean(decide) && canDecideNow(plan);
  const primary = mayDecide ? (
    <Button color="orange" onClick={() => setDialog('decide')}>
      Decide
    </Button>
  ) : isOpen && isAnswering && !plan.respondedAt ? (
    <Button onClick={() => setDialog('answer')}>Answer with items</Button>
  ) : null;
  const exportLink = (
    <Button
      component="a"
      href={portalExportUrl}
      size="compact-sm"
      variant="default"
      leftSection={<IconDownload size={14} />}
    >
      Download all your data
    </Button>
  );

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/portal/plans' }}>Plans</BackLink>}
        title={plan.title}
        badges={<PhaseBadge plan={plan} />}
        description={headline(plan.direction, parties, 'client')}
        actions={
          <>
            <Button
              component="a"
              href={portalPlanLetterUrl(plan.id)}
              variant="default"
              leftSection={<IconDownload size={16} />}
              visibleFrom="sm"
            >
              Download letter (PDF)
            </Button>
            {primary}
          </>
        }
      />
      <Stack gap="md">
        <DecisionBanner plan={plan} parties={parties} viewer="client" />
        <PlanStanding plan={plan} parties={parties} viewer="client" />
        <PlanConcern
          plan={plan}
          renderEvidence={(evidence) =>
            evidence.kind === 'ticket' ? (
              <AnchorLink to="/portal/tickets/$ticketId" params={{ ticketId: evidence.id }} size="sm">
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
          viewer="client"
          onUpdateItem={
            isAnswering ? (item, input) => updatePortalItem(item.id, input).then(saved) : undefined
          }
        />
        <HandoverChecklist
          plan={plan}
          description={`${parties.mspName} ticks each step as it is handed over. Your data is yours: download all of it at any time.`}
          exportAction={exportLink}
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PlanNotices plan={plan} parties={parties} viewer="client" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <PlanRecommendation plan={plan} parties={parties} viewer="client" />
              <PlanDecisions plan={plan} parties={parties} viewer="client" />
            </Stack>
          </Grid.Col>
        </Grid>
        <Button
          component="a"
          href={portalPlanLetterUrl(plan.id)}
          variant="default"
          leftSection={<IconDownload size={16} />}
          hiddenFrom="sm"
        >
          Download letter (PDF)
        </Button>
      </Stack>

      <AnswerModal
        opened={dialog === 'answer'}
        onClose={() => setDialog(null)}
        title="Answer with items"
        explanation={`Answer each point with what you will do, who owns it and by when. ${parties.mspName} sees the items, and a date missed counts as a notice.`}
        submitLabel="Send answer"
        endsOn={plan.endsOn}
        onSubmit={(input) => answerPortalPlan(plan.id, input).then(saved)}
      />
      {decide && (
        <DecideModal
          opened={dialog === 'decide'}
          onClose={() => setDialog(null)}
          title="Your decision"
          explanation={decide.explanation}
          submitLabel="Record decision"
          onSubmit={(input) => decidePortalPlan(plan.id, input).then(saved)}
        />
      )}
    </>
  );
}

// One remediation plan in the staff app: its title, parties and phase; where it stands (dates, notices
// against the limit, who decides); the concern and its evidence; the answer with items; the notices; the
// recommendation on a vendor plan; the decisions; and after termination the handover checklist with the
// client's data export. The next step (answer, decide, or record the client's decision) is the page's
// primary action; the letter is always there to download.
import { Button, Grid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type {
  HandoverKey,
  RemediationDecisionInput,
  RemediationItemUpdate,
  RemediationResponseInput,
} from '../../../shared/api/remediation.ts';
import { isApiError } from '../../api/client.ts';
import { AnchorLink, BackLink, ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { AnswerModal } from './answer-modal.tsx';
import { DecideModal } from './decide-modal.tsx';
import { HandoverChecklist } from './handover-checklist.tsx';
import { PlanDecisions, PlanNotices, PlanRecommendation } from './plan-history.tsx';
import { PlanAnswer } from './plan-items.tsx';
import { DecisionBanner, PhaseBadge, PlanConcern, PlanStanding } from './plan-overview.tsx';
import {
  answerRemediationPlan,
  clientExportUrl,
  decideRemediationPlan,
  type RemediationPlan,
  recommendOnPlan,
  remediationKeys,
  remediationLetterUrl,
  remediationPlanQuery,
  setHandoverStep,
  updateRemediationItem,
} from './remediation-api.ts';
import {
  answerLabel,
  canAnswer,
  canDecideNow,
  decideWords,
  headline,
  type Parties,
  partiesOf,
} from './remediation-words.ts';

const route = getRouteApi('/app/remediation/$planId');

type Dialog = 'answer' | 'decide' | 'recommend' | null;

export function RemediationPlanPage() {
  const { planId } = route.useParams();
  const session = useSession();
  const plan = useQuery(remediationPlanQuery(planId));

  if (plan.isPending) return <PageSkeleton />;
  if (plan.isError) {
    const isMissing = isApiError(plan.error, 404) || isApiError(plan.error, 400);
    return (
      <NotFoundPage
        title={isMissing ? 'Plan not found' : 'Could not load the plan'}
        message={
          isMissing
            ? 'This remediation plan does not exist, or its client is outside the clients you have access to.'
            : plan.error.message
        }
        action={
          <ButtonLink to="/remediation" variant="default">
            Back to remediation plans
          </ButtonLink>
        }
      />
    );
  }
  return <PlanView plan={plan.data} parties={partiesOf(plan.data, session.membership.tenantName)} />;
}

function PlanView(props: { plan: RemediationPlan; parties: Parties }) {
  const { plan, parties } = props;
  const can = useCan();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canManage = can('remediation.manage');
  const isOpen = plan.phase !== 'decided';
  const decide = decideWords(plan.direction, parties, 'staff');

  /** Shows the plan the API answered at once, and refreshes the lists it appears in. */
  const saved = async (updated: RemediationPlan) => {
    queryClient.setQueryData(remediationKeys.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: ['remediation-plans', 'list'] });
    return updated;
  };

  const mayAnswer = canManage && isOpen && !plan.respondedAt && canAnswer(plan.direction, 'staff');
  const mayDecide = canManage && Boolean(decide) && canDecideNow(plan);
  const primary = mayDecide ? (
    <Button color="orange" onClick={() => setDialog('decide')}>
      {decide?.label}
    </Button>
  ) : mayAnswer ? (
    <Button onClick={() => setDialog('answer')}>{answerLabel(plan.direction, parties, 'staff')}</Button>
  ) : null;

  return (
    <>
      <PageHeader
        eyebrow={<BackLink link={{ to: '/remediation' }}>Remediation plans</BackLink>}
        title={plan.title}
        badges={<PhaseBadge plan={plan} />}
        description={headline(plan.direction, parties, 'staff')}
        actions={
          <>
            <Button
              component="a"
              href={remediationLetterUrl(plan.id)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download letter (PDF)
            </Button>
            {primary}
          </>
        }
      />
      <Stack gap="md">
        <DecisionBanner plan={plan} parties={parties} viewer="staff" />
        <PlanStanding
          plan={plan}
          parties={parties}
          viewer="staff"
          client={
            <AnchorLink to="/clients/$clientId" params={{ clientId: plan.clientId }} size="sm">
              {plan.clientName}
            </AnchorLink>
          }
        />
        <PlanConcern
          plan={plan}
          renderEvidence={(evidence) =>
            evidence.kind === 'ticket' ? (
              <AnchorLink to="/tickets/$ticketId" params={{ ticketId: evidence.id }} size="sm">
                {evidence.label}
              </AnchorLink>
            ) : evidence.kind === 'change_request' ? (
              <AnchorLink to="/changes/$changeRequestId" params={{ changeRequestId: evidence.id }} size="sm">
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
          viewer="staff"
          onUpdateItem={
            canManage && canAnswer(plan.direction, 'staff')
              ? (item, input: RemediationItemUpdate) => updateRemediationItem(item.id, input).then(saved)
              : undefined
          }
        />
        <HandoverChecklist
          plan={plan}
          description={`${plan.clientName}’s relationship ends with this plan. Tick each step as it is handed over; ${plan.clientName} sees the same list in the portal.`}
          exportAction={
            can('clients.manage') ? (
              <Button
                component="a"
                href={clientExportUrl(plan.clientId)}
                size="compact-sm"
                variant="default"
                leftSection={<IconDownload size={14} />}
              >
                Download data export
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                Someone who manages clients downloads the export.
              </Text>
            )
          }
          onToggle={
            canManage
              ? (key: HandoverKey, done: boolean) => setHandoverStep(plan.id, key, done).then(saved)
              : undefined
          }
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <PlanNotices plan={plan} parties={parties} viewer="staff" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <PlanRecommendation
                plan={plan}
                parties={parties}
                viewer="staff"
                action={
                  canManage &&
                  isOpen && (
                    <Button size="compact-sm" variant="default" onClick={() => setDialog('recommend')}>
                      {plan.recommendation ? 'Change recommendation' : 'Recommend'}
                    </Button>
                  )
                }
              />
              <PlanDecisions plan={plan} parties={parties} viewer="staff" />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>

      <AnswerModal
        opened={dialog === 'answer'}
        onClose={() => setDialog(null)}
        title={answerLabel(plan.direction, parties, 'staff')}
        explanation={
          plan.direction === 'msp_to_vendor'
            ? `Record the items ${parties.vendorName ?? 'the vendor'} sent: each issue, what it will do, who owns it and by when. ${plan.clientName} sees them in the portal, and a date missed counts as a notice.`
            : `Answer each issue with what you will do, who owns it and by when. ${plan.clientName} sees the items in the portal, and a date missed counts as a notice.`
        }
        submitLabel={plan.direction === 'msp_to_vendor' ? 'Record answer' : 'Send answer'}
        endsOn={plan.endsOn}
        onSubmit={(input: RemediationResponseInput) => answerRemediationPlan(plan.id, input).then(saved)}
      />
      {decide && (
        <DecideModal
          opened={dialog === 'decide'}
          onClose={() => setDialog(null)}
          title={decide.label}
          explanation={decide.explanation}
          submitLabel="Record decision"
          onSubmit={(input: RemediationDecisionInput) => decideRemediationPlan(plan.id, input).then(saved)}
        />
      )}
      <DecideModal
        opened={dialog === 'recommend'}
        onClose={() => setDialog(null)}
        title={`Recommend a decision to ${plan.clientName}`}
        explanation={`${plan.clientName} decides on ${parties.vendorName ?? 'the vendor'}; your recommendation and its reason are shown to them in the portal and in the letter.`}
        submitLabel="Save recommendation"
        isRecommendation
        onSubmit={({ decision, reason }) => recommendOnPlan(plan.id, { decision, reason }).then(saved)}
      />
    </>
  );
}

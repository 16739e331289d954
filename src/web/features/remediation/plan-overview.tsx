// The parts of a remediation plan both sides read alike: where it stands (who answers and decides, the
// dates, the notices against the limit), the concern with its evidence, and the banner that says a decision
// is due and why, or how the plan ended. Links and actions come from the page, which knows its app.
import { Alert, Badge, Group, List, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFlag, IconGavel } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { sidesOf } from '../../../shared/api/remediation.ts';
import type { RemediationPlan } from './remediation-api.ts';
import {
  answerLine,
  deciderLine,
  decisionByline,
  decisionDueWords,
  decisionTitle,
  longDate,
  longDateOf,
  noticeCount,
  type Parties,
  phaseBadge,
  type Viewer,
  whenDecisionDue,
} from './remediation-words.ts';

export function PhaseBadge(props: { plan: Pick<RemediationPlan, 'phase' | 'decisions'> }) {
  const badge = phaseBadge(props.plan);
  return (
    <Badge variant="light" color={badge.color} style={{ flexShrink: 0 }}>
      {badge.label}
    </Badge>
  );
}

/** A titled part of the plan's page, named for assistive technology by its title. */
export function PlanSection(props: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <div>
          <Title order={2} fz="h4">
            {props.title}
          </Title>
          {props.description && (
            <Text size="sm" c="dimmed" component="div">
              {props.description}
            </Text>
          )}
        </div>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {props.label}
      </Text>
      <Text size="sm" component="div">
        {props.children}
      </Text>
    </div>
  );
}

/** Where the plan stands, in one strip: the parties, the dates and the notices, without a countdown. */
export function PlanStanding(props: {
  plan: RemediationPlan;
  parties: Parties;
  viewer: Viewer;
  /** The client's name as a link in the staff app. */
  client?: ReactNode;
}) {
  const { plan, parties, viewer } = props;
  const isOpen = plan.phase !== 'decided';
  const last = plan.decisions.at(-1);
  const decider = sidesOf[plan.direction].decides;
  return (
    <Paper withBorder p="md" component="aside" aria-label="Where it stands">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
        {props.client && <Fact label="Client">{props.client}</Fact>}
        <Fact label="Filed">
          {longDateOf(plan.filedAt)}
          {plan.filedByName ? ` by ${plan.filedByName}` : ''}
        </Fact>
        <Fact label="Answer">{answerLine(plan, parties, viewer)}</Fact>
        <Fact label={plan.decisionDueBecause === 'time_box_ended' || !isOpen ? 'Time box' : 'Ends on'}>
          {isOpen && plan.decisionDueBecause !== 'time_box_ended'
            ? longDate(plan.endsOn)
            : `Ended on ${longDate(plan.endsOn)}`}
        </Fact>
        <Fact label="Notices">
          <Text size="sm" fw={600} span data-testid="notice-count">
            {noticeCount(plan)}
          </Text>
          {isOpen && (
            <Text size="xs" c="dimmed">
              Reaching {plan.noticeLimit} brings the decision forward.
            </Text>
          )}
        </Fact>
        <Fact label="Decision">
          {!isOpen && last
            ? `${decisionTitle(last)} · ${decisionByline(last, decider)}`
            : deciderLine(plan, parties, viewer)}
          {isOpen && !decisionDueWords(plan) && (
            <Text size="xs" c="dimmed">
              {whenDecisionDue(plan)}
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** The concern as filed, and the evidence it cites (each linked where the viewer can open it). */
export function PlanConcern(props: {
  plan: RemediationPlan;
  renderEvidence: (evidence: RemediationPlan['evidence'][number]) => ReactNode;
}) {
  const { plan } = props;
  return (
    <PlanSection title="The concern">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {plan.concern}
      </Text>
      <Title order={3} fz="sm" mt="md" mb={4}>
        Evidence
      </Title>
      {plan.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          No evidence was cited.
        </Text>
      ) : (
        <List size="sm" spacing={4} aria-label="Evidence">
          {plan.evidence.map((evidence) => (
            <List.Item key={evidence.id}>{props.renderEvidence(evidence)}</List.Item>
          ))}
        </List>
      )}
    </PlanSection>
  );
}

/**
 * The plan's state in one banner: a decision due (why, who decides, and the action), or how it ended. A
 * running plan shows none: its standing says when a decision becomes due.
 */
export function DecisionBanner(props: {
  plan: RemediationPlan;
  parties: Parties;
  viewer: Viewer;
  action?: ReactNode;
}) {
  const { plan, parties, viewer } = props;
  const last = plan.decisions.at(-1);
  if (plan.phase === 'decided' && last) {
    const isTerminated = last.decision === 'terminate';
    return (
      <Alert
        color={isTerminated ? 'red' : 'teal'}
        variant="light"
        icon={isTerminated ? <IconFlag size={18} /> : <IconCircleCheck size={18} />}
        title={`${decisionTitle(last)} on ${longDateOf(last.at)}`}
        role="status"
      >
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {last.reason}
        </Text>
        {isTerminated && (
          <Text size="sm" mt={4} c="dimmed">
            The handover checklist below tracks what is handed over.
          </Text>
        )}
      </Alert>
    );
  }
  const why = decisionDueWords(plan);
  if (!why) return null;
  const decider = sidesOf[plan.direction].decides;
  const who =
    viewer === 'client' && decider === 'client'
      ? 'The decision is yours: continue, extend the plan, or terminate.'
      : `${deciderLine(plan, parties, viewer)}: continue, extend the plan, or terminate.`;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGavel size={18} />}
      title="A decision is due"
      role="status"
    >
      <Group justify="space-between" align="center" gap="md">
        <div>
          <Text size="sm">{why}</Text>
          <Text size="sm">{who}</Text>
        </div>
        {props.action}
      </Group>
    </Alert>
  );
}

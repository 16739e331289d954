// What a plan has counted and decided: its notices against the limit (with the rules that count them), the
// MSP's recommendation on a plan about a vendor, and every decision, oldest first.
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { remediationDecisionLabels, sidesOf } from '../../../shared/api/remediation.ts';
import { PlanSection } from './plan-overview.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import {
  canDecideNow,
  decisionByline,
  decisionTitle,
  longDateOf,
  noticeCount,
  noticeKindLabels,
  noticeRules,
  noticeText,
  type Parties,
  sideName,
  type Viewer,
} from './remediation-words.ts';

export function PlanNotices(props: { plan: RemediationPlan; parties: Parties; viewer: Viewer }) {
  const { plan } = props;
  const isAtLimit = plan.notices.length >= plan.noticeLimit;
  return (
    <PlanSection
      title="Notices"
      description={`${noticeCount(plan)}. ${noticeRules(plan.direction, props.parties, props.viewer)}`}
    >
      {plan.notices.length === 0 ? (
        <Text size="sm" c="dimmed">
          No notice counted{plan.phase === 'decided' ? '.' : ' so far.'}
        </Text>
      ) : (
        <List spacing="xs" size="sm" listStyleType="none" aria-label="Notices counted">
          {plan.notices.map((notice, index) => (
            <List.Item key={`${notice.kind}:${notice.ref}`}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  variant="light"
                  color={isAtLimit ? 'red' : 'orange'}
                  miw={28}
                  aria-label={`Notice ${index + 1}`}
                >
                  {index + 1}
                </Badge>
                <div>
                  <Text size="sm" fw={500}>
                    {noticeKindLabels[notice.kind]}
                  </Text>
                  <Text size="sm">{noticeText(notice, plan)}</Text>
                  <Text size="xs" c="dimmed">
                    Counted {longDateOf(notice.at)}
                  </Text>
                </div>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </PlanSection>
  );
}

/** The MSP's recommendation to the client on a plan about a vendor; the action is the staff app's. */
export function PlanRecommendation(props: {
  plan: RemediationPlan;
  parties: Parties;
  viewer: Viewer;
  action?: ReactNode;
}) {
  const { plan, parties, viewer } = props;
  if (plan.direction !== 'msp_to_vendor') return null;
  const recommendation = plan.recommendation;
  const decider = sideName('client', parties, viewer);
  return (
    <PlanSection
      title="Recommendation"
      description={`${parties.mspName} recommends; ${decider === 'you' ? 'you decide' : `${decider} decides`}.`}
      actions={props.action}
    >
      {recommendation ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {remediationDecisionLabels[recommendation.decision]}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {recommendation.reason}
          </Text>
          <Text size="xs" c="dimmed">
            {recommendation.byName}, {longDateOf(recommendation.at)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {parties.mspName} has not recommended a decision yet.
        </Text>
      )}
    </PlanSection>
  );
}

export function PlanDecisions(props: { plan: RemediationPlan; parties: Parties; viewer: Viewer }) {
  const { plan, parties, viewer } = props;
  const decider = sidesOf[plan.direction].decides;
  const who = sideName(decider, parties, viewer);
  return (
    <PlanSection title="Decisions">
      {plan.decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {canDecideNow(plan)
            ? `No decision yet: it is due now, and ${who === 'you' ? 'yours' : `${who}’s`} to make.`
            : `No decision yet. ${who === 'you' ? 'You decide' : `${who} decides`} when the plan ends, reaches its notice limit, or every item is done.`}
        </Text>
      ) : (
        <List spacing="sm" size="sm" listStyleType="none" aria-label="Decisions made">
          {plan.decisions.map((record) => (
            <List.Item key={record.at}>
              <Text size="sm" fw={600}>
                {decisionTitle(record)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {record.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {decisionByline(record, decider)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </PlanSection>
  );
}

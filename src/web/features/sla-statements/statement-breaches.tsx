// An SLA statement's breaches (the targets missed in the month), each with the MSP's explanation to the
// client, and its corrections to earlier, closed months. The client's portal shows them without the actions.
import { Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessage2, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { StatementCorrection } from '../../../shared/api/sla-statements.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { useCan } from '../auth/session.ts';
import { priorityColors } from '../tickets/ticket-labels.ts';
import { ExplanationModal } from './explanation-modal.tsx';
import type { Breach, SlaStatement } from './sla-statements-api.ts';
import { OutcomeBadge } from './statement-badges.tsx';
import {
  basisLabels,
  clockLabels,
  correctionText,
  monthInWords,
  type StatementAudience,
} from './statement-format.ts';
import { formatDayInZone, formatInZone } from './zoned-time.ts';

export function SectionTitle(props: { id: string; title: string; description: string }) {
  return (
    <div>
      <Title order={2} fz="h4" id={props.id}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed">
        {props.description}
      </Text>
    </div>
  );
}

const breachKey = (breach: Pick<Breach, 'ticketId' | 'clock'>) => `${breach.ticketId}/${breach.clock}`;

/** "#1042" linking to the ticket in the reader's own frame. */
export function StatementTicketLink(props: {
  ticketId: string;
  ticketNumber: number | null;
  audience: StatementAudience;
  inherit?: boolean;
}) {
  const text = `#${props.ticketNumber}`;
  const style = props.inherit
    ? ({ inherit: true, fw: 600 } as const)
    : ({ size: 'sm', fw: 600, className: 'tabular' } as const);
  return props.audience === 'client' ? (
    <AnchorLink to="/portal/tickets/$ticketId" params={{ ticketId: props.ticketId }} {...style}>
      {text}
    </AnchorLink>
  ) : (
    <AnchorLink to="/tickets/$ticketId" params={{ ticketId: props.ticketId }} {...style}>
      {text}
    </AnchorLink>
  );
}

function breachesDescription(statement: SlaStatement, audience: StatementAudience): string {
  const month = monthInWords(statement.month);
  if (audience === 'client') {
    return statement.status === 'open'
      ? `Targets missed so far in ${month}, with any explanation given yet.`
      : `Targets missed in ${month}, with the explanation of each.`;
  }
  return statement.status === 'open'
    ? `Targets missed in ${month}. Explain each to the client before closing the month: the explanations are frozen with it.`
    : `Targets missed in ${month}, with the explanations sent with the statement.`;
}

export function StatementBreaches(props: { statement: SlaStatement; audience?: StatementAudience }) {
  const { statement } = props;
  const audience = props.audience ?? 'staff';
  const can = useCan();
  const canExplain = audience === 'staff' && can('sla.manage') && statement.status === 'open';
  const [explaining, setExplaining] = useState<Breach | null>(null);
  const month = monthInWords(statement.month);

  return (
    <Stack gap="sm" component="section" aria-labelledby="breaches">
      <SectionTitle id="breaches" title="Breaches" description={breachesDescription(statement, audience)} />
      {statement.breaches.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            No target was missed in {month}.
          </Text>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Breaches" p={0} m={0} style={{ listStyle: 'none' }}>
          {statement.breaches.map((breach) => (
            <BreachItem
              key={breachKey(breach)}
              breach={breach}
              timeZone={statement.timeZone}
              isClosed={statement.status === 'closed'}
              audience={audience}
              onExplain={canExplain ? () => setExplaining(breach) : undefined}
            />
          ))}
        </Stack>
      )}
      {audience === 'staff' && (
        <ExplanationModal
          agreementId={statement.agreementId}
          breach={explaining}
          onClose={() => setExplaining(null)}
        />
      )}
    </Stack>
  );
}

/** "Responded Mon 5 Oct, 13:30 America/New_York", or that the clock still runs. */
function stoppedWords(breach: Breach, timeZone: string): string {
  if (breach.stoppedAt === null) {
    return breach.clock === 'first_response' ? 'No response yet' : 'Not resolved yet';
  }
  const verb = breach.clock === 'first_response' ? 'Responded' : 'Resolved';
  return `${verb} ${formatInZone(breach.stoppedAt, timeZone)}`;
}

function BreachItem(props: {
  breach: Breach;
  timeZone: string;
  isClosed: boolean;
  audience: StatementAudience;
  onExplain?: () => void;
}) {
  const { breach, timeZone } = props;
  const clock = clockLabels[breach.clock];
  const explanation = breach.explanation;
  return (
    <Paper withBorder p="sm" component="li" aria-label={`#${breach.ticketNumber} ${clock.toLowerCase()}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Group gap={8} wrap="nowrap" miw={0}>
            <StatementTicketLink
              ticketId={breach.ticketId}
              ticketNumber={breach.ticketNumber}
              audience={props.audience}
            />
            <Text size="sm" fw={500} truncate>
              {breach.ticketTitle}
            </Text>
          </Group>
          <Group gap={8} wrap="wrap">
            <Badge size="sm" variant="light" color={priorityColors[breach.priority]}>
              {breach.priority}
            </Badge>
            <Text size="sm">{clock}</Text>
            {breach.basis === 'best_effort' && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                {basisLabels.best_effort}
              </Badge>
            )}
            <Text size="sm" c="dimmed" className="tabular">
              Due {formatInZone(breach.dueAt, timeZone)}
            </Text>
            <OutcomeBadge outcome={breach.outcome} />
            <Text size="sm" c="dimmed" className="tabular">
              {stoppedWords(breach, timeZone)}
            </Text>
          </Group>
        </Stack>
        {props.onExplain && (
          <Button
            size="xs"
            variant={explanation ? 'default' : 'light'}
            leftSection={explanation ? <IconPencil size={14} /> : <IconMessage2 size={14} />}
            aria-label={`${explanation ? 'Edit explanation of' : 'Explain'} #${breach.ticketNumber} ${clock.toLowerCase()}`}
            onClick={props.onExplain}
            style={{ flexShrink: 0 }}
          >
            {explanation ? 'Edit explanation' : 'Explain'}
          </Button>
        )}
      </Group>
      {explanation ? (
        <Box
          mt="xs"
          pl="sm"
          style={{ borderInlineStart: '3px solid var(--mantine-color-default-border)' }}
          aria-label="Explanation"
          role="group"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {explanation.text}
          </Text>
          <Text size="xs" c="dimmed">
            {explanation.byName}, {formatDayInZone(explanation.at, timeZone)}
          </Text>
        </Box>
      ) : (
        <Text size="sm" c="dimmed" fs="italic" mt="xs">
          {props.isClosed
            ? 'No explanation was given.'
            : props.audience === 'client'
              ? 'No explanation yet.'
              : 'No explanation yet: the client will see this breach without one.'}
        </Text>
      )}
    </Paper>
  );
}

export function StatementCorrections(props: { statement: SlaStatement; audience?: StatementAudience }) {
  const { statement } = props;
  if (statement.corrections.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="corrections">
      <SectionTitle
        id="corrections"
        title="Corrections to closed months"
        description="Targets of earlier months known differently since those statements closed (a reopened ticket, a late record). The closed statements stay as they were sent; the difference is reported here."
      />
      <Paper withBorder p="sm">
        <Stack gap={6} component="ul" aria-label="Corrections" p={0} m={0} style={{ listStyle: 'none' }}>
          {statement.corrections.map((correction) => (
            <CorrectionItem
              key={`${correction.month}/${correction.ticketId}/${correction.clock}`}
              correction={correction}
              statementMonth={statement.month}
              audience={props.audience ?? 'staff'}
            />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

function CorrectionItem(props: {
  correction: StatementCorrection;
  statementMonth: string;
  audience: StatementAudience;
}) {
  const { correction } = props;
  const number = `#${correction.ticketNumber}`;
  // The sentence with its ticket number as a link to the ticket.
  const rest = correctionText(correction, props.statementMonth).slice(number.length);
  return (
    <Group component="li" gap={8} wrap="nowrap">
      <Badge size="sm" variant="light" color={priorityColors[correction.priority]}>
        {correction.priority}
      </Badge>
      <Text size="sm" miw={0}>
        <StatementTicketLink
          ticketId={correction.ticketId}
          ticketNumber={correction.ticketNumber}
          audience={props.audience}
          inherit
        />
        {rest}
        <Text span size="sm" c="dimmed">
          {' '}
          — {correction.ticketTitle}
          {correction.basis === 'best_effort' ? ' (best effort)' : ''}
        </Text>
      </Text>
    </Group>
  );
}

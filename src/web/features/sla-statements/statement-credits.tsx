// The "Service credits" section of an SLA statement, when the agreement has a penalty schedule: for a closed
// month the credits it earned (each explained, capped, proposed, disputed or credited on an invoice) and what
// stands in total; the MSP may dispute a proposed credit within its window. The client's portal shows the same
// credits and disputes without the action.
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconGavel, IconInfoCircle, IconScale } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { creditExclusionLabels } from '../../../shared/api/service-credits.ts';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { money } from '../agreements/agreement-display.tsx';
import { useCan, useSession } from '../auth/session.ts';
import { priorityColors } from '../tickets/ticket-labels.ts';
import { DisputeModal } from './dispute-modal.tsx';
import type { ServiceCredit, SlaStatement } from './sla-statements-api.ts';
import { SectionTitle, StatementTicketLink } from './statement-breaches.tsx';
import { clockLabels, creditName, monthInWords, type StatementAudience } from './statement-format.ts';
import { formatDayInZone, todayInZone } from './zoned-time.ts';

type Penalty = NonNullable<SlaStatement['penalty']>;

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** A credit reads as money off the client's bill: minus, in the credit colour. */
function CreditAmount(props: { cents: number; currency: string; isStanding: boolean; strong?: boolean }) {
  const text = money(props.cents === 0 ? 0 : -props.cents, props.currency);
  return (
    <Text
      size="sm"
      fw={props.strong ? 700 : 500}
      c={props.isStanding && props.cents > 0 ? 'teal.8' : 'dimmed'}
      td={props.isStanding ? undefined : 'line-through'}
      className="tabular"
      component="span"
    >
      {text}
    </Text>
  );
}

/** Whether the MSP may still dispute the credit: proposed, not invoiced, and the window not passed. */
export function isDisputable(credit: ServiceCredit, today: string): boolean {
  return credit.status === 'proposed' && credit.invoiceId === null && today <= credit.disputeBy;
}

function Notes(props: { penalty: Penalty; audience: StatementAudience; children?: ReactNode }) {
  const lines: ReactNode[] = [];
  if (props.children) lines.push(props.children);
  if (props.penalty.mode === 'report') {
    lines.push(
      props.audience === 'client'
        ? 'Report only: these credits are reported to you but not invoiced.'
        : 'Report only: these credits are shown to the client but not invoiced.',
    );
  }
  if (props.penalty.isSoleRemedy) {
    lines.push('Under the agreement, service credits are the sole remedy for missed targets.');
  }
  if (lines.length === 0) return null;
  return (
    <Stack gap={4}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of sentences
        <Group key={index} gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="sm">{line}</Text>
        </Group>
      ))}
    </Stack>
  );
}

export function StatementCredits(props: { statement: SlaStatement; audience?: StatementAudience }) {
  const { statement } = props;
  const audience = props.audience ?? 'staff';
  const can = useCan();
  const [disputing, setDisputing] = useState<ServiceCredit | null>(null);
  const penalty = statement.penalty;
  if (!penalty) return null;
  const month = monthInWords(statement.month);
  const isClosed = statement.status === 'closed';
  const today = todayInZone(statement.timeZone);
  const canDispute = audience === 'staff' && can('sla.manage');
  const earned = audience === 'client' ? 'you' : 'the client';

  return (
    <Stack gap="sm" component="section" aria-labelledby="service-credits">
      <SectionTitle
        id="service-credits"
        title="Service credits"
        description={
          isClosed
            ? `What ${month} earned ${earned} under the agreement's penalty schedule, proposed when the month closed. Only guaranteed targets count.${penalty.mode === 'invoice' ? ' Credits still standing after their dispute window come off the next invoice.' : ''}`
            : `Under the agreement's penalty schedule, missed guaranteed targets earn ${earned} a credit. Best effort never does.`
        }
      />
      {!isClosed ? (
        <Paper withBorder p="md">
          <Notes penalty={penalty} audience={audience}>
            Credits are proposed when the month closes.
          </Notes>
        </Paper>
      ) : (
        <>
          <Notes penalty={penalty} audience={audience} />
          {statement.credits.length === 0 ? (
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                No credit is due for {month}.
              </Text>
            </Paper>
          ) : (
            <CreditsTable
              statement={statement}
              mode={penalty.mode}
              today={today}
              audience={audience}
              onDispute={canDispute ? setDisputing : undefined}
            />
          )}
        </>
      )}
      {audience === 'staff' && (
        <DisputeModal
          agreementId={statement.agreementId}
          credit={disputing}
          onClose={() => setDisputing(null)}
        />
      )}
    </Stack>
  );
}

function CreditsTable(props: {
  statement: SlaStatement;
  mode: Penalty['mode'];
  today: string;
  audience: StatementAudience;
  onDispute?: (credit: ServiceCredit) => void;
}) {
  const { statement, today, onDispute } = props;
  const credits = statement.credits;
  const currency = credits[0]?.currency ?? 'USD';
  const standing = credits.filter((credit) => credit.status === 'proposed');
  const total = standing.reduce((sum, credit) => sum + credit.amountCents, 0);
  const hasActions = onDispute !== undefined && credits.some((credit) => isDisputable(credit, today));

  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table aria-label="Service credits" verticalSpacing="xs" horizontalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>For</Table.Th>
              <Table.Th>Explanation</Table.Th>
              <Table.Th w={250}>Status</Table.Th>
              <Table.Th w={140} style={numeric}>
                Credit
              </Table.Th>
              {hasActions && <Table.Th w={100} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {credits.map((credit) => (
              <Table.Tr key={credit.id} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <CreditSubject credit={credit} audience={props.audience} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{credit.explanation}</Text>
                </Table.Td>
                <Table.Td>
                  <CreditStatus
                    credit={credit}
                    statement={statement}
                    mode={props.mode}
                    today={today}
                    audience={props.audience}
                  />
                </Table.Td>
                <Table.Td style={numeric}>
                  <CreditAmount
                    cents={credit.amountCents}
                    currency={credit.currency}
                    isStanding={credit.status === 'proposed'}
                  />
                  {credit.amountCents < credit.scheduledCents && (
                    <Text size="xs" c="orange.8" className="tabular">
                      Reduced by the cap from {money(credit.scheduledCents, credit.currency)}
                    </Text>
                  )}
                </Table.Td>
                {hasActions && (
                  <Table.Td>
                    {isDisputable(credit, today) && (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconGavel size={14} />}
                        aria-label={`Dispute ${creditName(credit)}`}
                        onClick={() => onDispute?.(credit)}
                      >
                        Dispute
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3} style={{ textAlign: 'right' }}>
                <Text size="sm" fw={600} component="span">
                  Total standing
                </Text>
                <Text size="xs" c="dimmed" fw={400}>
                  {`${standing.length} of ${credits.length} ${credits.length === 1 ? 'credit' : 'credits'}; disputed ones do not count`}
                </Text>
              </Table.Th>
              <Table.Td style={numeric} aria-label="Total standing">
                <CreditAmount cents={total} currency={currency} isStanding strong />
              </Table.Td>
              {hasActions && <Table.Td />}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function CreditSubject(props: { credit: ServiceCredit; audience: StatementAudience }) {
  const { credit } = props;
  if (credit.kind === 'tier' || credit.ticketId === null) {
    return (
      <Group gap={6} wrap="nowrap">
        <IconScale size={15} aria-hidden />
        <Text size="sm" fw={500}>
          Compliance tier
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={2}>
      <StatementTicketLink
        ticketId={credit.ticketId}
        ticketNumber={credit.ticketNumber}
        audience={props.audience}
      />
      <Group gap={6} wrap="nowrap">
        {credit.priority && (
          <Badge size="xs" variant="light" color={priorityColors[credit.priority]}>
            {credit.priority}
          </Badge>
        )}
        {credit.clock && (
          <Text size="xs" c="dimmed">
            {clockLabels[credit.clock]}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function CreditStatus(props: {
  credit: ServiceCredit;
  statement: SlaStatement;
  mode: Penalty['mode'];
  today: string;
  audience: StatementAudience;
}) {
  const { credit, statement } = props;
  const can = useCan();
  const session = useSession();
  if (credit.dispute) {
    const { dispute } = credit;
    return (
      <Stack gap={2} role="group" aria-label="Dispute">
        <Badge size="sm" variant="light" color="gray" tt="none">
          Disputed
        </Badge>
        <Text size="sm" fw={500}>
          {creditExclusionLabels[dispute.exclusion]}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {dispute.reason}
        </Text>
        <Text size="xs" c="dimmed">
          {dispute.byName}, {formatDayInZone(dispute.at, statement.timeZone)}
        </Text>
      </Stack>
    );
  }
  if (credit.invoiceId !== null) {
    const words = credit.invoiceNumber ? `Credited on invoice ${credit.invoiceNumber}` : 'On draft invoice';
    return (
      <Stack gap={2}>
        <Badge size="sm" variant="light" color="teal" tt="none">
          Credited
        </Badge>
        {props.audience === 'client' && credit.invoiceNumber ? (
          <AnchorLink to="/portal/invoices/$invoiceId" params={{ invoiceId: credit.invoiceId }} size="sm">
            {words}
          </AnchorLink>
        ) : props.audience === 'staff' && can('invoices.read') ? (
          <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: credit.invoiceId }} size="sm">
            {words}
          </AnchorLink>
        ) : (
          <Text size="sm">{words}</Text>
        )}
      </Stack>
    );
  }
  const deadline = formatDate(credit.disputeBy);
  const isOpen = props.today <= credit.disputeBy;
  return (
    <Stack gap={2}>
      <Badge size="sm" variant="light" color="blue" tt="none">
        Proposed
      </Badge>
      <Text size="sm" c={isOpen ? undefined : 'dimmed'}>
        {isOpen
          ? props.audience === 'client'
            ? `${session.membership.tenantName} may dispute it until ${deadline}`
            : `Disputable until ${deadline}`
          : `Stands: the dispute window closed ${deadline}${props.mode === 'invoice' ? '; credited on the next invoice' : ''}`}
      </Text>
    </Stack>
  );
}

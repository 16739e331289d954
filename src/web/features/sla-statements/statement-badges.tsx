// Badges of SLA statements: a month's status (open and provisional, or closed and frozen) and a clock's
// outcome (met, missed, pending) — each with a word or icon, never colour alone (UI.md).
import { Badge, Tooltip } from '@mantine/core';
import { IconCheck, IconClock, IconLock, IconX } from '@tabler/icons-react';
import type { ClockOutcome } from '../../../shared/api/sla-statements.ts';
import { outcomeLabels } from './statement-format.ts';

type Status = 'open' | 'closed';

const statusHints: Record<Status, string> = {
  open: 'Provisional: the figures are computed live and can change until the month is closed',
  closed: 'Frozen when the month was closed; later changes show as corrections in the next open month',
};

/** "Open" / "Closed" in lists; `provisional` words the open one as the statement page does. */
export function StatementStatusBadge(props: { status: Status; provisional?: boolean; size?: 'sm' | 'md' }) {
  const isClosed = props.status === 'closed';
  const label = isClosed ? 'Closed' : props.provisional ? 'Provisional' : 'Open';
  return (
    <Tooltip label={statusHints[props.status]} multiline w={280}>
      <Badge
        variant="light"
        color={isClosed ? 'gray' : 'blue'}
        size={props.size ?? 'sm'}
        leftSection={isClosed ? <IconLock size={11} aria-hidden /> : undefined}
        style={{ whiteSpace: 'nowrap' }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

const outcomeColors: Record<ClockOutcome, string> = { met: 'green', missed: 'red', pending: 'gray' };
const outcomeIcons: Record<ClockOutcome, typeof IconCheck> = {
  met: IconCheck,
  missed: IconX,
  pending: IconClock,
};

/** A clock's outcome; `hint` (e.g. when it stopped) shows on hover. */
export function OutcomeBadge(props: { outcome: ClockOutcome; hint?: string }) {
  const Icon = outcomeIcons[props.outcome];
  const badge = (
    <Badge
      color={outcomeColors[props.outcome]}
      variant={props.outcome === 'pending' ? 'light' : 'filled'}
      size="sm"
      tt="none"
      leftSection={<Icon size={12} aria-hidden />}
      data-outcome={props.outcome}
    >
      {outcomeLabels[props.outcome]}
    </Badge>
  );
  return props.hint ? <Tooltip label={props.hint}>{badge}</Tooltip> : badge;
}

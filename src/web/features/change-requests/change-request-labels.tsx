// How a change request's status, risk and window read: a badge with a word (never colour alone), and
// the window in the viewer's zone.
import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconHourglass } from '@tabler/icons-react';
import {
  type ChangeRequestStatus,
  type ChangeRisk,
  changeRequestStatusLabels,
} from '../../../shared/api/change-requests.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import type { ChangeRequest } from './change-requests-api.ts';

const statusColors: Record<ChangeRequestStatus, string> = {
  requested: 'yellow',
  approved: 'green',
  rejected: 'red',
  in_progress: 'blue',
  completed: 'teal',
  cancelled: 'gray',
};

export const riskLabels: Record<ChangeRisk, string> = { low: 'Low', medium: 'Medium', high: 'High' };
const riskColors: Record<ChangeRisk, string> = { low: 'gray', medium: 'orange', high: 'red' };

export function StatusBadge(props: { status: ChangeRequestStatus }) {
  return (
    <Badge variant="light" color={statusColors[props.status]} style={{ flexShrink: 0 }}>
      {changeRequestStatusLabels[props.status]}
    </Badge>
  );
}

export function RiskBadge(props: { risk: ChangeRisk }) {
  return (
    <Badge variant="outline" color={riskColors[props.risk]}>
      {riskLabels[props.risk]}
    </Badge>
  );
}

export const crNumber = (request: { number: number }) => `CR-${request.number}`;

/**
 * "Mon 2 Mar 2026, 22:00 → 02:00 GMT" (the end's date only when it differs); `compact` leaves out this
 * year, for tables.
 */
export function formatWindow(
  start: string,
  end: string,
  timeZone = browserTimeZone(),
  compact = false,
): string {
  const thisYear = ` ${new Date().getFullYear()},`;
  const shorten = (text: string) => (compact ? text.replace(thisYear, ',') : text);
  const from = shorten(formatDateTime(start, timeZone));
  const to = shorten(formatDateTime(end, timeZone, true));
  const [fromDay] = from.split(', ');
  const [toDay, toTime] = to.split(', ');
  return `${from} → ${fromDay === toDay ? toTime : to}`;
}

/** A warning icon naming the live requests whose windows overlap this one's on a shared asset. */
export function OverlapIcon(props: { request: ChangeRequest }) {
  const { overlaps } = props.request;
  if (overlaps.length === 0) return null;
  const label = `Overlaps ${overlaps.map((o) => `CR-${o.number}`).join(', ')} on a shared asset`;
  return (
    <Tooltip label={label}>
      <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-label={label} role="img" />
    </Tooltip>
  );
}

/** A requested change that still needs the client's approval (its agreement asks for it). */
export const isAwaitingClient = (request: Pick<ChangeRequest, 'status' | 'clientApproval'>) =>
  request.status === 'requested' && request.clientApproval.status === 'pending';

/** "Awaiting client" beside the status of a request whose client has yet to approve it. */
export function AwaitingClientBadge(props: {
  request: Pick<ChangeRequest, 'status' | 'clientApproval' | 'clientName'>;
}) {
  if (!isAwaitingClient(props.request)) return null;
  return (
    <Tooltip label={`Waiting for ${props.request.clientName}’s approval`}>
      <Badge
        variant="default"
        leftSection={<IconHourglass size={12} color="var(--mantine-color-orange-6)" aria-hidden />}
        style={{ flexShrink: 0 }}
      >
        Awaiting client
      </Badge>
    </Tooltip>
  );
}

// Words and colours for the ticket enums, shared by the queue, the detail page, the dashboard and the
// new-ticket form.
import type { Priority } from '../../../shared/api/sla-policies.ts';
import {
  closedTicketStatuses,
  openTicketStatuses,
  type TicketSource,
  type TicketStatusValue,
  type TicketType,
} from '../../../shared/api/ticket-enums.ts';
import type { SlaBlock } from '../../../shared/api/tickets.ts';

/** What "the queue" means when the URL names no status: everything still being worked or waited on. */
export const openStatuses: readonly TicketStatusValue[] = openTicketStatuses;

/** Statuses that pause the resolution clock, and so ask why in the same click. */
export const pausedStatuses: readonly TicketStatusValue[] = ['pending_client', 'pending_vendor', 'scheduled'];
export const closedStatuses: readonly TicketStatusValue[] = closedTicketStatuses;

export const statusLabels: Record<TicketStatusValue, string> = {
  new: 'New',
  open: 'Open',
  pending_client: 'Waiting on client',
  pending_vendor: 'Waiting on vendor',
  scheduled: 'Scheduled',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const statusColors: Record<TicketStatusValue, string> = {
  new: 'blue',
  open: 'indigo',
  pending_client: 'grape',
  pending_vendor: 'grape',
  scheduled: 'cyan',
  resolved: 'teal',
  closed: 'gray',
};

export const priorityLabels: Record<Priority, string> = {
  P1: 'Critical',
  P2: 'High',
  P3: 'Medium',
  P4: 'Low',
};

/** P1 is the highest; a larger number is a downgrade. */
export const isDowngrade = (from: Priority, to: Priority) => Number(to.slice(1)) > Number(from.slice(1));

export const priorityColors: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };

export type SlaStateValue = 'on_track' | 'at_risk' | 'paused' | 'breached' | 'met' | 'missed';

export const slaStateLabels: Record<SlaStateValue, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  missed: 'Missed',
};

export type PauseReason = NonNullable<NonNullable<SlaBlock>['resolution']['pauseReason']>;

/** Why a resolution clock is paused, as it reads after "paused — ". */
export const pauseReasonLabels: Record<PauseReason, string> = {
  client: 'waiting on client',
  vendor: "waiting on client's vendor",
  scheduled: 'scheduled by client',
};

export const typeLabels: Record<TicketType, string> = {
  incident: 'Incident',
  service_request: 'Service request',
  change: 'Change',
  alert: 'Alert',
  problem: 'Problem',
};

export const sourceLabels: Record<TicketSource, string> = {
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  portal: 'Client portal',
  web: 'Web (staff)',
  api: 'API',
  agent_alert: 'Agent alert',
};

export const options = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

// The closed lists tickets are described with, shared by the server, the API document and the web app.
export const ticketTypes = ['incident', 'service_request', 'change', 'alert', 'problem'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const ticketSources = ['portal', 'email', 'phone', 'chat', 'agent_alert', 'api', 'web'] as const;
export type TicketSource = (typeof ticketSources)[number];

export const ticketStatuses = [
  'new',
  'open',
  'pending_client',
  'pending_vendor',
  'scheduled',
  'resolved',
  'closed',
] as const;
export type TicketStatusValue = (typeof ticketStatuses)[number];

/** Statuses that stop the resolution clock for good (until a reopen). */
export const closedTicketStatuses = ['resolved', 'closed'] as const satisfies readonly TicketStatusValue[];

/** Everything still being worked or waited on: what "the queue" means. */
export const openTicketStatuses = ticketStatuses.filter(
  (status): status is Exclude<TicketStatusValue, (typeof closedTicketStatuses)[number]> =>
    !(closedTicketStatuses as readonly string[]).includes(status),
);

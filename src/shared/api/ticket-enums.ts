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

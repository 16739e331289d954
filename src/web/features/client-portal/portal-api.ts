// Queries and mutations of the client portal, where a client's own people see their company's tickets (or,
// as a user, the ones they raised), agreements in plain words with the SLA statements, invoices, the vendors'
// changes that wait for their approval and the vendors' scorecards.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  PortalAgreement,
  PortalChangeRequest,
  PortalDecisionInput,
  PortalInvoice,
  PortalInvoiceDetail,
  PortalMessage,
  PortalOverview,
  PortalScorecard,
  PortalTarget,
  PortalTicket,
  PortalTicketDetail,
  PortalTicketInput,
} from '../../../shared/api/client-portal.ts';
import type { SlaStatement, StatementList } from '../../../shared/api/sla-statements.ts';
import { api, apiUrl } from '../../api/client.ts';

export type {
  PortalAgreement,
  PortalChangeRequest,
  PortalDecisionInput,
  PortalInvoice,
  PortalInvoiceDetail,
  PortalMessage,
  PortalOverview,
  PortalScorecard,
  PortalTarget,
  PortalTicket,
  PortalTicketDetail,
  PortalTicketInput,
  SlaStatement,
  StatementList,
};

export type TicketState = 'open' | 'waiting' | 'closed' | 'all';

export interface PortalTicketListParams {
  state: TicketState;
  mine?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

// Everything under 'client-portal' so one invalidation refreshes the counts, lists and details together.
export const clientPortalKeys = {
  all: ['client-portal'] as const,
  overview: ['client-portal', 'overview'] as const,
  tickets: ['client-portal', 'tickets'] as const,
  ticketList: (params: PortalTicketListParams) => ['client-portal', 'tickets', 'list', params] as const,
  ticket: (id: string) => ['client-portal', 'tickets', 'detail', id] as const,
  agreements: ['client-portal', 'agreements'] as const,
  statements: (agreementId: string) => ['client-portal', 'statements', agreementId] as const,
  statement: (agreementId: string, month: string) =>
    ['client-portal', 'statements', agreementId, month] as const,
  invoices: ['client-portal', 'invoices'] as const,
  invoice: (id: string) => ['client-portal', 'invoices', id] as const,
  changeRequests: ['client-portal', 'change-requests'] as const,
  vendors: ['client-portal', 'vendors'] as const,
};

export const clientPortalOverviewQuery = queryOptions({
  queryKey: clientPortalKeys.overview,
  queryFn: () => api<PortalOverview>('/portal'),
});

export const portalTicketListQuery = (params: PortalTicketListParams) =>
  queryOptions({
    queryKey: clientPortalKeys.ticketList(params),
    queryFn: ({ signal }) =>
      api<{ items: PortalTicket[]; total: number }>('/portal/tickets', {
        query: { ...params, mine: params.mine === undefined ? undefined : String(params.mine) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const portalTicketQuery = (id: string) =>
  queryOptions({
    queryKey: clientPortalKeys.ticket(id),
    queryFn: () => api<PortalTicketDetail>(`/portal/tickets/${id}`),
  });

export const raisePortalTicket = (input: PortalTicketInput) =>
  api<PortalTicketDetail>('/portal/tickets', { method: 'POST', body: input });

/** Answers the ticket with the reply in its conversation. */
export const replyOnPortalTicket = (id: string, body: string) =>
  api<PortalTicketDetail>(`/portal/tickets/${id}/replies`, { method: 'POST', body: { body } });

export const portalAgreementsQuery = queryOptions({
  queryKey: clientPortalKeys.agreements,
  queryFn: () => api<{ items: PortalAgreement[] }>('/portal/agreements'),
  select: (data) => data.items,
});

export const portalStatementListQuery = (agreementId: string) =>
  queryOptions({
    queryKey: clientPortalKeys.statements(agreementId),
    queryFn: ({ signal }) =>
      api<StatementList>(`/portal/agreements/${agreementId}/sla-statements`, { signal }),
  });

export const portalStatementQuery = (agreementId: string, month: string) =>
  queryOptions({
    queryKey: clientPortalKeys.statement(agreementId, month),
    queryFn: ({ signal }) =>
      api<SlaStatement>(`/portal/agreements/${agreementId}/sla-statements/${month}`, { signal }),
  });

export const portalStatementPdfUrl = (agreementId: string, month: string) =>
  apiUrl(`/portal/agreements/${agreementId}/sla-statements/${month}/pdf`);

export const portalInvoicesQuery = queryOptions({
  queryKey: clientPortalKeys.invoices,
  queryFn: () => api<{ items: PortalInvoice[] }>('/portal/invoices'),
  select: (data) => data.items,
});

export const portalInvoiceQuery = (id: string) =>
  queryOptions({
    queryKey: clientPortalKeys.invoice(id),
    queryFn: () => api<PortalInvoiceDetail>(`/portal/invoices/${id}`),
  });

export const portalInvoicePdfUrl = (id: string) => apiUrl(`/portal/invoices/${id}/pdf`);

export const portalChangeRequestsQuery = queryOptions({
  queryKey: clientPortalKeys.changeRequests,
  queryFn: () => api<{ items: PortalChangeRequest[] }>('/portal/change-requests'),
  select: (data) => data.items,
});

/** Decided in the signed-in person's name; a reason is required to reject. */
export const decideChangeRequest = (id: string, input: PortalDecisionInput) =>
  api<PortalChangeRequest>(`/portal/change-requests/${id}/decision`, { method: 'POST', body: input });

export const portalVendorsQuery = queryOptions({
  queryKey: clientPortalKeys.vendors,
  queryFn: () => api<{ items: PortalScorecard[] }>('/portal/vendors'),
  select: (data) => data.items,
});

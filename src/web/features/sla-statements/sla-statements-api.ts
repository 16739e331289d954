// Queries and mutations for SLA statements: an agreement's months, one month's statement, closing a month,
// explaining a breach, disputing a service credit, the recompute check and the PDF report.
import { queryOptions } from '@tanstack/react-query';
import type { CreditDisputeInput, ServiceCredit } from '../../../shared/api/service-credits.ts';
import type {
  SlaClockName,
  SlaStatement,
  StatementCheck,
  StatementList,
  StatementListItem,
} from '../../../shared/api/sla-statements.ts';
import { api, apiUrl } from '../../api/client.ts';

export type {
  CreditDisputeInput,
  ServiceCredit,
  SlaClockName,
  SlaStatement,
  StatementCheck,
  StatementList,
  StatementListItem,
};
export type Breach = SlaStatement['breaches'][number];

export const slaStatementKeys = {
  all: ['sla-statements'] as const,
  agreement: (agreementId: string) => ['sla-statements', agreementId] as const,
  list: (agreementId: string) => ['sla-statements', agreementId, 'list'] as const,
  detail: (agreementId: string, month: string) => ['sla-statements', agreementId, 'month', month] as const,
};

export const slaStatementListQuery = (agreementId: string) =>
  queryOptions({
    queryKey: slaStatementKeys.list(agreementId),
    queryFn: ({ signal }) => api<StatementList>(`/agreements/${agreementId}/sla-statements`, { signal }),
  });

export const slaStatementQuery = (agreementId: string, month: string) =>
  queryOptions({
    queryKey: slaStatementKeys.detail(agreementId, month),
    queryFn: ({ signal }) =>
      api<SlaStatement>(`/agreements/${agreementId}/sla-statements/${month}`, { signal }),
  });

/** Recomputes every closed month as of its close and compares it with what was stored. */
export const checkSlaStatements = (agreementId: string) =>
  api<{ items: StatementCheck[] }>(`/agreements/${agreementId}/sla-statements/check`).then(
    (data) => data.items,
  );

/** Closes the month and any ended open months before it; answers the month's closed statement. */
export const closeSlaStatement = (agreementId: string, month: string) =>
  api<SlaStatement>(`/agreements/${agreementId}/sla-statements/${month}/close`, { method: 'POST' });

/** 409 sla_statement.closed once the month the breach counted in is closed. */
export const saveExplanation = (ticketId: string, clock: SlaClockName, text: string) =>
  api<{ ticketId: string; clock: SlaClockName; text: string }>(
    `/tickets/${ticketId}/sla-explanations/${clock}`,
    {
      method: 'PUT',
      body: { text },
    },
  );

/** 409 service_credit.dispute_closed (window passed, or invoiced) or service_credit.disputed. */
export const disputeServiceCredit = (creditId: string, input: CreditDisputeInput) =>
  api<ServiceCredit>(`/service-credits/${creditId}/dispute`, { method: 'POST', body: input });

export const slaStatementPdfUrl = (agreementId: string, month: string) =>
  apiUrl(`/agreements/${agreementId}/sla-statements/${month}/pdf`);

// Queries and mutations for inbound mail: the mailboxes Accord reads, the received mail with the triage
// list, placing a triaged mail (new ticket, reply on a ticket, dismissed), and a ticket's attachments.
import { type InfiniteData, infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  Attachment,
  InboundEmail,
  InboundEmailDetail,
  InboundEmailPage,
  InboundOutcome,
  InboundReason,
  Mailbox,
  MailboxCheck,
  MailboxInput,
  MailboxPollResult,
  TriageAttach,
  TriageCreateTicket,
  TriageDismiss,
  TriageResult,
} from '../../../shared/api/inbound-mail.ts';
import { api } from '../../api/client.ts';

export type {
  Attachment,
  InboundEmail,
  InboundEmailDetail,
  InboundOutcome,
  InboundReason,
  Mailbox,
  MailboxCheck,
  MailboxInput,
  TriageResult,
};

/** The received-mail list as the query cache holds it (pages of the cursor walk). */
export type InboundEmailPageCache = InfiniteData<InboundEmailPage, string | null>;

/** The triage page's filters, as kept in the URL. */
export interface TriageSearch {
  view?: 'all';
  outcome?: InboundOutcome;
  q?: string;
}

export const inboundKeys = {
  mailboxes: ['mailboxes'] as const,
  emailsAll: ['inbound-emails'] as const,
  emails: (search: TriageSearch) => ['inbound-emails', 'list', search] as const,
  email: (id: string) => ['inbound-emails', 'detail', id] as const,
  openCount: ['inbound-emails', 'open-count'] as const,
  attachments: (ticketId: string) => ['tickets', 'detail', ticketId, 'attachments'] as const,
};

export const mailboxesQuery = queryOptions({
  queryKey: inboundKeys.mailboxes,
  queryFn: () => api<{ items: Mailbox[] }>('/mailboxes'),
  select: (data) => data.items,
});

export const createMailbox = (input: MailboxInput) =>
  api<Mailbox>('/mailboxes', { method: 'POST', body: input });
export const updateMailbox = (id: string, input: MailboxInput) =>
  api<Mailbox>(`/mailboxes/${id}`, { method: 'PUT', body: input });
export const deleteMailbox = (id: string) => api<void>(`/mailboxes/${id}`, { method: 'DELETE' });
export const testMailbox = (id: string) =>
  api<MailboxCheck>(`/mailboxes/${id}/test`, { method: 'POST', body: {} });
export const pollMailbox = (id: string) =>
  api<MailboxPollResult>(`/mailboxes/${id}/poll`, { method: 'POST', body: {} });

export const inboundEmailsQuery = (search: TriageSearch) =>
  infiniteQueryOptions({
    queryKey: inboundKeys.emails(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<InboundEmailPage>('/inbound-emails', {
        query: {
          view: search.view ?? 'triage',
          outcome: search.view === 'all' ? search.outcome : undefined,
          q: search.q,
          limit: 50,
          cursor: pageParam,
        },
        signal,
      }),
    getNextPageParam: (page) => page.nextCursor,
  });

/** The open triage count for the navigation's badge: one item is enough to learn it. */
export const openTriageCountQuery = queryOptions({
  queryKey: inboundKeys.openCount,
  queryFn: () => api<InboundEmailPage>('/inbound-emails', { query: { view: 'triage', limit: 1 } }),
  select: (page) => page.openTriage,
  refetchInterval: 60_000,
});

export const inboundEmailQuery = (id: string) =>
  queryOptions({
    queryKey: inboundKeys.email(id),
    queryFn: () => api<InboundEmailDetail>(`/inbound-emails/${id}`),
  });

const triage = (id: string, action: string, body: unknown) =>
  api<TriageResult>(`/inbound-emails/${id}/${action}`, { method: 'POST', body });

export const triageCreateTicket = (id: string, input: TriageCreateTicket) =>
  triage(id, 'create-ticket', input);
export const triageAttach = (id: string, input: TriageAttach) => triage(id, 'attach', input);
export const triageDismiss = (id: string, input: TriageDismiss) => triage(id, 'dismiss', input);

export const ticketAttachmentsQuery = (ticketId: string) =>
  queryOptions({
    queryKey: inboundKeys.attachments(ticketId),
    queryFn: () => api<{ items: Attachment[] }>(`/tickets/${ticketId}/attachments`),
    select: (data) => data.items,
  });

// Queries and mutations for the organization's outgoing mail: SMTP settings, templates, the outbound log.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  EmailPreview,
  EmailTemplate,
  EmailTemplateInput,
  MailSettings,
  MailSettingsInput,
  MailSettingsView,
  MailTestResult,
  OutboundEmail,
  OutboundEmailPage,
  OutboundEmailStatus,
} from '../../../shared/api/mail.ts';
import { api } from '../../api/client.ts';

export type {
  EmailPreview,
  EmailTemplate,
  EmailTemplateInput,
  MailSettings,
  MailSettingsInput,
  OutboundEmail,
};

/** The outbound log's filters, as kept in the URL. */
export interface OutboundMailSearch {
  status?: OutboundEmailStatus;
  to?: string;
  ticketId?: string;
}

export const mailKeys = {
  settings: ['mail-settings'] as const,
  templates: ['email-templates'] as const,
  outbound: (search: OutboundMailSearch) => ['outbound-emails', search] as const,
  outboundAll: ['outbound-emails'] as const,
};

export const mailSettingsQuery = queryOptions({
  queryKey: mailKeys.settings,
  queryFn: () => api<MailSettingsView>('/settings/mail'),
  select: (data) => data.settings,
});

export const saveMailSettings = (input: MailSettingsInput) =>
  api<MailSettingsView>('/settings/mail', { method: 'PUT', body: input });
export const deleteMailSettings = () => api<void>('/settings/mail', { method: 'DELETE' });
export const sendTestMail = () => api<MailTestResult>('/settings/mail/test', { method: 'POST', body: {} });

export const emailTemplatesQuery = queryOptions({
  queryKey: mailKeys.templates,
  queryFn: () => api<{ items: EmailTemplate[] }>('/email-templates'),
  select: (data) => data.items,
});

export const saveEmailTemplate = (key: string, input: EmailTemplateInput) =>
  api<EmailTemplate>(`/email-templates/${encodeURIComponent(key)}`, { method: 'PUT', body: input });
export const resetEmailTemplate = (key: string) =>
  api<EmailTemplate>(`/email-templates/${encodeURIComponent(key)}`, { method: 'DELETE' });
export const previewEmailTemplate = (key: string, input: EmailTemplateInput, signal?: AbortSignal) =>
  api<EmailPreview>(`/email-templates/${encodeURIComponent(key)}/preview`, {
    method: 'POST',
    body: input,
    signal,
  });

export const outboundEmailsQuery = (search: OutboundMailSearch) =>
  infiniteQueryOptions({
    queryKey: mailKeys.outbound(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<OutboundEmailPage>('/outbound-emails', {
        query: {
          status: search.status,
          to: search.to,
          ticketId: search.ticketId,
          limit: 50,
          cursor: pageParam,
        },
        signal,
      }),
    getNextPageParam: (page) => page.nextCursor,
  });

export const retryOutboundEmail = (id: string) =>
  api<OutboundEmail>(`/outbound-emails/${id}/retry`, { method: 'POST', body: {} });

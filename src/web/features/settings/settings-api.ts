// Queries and mutations for staff users, business calendars, SLA policies, the audit and security logs.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEvent, AuditVerifyResult, SecurityLogEntry } from '../../../shared/api/audit.ts';
import type { CalendarInput, calendarSchema, calendarVersionSchema } from '../../../shared/api/calendars.ts';
import type { UserInput, UserUpdate, userSchema } from '../../../shared/api/identity.ts';
import type { SlaPolicyInput, slaPolicySchema } from '../../../shared/api/sla-policies.ts';
import { api } from '../../api/client.ts';

export type User = z.infer<typeof userSchema>;
export type Calendar = z.infer<typeof calendarSchema>;
export type CalendarVersion = z.infer<typeof calendarVersionSchema>;
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export type { CalendarInput, SlaPolicyInput, UserInput, UserUpdate };

export const settingsKeys = {
  users: ['users'] as const,
  calendars: ['calendars'] as const,
  calendar: (id: string) => ['calendars', id] as const,
  calendarVersions: (id: string) => ['calendars', id, 'versions'] as const,
  due: (calendarId: string, from: string, minutes: number) =>
    ['calendars', calendarId, 'due', from, minutes] as const,
  slaPolicies: ['sla-policies'] as const,
  slaPolicy: (id: string) => ['sla-policies', id] as const,
  auditEvents: (search: AuditLogSearch) => ['audit-events', search] as const,
  securityEvents: (search: SecurityEventsSearch) => ['security-events', search] as const,
};

export const usersQuery = queryOptions({
  queryKey: settingsKeys.users,
  queryFn: () => api<{ items: User[] }>('/users'),
  select: (data) => data.items,
});
export const createUser = (input: UserInput) => api<User>('/users', { method: 'POST', body: input });
export const updateUser = (id: string, input: UserUpdate) =>
  api<User>(`/users/${id}`, { method: 'PATCH', body: input });
/** Ends every session of the user in this organization; API tokens are not affected. */
export const signOutUser = (id: string) =>
  api<{ revoked: number }>(`/users/${id}/sessions`, { method: 'DELETE' });

export const calendarsQuery = queryOptions({
  queryKey: settingsKeys.calendars,
  queryFn: () => api<{ items: Calendar[] }>('/calendars'),
  select: (data) => data.items,
});
export const calendarQuery = (id: string) =>
  queryOptions({ queryKey: settingsKeys.calendar(id), queryFn: () => api<Calendar>(`/calendars/${id}`) });
export const calendarVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: settingsKeys.calendarVersions(id),
    queryFn: () => api<{ items: CalendarVersion[] }>(`/calendars/${id}/versions`),
    select: (data) => data.items,
  });
export const createCalendar = (input: CalendarInput) =>
  api<Calendar>('/calendars', { method: 'POST', body: input });
export const updateCalendar = (id: string, input: CalendarInput) =>
  api<Calendar>(`/calendars/${id}`, { method: 'PUT', body: input });

/** When `minutes` business minutes after `from` end on the calendar (422 calendar.no_business_time if never). */
export const dueQuery = (calendarId: string, from: string, minutes: number) =>
  queryOptions({
    queryKey: settingsKeys.due(calendarId, from, minutes),
    queryFn: ({ signal }) =>
      api<{ dueAt: string }>(`/calendars/${calendarId}/due`, { query: { from, minutes }, signal }),
    staleTime: 60_000,
    retry: false,
  });

export const slaPoliciesQuery = queryOptions({
  queryKey: settingsKeys.slaPolicies,
  queryFn: () => api<{ items: SlaPolicy[] }>('/sla-policies'),
  select: (data) => data.items,
});
export const slaPolicyQuery = (id: string) =>
  queryOptions({
    queryKey: settingsKeys.slaPolicy(id),
    queryFn: () => api<SlaPolicy>(`/sla-policies/${id}`),
  });
export const createSlaPolicy = (input: SlaPolicyInput) =>
  api<SlaPolicy>('/sla-policies', { method: 'POST', body: input });
export const updateSlaPolicy = (id: string, input: SlaPolicyInput) =>
  api<SlaPolicy>(`/sla-policies/${id}`, { method: 'PUT', body: input });

/** The audit log's filters as they appear in the URL. */
export interface AuditLogSearch {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Calendar days (YYYY-MM-DD), read as UTC. */
  from?: string;
  to?: string;
}

const dayStart = (day?: string) => (day ? `${day}T00:00:00Z` : undefined);
const dayEnd = (day?: string) => (day ? `${day}T23:59:59.999Z` : undefined);

/** Audit events matching the filters, newest first, 50 a page. */
export const auditEventsQuery = (search: AuditLogSearch) =>
  infiniteQueryOptions({
    queryKey: settingsKeys.auditEvents(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AuditEvent[]; nextCursor: string | null }>('/audit-events', {
        query: {
          action: search.action,
          actorId: search.actorId,
          targetType: search.targetType,
          targetId: search.targetId,
          from: dayStart(search.from),
          to: dayEnd(search.to),
          limit: 50,
          cursor: pageParam,
        },
        signal,
      }),
    getNextPageParam: (page) => page.nextCursor,
  });

/** Checks the sealed chain of audit events for tampering. */
export const verifyAuditChain = () => api<AuditVerifyResult>('/audit/verify');

export type { SecurityLogEntry };

/** The security events page's filters as they appear in the URL. */
export interface SecurityEventsSearch {
  action?: string;
  /** A user's identityId. */
  identityId?: string;
  /** Calendar days (YYYY-MM-DD), read as UTC. */
  from?: string;
  to?: string;
}

/** Sign-in events about this organization's people, newest first, 50 a page. */
export const securityEventsQuery = (search: SecurityEventsSearch) =>
  infiniteQueryOptions({
    queryKey: settingsKeys.securityEvents(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: SecurityLogEntry[]; nextCursor: string | null }>('/security-events', {
        query: {
          action: search.action,
          identityId: search.identityId,
          from: dayStart(search.from),
          to: dayEnd(search.to),
          limit: 50,
          cursor: pageParam,
        },
        signal,
      }),
    getNextPageParam: (page) => page.nextCursor,
  });

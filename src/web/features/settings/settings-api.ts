// Queries and mutations for staff users, business calendars and SLA policies.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
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
};

export const usersQuery = queryOptions({
  queryKey: settingsKeys.users,
  queryFn: () => api<{ items: User[] }>('/users'),
  select: (data) => data.items,
});
export const createUser = (input: UserInput) => api<User>('/users', { method: 'POST', body: input });
export const updateUser = (id: string, input: UserUpdate) =>
  api<User>(`/users/${id}`, { method: 'PATCH', body: input });

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

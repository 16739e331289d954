// Queries and mutations for agreements, work roles and which work role each staff member logs time as.
import { queryOptions } from '@tanstack/react-query';
import type {
  Agreement,
  AgreementInput,
  AgreementStatus,
  AgreementUpdate,
  WorkRole,
  WorkRoleUpdate,
} from '../../../shared/api/agreements.ts';
import { api } from '../../api/client.ts';

export type { Agreement, AgreementInput, AgreementUpdate, WorkRole };

export interface AgreementListParams {
  clientId?: string;
  status?: AgreementStatus | 'any';
}

export const agreementKeys = {
  all: ['agreements'] as const,
  list: (params: AgreementListParams) => ['agreements', 'list', params] as const,
  detail: (id: string) => ['agreements', 'detail', id] as const,
};

export const workRoleKeys = {
  all: ['work-roles'] as const,
  assignments: ['work-roles', 'assignments'] as const,
};

export const agreementListQuery = (params: AgreementListParams) =>
  queryOptions({
    queryKey: agreementKeys.list(params),
    queryFn: ({ signal }) =>
      api<{ items: Agreement[] }>('/agreements', {
        query: { clientId: params.clientId, status: params.status ?? 'any' },
        signal,
      }),
    select: (data) => data.items,
  });

export const agreementQuery = (id: string) =>
  queryOptions({
    queryKey: agreementKeys.detail(id),
    queryFn: () => api<Agreement>(`/agreements/${id}`),
  });

/** The API's input, minus what defaults on the server: the editor always sends every field. */
export type AgreementBody = Omit<AgreementInput, 'clientId' | 'type'>;

export const createAgreement = (input: AgreementBody & Pick<AgreementInput, 'clientId' | 'type'>) =>
  api<Agreement>('/agreements', { method: 'POST', body: input });
export const updateAgreement = (id: string, input: AgreementUpdate) =>
  api<Agreement>(`/agreements/${id}`, { method: 'PATCH', body: input });
/** 409 agreement.in_use once tickets, time or another agreement's fallback point at it. */
export const deleteAgreement = (id: string) => api<void>(`/agreements/${id}`, { method: 'DELETE' });

/** Every work role, archived ones too (old agreements and entries still name them). */
export const workRolesQuery = queryOptions({
  queryKey: workRoleKeys.all,
  queryFn: () => api<{ items: WorkRole[] }>('/work-roles'),
  select: (data) => data.items,
  staleTime: 60_000,
});
export const createWorkRole = (name: string) =>
  api<WorkRole>('/work-roles', { method: 'POST', body: { name } });
export const updateWorkRole = (id: string, input: WorkRoleUpdate) =>
  api<WorkRole>(`/work-roles/${id}`, { method: 'PATCH', body: input });

/** membershipId → workRoleId of the staff members who have one. */
export const workRoleAssignmentsQuery = queryOptions({
  queryKey: workRoleKeys.assignments,
  queryFn: () => api<{ items: { membershipId: string; workRoleId: string }[] }>('/work-roles/assignments'),
  select: (data) => new Map(data.items.map((item) => [item.membershipId, item.workRoleId])),
});
export const assignWorkRole = (membershipId: string, workRoleId: string | null) =>
  api<void>(`/users/${membershipId}/work-role`, { method: 'PUT', body: { workRoleId } });

// The Changes page's filters as they live in the URL, so a view can be bookmarked and shared.
import { type ChangeRequestStatus, changeRequestStatuses } from '../../../shared/api/change-requests.ts';

export interface ChangesSearch {
  clientId?: string;
  status?: ChangeRequestStatus;
  page?: number;
}

export function parseChangesSearch(search: Record<string, unknown>): ChangesSearch {
  const page = Number(search.page);
  return {
    clientId:
      typeof search.clientId === 'string' && search.clientId.trim() ? search.clientId.trim() : undefined,
    status: changeRequestStatuses.find((status) => status === search.status),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

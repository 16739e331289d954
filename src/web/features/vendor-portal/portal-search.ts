// The vendor portal's request list filter as it lives in the URL, so a view can be bookmarked and shared.
import { type ChangeRequestStatus, changeRequestStatuses } from '../../../shared/api/change-requests.ts';

/** `open`: requested or approved, what the vendor still has to do something about. */
export type PortalRequestFilter = 'open' | ChangeRequestStatus;

export interface PortalRequestsSearch {
  status?: PortalRequestFilter;
  page?: number;
}

export function parsePortalRequestsSearch(search: Record<string, unknown>): PortalRequestsSearch {
  const page = Number(search.page);
  return {
    status:
      search.status === 'open' ? 'open' : changeRequestStatuses.find((status) => status === search.status),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

/** The statuses the API is asked for (comma-separated), or undefined for every status. */
export function statusesOf(filter: PortalRequestFilter | undefined): string | undefined {
  return filter === 'open' ? 'requested,approved' : filter;
}

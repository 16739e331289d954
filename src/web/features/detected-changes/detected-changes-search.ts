// The Detected changes view's filters as they live in the URL. No outcome means the triage list:
// unattributed changes.
import { changeOutcomes, type OutcomeFilter } from './change-outcomes.ts';

export interface DetectedChangesSearch {
  /** Absent for the default, unattributed. */
  outcome?: Exclude<OutcomeFilter, 'unattributed'>;
  clientId?: string;
  page?: number;
}

export function parseDetectedChangesSearch(search: Record<string, unknown>): DetectedChangesSearch {
  const page = Number(search.page);
  const outcome = search.outcome === 'any' ? 'any' : changeOutcomes.find((o) => o === search.outcome);
  return {
    outcome: outcome === 'unattributed' ? undefined : outcome,
    clientId:
      typeof search.clientId === 'string' && search.clientId.trim() ? search.clientId.trim() : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

export const outcomeFilterOf = (search: DetectedChangesSearch): OutcomeFilter =>
  search.outcome ?? 'unattributed';

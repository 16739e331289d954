// Binds a ticket to what it is measured under, and turns its event log into stored SLA columns.
import { type Priority, priorities, type SlaTargets } from '../../../shared/api/sla-policies.ts';
import type { SlaBlock } from '../../../shared/api/tickets.ts';
import { addBusinessMinutes, type BusinessCalendar } from '../../../shared/business-time/business-time.ts';
import { computeSlaState, type SlaEvent, type SlaState } from '../../../shared/sla/sla-clock.ts';
import type { Executor } from '../../db/client.ts';
import { findCalendarVersions, findCurrentCalendar, toBusinessCalendar } from '../calendars/index.ts';
import { findCurrentSlaPolicy, findSlaPolicyVersion } from '../sla-policies/index.ts';
import type { TicketEventRow, TicketRow } from './tickets.repository.ts';

export interface Measure {
  policyVersionId: string;
  targets: SlaTargets;
  calendarFor(priority: Priority): BusinessCalendar;
}

/** The current policy version and the current version of every calendar it uses, frozen on the ticket. */
export async function bindMeasure(db: Executor, tenantId: string, policyId: string) {
  const policy = await findCurrentSlaPolicy(db, tenantId, policyId);
  if (!policy) return null;
  const { version } = policy;
  const calendarIds = new Set([
    version.calendarId,
    ...priorities.flatMap((p) => version.targets[p].calendarId ?? []),
  ]);
  const calendarVersionIds: Record<string, string> = {};
  for (const calendarId of calendarIds) {
    const calendar = await findCurrentCalendar(db, tenantId, calendarId);
    if (calendar) calendarVersionIds[calendarId] = calendar.version.id;
  }
  return { slaPolicyVersionId: version.id, calendarVersionIds };
}

export async function loadMeasure(db: Executor, ticket: TicketRow): Promise<Measure | null> {
  if (!ticket.slaPolicyVersionId) return null;
  const policy = await findSlaPolicyVersion(db, ticket.tenantId, ticket.slaPolicyVersionId);
  if (!policy) return null;
  const versions = await findCalendarVersions(db, ticket.tenantId, Object.values(ticket.calendarVersionIds));
  const byCalendar = new Map(versions.map((v) => [v.calendarId, toBusinessCalendar(v)]));
  return {
    policyVersionId: policy.id,
    targets: policy.targets,
    calendarFor(priority) {
      const calendarId = policy.targets[priority].calendarId ?? policy.calendarId;
      const calendar = byCalendar.get(calendarId);
      if (!calendar) throw new Error(`calendar ${calendarId} is not bound to ticket ${ticket.id}`);
      return calendar;
    },
  };
}

export function toSlaEvents(rows: readonly TicketEventRow[]): SlaEvent[] {
  return rows.flatMap((row): SlaEvent[] => {
    const at = row.occurredAt.getTime();
    const data = row.data as { priority?: Priority; status?: TicketRow['status'] };
    switch (row.type) {
      case 'created':
        return [{ type: 'created', at, priority: data.priority!, status: data.status }];
      case 'public_reply':
        return [{ type: 'public_reply', at, author: row.author }];
      case 'call_logged':
        return [{ type: 'call_logged', at }];
      case 'status':
        return [{ type: 'status', at, status: data.status! }];
      case 'priority':
        return [{ type: 'priority', at, priority: data.priority! }];
      default:
        return [];
    }
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toSlaBlock(measure: Measure, state: SlaState): NonNullable<SlaBlock> {
  const clock = (c: SlaState['firstResponse']) => ({
    dueAt: iso(c.dueAt),
    state: c.state,
    businessMinutesUsed: c.businessMinutesUsed,
    targetMinutes: c.targetMinutes,
    stoppedAt: iso(c.stoppedAt),
    breachedAt: iso(c.breachedAt),
  });
  return {
    policyVersionId: measure.policyVersionId,
    firstResponse: clock(state.firstResponse),
    resolution: {
      ...clock(state.resolution),
      pausedMinutes: { ...state.resolution.pausedMinutes },
      pauseReason: state.resolution.pauseReason,
      pausedSince: iso(state.resolution.pausedSince),
    },
  };
}

const MINUTE = 60_000;
const AT_RISK_SHARE = 0.75;

/** When the passage of time alone next changes a running clock's state: it turns at risk, or breaches. */
function nextCheck(measure: Measure, state: SlaState, now: number): number | null {
  const candidates: number[] = [];
  for (const clock of [state.firstResponse, state.resolution]) {
    if (
      clock.stoppedAt !== null ||
      clock.dueAt === null ||
      clock.state === 'paused' ||
      clock.state === 'breached'
    ) {
      continue;
    }
    if (clock.state === 'on_track') {
      const remaining = Math.ceil(clock.targetMinutes * AT_RISK_SHARE) - clock.businessMinutesUsed;
      const atRisk = addBusinessMinutes(measure.calendarFor(clock.priority), now, Math.max(remaining, 0));
      if (atRisk !== null) candidates.push(Math.min(atRisk, clock.dueAt + MINUTE));
    } else {
      candidates.push(clock.dueAt + MINUTE);
    }
  }
  return candidates.length > 0 ? Math.max(Math.min(...candidates), now + MINUTE) : null;
}

export interface SlaColumns {
  sla: NonNullable<SlaBlock> | null;
  firstResponseDueAt: Date | null;
  firstResponseState: string | null;
  resolutionDueAt: Date | null;
  resolutionState: string | null;
  nextDueAt: Date | null;
  slaCheckAt: Date | null;
}

export function evaluate(measure: Measure | null, events: readonly TicketEventRow[], now: number) {
  if (!measure) {
    const none: SlaColumns = {
      sla: null,
      firstResponseDueAt: null,
      firstResponseState: null,
      resolutionDueAt: null,
      resolutionState: null,
      nextDueAt: null,
      slaCheckAt: null,
    };
    return { columns: none, state: null };
  }
  const state = computeSlaState({
    events: toSlaEvents(events),
    targets: measure.targets,
    calendarFor: measure.calendarFor,
    now,
  });
  const running = [state.firstResponse, state.resolution]
    .filter((c) => c.stoppedAt === null && c.dueAt !== null)
    .map((c) => c.dueAt!);
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const columns: SlaColumns = {
    sla: toSlaBlock(measure, state),
    firstResponseDueAt: date(state.firstResponse.dueAt),
    firstResponseState: state.firstResponse.state,
    resolutionDueAt: date(state.resolution.dueAt),
    resolutionState: state.resolution.state,
    nextDueAt: running.length > 0 ? new Date(Math.min(...running)) : null,
    slaCheckAt: date(nextCheck(measure, state, now)),
  };
  return { columns, state };
}

/**
 * What a ticket is measured under once it is moved to another policy (its new agreement's, or the client's
 * default): unchanged columns when the policy is the same, so moving between agreements that share a
 * policy never re-binds to a newer version. The clocks are then recomputed from the event log.
 */
export async function rebindMeasure(
  db: Executor,
  ticket: TicketRow,
  policyId: string | null,
): Promise<Pick<TicketRow, 'slaPolicyVersionId' | 'calendarVersionIds'> | null> {
  const current = ticket.slaPolicyVersionId
    ? await findSlaPolicyVersion(db, ticket.tenantId, ticket.slaPolicyVersionId)
    : undefined;
  if ((current?.policyId ?? null) === policyId) return null;
  const measure = policyId ? await bindMeasure(db, ticket.tenantId, policyId) : null;
  return {
    slaPolicyVersionId: measure?.slaPolicyVersionId ?? null,
    calendarVersionIds: measure?.calendarVersionIds ?? {},
  };
}

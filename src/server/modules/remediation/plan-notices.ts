// A plan's notices: objective events its own terms name, worked out afresh from the data each time, so the
// count never depends on when anyone looked — an answer or an item that came after its day (or has not
// come), a P1 breach on a guaranteed ticket after filing (the client's concern about its MSP), an incident
// for the plan's vendor's changes after filing (a plan about a vendor). Once the plan is decided, only
// what came before the decision counts.
import type { RemediationPlan } from '../../../shared/api/remediation.ts';
import { addDays, dayInWords, utcDay } from '../../../shared/utc-days.ts';
import type { Executor } from '../../db/client.ts';
import { slaBasesOf } from '../tickets/index.ts';
import * as repo from './remediation.repository.ts';

export type Notice = Omit<RemediationPlan['notices'][number], 'at'> & { at: Date };

const clockWords = { firstResponse: 'first response', resolution: 'resolution' } as const;

/** The start of the day after `day`: when a date was missed. */
const dayAfter = (day: string) => new Date(`${addDays(day, 1)}T00:00:00Z`);

/** Whether something due on `dueOn` was missed by `now`: done after the day, or not done and the day gone. */
function missed(dueOn: string, doneAt: Date | null, now: Date) {
  return (doneAt ? utcDay(doneAt) : utcDay(now)) > dueOn;
}

export async function noticesOf(
  db: Executor,
  plan: repo.PlanRow,
  items: readonly repo.ItemRow[],
  now: Date,
): Promise<Notice[]> {
  const found: Notice[] = [];
  if (missed(plan.responseDueOn, plan.respondedAt, now)) {
    found.push({
      kind: 'response_overdue',
      ref: plan.id,
      at: dayAfter(plan.responseDueOn),
      label: `No answer with items by ${dayInWords(plan.responseDueOn)}`,
    });
  }
  for (const item of items) {
    if (missed(item.dueOn, item.status === 'done' ? item.doneAt : null, now)) {
      found.push({
        kind: 'item_overdue',
        ref: item.id,
        at: dayAfter(item.dueOn),
        label: `Missed its date, ${dayInWords(item.dueOn)}: ${item.issue}`,
      });
    }
  }
  if (plan.direction === 'client_to_msp') {
    const breached = await repo.p1BreachesSince(db, plan.tenantId, plan.clientId, plan.filedAt);
    const bases = await slaBasesOf(
      db,
      plan.tenantId,
      breached.map((ticket) => ticket.id),
    );
    for (const ticket of breached) {
      // A best-effort ticket (an unmanaged or non-standard asset) was never promised.
      if (bases.get(ticket.id) === 'best_effort') continue;
      for (const clock of ['firstResponse', 'resolution'] as const) {
        const at = ticket[clock];
        if (!at || Date.parse(at) < plan.filedAt.getTime()) continue;
        found.push({
          kind: 'p1_breach',
          ref: `${ticket.id}/${clock}`,
          at: new Date(at),
          label: `P1 ticket #${ticket.number} ${ticket.title}: ${clockWords[clock]} target missed`,
        });
      }
    }
  } else {
    // Both plans about a vendor name it: its incidents count, not another vendor's.
    const incidents = await repo.vendorIncidentsSince(
      db,
      plan.tenantId,
      plan.clientId,
      plan.vendorId!,
      plan.filedAt,
    );
    for (const ticket of incidents) {
      found.push({
        kind: 'vendor_incident',
        ref: ticket.id,
        at: ticket.openedAt,
        label: `Incident #${ticket.number}: ${ticket.title}`,
      });
    }
  }
  const until = Math.min(now.getTime(), plan.decidedAt?.getTime() ?? Number.POSITIVE_INFINITY);
  return found
    .filter((notice) => notice.at.getTime() <= until)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.ref.localeCompare(b.ref));
}

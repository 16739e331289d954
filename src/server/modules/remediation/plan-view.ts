// A remediation plan as the API shows it: its items and notices read for all the plans at once, and its
// phase worked out from the day, the answer, the notices and the decisions.
import {
  handoverLabels,
  type RemediationPhase,
  type RemediationPlan,
} from '../../../shared/api/remediation.ts';
import { utcDay } from '../../../shared/utc-days.ts';
import type { Executor } from '../../db/client.ts';
import { noticesOf } from './plan-notices.ts';
import * as repo from './remediation.repository.ts';

/** Where the plan stands, and why a decision is due when it is. */
export function phaseOf(
  plan: Pick<repo.PlanRow, 'decidedAt' | 'respondedAt' | 'endsOn' | 'noticeLimit'>,
  notices: number,
  today: string,
): { phase: RemediationPhase; decisionDueBecause: RemediationPlan['decisionDueBecause'] } {
  if (plan.decidedAt) return { phase: 'decided', decisionDueBecause: null };
  if (notices >= plan.noticeLimit)
    return { phase: 'decision_due', decisionDueBecause: 'notice_limit_reached' };
  if (today > plan.endsOn) return { phase: 'decision_due', decisionDueBecause: 'time_box_ended' };
  return { phase: plan.respondedAt ? 'in_progress' : 'awaiting_response', decisionDueBecause: null };
}

export async function toPlans(
  db: Executor,
  rows: readonly repo.PlanWithNames[],
  now: Date,
): Promise<RemediationPlan[]> {
  if (rows.length === 0) return [];
  const { tenantId } = rows[0]!.plan;
  const ids = rows.map((row) => row.plan.id);
  const items = await repo.itemsOf(db, tenantId, ids);
  const today = utcDay(now);
  const plans = rows.map(async ({ plan, clientName, vendorName, filedByName, respondedByName }) => {
    const itemsOfPlan = items.filter((item) => item.planId === plan.id);
    const counted = await noticesOf(db, plan, itemsOfPlan, now);
    return {
      id: plan.id,
      clientId: plan.clientId,
      clientName,
      direction: plan.direction,
      vendorId: plan.vendorId,
      vendorName,
      title: plan.title,
      concern: plan.concern,
      evidence: plan.evidence,
      filedAt: plan.filedAt.toISOString(),
      filedByName: filedByName ?? '',
      responseDueOn: plan.responseDueOn,
      respondedAt: plan.respondedAt?.toISOString() ?? null,
      respondedByName,
      responseText: plan.responseText,
      endsOn: plan.endsOn,
      noticeLimit: plan.noticeLimit,
      notices: counted.map((notice) => ({ ...notice, at: notice.at.toISOString() })),
      items: itemsOfPlan.map((item) => ({
        id: item.id,
        issue: item.issue,
        action: item.action,
        owner: item.owner,
        dueOn: item.dueOn,
        priority: item.priority,
        status: item.status,
        doneAt: item.doneAt?.toISOString() ?? null,
        note: item.note,
      })),
      ...phaseOf(plan, counted.length, today),
      recommendation: plan.recommendation ?? null,
      decisions: plan.decisions,
      handover: plan.handover?.map((step) => ({ ...step, label: handoverLabels[step.key] })) ?? null,
      vendorNoticeId: plan.vendorNoticeId,
    };
  });
  return Promise.all(plans);
}

// The hourly sweep over open remediation plans: it announces each notice once (plan-notices.ts works them
// out; the plan itself shows them the moment they are due), and the time box's end 30 and 7 days ahead.
import { REMEDIATION_REMINDER_DAYS } from '../../../shared/api/remediation.ts';
import { daysBetween, utcDay } from '../../../shared/utc-days.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { activeClientAdmins } from '../clients/index.ts';
import type { MailService } from '../mail/index.ts';
import { describeClientEvent, recordDomainEvent } from '../notifications/index.ts';
import { noticesOf } from './plan-notices.ts';
import * as repo from './remediation.repository.ts';

export function createRemediationSweep(deps: {
  db: Database;
  clock: Clock;
  mail: Pick<MailService, 'enqueue'>;
  publicUrl?: string;
}) {
  const { db, clock, mail } = deps;
  const origin = (deps.publicUrl ?? '').replace(/\/+$/, '');

  /** Sweeps every open plan, each in its own transaction; answers how many notices and reminders it gave. */
  return async function sweep(): Promise<number> {
    const now = clock.now();
    const today = utcDay(now);
    let given = 0;
    for (const { plan, clientName } of await repo.openPlans(db)) {
      given += await db.transaction(async (tx) => {
        let count = 0;
        const items = await repo.itemsOf(tx, plan.tenantId, [plan.id]);
        const due = await noticesOf(tx, plan, items, now);
        const notices = due.length;
        const daysLeft = daysBetween(today, plan.endsOn);
        const admins = await activeClientAdmins(tx, plan.tenantId, plan.clientId);
        /** Triage staff hear through their notifications; the client's admins by mail, with the portal's link. */
        const tell = async (what: { kind: 'notice'; notice: string } | { kind: 'ends_soon' }) => {
          const payload = {
            clientId: plan.clientId,
            clientName,
            planId: plan.id,
            title: plan.title,
            notices,
            noticeLimit: plan.noticeLimit,
            endsOn: plan.endsOn,
            daysLeft,
            ...what,
          };
          await recordDomainEvent(tx, {
            tenantId: plan.tenantId,
            type: 'remediation.reminder',
            occurredAt: now,
            actorMembershipId: null,
            payload,
          });
          const text = describeClientEvent({
            type: 'remediation.reminder',
            actorMembershipId: null,
            payload,
          });
          for (const admin of admins) {
            await mail.enqueue(tx, {
              tenantId: plan.tenantId,
              to: admin.email,
              templateKey: 'remediation.reminder',
              data: text.mailData(admin.name, `${origin}/portal/plans/${plan.id}`),
            });
          }
        };
        for (const notice of due) {
          if (!(await repo.recordNotice(tx, { tenantId: plan.tenantId, planId: plan.id, ...notice })))
            continue;
          await tell({ kind: 'notice', notice: notice.label });
          count++;
        }
        const threshold = [...REMEDIATION_REMINDER_DAYS].sort((a, b) => a - b).find((d) => daysLeft <= d);
        if (daysLeft >= 0 && threshold !== undefined && !plan.remindedDays.includes(threshold)) {
          await repo.updatePlan(tx, plan.tenantId, plan.id, {
            remindedDays: [...plan.remindedDays, threshold],
          });
          await tell({ kind: 'ends_soon' });
          count++;
        }
        return count;
      });
    }
    return given;
  };
}

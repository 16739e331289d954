// Service credits: proposed when a month closes under the agreement's penalty schedule (from the month the
// schedule took effect), shown on the statement, and disputed by the MSP within their window citing an
// exclusion. What stands is the invoice run's to credit (invoices module).
import { Temporal } from 'temporal-polyfill';
import type { CreditDisputeInput, ServiceCredit } from '../../../shared/api/service-credits.ts';
import type { StatementFigures } from '../../../shared/api/sla-statements.ts';
import { disputeDeadline, proposeCredits } from '../../../shared/billing/service-credits.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/scope.ts';
import * as repo from './sla-statements.repository.ts';
import type { Measured } from './statement-figures.ts';

function toCredit(listed: repo.ListedCredit): ServiceCredit {
  const { credit, ticketNumber, disputedByName, invoiceNumber, liveInvoiceId } = listed;
  const disputed = credit.disputeExclusion !== null;
  return {
    id: credit.id,
    agreementId: credit.agreementId,
    month: credit.month,
    kind: credit.kind,
    ticketId: credit.ticketId,
    ticketNumber,
    clock: credit.clock,
    priority: credit.priority,
    scheduledCents: credit.scheduledCents,
    amountCents: credit.amountCents,
    currency: credit.currency,
    explanation: credit.explanation,
    status: disputed ? 'disputed' : 'proposed',
    disputeBy: credit.disputeBy,
    dispute: disputed
      ? {
          exclusion: credit.disputeExclusion!,
          reason: credit.disputeReason ?? '',
          byName: disputedByName ?? '',
          at: credit.disputedAt!.toISOString(),
        }
      : null,
    invoiceId: liveInvoiceId,
    invoiceNumber,
  };
}

/** The credits a closed month of the agreement earned. */
export async function creditsOf(db: Executor, tenantId: string, agreementId: string, month: string) {
  return (await repo.listCredits(db, tenantId, agreementId, month)).map(toCredit);
}

/**
 * Proposes, in the closing transaction, what the months just frozen earned under the agreement's schedule
 * (those from the month it took effect).
 */
export async function proposeMonthCredits(
  tx: Executor,
  ctx: Measured,
  closing: readonly { statementId: string; figures: StatementFigures }[],
  closedAt: Date,
) {
  const schedule = ctx.agreement.penaltySchedule;
  const earning = closing.filter(
    ({ figures }) => schedule && figures.month >= (schedule.effectiveFrom ?? ''),
  );
  if (!schedule || earning.length === 0) return;
  const fees = await repo.monthlyFeesCents(tx, ctx.tenantId, ctx.agreement.id);
  const disputeBy = disputeDeadline(closedAt.getTime(), ctx.timeZone, schedule.disputeWindowDays);
  await repo.insertCredits(
    tx,
    earning.flatMap(({ statementId, figures }) =>
      proposeCredits(schedule, figures, fees).map((credit) => ({
        ...credit,
        tenantId: ctx.tenantId,
        agreementId: ctx.agreement.id,
        clientId: ctx.agreement.clientId,
        statementId,
        month: figures.month,
        currency: ctx.agreement.currency,
        mode: schedule.mode,
        disputeBy,
      })),
    ),
  );
}

export function createServiceCreditService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { actions, clock } = deps;
  return {
    /** The MSP withdraws a proposed credit within its window, citing why it is not the MSP's to answer for. */
    async dispute(actor: Actor, creditId: string, input: CreditDisputeInput): Promise<ServiceCredit> {
      return actions.run(actor, 'service_credit.dispute', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const credit = await repo.lockCredit(tx, actor.scope, creditId);
        if (!credit) throw new AppError('service_credit.not_found', 'Service credit not found.');
        audit.target('service_credit', creditId);
        if (credit.disputeExclusion !== null) {
          throw new AppError('service_credit.disputed', 'This credit is disputed already.');
        }
        const agreement = await repo.findAgreement(tx, actor.scope, credit.agreementId);
        const { timeZone } = await repo.measureOf(tx, tenantId, agreement?.slaPolicyId ?? null);
        const today = Temporal.Instant.fromEpochMilliseconds(clock.now().getTime())
          .toZonedDateTimeISO(timeZone)
          .toPlainDate()
          .toString();
        if (today > credit.disputeBy || credit.invoiceId !== null) {
          throw new AppError(
            'service_credit.dispute_closed',
            `The window to dispute this credit closed on ${credit.disputeBy}: it stands.`,
          );
        }
        await repo.updateCredit(tx, tenantId, creditId, {
          disputeExclusion: input.exclusion,
          disputeReason: input.reason,
          disputedById: actor.scope.membershipId,
          disputedAt: clock.now(),
        });
        audit.change(
          { disputeExclusion: null },
          { disputeExclusion: input.exclusion, disputeReason: input.reason },
        );
        const credits = await creditsOf(tx, tenantId, credit.agreementId, credit.month);
        return credits.find((c) => c.id === creditId)!;
      });
    },
  };
}

export type ServiceCreditService = ReturnType<typeof createServiceCreditService>;

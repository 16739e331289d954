// SLA statements per agreement and month. An open month is computed live from the ticket event log; closing
// it freezes its figures (and the explanations of its breaches) as of that instant. Months close in order,
// so each statement carries the corrections to the closed months before it exactly once. The recompute
// check computes every closed statement afresh as of its close and compares.

import { Temporal } from 'temporal-polyfill';
import type { ServiceCredit } from '../../../shared/api/service-credits.ts';
import type {
  SlaClockName,
  SlaStatement,
  StatementCheck,
  StatementFigures,
  StatementList,
  StatementListItem,
} from '../../../shared/api/sla-statements.ts';
import { clockKey, missedClocks, monthOf, nextMonth } from '../../../shared/sla/sla-statement.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { safeFileName } from '../files/index.ts';
import { requireTicket } from '../tickets/index.ts';
import { letterParties } from '../vendors/index.ts';
import { differences } from './figures-diff.ts';
import { creditsOf, proposeMonthCredits } from './service-credits.ts';
import * as repo from './sla-statements.repository.ts';
import {
  computeMonths,
  type Explanations,
  explanationsFor,
  type Measured,
  monthsBetween,
  startMonth,
} from './statement-figures.ts';
import { renderStatementPdf } from './statement-pdf.ts';

/** The list shows open months this far back when nothing has been closed. */
const LIST_MONTHS = 12;

const agreementNotFound = () => new AppError('agreement.not_found', 'Agreement not found.');

interface Context extends Measured {
  /** Null when neither the agreement nor the client names an SLA policy: nothing is measured. */
  policyName: string | null;
  closed: repo.ClosedStatement[];
  /** This month, in the statement's zone. */
  current: string;
}

export function createSlaStatementService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function contextOf(
    tx: Executor,
    scope: Scope,
    agreementId: string,
    forUpdate = false,
  ): Promise<Context> {
    const agreement = await repo.findAgreement(tx, scope, agreementId, { forUpdate });
    if (!agreement) throw agreementNotFound();
    const { tenantId } = scope;
    const { policyName, timeZone } = await repo.measureOf(tx, tenantId, agreement.slaPolicyId);
    const closed = await repo.listClosed(tx, tenantId, agreementId);
    const current = monthOf(clock.now().getTime(), timeZone);
    return { tenantId, agreement, policyName, timeZone, closed, current };
  }

  function checkRange(ctx: Context, month: string) {
    const first = startMonth(ctx.agreement);
    if (month < first || month > ctx.current) {
      throw new AppError(
        'sla_statement.out_of_range',
        `There is no statement for ${month}: the agreement runs from ${first}, and this month is ${ctx.current}.`,
      );
    }
  }

  /** Ended months after the last closed one close; those before it never will. */
  function isClosable(ctx: Context, month: string) {
    const last = ctx.closed.at(-1)?.statement.month;
    return month < ctx.current && (!last || month > last);
  }

  const figuresBefore = (closed: readonly repo.ClosedStatement[], month: string) =>
    closed.filter((c) => c.statement.month < month).map((c) => c.statement.figures);

  function toStatement(
    ctx: Context,
    figures: StatementFigures,
    closed: repo.ClosedStatement | undefined,
    explanations: Explanations,
    credits: ServiceCredit[] = [],
  ): SlaStatement {
    const schedule = ctx.agreement.penaltySchedule;
    return {
      ...figures,
      agreementId: ctx.agreement.id,
      agreementName: ctx.agreement.name,
      clientId: ctx.agreement.clientId,
      clientName: ctx.agreement.clientName,
      status: closed ? 'closed' : 'open',
      isClosable: !closed && isClosable(ctx, figures.month),
      closedByName: closed?.closedByName ?? null,
      breaches: missedClocks(figures).map((c) => ({ ...c, explanation: explanations[clockKey(c)] ?? null })),
      penalty: schedule && {
        mode: schedule.mode,
        isSoleRemedy: schedule.isSoleRemedy,
        effectiveFrom: schedule.effectiveFrom ?? startMonth(ctx.agreement),
        disputeWindowDays: schedule.disputeWindowDays,
      },
      credits,
    };
  }

  /** The month's figures now, with the current explanations of its breaches. */
  async function live(tx: Executor, ctx: Context, month: string, asOf: Date) {
    const [figures] = await computeMonths(tx, ctx, [month], asOf, figuresBefore(ctx.closed, month));
    const [explanations] = await explanationsFor(tx, ctx.tenantId, [figures!]);
    return { figures: figures!, explanations: explanations! };
  }

  async function statement(tx: Executor, ctx: Context, month: string): Promise<SlaStatement> {
    checkRange(ctx, month);
    const closed = ctx.closed.find((c) => c.statement.month === month);
    if (closed) {
      const { figures, explanations } = closed.statement;
      const credits = await creditsOf(tx, ctx.tenantId, ctx.agreement.id, month);
      return toStatement(ctx, figures, closed, explanations, credits);
    }
    const { figures, explanations } = await live(tx, ctx, month, clock.now());
    return toStatement(ctx, figures, undefined, explanations);
  }

  return {
    /** Every closed month, and the open ones since (or the last twelve), newest first. */
    async list(scope: Scope, agreementId: string): Promise<StatementList> {
      const ctx = await contextOf(db, scope, agreementId);
      const last = ctx.closed.at(-1)?.statement.month;
      let first = last ? nextMonth(last) : startMonth(ctx.agreement);
      const recent = Temporal.PlainYearMonth.from(ctx.current)
        .subtract({ months: LIST_MONTHS - 1 })
        .toString();
      if (!last && first < recent) first = recent;
      const open = await computeMonths(
        db,
        ctx,
        monthsBetween(first, ctx.current),
        clock.now(),
        ctx.closed.map((c) => c.statement.figures),
      );
      const summary = (figures: StatementFigures, status: 'open' | 'closed'): StatementListItem => ({
        month: figures.month,
        status,
        asOf: figures.asOf,
        compliance: figures.compliance,
        breaches: missedClocks(figures).length,
        corrections: figures.corrections.length,
      });
      const items = [
        ...ctx.closed.map((c) => summary(c.statement.figures, 'closed')),
        ...open.map((figures) => summary(figures, 'open')),
      ].reverse();
      return {
        items,
        firstMonth: startMonth(ctx.agreement),
        slaPolicyName: ctx.policyName,
        timeZone: ctx.timeZone,
      };
    },

    async get(scope: Scope, agreementId: string, month: string): Promise<SlaStatement> {
      return statement(db, await contextOf(db, scope, agreementId), month);
    },

    /**
     * Freezes the month, and every ended month before it still open (from the last closed one, or from the
     * agreement's start), in order. Closing a closed month answers it unchanged.
     */
    async close(actor: Actor, agreementId: string, month: string): Promise<SlaStatement> {
      return actions.run(actor, 'sla_statement.close', async (tx, audit) => {
        const ctx = await contextOf(tx, actor.scope, agreementId, true);
        audit.target('agreement', agreementId);
        checkRange(ctx, month);
        if (ctx.closed.some((c) => c.statement.month === month)) return statement(tx, ctx, month);
        if (month >= ctx.current) {
          throw new AppError('sla_statement.month_running', `${month} has not ended yet in ${ctx.timeZone}.`);
        }
        const last = ctx.closed.at(-1)?.statement.month;
        if (last && month < last) {
          throw new AppError(
            'sla_statement.closed_later',
            `${last} is closed already; statements close in order, so ${month} stays open.`,
          );
        }
        const now = clock.now();
        const months = monthsBetween(last ? nextMonth(last) : startMonth(ctx.agreement), month);
        // Computed together as of one instant: a month closed a moment before the next one has nothing
        // new to correct in it, so only the first carries corrections, exactly as one by one.
        const figures = await computeMonths(tx, ctx, months, now, figuresBefore(ctx.closed, month));
        const explanations = await explanationsFor(tx, ctx.tenantId, figures);
        const closing = figures.map((each) => ({ statementId: newId(), figures: each }));
        for (const [index, { statementId, figures: each }] of closing.entries()) {
          await repo.insertStatement(tx, {
            id: statementId,
            tenantId: ctx.tenantId,
            agreementId,
            month: each.month,
            figures: each,
            explanations: explanations[index]!,
            closedAt: now,
            closedById: actor.scope.membershipId,
          });
        }
        await proposeMonthCredits(tx, ctx, closing, now);
        audit.change(null, { months: figures.map((f) => f.month) });
        ctx.closed = await repo.listClosed(tx, ctx.tenantId, agreementId);
        return statement(tx, ctx, month);
      });
    },

    /** The MSP's word to the client on a missed clock, until the month it counted in closes. */
    async explain(actor: Actor, ticketId: string, clockName: SlaClockName, text: string) {
      return actions.run(actor, 'sla_statement.explain', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, ticketId, { forUpdate: true });
        audit.target('ticket', ticketId);
        const state = clockName === 'first_response' ? ticket.firstResponseState : ticket.resolutionState;
        if (state !== 'missed' && state !== 'breached') {
          throw new AppError('sla_statement.not_breached', 'Only a missed target takes an explanation.');
        }
        if (await repo.isBreachClosed(tx, actor.scope.tenantId, ticketId, clockName)) {
          throw new AppError(
            'sla_statement.closed',
            'The month this breach counted in is closed: its explanation went out with the statement.',
          );
        }
        const before = await repo.saveExplanation(tx, {
          tenantId: actor.scope.tenantId,
          ticketId,
          clock: clockName,
          text,
          authorId: actor.scope.membershipId,
          at: clock.now(),
        });
        audit.change({ clock: clockName, text: before }, { clock: clockName, text });
        return { ticketId, clock: clockName, text };
      });
    },

    /** The month's statement as a PDF report for the client. */
    async report(scope: Scope, agreementId: string, month: string) {
      const ctx = await contextOf(db, scope, agreementId);
      const shown = await statement(db, ctx, month);
      const content = await renderStatementPdf(shown, await letterParties(db, ctx.tenantId, shown.clientId));
      const fileName = safeFileName(
        `SLA statement - ${shown.clientName} - ${shown.agreementName} - ${month}.pdf`,
        'application/pdf',
      );
      return { fileName, content };
    },

    /** Every closed statement computed afresh as of its close, against what was stored. */
    async check(scope: Scope, agreementId: string): Promise<StatementCheck[]> {
      const ctx = await contextOf(db, scope, agreementId);
      const checks: StatementCheck[] = [];
      for (const { statement: stored } of ctx.closed) {
        const [fresh] = await computeMonths(
          db,
          { ...ctx, timeZone: stored.figures.timeZone },
          [stored.month],
          stored.closedAt,
          figuresBefore(ctx.closed, stored.month),
        );
        const found = differences(stored.figures, fresh!);
        checks.push({ month: stored.month, matches: found.length === 0, differences: found });
      }
      return checks;
    },
  };
}

export type SlaStatementService = ReturnType<typeof createSlaStatementService>;

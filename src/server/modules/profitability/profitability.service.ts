// Profitability: the league table of clients over a range of invoice months, one client's months and
// agreements, the time behind a month; and the dated cost rates that price the time.
import type {
  ClientProfitability,
  CostRate,
  CostRateInput,
  ProfitabilityEntries,
  ProfitabilityLeague,
  ProfitabilityRangeQuery,
} from '../../../shared/api/profitability.ts';
import { shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import {
  compareWorstMarginFirst,
  type EntryFact,
  emptyTally,
  entryAgreementOf,
  entryBillingOf,
  entryCostCents,
  figuresOf,
  isFlagged,
  type LineFact,
  tallyBy,
} from '../../../shared/billing/profitability.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findMember } from '../identity/index.ts';
import * as repo from './profitability.repository.ts';

type Currency = ProfitabilityLeague['clients'][number]['currency'];

const costRateNotFound = () => new AppError('cost_rate.not_found', 'Cost rate not found.');
const clientNotFound = () => new AppError('client.not_found', 'Client not found.');

function toCostRate(row: repo.CostRateRow, memberName: string): CostRate {
  return {
    id: row.id,
    membershipId: row.membershipId,
    memberName,
    effectiveFrom: row.effectiveFrom,
    hourlyCostCents: row.hourlyCostCents,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every month from..to, oldest first. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let period = from; period <= to; period = shiftPeriod(period, 1)) months.push(period);
  return months;
}

const key = (...parts: (string | null)[]) => JSON.stringify(parts);

/** The figures per currency, each currency's tally in the order first seen. */
function tallyByCurrency(lines: readonly LineFact[], entries: readonly EntryFact[]) {
  const byCurrency = (fact: { currency: string }) => fact.currency;
  return [...tallyBy(lines, entries, byCurrency, byCurrency)].map(([currency, tally]) => ({
    currency: currency as Currency,
    ...figuresOf(tally),
  }));
}

export function createProfitabilityService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  /** The organization's margin threshold (billing settings, owned by the invoices module). */
  marginThresholdPercent: (scope: Scope) => Promise<number>;
}) {
  const { db, actions, clock } = deps;

  /** The asked range, or the last 12 invoice months up to this one (UTC). */
  function rangeOf(query: ProfitabilityRangeQuery): { from: string; to: string } {
    if (query.from && query.to) return { from: query.from, to: query.to };
    const to = clock.now().toISOString().slice(0, 7);
    return { from: shiftPeriod(to, -11), to };
  }

  async function read(scope: Scope, range: repo.InvoiceRange) {
    const [lines, entries, threshold] = await Promise.all([
      repo.listLineFacts(db, scope, range),
      repo.listEntryFacts(db, scope, range),
      deps.marginThresholdPercent(scope),
    ]);
    return { lines, entries, threshold };
  }

  /** The member's name, if the membership is the organization's. */
  async function memberName(tx: Executor, tenantId: string, membershipId: string) {
    return (await findMember(tx, tenantId, membershipId))?.identity.name;
  }

  return {
    async listCostRates(scope: Scope): Promise<CostRate[]> {
      const rows = await repo.listCostRates(db, scope.tenantId);
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    },

    async createCostRate(actor: Actor, input: CostRateInput): Promise<CostRate> {
      const { tenantId } = actor.scope;
      return actions.run(actor, 'cost_rate.create', async (tx, audit) => {
        const name = await memberName(tx, tenantId, input.membershipId);
        if (name === undefined) {
          const message = 'No such staff member.';
          throw new AppError('request.invalid', message, [{ path: ['membershipId'], message }]);
        }
        const row = await repo.insertCostRate(tx, {
          tenantId,
          id: newId(),
          ...input,
          createdAt: clock.now(),
        });
        if (!row) {
          throw new AppError(
            'cost_rate.date_taken',
            `${name} already has a cost rate from ${input.effectiveFrom}; delete it first to change it.`,
            [{ path: ['effectiveFrom'], message: 'This member already has a rate from this date' }],
          );
        }
        const costRate = toCostRate(row, name);
        audit.target('staff_cost_rate', row.id);
        audit.change(null, costRate);
        return costRate;
      });
    },

    async deleteCostRate(actor: Actor, id: string): Promise<void> {
      const { tenantId } = actor.scope;
      await actions.run(actor, 'cost_rate.delete', async (tx, audit) => {
        const row = await repo.findCostRate(tx, tenantId, id);
        if (!row) throw costRateNotFound();
        audit.target('staff_cost_rate', id);
        audit.change(toCostRate(row, (await memberName(tx, tenantId, row.membershipId)) ?? ''), null);
        await repo.deleteCostRate(tx, tenantId, id);
      });
    },

    /** Every client invoiced in the range, worst margin first; a client in two currencies has two rows. */
    async league(scope: Scope, query: ProfitabilityRangeQuery): Promise<ProfitabilityLeague> {
      const range = rangeOf(query);
      const { lines, entries, threshold } = await read(scope, range);
      const unit = (fact: { clientId: string; currency: string }) => key(fact.clientId, fact.currency);
      const tallies = tallyBy(lines, entries, unit, unit);
      const names = new Map<string, { clientId: string; clientName: string; currency: string }>();
      for (const fact of [...lines, ...entries]) names.set(unit(fact), fact);
      const rows = [...tallies].map(([id, tally]) => {
        const figures = figuresOf(tally);
        const { clientId, clientName, currency } = names.get(id)!;
        return {
          clientId,
          clientName,
          currency: currency as Currency,
          ...figures,
          isFlagged: isFlagged(figures, threshold),
        };
      });
      const totals = tallyByCurrency(lines, entries).sort((a, b) => a.currency.localeCompare(b.currency));
      return {
        ...range,
        marginThresholdPercent: threshold,
        clients: rows.sort(compareWorstMarginFirst),
        totals,
      };
    },

    /** One client's figures per month (every month of the range) and per agreement. */
    async client(
      scope: Scope,
      clientId: string,
      query: ProfitabilityRangeQuery,
    ): Promise<ClientProfitability> {
      const client = await repo.findClient(db, scope, clientId);
      if (!client) throw clientNotFound();
      const range = rangeOf(query);
      const { lines, entries, threshold } = await read(scope, { ...range, clientId });
      const months = tallyBy(
        lines,
        entries,
        (line) => key(line.currency, line.period),
        (entry) => key(entry.currency, entry.period),
      );
      const agreementTallies = tallyBy(
        lines,
        entries,
        (line: LineFact) => key(line.currency, line.agreementId),
        (entry) => key(entry.currency, entryAgreementOf(entry)),
      );
      const agreementIds = [...agreementTallies.keys()]
        .map((k) => (JSON.parse(k) as [string, string | null])[1])
        .filter((id): id is string => id !== null);
      const names = await repo.agreementNames(db, scope.tenantId, agreementIds);
      const currency = client.currency as Currency;
      const monthRows = monthsOf(range.from, range.to).map((period) => {
        const monthKey = key(currency, period);
        const tally = months.get(monthKey);
        months.delete(monthKey);
        return { period, currency, ...figuresOf(tally ?? emptyTally()) };
      });
      // Months billed in a currency the client no longer uses keep their own rows.
      const otherMonths = [...months].map(([k, tally]) => {
        const [other, period] = JSON.parse(k) as [string, string];
        return { period, currency: other as Currency, ...figuresOf(tally) };
      });
      const agreementRows = [...agreementTallies]
        .map(([k, tally]) => {
          const [rowCurrency, agreementId] = JSON.parse(k) as [string, string | null];
          return {
            agreementId,
            agreementName: agreementId === null ? null : (names.get(agreementId) ?? null),
            currency: rowCurrency as Currency,
            ...figuresOf(tally),
          };
        })
        .sort((a, b) => b.revenueCents - a.revenueCents);
      const totals = tallyByCurrency(lines, entries).map((figures) => ({
        ...figures,
        isFlagged: isFlagged(figures, threshold),
      }));
      return {
        clientId: client.id,
        clientName: client.name,
        currency,
        ...range,
        marginThresholdPercent: threshold,
        totals,
        months: [...monthRows, ...otherMonths].sort((a, b) => a.period.localeCompare(b.period)),
        agreements: agreementRows,
      };
    },

    /** The time a client's invoice for the month took, entry by entry, with its cost. */
    async entries(scope: Scope, clientId: string, period: string): Promise<ProfitabilityEntries> {
      const client = await repo.findClient(db, scope, clientId);
      if (!client) throw clientNotFound();
      const rows = await repo.listEntryFacts(db, scope, { from: period, to: period, clientId });
      const agreementIds = rows.map(entryAgreementOf).filter((id): id is string => id !== null);
      const names = await repo.agreementNames(db, scope.tenantId, [...new Set(agreementIds)]);
      return {
        clientId,
        period,
        currency: (rows[0]?.currency ?? client.currency) as Currency,
        items: rows.map((row) => {
          const billing = entryBillingOf(row.lineKinds);
          const agreementId = entryAgreementOf(row);
          return {
            id: row.id,
            startedAt: row.startedAt.toISOString(),
            invoiceId: row.invoiceId,
            invoiceStatus: row.status,
            ticketId: row.ticketId,
            ticketNumber: row.ticketNumber,
            ticketTitle: row.ticketTitle,
            staffId: row.staffId,
            staffName: row.staffName,
            minutes: row.minutes,
            cause: row.cause,
            billing,
            isBillable: billing === 'billed',
            hourlyCostCents: row.hourlyCostCents,
            costCents: entryCostCents(row.minutes, row.hourlyCostCents),
            agreementId,
            agreementName: agreementId === null ? null : (names.get(agreementId) ?? null),
            lineKinds: [...row.lineKinds],
          };
        }),
      };
    },
  };
}

export type ProfitabilityService = ReturnType<typeof createProfitabilityService>;

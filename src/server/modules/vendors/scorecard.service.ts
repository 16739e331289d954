// A vendor's scorecard at one client or at every client the request's scope sees: the monthly figures
// from scorecard.repository.ts, totalled, every month present, and each client's paperwork as it
// stands today. Costs are left out for roles that may not see what work costs.
import type { Scorecard, ScorecardQuery } from '../../../shared/api/vendor-scorecard.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { can } from '../../http/permissions.ts';
import type { Scope } from '../../http/scope.ts';
import { clientVisible } from '../assets/index.ts';
import { type ScorecardCounts, scorecardCounts } from './scorecard.repository.ts';
import { paperworkAt } from './vendor-standing.ts';
import * as vendorRepo from './vendors.repository.ts';

type Figures = Omit<ScorecardCounts, 'clientId' | 'month'>;
const zero = (): Figures => ({
  changesOutsideWindows: 0,
  authorizedChanges: 0,
  changeRequests: 0,
  incidents: 0,
  minutes: 0,
  costCents: 0,
});

function add(into: Figures, counts: Figures): Figures {
  for (const key of Object.keys(into) as (keyof Figures)[]) into[key] += counts[key];
  return into;
}

/** The first `count` months ending with `now`'s month, oldest first, as YYYY-MM (UTC). */
export function monthsEnding(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - index), 1));
    return at.toISOString().slice(0, 7);
  });
}

export function createScorecardService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  return {
    async scorecard(scope: Scope, vendorId: string, query: ScorecardQuery): Promise<Scorecard> {
      const vendor = await vendorRepo.findVendor(db, scope, vendorId);
      if (!vendor) throw new AppError('vendor.not_found', 'Vendor not found.');
      if (query.clientId && !(await clientVisible(db, scope, query.clientId))) {
        throw new AppError('client.not_found', 'Client not found.');
      }
      const now = clock.now();
      const months = monthsEnding(now, query.months);
      const from = `${months[0]}-01`;
      const counts = await scorecardCounts(db, scope, {
        vendorId,
        clientId: query.clientId,
        from: new Date(`${from}T00:00:00Z`),
      });
      const showCost = can(scope.role, 'invoices.read');
      const shown = (figures: Figures) => ({ ...figures, costCents: showCost ? figures.costCents : null });

      const engagements = await vendorRepo.listEngagements(db, scope, {
        vendorId,
        clientId: query.clientId,
        archived: 'false',
      });
      const clientNames = new Map(engagements.map((e) => [e.clientId, e.clientName]));
      const paperwork = await paperworkAt(db, scope, vendorId, [...clientNames.keys()], now);
      const clients = [...clientNames].map(([clientId, clientName]) => ({
        clientId,
        clientName,
        loaStatus: paperwork.get(clientId)?.loa?.status ?? null,
        rules: paperwork.get(clientId)!.rules,
        ...shown(counts.filter((c) => c.clientId === clientId).reduce(add, zero())),
      }));
      return {
        vendorId,
        vendorName: vendor.name,
        clientId: query.clientId ?? null,
        from,
        totals: shown(counts.reduce(add, zero())),
        months: months.map((month) => ({
          month,
          ...shown(counts.filter((c) => c.month === month).reduce(add, zero())),
        })),
        clients: clients.sort((a, b) => a.clientName.localeCompare(b.clientName)),
      };
    },
  };
}

export type ScorecardService = ReturnType<typeof createScorecardService>;

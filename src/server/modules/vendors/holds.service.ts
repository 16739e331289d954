// Coverage holds: an MSP takes a client's asset off managed service because a vendor's changes keep
// landing outside approved windows. While the hold lasts, time on tickets naming the asset is billable
// and cites the hold (time-classification.ts). It lifts itself once all its conditions are met — the
// vendor's Letter of Agency signed, the rules acknowledged, so many days without a change outside an
// approved window on the asset — or by hand, with a reason.
import type {
  CoverageHold,
  CoverageHoldInput,
  CoverageHoldListQuery,
} from '../../../shared/api/vendor-terms.ts';
import { holdConditionsSchema } from '../../../shared/api/vendor-terms.ts';
import { utcDay } from '../../../shared/utc-days.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findAsset } from '../assets/index.ts';
import { safeFileName } from '../files/index.ts';
import * as repo from './holds.repository.ts';
import { incidentLines, letterParties } from './letter-parties.ts';
import { renderCoverageHoldLetter } from './letters/coverage-hold-letter.ts';
import { hasSignedLoa } from './loas.repository.ts';
import { clientTicketIds, evidenceForEach, evidenceOf, type NoticeEvidence } from './notices.repository.ts';
import { vendorNames } from './vendor-lookup.ts';
import { rulesStanding } from './vendor-standing.ts';
import { listLiveEngagementIds } from './vendors.repository.ts';

const DAY_MS = 86_400_000;
const holdNotFound = () => new AppError('coverage_hold.not_found', 'Coverage hold not found.');

type Progress = CoverageHold['progress'];

/** Each condition as it stands now; null where the hold does not ask for it. */
async function progressOf(db: Executor, hold: repo.HoldRow, now: Date): Promise<Progress> {
  const { tenantId, vendorId, clientId } = hold;
  let cleanDays: number | null = null;
  if (hold.cleanDays > 0) {
    const last = await repo.lastVendorChangeAt(db, tenantId, hold.assetId, hold.placedAt);
    const from = last && last > hold.placedAt ? last : hold.placedAt;
    cleanDays = Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
  }
  return {
    loaSigned: hold.requiresLoa ? await hasSignedLoa(db, tenantId, vendorId, clientId, utcDay(now)) : null,
    rulesAcknowledged: hold.requiresRulesAcknowledged
      ? (await rulesStanding(db, tenantId, vendorId, clientId)).acknowledged
      : null,
    cleanDays,
  };
}

/** Whether a hold with at least one condition has them all met. */
function conditionsMet(hold: repo.HoldRow, progress: Progress): boolean {
  const asked = hold.requiresLoa || hold.requiresRulesAcknowledged || hold.cleanDays > 0;
  return (
    asked &&
    progress.loaSigned !== false &&
    progress.rulesAcknowledged !== false &&
    (progress.cleanDays === null || progress.cleanDays >= hold.cleanDays)
  );
}

/** The holds as the API shows them: their tickets read in one query, the progress of those in force. */
async function toHolds(
  db: Executor,
  rows: readonly repo.HoldWithNames[],
  now: Date,
): Promise<CoverageHold[]> {
  if (rows.length === 0) return [];
  const tickets = await evidenceForEach(
    db,
    rows[0]!.tenantId,
    rows.map((row) => row.ticketIds),
  );
  return Promise.all(rows.map((row, index) => shapeHold(db, row, tickets[index]!, now)));
}

async function toHold(db: Executor, row: repo.HoldWithNames, now: Date): Promise<CoverageHold> {
  return (await toHolds(db, [row], now))[0]!;
}

async function shapeHold(
  db: Executor,
  row: repo.HoldWithNames,
  evidence: readonly NoticeEvidence[],
  now: Date,
): Promise<CoverageHold> {
  return {
    id: row.id,
    assetId: row.assetId,
    assetName: row.assetName,
    clientId: row.clientId,
    clientName: row.clientName,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    reason: row.reason,
    tickets: evidence.map((ticket) => ({ id: ticket.ticketId, number: ticket.number, title: ticket.title })),
    conditions: {
      loaSigned: row.requiresLoa,
      rulesAcknowledged: row.requiresRulesAcknowledged,
      cleanDays: row.cleanDays,
    },
    progress: row.liftedAt
      ? { loaSigned: null, rulesAcknowledged: null, cleanDays: null }
      : await progressOf(db, row, now),
    placedAt: row.placedAt.toISOString(),
    placedByName: row.placedByName,
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftedByName: row.liftedByName,
    liftedReason: row.liftedReason,
  };
}

/** The conditions in words, for the reason a hold lifted itself. */
function conditionWords(hold: repo.HoldRow, vendorName: string): string {
  return [
    hold.requiresLoa ? `${vendorName} holds a signed Letter of Agency` : null,
    hold.requiresRulesAcknowledged ? `${vendorName} acknowledged the rules of engagement` : null,
    hold.cleanDays > 0 ? `${hold.cleanDays} days without a change outside an approved window` : null,
  ]
    .filter((text): text is string => text !== null)
    .join('; ');
}

export function createHoldService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireHold(tx: Executor, scope: Scope, id: string) {
    const [row] = await repo.listHolds(tx, scope, { id });
    if (!row) throw holdNotFound();
    return row;
  }

  return {
    async list(scope: Scope, filter: CoverageHoldListQuery): Promise<CoverageHold[]> {
      return toHolds(db, await repo.listHolds(db, scope, filter), clock.now());
    },

    async get(scope: Scope, id: string): Promise<CoverageHold> {
      return toHold(db, await requireHold(db, scope, id), clock.now());
    },

    async place(actor: Actor, input: CoverageHoldInput): Promise<CoverageHold> {
      const conditions = holdConditionsSchema.parse(input.conditions);
      return actions.run(actor, 'coverage_hold.place', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const asset = await findAsset(tx, actor.scope, input.assetId);
        if (!asset) throw new AppError('asset.not_found', 'Asset not found.');
        if ((await listLiveEngagementIds(tx, tenantId, input.vendorId, asset.clientId)).length === 0) {
          throw new AppError('request.invalid', 'The vendor has no current engagement at this client.', [
            { path: ['vendorId'], message: 'Not engaged at this client' },
          ]);
        }
        const ticketIds = [...new Set(input.ticketIds ?? [])];
        const found = await clientTicketIds(tx, tenantId, asset.clientId, ticketIds);
        const strangers = ticketIds.filter((id) => !found.has(id));
        if (strangers.length > 0) {
          throw new AppError('request.invalid', 'Every ticket cited must be one of the client’s.', [
            { path: ['ticketIds'], message: `Not the client’s: ${strangers.join(', ')}` },
          ]);
        }
        if (await repo.hasActiveHold(tx, tenantId, asset.id)) {
          throw new AppError('coverage_hold.exists', `${asset.name} is already on a coverage hold.`);
        }
        const id = await repo.insertHold(tx, {
          tenantId,
          assetId: asset.id,
          clientId: asset.clientId,
          vendorId: input.vendorId,
          reason: input.reason,
          ticketIds,
          requiresLoa: conditions.loaSigned,
          requiresRulesAcknowledged: conditions.rulesAcknowledged,
          cleanDays: conditions.cleanDays,
          placedAt: clock.now(),
          placedById: actor.scope.membershipId,
        });
        const hold = await toHold(tx, await requireHold(tx, actor.scope, id), clock.now());
        audit.target('coverage_hold', id);
        audit.change(null, hold);
        return hold;
      });
    },

    async lift(actor: Actor, id: string, reason: string): Promise<CoverageHold> {
      return actions.run(actor, 'coverage_hold.lift', async (tx, audit) => {
        const current = await requireHold(tx, actor.scope, id);
        audit.target('coverage_hold', id);
        const lifted = await repo.liftHold(tx, actor.scope.tenantId, id, {
          at: clock.now(),
          byId: actor.scope.membershipId,
          reason,
        });
        if (!lifted) throw new AppError('coverage_hold.lifted', 'This hold was lifted already.');
        const hold = await toHold(tx, await requireHold(tx, actor.scope, id), clock.now());
        audit.change(await toHold(tx, current, clock.now()), hold);
        return hold;
      });
    },

    /** Lifts every hold whose conditions are all met; answers how many. Run hourly and after changes. */
    async liftWhereMet(): Promise<number> {
      const now = clock.now();
      let lifted = 0;
      for (const hold of await repo.listActiveHoldsEverywhere(db)) {
        if (!conditionsMet(hold, await progressOf(db, hold, now))) continue;
        const vendorName =
          (await vendorNames(db, hold.tenantId, [hold.vendorId])).get(hold.vendorId) ?? 'The vendor';
        const reason = `Its conditions were met: ${conditionWords(hold, vendorName)}.`;
        if (await repo.liftHold(db, hold.tenantId, hold.id, { at: now, byId: null, reason })) lifted++;
      }
      return lifted;
    },

    /** The letter telling the client about the hold, with its incidents and conditions. */
    async letter(scope: Scope, id: string): Promise<{ fileName: string; content: Buffer }> {
      const row = await requireHold(db, scope, id);
      const evidence = await evidenceOf(db, row.tenantId, row.ticketIds);
      const content = await renderCoverageHoldLetter({
        ...(await letterParties(db, scope.tenantId, row.clientId)),
        clientName: row.clientName,
        assetName: row.assetName,
        vendorName: row.vendorName,
        placedOn: utcDay(row.placedAt),
        reason: row.reason,
        incidents: incidentLines(evidence),
        conditions: {
          loaSigned: row.requiresLoa,
          rulesAcknowledged: row.requiresRulesAcknowledged,
          cleanDays: row.cleanDays,
        },
      });
      const fileName = safeFileName(
        `Coverage hold - ${row.assetName} - ${row.clientName}.pdf`,
        'application/pdf',
      );
      return { fileName, content };
    },
  };
}

export type HoldService = ReturnType<typeof createHoldService>;

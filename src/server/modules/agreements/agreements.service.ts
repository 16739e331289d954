// Agreements: created, changed and ended by billing; read by every staff member who can see the client.
// Each write checks what the fields point at (client, calendar, policy, catalog items, work types and
// roles, the fallback chain) in the same transaction, so an agreement never names something missing.
import {
  type Agreement,
  type AgreementInput,
  type AgreementListQuery,
  type AgreementShape,
  type AgreementStatus,
  type AgreementUpdate,
  agreementProblems,
} from '../../../shared/api/agreements.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findCurrentCalendar } from '../calendars/index.ts';
import { catalogItems } from '../catalog/catalog.table.ts';
import { findClientForTicket } from '../clients/index.ts';
import { findCurrentSlaPolicy } from '../sla-policies/index.ts';
import { workTypes } from '../time/time.table.ts';
import * as repo from './agreements.repository.ts';
import { workRoles } from './agreements.table.ts';

const notFound = () => new AppError('agreement.not_found', 'Agreement not found.');
const invalid = (field: string, message: string) =>
  new AppError('request.invalid', message, [{ path: [field], message }]);

/** The UTC date of an instant, YYYY-MM-DD: what "today" means for an agreement's status. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function statusOn(row: repo.AgreementRow, today: string): AgreementStatus {
  if (row.startsOn > today) return 'upcoming';
  if (row.endsOn !== null && row.endsOn < today) return 'ended';
  return 'active';
}

/** The agreement's own fields, as the API and the combination rules see them. */
function shapeOf(row: repo.AgreementRow, lines: repo.LineWithItem[]): AgreementShape {
  const {
    tenantId: _t,
    id: _i,
    clientId: _c,
    currency: _cur,
    createdAt: _ca,
    updatedAt: _ua,
    ...fields
  } = row;
  return {
    ...fields,
    // The columns hold only what the input schema let through.
    coveredAssetTypes: row.coveredAssetTypes as AgreementShape['coveredAssetTypes'],
    excludedTicketTypes: row.excludedTicketTypes as AgreementShape['excludedTicketTypes'],
    recurringLines: lines.map(
      ({ line: { catalogItemId, description, quantity, minimumQuantity, unitPriceCents } }) => ({
        catalogItemId,
        description,
        quantity,
        minimumQuantity,
        unitPriceCents,
      }),
    ),
  };
}

/**
 * A penalty schedule takes effect from the month it is first set (so switching credits on for an old
 * agreement earns nothing for the months before); an edit keeps the month it took effect unless it names one.
 */
function withEffectiveMonth(
  schedule: AgreementShape['penaltySchedule'],
  before: AgreementShape['penaltySchedule'],
  now: Date,
): AgreementShape['penaltySchedule'] {
  if (!schedule || schedule.effectiveFrom) return schedule;
  return { ...schedule, effectiveFrom: before?.effectiveFrom ?? now.toISOString().slice(0, 7) };
}

/** The columns an agreement's fields are stored in (everything but its recurring lines). */
function columnsOf(shape: AgreementShape) {
  const { recurringLines: _, type: __, ...columns } = shape;
  return columns;
}

export function createAgreementService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /** Agreements as the API shows them; their lines and role names are read once for all of them. */
  async function toAgreements(
    db: Executor,
    tenantId: string,
    found: repo.AgreementWithNames[],
  ): Promise<Agreement[]> {
    const lines = await repo.listLines(
      db,
      tenantId,
      found.map((f) => f.agreement.id),
    );
    const roleName = await repo.listWorkRoleNames(db, tenantId);
    const today = dayOf(clock.now());
    return found.map(({ agreement: row, clientName, fallbackAgreementName, calendarName, slaPolicyName }) => {
      const own = lines.filter(({ line }) => line.agreementId === row.id);
      return {
        ...shapeOf(row, own),
        id: row.id,
        clientId: row.clientId,
        clientName,
        currency: row.currency,
        status: statusOn(row, today),
        recurringLines: own.map(
          ({ line: { tenantId: _, agreementId: __, position: ___, ...line }, ...item }) => ({
            ...line,
            ...item,
          }),
        ),
        roleRates: row.roleRates.map((rate) => ({
          ...rate,
          workRoleName: roleName.get(rate.workRoleId) ?? 'Unknown role',
        })),
        fallbackAgreementName,
        calendarName,
        slaPolicyName,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
    });
  }

  async function toAgreement(db: Executor, tenantId: string, found: repo.AgreementWithNames) {
    const [agreement] = await toAgreements(db, tenantId, [found]);
    return agreement!;
  }

  /** Everything an agreement points at exists in the tenant, fits the client's currency, and no chain loops. */
  async function checkReferences(
    tx: Executor,
    scope: Scope,
    agreement: AgreementShape & { id: string; clientId: string; currency: string },
  ): Promise<void> {
    const { tenantId } = scope;
    if (agreement.calendarId && !(await findCurrentCalendar(tx, tenantId, agreement.calendarId))) {
      throw invalid('calendarId', 'No such calendar');
    }
    if (agreement.slaPolicyId && !(await findCurrentSlaPolicy(tx, tenantId, agreement.slaPolicyId))) {
      throw invalid('slaPolicyId', 'No such SLA policy');
    }
    const lists: [keyof AgreementShape, repo.TenantTable, readonly string[], string][] = [
      ['coveredServiceIds', catalogItems, agreement.coveredServiceIds, 'catalog item'],
      ['excludedWorkTypeIds', workTypes, agreement.excludedWorkTypeIds, 'work type'],
      ['excludedWorkRoleIds', workRoles, agreement.excludedWorkRoleIds, 'work role'],
      ['roleRates', workRoles, agreement.roleRates.map((r) => r.workRoleId), 'work role'],
    ];
    for (const [field, table, ids, noun] of lists) {
      const missing = await repo.missingIds(tx, table, tenantId, ids);
      if (missing.length > 0) throw invalid(field, `No such ${noun}: ${missing.join(', ')}`);
    }
    const items = new Map(
      (
        await repo.findCatalogItems(
          tx,
          tenantId,
          agreement.recurringLines.map((l) => l.catalogItemId),
        )
      ).map((item) => [item.id, item]),
    );
    agreement.recurringLines.forEach((line, index) => {
      const item = items.get(line.catalogItemId);
      const path = ['recurringLines', String(index), 'catalogItemId'];
      if (!item) {
        throw new AppError('request.invalid', 'No such catalog item.', [
          { path, message: 'No such catalog item' },
        ]);
      }
      if (item.currency !== agreement.currency) {
        const message = `${item.name} is priced in ${item.currency}, but this client is billed in ${agreement.currency}: one invoice has one currency.`;
        throw new AppError('request.invalid', message, [{ path, message: 'Currency mismatch' }]);
      }
    });
    await checkFallbackChain(tx, tenantId, agreement);
    if (agreement.isClientDefault) {
      const other = await repo.findOverlappingDefault(tx, tenantId, {
        clientId: agreement.clientId,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        exceptId: agreement.id,
      });
      if (other) {
        throw invalid(
          'isClientDefault',
          `"${other.name}" is already the client's default from ${other.startsOn}${other.endsOn ? ` to ${other.endsOn}` : ''}; default agreements' periods cannot overlap`,
        );
      }
    }
  }

  /** The fallback is another agreement of the same client and following fallbacks never comes back. */
  async function checkFallbackChain(
    tx: Executor,
    tenantId: string,
    agreement: { id: string; clientId: string; fallbackAgreementId: string | null },
  ): Promise<void> {
    const seen = new Set([agreement.id]);
    let next = agreement.fallbackAgreementId;
    while (next !== null) {
      if (seen.has(next)) {
        throw invalid('fallbackAgreementId', 'The fallback chain would come back to this agreement');
      }
      seen.add(next);
      const [row] = await repo.findAgreementsByIds(tx, tenantId, [next]);
      if (!row || row.clientId !== agreement.clientId) {
        throw invalid('fallbackAgreementId', 'The fallback must be another agreement of the same client');
      }
      next = row.fallbackAgreementId;
    }
  }

  async function reload(tx: Executor, scope: Scope, id: string): Promise<Agreement> {
    const found = await repo.findAgreement(tx, scope, id);
    if (!found) throw notFound();
    return toAgreement(tx, scope.tenantId, found);
  }

  return {
    async list(scope: Scope, query: AgreementListQuery): Promise<Agreement[]> {
      const rows = await repo.listAgreements(db, scope, { ...query, today: dayOf(clock.now()) });
      return toAgreements(db, scope.tenantId, rows);
    },

    async get(scope: Scope, id: string): Promise<Agreement> {
      return reload(db, scope, id);
    },

    async create(actor: Actor, input: AgreementInput): Promise<Agreement> {
      return actions.run(actor, 'agreement.create', async (tx, audit) => {
        const { scope } = actor;
        const client = await findClientForTicket(tx, scope, input.clientId, null);
        const id = newId();
        await checkReferences(tx, scope, { ...input, id, currency: client.currency });
        const now = clock.now();
        await repo.insertAgreement(tx, {
          ...columnsOf(input),
          penaltySchedule: withEffectiveMonth(input.penaltySchedule, null, now),
          id,
          tenantId: scope.tenantId,
          clientId: input.clientId,
          type: input.type,
          currency: client.currency,
          createdAt: now,
          updatedAt: now,
        });
        await repo.replaceLines(tx, scope.tenantId, id, input.recurringLines);
        audit.target('agreement', id);
        const created = await reload(tx, scope, id);
        audit.change(null, created);
        return created;
      });
    },

    async update(actor: Actor, id: string, patch: AgreementUpdate): Promise<Agreement> {
      return actions.run(actor, 'agreement.update', async (tx, audit) => {
        const { scope } = actor;
        const found = await repo.findAgreement(tx, scope, id, { forUpdate: true });
        if (!found) throw notFound();
        audit.target('agreement', id);
        const before = await toAgreement(tx, scope.tenantId, found);
        const current = found.agreement;
        const lines = await repo.listLines(tx, scope.tenantId, [id]);
        const merged: AgreementShape = { ...shapeOf(current, lines) };
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) Object.assign(merged, { [key]: value });
        }
        const problems = agreementProblems(merged);
        if (problems.length > 0) throw new AppError('request.invalid', problems[0]!.message, problems);
        await checkReferences(tx, scope, {
          ...merged,
          id,
          clientId: current.clientId,
          currency: current.currency,
        });
        const now = clock.now();
        await repo.updateAgreement(tx, scope.tenantId, id, {
          ...columnsOf(merged),
          penaltySchedule: withEffectiveMonth(merged.penaltySchedule, current.penaltySchedule, now),
          updatedAt: now,
        });
        if (patch.recurringLines) await repo.replaceLines(tx, scope.tenantId, id, patch.recurringLines);
        const after = await reload(tx, scope, id);
        audit.change(before, after);
        return after;
      });
    },

    /** Only an agreement nothing points at can go; one in use is ended (endsOn) instead. */
    async remove(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'agreement.delete', async (tx, audit) => {
        const found = await repo.findAgreement(tx, actor.scope, id, { forUpdate: true });
        if (!found) throw notFound();
        audit.target('agreement', id);
        if (await repo.isReferenced(tx, actor.scope.tenantId, id)) {
          throw new AppError(
            'agreement.in_use',
            `"${found.agreement.name}" has tickets or time, or is another agreement's fallback: set an end date instead of deleting it.`,
          );
        }
        audit.change(await toAgreement(tx, actor.scope.tenantId, found), null);
        await repo.deleteAgreement(tx, actor.scope.tenantId, id);
      });
    },
  };
}

export type AgreementService = ReturnType<typeof createAgreementService>;

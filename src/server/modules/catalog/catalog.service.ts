// The service catalog and tax codes: per-tenant lists with shipped defaults, archived rather than deleted
// so whatever already uses an item or code keeps it.
import {
  type CatalogCategory,
  type CatalogItem,
  type CatalogItemInput,
  type CatalogItemUpdate,
  catalogItemProblems,
  type TaxCode,
  type TaxCodeInput,
  type TaxCodeUpdate,
} from '../../../shared/api/catalog.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './catalog.repository.ts';

const taxCodeNameTaken = (name: string) =>
  new AppError('tax_code.name_taken', `There is already a tax code called "${name}".`);
const itemNameTaken = (name: string) =>
  new AppError('catalog_item.name_taken', `There is already a catalog item called "${name}".`);
const taxCodeNotFound = () => new AppError('tax_code.not_found', 'Tax code not found.');
const itemNotFound = () => new AppError('catalog_item.not_found', 'Catalog item not found.');

function toTaxCode(row: repo.TaxCodeRow): TaxCode {
  return {
    id: row.id,
    name: row.name,
    rateBasisPoints: row.rateBasisPoints,
    description: row.description,
    isDefault: row.isDefault,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toCatalogItem({ item, taxCodeName }: repo.CatalogItemWithTaxCode): CatalogItem {
  return {
    id: item.id,
    category: item.category,
    name: item.name,
    description: item.description,
    unit: item.unit,
    deviceClass: item.deviceClass,
    priceCents: item.priceCents,
    currency: item.currency,
    isResale: item.isResale,
    unitCostCents: item.unitCostCents,
    taxCodeId: item.taxCodeId,
    taxCodeName,
    archived: item.archivedAt !== null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** archived: true keeps an earlier archive time; false clears it; undefined leaves it. */
function archivedAtFor(archived: boolean | undefined, current: Date | null, now: Date) {
  if (archived === undefined) return undefined;
  return archived ? (current ?? now) : null;
}

export function createCatalogService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /**
   * Tenants created before the catalog existed get the defaults on first use rather than in the
   * migration: the shipped list lives once, in shared/api/catalog.ts (also used by new tenants and the
   * "Add the standard catalog" button), while a migration would need a hand-written SQL copy of it
   * that drifts, and generated migrations are never edited by hand. The check is one indexed lookup;
   * "never had a tax code" marks a tenant never seeded, since codes are archived, never deleted.
   */
  async function ensureSeeded(tenantId: string): Promise<void> {
    if (await repo.hasTaxCodes(db, tenantId)) return;
    await db.transaction((tx) => repo.seedDefaults(tx, tenantId));
  }

  /** A tax code a new choice may name: in this tenant and not archived. A foreign id reads as missing. */
  async function usableTaxCode(tx: Executor, tenantId: string, id: string) {
    const code = await repo.findTaxCode(tx, tenantId, id);
    if (!code) {
      throw new AppError('request.invalid', 'No such tax code.', [
        { path: ['taxCodeId'], message: 'No such tax code' },
      ]);
    }
    if (code.archivedAt) {
      throw new AppError('request.invalid', `The tax code "${code.name}" is archived; choose another.`, [
        { path: ['taxCodeId'], message: 'This tax code is archived' },
      ]);
    }
    return code;
  }

  async function reloadItem(tx: Executor, tenantId: string, id: string): Promise<CatalogItem> {
    const row = await repo.findCatalogItem(tx, tenantId, id);
    if (!row) throw itemNotFound();
    return toCatalogItem(row);
  }

  return {
    async listTaxCodes(scope: Scope, archived: repo.ArchivedFilter): Promise<TaxCode[]> {
      await ensureSeeded(scope.tenantId);
      return (await repo.listTaxCodes(db, scope.tenantId, archived)).map(toTaxCode);
    },

    async getTaxCode(scope: Scope, id: string): Promise<TaxCode> {
      const row = await repo.findTaxCode(db, scope.tenantId, id);
      if (!row) throw taxCodeNotFound();
      return toTaxCode(row);
    },

    async createTaxCode(actor: Actor, input: TaxCodeInput): Promise<TaxCode> {
      const { tenantId } = actor.scope;
      await ensureSeeded(tenantId);
      return actions.run(actor, 'tax_code.create', async (tx, audit) => {
        if (await repo.isTaxCodeNameTaken(tx, tenantId, input.name)) throw taxCodeNameTaken(input.name);
        const now = clock.now();
        if (input.isDefault) await repo.clearDefaultTaxCode(tx, tenantId, now);
        const row = await repo.insertTaxCode(tx, {
          tenantId,
          name: input.name,
          rateBasisPoints: input.rateBasisPoints,
          description: input.description ?? null,
          isDefault: input.isDefault,
          createdAt: now,
          updatedAt: now,
        });
        if (!row) throw taxCodeNameTaken(input.name); // lost a race with another insert of the name
        audit.target('tax_code', row.id);
        audit.change(null, toTaxCode(row));
        return toTaxCode(row);
      });
    },

    /**
     * Rename, re-rate, make default, archive. A rate change applies to what is invoiced from now on;
     * invoices keep the rate they were made with. The default cannot be archived, nor an archived code
     * made the default.
     */
    async updateTaxCode(actor: Actor, id: string, input: TaxCodeUpdate): Promise<TaxCode> {
      return actions.run(actor, 'tax_code.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await repo.findTaxCode(tx, tenantId, id, { forUpdate: true });
        if (!current) throw taxCodeNotFound();
        audit.target('tax_code', id);
        if (input.name !== undefined && (await repo.isTaxCodeNameTaken(tx, tenantId, input.name, id))) {
          throw taxCodeNameTaken(input.name);
        }
        const willBeArchived = input.archived ?? current.archivedAt !== null;
        const willBeDefault = input.isDefault ?? current.isDefault;
        if (willBeArchived && willBeDefault) {
          throw new AppError(
            'tax_code.default_archived',
            input.isDefault
              ? `"${current.name}" is archived; unarchive it before making it the default.`
              : `"${current.name}" is the default tax code; make another code the default before archiving it.`,
            [
              {
                path: [input.isDefault ? 'isDefault' : 'archived'],
                message: 'The default cannot be archived',
              },
            ],
          );
        }
        const now = clock.now();
        if (input.isDefault && !current.isDefault) await repo.clearDefaultTaxCode(tx, tenantId, now);
        const row = await repo.updateTaxCode(tx, tenantId, id, {
          name: input.name,
          rateBasisPoints: input.rateBasisPoints,
          description: input.description,
          isDefault: input.isDefault,
          archivedAt: archivedAtFor(input.archived, current.archivedAt, now),
          updatedAt: now,
        });
        audit.change(toTaxCode(current), toTaxCode(row));
        return toTaxCode(row);
      });
    },

    async listCatalogItems(
      scope: Scope,
      filter: { category?: CatalogCategory; archived: repo.ArchivedFilter },
    ): Promise<CatalogItem[]> {
      await ensureSeeded(scope.tenantId);
      return (await repo.listCatalogItems(db, scope.tenantId, filter)).map(toCatalogItem);
    },

    /** Archived items too: what already uses one can still show it. */
    async getCatalogItem(scope: Scope, id: string): Promise<CatalogItem> {
      return reloadItem(db, scope.tenantId, id);
    },

    async createCatalogItem(actor: Actor, input: CatalogItemInput): Promise<CatalogItem> {
      const { tenantId } = actor.scope;
      await ensureSeeded(tenantId);
      return actions.run(actor, 'catalog_item.create', async (tx, audit) => {
        if (await repo.isCatalogItemNameTaken(tx, tenantId, input.name)) throw itemNameTaken(input.name);
        let taxCodeId = input.taxCodeId;
        if (taxCodeId === undefined) {
          const fallback = await repo.findDefaultTaxCode(tx, tenantId);
          if (!fallback) {
            throw new AppError('request.invalid', 'Choose a tax code: the organization has no default.', [
              { path: ['taxCodeId'], message: 'Choose a tax code' },
            ]);
          }
          taxCodeId = fallback.id;
        }
        await usableTaxCode(tx, tenantId, taxCodeId);
        const now = clock.now();
        const row = await repo.insertCatalogItem(tx, {
          tenantId,
          category: input.category,
          name: input.name,
          description: input.description ?? null,
          unit: input.unit,
          deviceClass: input.deviceClass,
          priceCents: input.priceCents,
          currency: input.currency,
          isResale: input.isResale,
          unitCostCents: input.unitCostCents,
          taxCodeId,
          createdAt: now,
          updatedAt: now,
        });
        if (!row) throw itemNameTaken(input.name);
        audit.target('catalog_item', row.id);
        const created = await reloadItem(tx, tenantId, row.id);
        audit.change(null, created);
        return created;
      });
    },

    /** Any subset of fields; the rules between them hold on the item as it is after the change. */
    async updateCatalogItem(actor: Actor, id: string, input: CatalogItemUpdate): Promise<CatalogItem> {
      return actions.run(actor, 'catalog_item.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        await repo.lockCatalogItem(tx, tenantId, id);
        const found = await repo.findCatalogItem(tx, tenantId, id);
        if (!found) throw itemNotFound();
        audit.target('catalog_item', id);
        const current = found.item;
        if (input.name !== undefined && (await repo.isCatalogItemNameTaken(tx, tenantId, input.name, id))) {
          throw itemNameTaken(input.name);
        }
        const { archived, ...changes } = input;
        const merged = { ...current, ...changes };
        const problems = catalogItemProblems(merged);
        if (problems.length > 0) {
          throw new AppError(
            'request.invalid',
            `${problems[0]!.path.join('.')}: ${problems[0]!.message}`,
            problems,
          );
        }
        // An item may keep a tax code archived since it was chosen; moving to an archived one is refused.
        if (changes.taxCodeId !== undefined && changes.taxCodeId !== current.taxCodeId) {
          await usableTaxCode(tx, tenantId, changes.taxCodeId);
        }
        const now = clock.now();
        await repo.updateCatalogItem(tx, tenantId, id, {
          ...changes,
          archivedAt: archivedAtFor(archived, current.archivedAt, now),
          updatedAt: now,
        });
        const after = await reloadItem(tx, tenantId, id);
        audit.change(toCatalogItem(found), after);
        return after;
      });
    },

    /** "Add the standard catalog": the shipped items and tax codes the organization lacks, by name. */
    async addStandardCatalog(actor: Actor): Promise<{ addedItems: number; addedTaxCodes: number }> {
      return actions.run(actor, 'catalog.add_standard', async (tx, audit) => {
        audit.target('catalog', null);
        const added = await repo.seedDefaults(tx, actor.scope.tenantId);
        audit.change(null, added);
        return added;
      });
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

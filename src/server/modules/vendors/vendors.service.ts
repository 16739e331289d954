// Rules for vendors, their engagements at clients, the accounts their people use there, and the
// routine actors: names unique per tenant, engagements only at clients the actor can see, every
// change audited.
import type {
  Engagement,
  EngagementInput,
  EngagementListQuery,
  EngagementUpdate,
  RoutineActor,
  RoutineActorInput,
  Vendor,
  VendorAccount,
  VendorAccountInput,
  VendorInput,
  VendorListQuery,
  VendorUpdate,
} from '../../../shared/api/vendors.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { clientVisible } from '../assets/index.ts';
import * as repo from './vendors.repository.ts';

const vendorNotFound = () => new AppError('vendor.not_found', 'Vendor not found.');
const engagementNotFound = () => new AppError('engagement.not_found', 'Engagement not found.');
const nameTaken = (name: string) =>
  new AppError('vendor.name_taken', `There is already a vendor called "${name}".`, [
    { path: ['name'], message: 'Already taken' },
  ]);
const productEngaged = (product: string) =>
  new AppError('engagement.duplicate', `This vendor is already engaged at this client for "${product}".`, [
    { path: ['product'], message: 'Already engaged for this product' },
  ]);

/** Empty optional text is no text. */
const blankToNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null || value === '' ? null : value;

/** Products as entered, without repeats (compared case-insensitively). */
function distinctProducts(products: readonly string[] | undefined): string[] | undefined {
  if (!products) return undefined;
  const seen = new Set<string>();
  return products.filter((product) => {
    const key = product.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function archivedAtFor(archived: boolean | undefined, current: Date | null, now: Date) {
  return archived === undefined ? current : archived ? (current ?? now) : null;
}

function toVendor(row: repo.VendorWithCount): Vendor {
  const { tenantId: _tenant, archivedAt, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    archived: archivedAt !== null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a vendor: not the count, which moves with its engagements. */
function vendorAudit(vendor: Vendor) {
  const { engagementCount: _count, ...rest } = vendor;
  return rest;
}

function toAccount(row: repo.VendorAccountRow): VendorAccount {
  const { tenantId: _tenant, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString() };
}

function toEngagement(row: repo.EngagementWithNames, accounts: repo.VendorAccountRow[]): Engagement {
  const { tenantId: _tenant, archivedAt, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    archived: archivedAt !== null,
    accounts: accounts.filter((account) => account.engagementId === row.id).map(toAccount),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

function toRoutineActor(row: repo.RoutineActorRow): RoutineActor {
  return { id: row.id, actor: row.actor, note: row.note, createdAt: row.createdAt.toISOString() };
}

export function createVendorService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireVendor(tx: Executor, scope: Scope, id: string) {
    const vendor = await repo.findVendor(tx, scope, id);
    if (!vendor) throw vendorNotFound();
    return vendor;
  }

  async function withAccounts(tx: Executor, scope: Scope, rows: repo.EngagementWithNames[]) {
    const accounts = await repo.listAccounts(
      tx,
      scope.tenantId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toEngagement(row, accounts));
  }

  /** The engagement (404 outside the scope) and its row, for what the output does not carry. */
  async function loadEngagement(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findEngagement(tx, scope, id);
    if (!row) throw engagementNotFound();
    const [engagement] = await withAccounts(tx, scope, [row]);
    return { row, engagement: engagement! };
  }

  async function requireEngagement(tx: Executor, scope: Scope, id: string): Promise<Engagement> {
    return (await loadEngagement(tx, scope, id)).engagement;
  }

  return {
    async list(scope: Scope, filter: VendorListQuery) {
      const page = await repo.listVendors(db, scope, filter);
      return { items: page.items.map(toVendor), total: page.total };
    },

    async get(scope: Scope, id: string): Promise<Vendor> {
      return toVendor(await requireVendor(db, scope, id));
    },

    async create(actor: Actor, input: VendorInput): Promise<Vendor> {
      return actions.run(actor, 'vendor.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (await repo.isVendorNameTaken(tx, tenantId, input.name)) throw nameTaken(input.name);
        const now = clock.now();
        const row = await repo.insertVendor(tx, {
          tenantId,
          name: input.name,
          products: distinctProducts(input.products) ?? [],
          website: blankToNull(input.website),
          supportEmail: blankToNull(input.supportEmail),
          supportPhone: blankToNull(input.supportPhone),
          notes: input.notes,
          createdAt: now,
          updatedAt: now,
        });
        const vendor = toVendor(await requireVendor(tx, actor.scope, row.id));
        audit.target('vendor', vendor.id);
        audit.change(null, vendorAudit(vendor));
        return vendor;
      });
    },

    async update(actor: Actor, id: string, input: VendorUpdate): Promise<Vendor> {
      return actions.run(actor, 'vendor.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await requireVendor(tx, actor.scope, id);
        audit.target('vendor', id);
        if (input.name !== undefined && (await repo.isVendorNameTaken(tx, tenantId, input.name, id))) {
          throw nameTaken(input.name);
        }
        const now = clock.now();
        await repo.updateVendor(tx, tenantId, id, {
          name: input.name,
          products: distinctProducts(input.products),
          website: blankToNull(input.website),
          supportEmail: blankToNull(input.supportEmail),
          supportPhone: blankToNull(input.supportPhone),
          notes: input.notes,
          archivedAt: archivedAtFor(input.archived, current.archivedAt, now),
          updatedAt: now,
        });
        const vendor = toVendor(await requireVendor(tx, actor.scope, id));
        audit.change(vendorAudit(toVendor(current)), vendorAudit(vendor));
        return vendor;
      });
    },

    /** A vendor's engagements at the clients the scope sees. */
    async listForVendor(scope: Scope, vendorId: string, filter: EngagementListQuery): Promise<Engagement[]> {
      await requireVendor(db, scope, vendorId);
      return withAccounts(db, scope, await repo.listEngagements(db, scope, { ...filter, vendorId }));
    },

    /** Engagements at the clients the scope sees (one client's with filter.clientId). */
    async listEngagements(scope: Scope, filter: EngagementListQuery): Promise<Engagement[]> {
      return withAccounts(db, scope, await repo.listEngagements(db, scope, filter));
    },

    async getEngagement(scope: Scope, id: string): Promise<Engagement> {
      return requireEngagement(db, scope, id);
    },

    async engage(actor: Actor, vendorId: string, input: EngagementInput): Promise<Engagement> {
      return actions.run(actor, 'vendor_engagement.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const vendor = await requireVendor(tx, actor.scope, vendorId);
        if (!(await clientVisible(tx, actor.scope, input.clientId))) {
          throw new AppError('client.not_found', 'Client not found.');
        }
        if (vendor.archivedAt) {
          throw new AppError('vendor.archived', `${vendor.name} is archived: restore it first.`);
        }
        const key = { vendorId, clientId: input.clientId, product: input.product };
        if (await repo.isProductEngaged(tx, tenantId, key)) throw productEngaged(input.product);
        const now = clock.now();
        const row = await repo.insertEngagement(tx, {
          tenantId,
          ...key,
          supportContract: blankToNull(input.supportContract),
          renewsOn: input.renewsOn ?? null,
          slaTerms: input.slaTerms,
          notes: input.notes,
          createdAt: now,
          updatedAt: now,
        });
        const engagement = await requireEngagement(tx, actor.scope, row.id);
        audit.target('vendor_engagement', engagement.id);
        audit.change(null, engagement);
        return engagement;
      });
    },

    async updateEngagement(actor: Actor, id: string, input: EngagementUpdate): Promise<Engagement> {
      return actions.run(actor, 'vendor_engagement.update', async (tx, audit) => {
        const { row, engagement: current } = await loadEngagement(tx, actor.scope, id);
        audit.target('vendor_engagement', id);
        if (
          input.product !== undefined &&
          (await repo.isProductEngaged(
            tx,
            actor.scope.tenantId,
            { vendorId: current.vendorId, clientId: current.clientId, product: input.product },
            id,
          ))
        ) {
          throw productEngaged(input.product);
        }
        const now = clock.now();
        await repo.updateEngagement(tx, actor.scope, id, {
          product: input.product,
          supportContract: blankToNull(input.supportContract),
          renewsOn: input.renewsOn,
          slaTerms: input.slaTerms,
          notes: input.notes,
          archivedAt: archivedAtFor(input.archived, row.archivedAt, now),
          updatedAt: now,
        });
        const engagement = await requireEngagement(tx, actor.scope, id);
        audit.change(current, engagement);
        return engagement;
      });
    },

    async addAccount(actor: Actor, engagementId: string, input: VendorAccountInput): Promise<VendorAccount> {
      return actions.run(actor, 'vendor_account.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        await requireEngagement(tx, actor.scope, engagementId);
        if (await repo.isAccountTaken(tx, tenantId, { engagementId, ...input })) {
          throw new AppError(
            'vendor_account.duplicate',
            `"${input.identifier}" is already one of this engagement's accounts.`,
            [{ path: ['identifier'], message: 'Already added' }],
          );
        }
        const row = await repo.insertAccount(tx, {
          tenantId,
          engagementId,
          kind: input.kind,
          identifier: input.identifier,
          notes: input.notes,
          createdAt: clock.now(),
        });
        const account = toAccount(row);
        audit.target('vendor_account', account.id);
        audit.change(null, account);
        return account;
      });
    },

    async removeAccount(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'vendor_account.delete', async (tx, audit) => {
        const current = await repo.findAccount(tx, actor.scope, id);
        if (!current) throw new AppError('vendor_account.not_found', 'Vendor account not found.');
        audit.target('vendor_account', id);
        await repo.deleteAccount(tx, actor.scope.tenantId, id);
        audit.change(toAccount(current), null);
      });
    },

    async listRoutineActors(scope: Scope): Promise<RoutineActor[]> {
      return (await repo.listRoutineActors(db, scope.tenantId)).map(toRoutineActor);
    },

    async addRoutineActor(actor: Actor, input: RoutineActorInput): Promise<RoutineActor> {
      return actions.run(actor, 'routine_actor.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (await repo.isRoutineActorListed(tx, tenantId, input.actor)) {
          throw new AppError('routine_actor.duplicate', `"${input.actor}" is already a routine actor.`, [
            { path: ['actor'], message: 'Already listed' },
          ]);
        }
        const row = await repo.insertRoutineActor(tx, { tenantId, ...input, createdAt: clock.now() });
        audit.target('routine_actor', row.id);
        audit.change(null, toRoutineActor(row));
        return toRoutineActor(row);
      });
    },

    async removeRoutineActor(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'routine_actor.delete', async (tx, audit) => {
        const current = await repo.findRoutineActor(tx, actor.scope.tenantId, id);
        if (!current) throw new AppError('routine_actor.not_found', 'Routine actor not found.');
        audit.target('routine_actor', id);
        await repo.deleteRoutineActor(tx, actor.scope.tenantId, id);
        audit.change(toRoutineActor(current), null);
      });
    },
  };
}

export type VendorService = ReturnType<typeof createVendorService>;

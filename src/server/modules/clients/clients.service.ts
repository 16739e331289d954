// Rules for clients, their sites and contacts.
import type {
  Client,
  ClientInput,
  ClientUpdate,
  Contact,
  ContactInput,
  Site,
  SiteInput,
} from '../../../shared/api/clients.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import * as repo from './clients.repository.ts';

/** How the clients module checks references into modules it does not own. */
export interface ClientReferences {
  calendarExists(db: Executor, tenantId: string, id: string): Promise<boolean>;
  slaPolicyExists(db: Executor, tenantId: string, id: string): Promise<boolean>;
  /** Whether the client has agreements, whose amounts are in its currency. */
  hasAgreements(db: Executor, tenantId: string, clientId: string): Promise<boolean>;
}

export function toClient(row: repo.ClientWithCounts): Client {
  return {
    id: row.id,
    name: row.name,
    emailDomains: row.emailDomains,
    phone: row.phone,
    website: row.website,
    notes: row.notes,
    defaultCalendarId: row.defaultCalendarId,
    defaultSlaPolicyId: row.defaultSlaPolicyId,
    currency: row.currency,
    taxExempt: row.taxExempt,
    taxExemptionReference: row.taxExemptionReference,
    showCoveredWork: row.showCoveredWork,
    agentOfflineMinutes: row.agentOfflineMinutes,
    archived: row.archivedAt !== null,
    siteCount: row.siteCount,
    contactCount: row.contactCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSite(row: repo.SiteRow): Site {
  const { tenantId: _tenant, createdAt, updatedAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toContact(row: repo.ContactRow): Contact {
  const { tenantId: _tenant, createdAt, updatedAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

const clientNotFound = () => new AppError('client.not_found', 'Client not found.');
const siteNotFound = () => new AppError('site.not_found', 'Site not found.');
const contactNotFound = () => new AppError('contact.not_found', 'Contact not found.');

export function createClientService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  references: ClientReferences;
}) {
  const { db, actions, clock, references } = deps;

  async function checkDefaults(tx: Executor, scope: Scope, input: Partial<ClientInput>) {
    if (
      input.defaultCalendarId &&
      !(await references.calendarExists(tx, scope.tenantId, input.defaultCalendarId))
    ) {
      throw new AppError('request.invalid', 'The default calendar does not exist.', [
        { path: ['defaultCalendarId'], message: 'No such calendar' },
      ]);
    }
    if (
      input.defaultSlaPolicyId &&
      !(await references.slaPolicyExists(tx, scope.tenantId, input.defaultSlaPolicyId))
    ) {
      throw new AppError('request.invalid', 'The default SLA policy does not exist.', [
        { path: ['defaultSlaPolicyId'], message: 'No such SLA policy' },
      ]);
    }
  }

  async function requireClient(tx: Executor, scope: Scope, id: string) {
    const client = await repo.findClient(tx, scope, id);
    if (!client) throw clientNotFound();
    return client;
  }

  async function checkSite(tx: Executor, scope: Scope, clientId: string, siteId: string | null | undefined) {
    if (!siteId) return;
    const site = await repo.findSite(tx, scope, siteId);
    if (!site || site.clientId !== clientId) {
      throw new AppError('request.invalid', 'The site does not belong to this client.', [
        { path: ['siteId'], message: 'No such site at this client' },
      ]);
    }
  }

  return {
    async list(scope: Scope, filter: Parameters<typeof repo.listClients>[2]) {
      const page = await repo.listClients(db, scope, filter);
      return { items: page.items.map(toClient), total: page.total };
    },

    async get(scope: Scope, id: string): Promise<Client> {
      return toClient(await requireClient(db, scope, id));
    },

    async create(actor: Actor, input: ClientInput): Promise<Client> {
      if (actor.scope.clientIds !== 'all') {
        throw new AppError('auth.forbidden', 'Only staff who see all clients can add clients.');
      }
      return actions.run(actor, 'client.create', async (tx, audit) => {
        await checkDefaults(tx, actor.scope, input);
        const id = await repo.insertClient(tx, { ...input, tenantId: actor.scope.tenantId });
        const client = toClient(await requireClient(tx, actor.scope, id));
        audit.target('client', id);
        audit.change(null, client);
        return client;
      });
    },

    async update(actor: Actor, id: string, input: ClientUpdate): Promise<Client> {
      return actions.run(actor, 'client.update', async (tx, audit) => {
        const current = await requireClient(tx, actor.scope, id);
        audit.target('client', id);
        await checkDefaults(tx, actor.scope, input);
        if (
          input.currency !== undefined &&
          input.currency !== current.currency &&
          (await references.hasAgreements(tx, actor.scope.tenantId, id))
        ) {
          throw new AppError(
            'request.invalid',
            `The client's agreements are in ${current.currency}, so its currency cannot change; add a new client record for billing in ${input.currency}.`,
            [{ path: ['currency'], message: 'The client has agreements in its current currency' }],
          );
        }
        const { archived, ...fields } = input;
        const now = clock.now();
        const archivedAt =
          archived === undefined ? current.archivedAt : archived ? (current.archivedAt ?? now) : null;
        await repo.updateClient(tx, actor.scope, id, { ...fields, archivedAt, updatedAt: now });
        const client = toClient(await requireClient(tx, actor.scope, id));
        audit.change(toClient(current), client);
        return client;
      });
    },

    async listSites(scope: Scope, clientId: string): Promise<Site[]> {
      await requireClient(db, scope, clientId);
      return (await repo.listSites(db, scope, clientId)).map(toSite);
    },

    async createSite(actor: Actor, clientId: string, input: SiteInput): Promise<Site> {
      return actions.run(actor, 'site.create', async (tx, audit) => {
        await requireClient(tx, actor.scope, clientId);
        const site = toSite(
          await repo.insertSite(tx, { ...input, clientId, tenantId: actor.scope.tenantId }),
        );
        audit.target('site', site.id);
        audit.change(null, site);
        return site;
      });
    },

    async updateSite(actor: Actor, id: string, input: Partial<SiteInput>): Promise<Site> {
      return actions.run(actor, 'site.update', async (tx, audit) => {
        const before = await repo.findSite(tx, actor.scope, id);
        const row = await repo.updateSite(tx, actor.scope, id, { ...input, updatedAt: clock.now() });
        if (!before || !row) throw siteNotFound();
        audit.target('site', id);
        audit.change(toSite(before), toSite(row));
        return toSite(row);
      });
    },

    async deleteSite(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'site.delete', async (tx, audit) => {
        const site = await repo.findSite(tx, actor.scope, id);
        if (!site) throw siteNotFound();
        audit.target('site', id);
        audit.change(toSite(site), null);
        const contactsAtSite = await repo.countContactsAtSite(tx, actor.scope.tenantId, id);
        if (contactsAtSite > 0) {
          throw new AppError('conflict', `Move the ${contactsAtSite} contact(s) at this site first.`);
        }
        await repo.deleteSite(tx, actor.scope, id);
      });
    },

    async listContacts(scope: Scope, clientId: string, q: string | undefined): Promise<Contact[]> {
      await requireClient(db, scope, clientId);
      return (await repo.listContacts(db, scope, clientId, q)).map(toContact);
    },

    async getContact(scope: Scope, id: string): Promise<Contact> {
      const row = await repo.findContact(db, scope, id);
      if (!row) throw contactNotFound();
      return toContact(row);
    },

    async createContact(actor: Actor, clientId: string, input: ContactInput): Promise<Contact> {
      return actions.run(actor, 'contact.create', async (tx, audit) => {
        await requireClient(tx, actor.scope, clientId);
        await checkSite(tx, actor.scope, clientId, input.siteId);
        const contact = toContact(
          await repo.insertContact(tx, { ...input, clientId, tenantId: actor.scope.tenantId }),
        );
        audit.target('contact', contact.id);
        audit.change(null, contact);
        return contact;
      });
    },

    async updateContact(actor: Actor, id: string, input: Partial<ContactInput>): Promise<Contact> {
      return actions.run(actor, 'contact.update', async (tx, audit) => {
        const current = await repo.findContact(tx, actor.scope, id);
        if (!current) throw contactNotFound();
        audit.target('contact', id);
        await checkSite(tx, actor.scope, current.clientId, input.siteId);
        const row = await repo.updateContact(tx, actor.scope, id, { ...input, updatedAt: clock.now() });
        const contact = toContact(row!);
        audit.change(toContact(current), contact);
        return contact;
      });
    },

    async deleteContact(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'contact.delete', async (tx, audit) => {
        const current = await repo.findContact(tx, actor.scope, id);
        if (!current || !(await repo.deleteContact(tx, actor.scope, id))) throw contactNotFound();
        audit.target('contact', id);
        audit.change(toContact(current), null);
      });
    },
  };
}

export type ClientService = ReturnType<typeof createClientService>;

// Time on tickets: the tenant's work types, and time entries whose every change is kept as a revision.
import type { z } from 'zod';
import type {
  ClassifiedTimeEntry,
  ClassifyPreviewInput,
  TimeCause,
  TimeClassification,
  TimeEntry,
  TimeEntryBillingInput,
  TimeEntryInput,
  TimeEntryUpdate,
  timeEntryRevisionSchema,
  WorkType,
  workTypeInputSchema,
  workTypeUpdateSchema,
} from '../../../shared/api/time.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import { can } from '../../http/permissions.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { findClientAgreement, findMemberWorkRole } from '../agreements/index.ts';
import { findClientInTenant } from '../clients/index.ts';
import { recordTicketActivity, requireTicket, type TicketRow } from '../tickets/index.ts';
import * as repo from './time.repository.ts';
import type { TimeEntrySnapshot } from './time.table.ts';
import { classifyTicketTime } from './time-classification.ts';

type TimeEntryRevision = z.infer<typeof timeEntryRevisionSchema>;

/** Clock skew and "I'm just finishing" allowance: an entry may end at most this far after now. */
const FUTURE_GRACE_MS = 5 * 60_000;

const activityTypes = { created: 'time_logged', updated: 'time_updated', deleted: 'time_deleted' } as const;

const nameTaken = (name: string) =>
  new AppError('work_type.name_taken', `There is already a work type called "${name}".`);

const entryNotFound = () => new AppError('time_entry.not_found', 'Time entry not found.');

function toWorkType(row: repo.WorkTypeRow): WorkType {
  return {
    id: row.id,
    name: row.name,
    isOnSite: row.isOnSite,
    position: row.position,
    archived: row.archivedAt !== null,
  };
}

function toSnapshot(entry: repo.TimeEntryRow): TimeEntrySnapshot {
  return {
    id: entry.id,
    ticketId: entry.ticketId,
    staffId: entry.staffId,
    startedAt: entry.startedAt.toISOString(),
    minutes: entry.minutes,
    note: entry.note,
    workTypeId: entry.workTypeId,
    cause: entry.cause,
    agreementId: entry.agreementId,
    workRoleId: entry.workRoleId,
    billingOverride: entry.billingOverride,
    revision: entry.revision,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

function toTimeEntry(row: repo.TimeEntryWithNames): TimeEntry {
  return { ...toSnapshot(row.entry), staffName: row.staffName, workTypeName: row.workTypeName };
}

/** Time on a vendor's incident (changes outside an approved window) is vendor-caused unless said otherwise. */
const defaultCause = (ticket: { vendorId: string | null }): TimeCause =>
  ticket.vendorId ? 'vendor_caused' : 'normal';

export function createTimeService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /** A work type new time may be booked to: it exists in the tenant and is not archived. */
  async function usableWorkType(tx: Executor, tenantId: string, id: string) {
    const workType = await repo.findWorkType(tx, tenantId, id);
    if (!workType) {
      throw new AppError('request.invalid', 'No such work type.', [
        { path: ['workTypeId'], message: 'No such work type' },
      ]);
    }
    if (workType.archivedAt) {
      throw new AppError(
        'work_type.archived',
        `The work type "${workType.name}" is archived; choose another.`,
        [{ path: ['workTypeId'], message: 'Archived' }],
      );
    }
    return workType;
  }

  function checkNotFuture(startedAt: Date, minutes: number, now: Date) {
    if (startedAt.getTime() + minutes * 60_000 > now.getTime() + FUTURE_GRACE_MS) {
      throw new AppError('request.invalid', 'A time entry cannot end in the future.', [
        { path: ['startedAt'], message: 'Ends in the future' },
      ]);
    }
  }

  /** Your own entries with tickets.work (checked by the route); anyone's with time.manage. */
  function checkMayChange(actor: Actor, entry: repo.TimeEntryRow, verb: 'edit' | 'delete') {
    if (entry.staffId !== actor.scope.membershipId && !can(actor.scope.role, 'time.manage')) {
      throw new AppError(
        'auth.forbidden',
        `You can only ${verb} your own time entries; changing someone else's needs time.manage.`,
      );
    }
  }

  /** The entry to change, locked, on a ticket the actor can see and no finalized invoice; the ticket is locked too. */
  async function lockEntry(tx: Executor, actor: Actor, id: string) {
    const found = await repo.findEntry(tx, actor.scope, id, { forUpdate: true });
    if (!found) throw entryNotFound();
    const ticket = await requireTicket(tx, actor.scope, found.entry.ticketId, { forUpdate: true });
    if (await repo.isInvoiced(tx, actor.scope.tenantId, id)) {
      throw new AppError(
        'time_entry.invoiced',
        'This time is on a finalized invoice and cannot change; void the invoice first, or log a correction.',
      );
    }
    return { found, ticket };
  }

  /**
   * Keeps one change to an entry twice over: as a revision of the entry (before and after) and as an
   * internal event on the ticket's timeline, which `occurredAt` places (default: when it was recorded).
   */
  async function recordEntryChange(
    tx: Executor,
    actor: Actor,
    ticket: TicketRow,
    change: {
      kind: 'created' | 'updated' | 'deleted';
      before: repo.TimeEntryRow | null;
      after: repo.TimeEntryRow | null;
      workType: { id: string; name: string };
      now: Date;
      occurredAt?: Date;
    },
  ) {
    const { tenantId, membershipId } = actor.scope;
    const current = (change.after ?? change.before)!;
    await repo.insertRevision(tx, {
      tenantId,
      timeEntryId: current.id,
      revision: change.after?.revision ?? current.revision + 1,
      change: change.kind,
      actorId: membershipId,
      at: change.now,
      before: change.before && toSnapshot(change.before),
      after: change.after && toSnapshot(change.after),
    });
    const from =
      change.kind === 'updated' && change.before
        ? {
            from: {
              minutes: change.before.minutes,
              workTypeId: change.before.workTypeId,
              cause: change.before.cause,
            },
          }
        : {};
    await recordTicketActivity(
      tx,
      membershipId,
      ticket,
      activityTypes[change.kind],
      {
        timeEntryId: current.id,
        staffId: current.staffId,
        minutes: current.minutes,
        workTypeId: change.workType.id,
        workType: change.workType.name,
        cause: current.cause,
        ...from,
      },
      change.now,
      change.occurredAt,
    );
  }

  async function currencyOf(ticket: TicketRow): Promise<string> {
    return (await findClientInTenant(db, ticket.tenantId, ticket.clientId))?.currency ?? 'USD';
  }

  async function reloadEntry(tx: Executor, scope: Scope, id: string): Promise<TimeEntry> {
    const row = await repo.findEntry(tx, scope, id);
    if (!row) throw entryNotFound();
    return toTimeEntry(row);
  }

  return {
    async listWorkTypes(scope: Scope, options: { includeArchived: boolean }): Promise<WorkType[]> {
      return (await repo.listWorkTypes(db, scope.tenantId, options)).map(toWorkType);
    },

    async createWorkType(actor: Actor, input: z.infer<typeof workTypeInputSchema>): Promise<WorkType> {
      return actions.run(actor, 'work_type.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        if (await repo.isWorkTypeNameTaken(tx, tenantId, input.name)) throw nameTaken(input.name);
        const now = clock.now();
        const row = await repo.insertWorkType(tx, {
          tenantId,
          name: input.name,
          isOnSite: input.isOnSite,
          position: await repo.nextWorkTypePosition(tx, tenantId),
          createdAt: now,
          updatedAt: now,
        });
        if (!row) throw nameTaken(input.name); // lost a race with another insert of the same name
        audit.target('work_type', row.id);
        audit.change(null, toWorkType(row));
        return toWorkType(row);
      });
    },

    /** Rename, move or (un)archive; archived types stay on old entries. */
    async updateWorkType(
      actor: Actor,
      id: string,
      input: z.infer<typeof workTypeUpdateSchema>,
    ): Promise<WorkType> {
      return actions.run(actor, 'work_type.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const current = await repo.findWorkType(tx, tenantId, id);
        if (!current) throw new AppError('work_type.not_found', 'Work type not found.');
        audit.target('work_type', id);
        if (input.name !== undefined && (await repo.isWorkTypeNameTaken(tx, tenantId, input.name, id))) {
          throw nameTaken(input.name);
        }
        const now = clock.now();
        const archivedAt =
          input.archived === undefined ? undefined : input.archived ? (current.archivedAt ?? now) : null;
        const row = await repo.updateWorkType(tx, tenantId, id, {
          name: input.name,
          isOnSite: input.isOnSite,
          position: input.position,
          archivedAt,
          updatedAt: now,
        });
        audit.change(toWorkType(current), toWorkType(row));
        return toWorkType(row);
      });
    },

    async listEntries(
      scope: Scope,
      ticketId: string,
    ): Promise<{ items: ClassifiedTimeEntry[]; totalMinutes: number }> {
      const ticket = await requireTicket(db, scope, ticketId);
      const rows = await repo.listEntries(db, scope, ticketId);
      const classified = await classifyTicketTime(
        db,
        ticket,
        rows.map((row) => row.entry),
        await currencyOf(ticket),
      );
      const invoiced = await repo.findInvoicesOf(
        db,
        scope.tenantId,
        rows.map((row) => row.entry.id),
      );
      const items = rows.map((row) => ({
        ...toTimeEntry(row),
        classification: classified.get(row.entry.id)!,
        invoice: invoiced.get(row.entry.id) ?? null,
      }));
      return { items, totalMinutes: items.reduce((sum, e) => sum + e.minutes, 0) };
    },

    /** What an entry would come to as it is being logged or edited, with the ticket's other time. */
    async classifyDraft(
      actor: Actor,
      ticketId: string,
      input: ClassifyPreviewInput,
    ): Promise<TimeClassification> {
      const { tenantId } = actor.scope;
      const ticket = await requireTicket(db, actor.scope, ticketId);
      const editing = input.entryId ? await repo.findEntry(db, actor.scope, input.entryId) : undefined;
      if (input.entryId && editing?.entry.ticketId !== ticketId) throw entryNotFound();
      const workRoleId = editing
        ? editing.entry.workRoleId
        : await findMemberWorkRole(db, tenantId, actor.scope.membershipId);
      const id = editing?.entry.id ?? newId();
      const own = (await repo.listEntries(db, actor.scope, ticketId)).map((row) => row.entry);
      const classified = await classifyTicketTime(db, ticket, own, await currencyOf(ticket), {
        id,
        startedAt: input.startedAt,
        minutes: input.minutes,
        workTypeId: input.workTypeId,
        cause: input.cause ?? defaultCause(ticket),
        workRoleId,
        agreementId: editing?.entry.agreementId ?? null,
        override: editing?.entry.billingOverride ?? null,
      });
      return classified.get(id)!;
    },

    /** Billing moves an entry to another of the client's agreements, or overrides its outcome with a reason. */
    async setBilling(actor: Actor, id: string, input: TimeEntryBillingInput): Promise<TimeEntry> {
      return actions.run(actor, 'time_entry.billing', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const { found, ticket } = await lockEntry(tx, actor, id);
        const before = found.entry;
        audit.target('time_entry', id);
        if (
          input.agreementId &&
          !(await findClientAgreement(tx, tenantId, ticket.clientId, input.agreementId))
        ) {
          throw new AppError('request.invalid', "The agreement is not one of this client's.", [
            { path: ['agreementId'], message: 'No such agreement for this client' },
          ]);
        }
        const now = clock.now();
        const after = await repo.updateEntry(tx, tenantId, id, {
          agreementId: input.agreementId === undefined ? before.agreementId : input.agreementId,
          billingOverride:
            input.override === undefined
              ? before.billingOverride
              : input.override && {
                  ...input.override,
                  byId: actor.scope.membershipId,
                  at: now.toISOString(),
                },
          revision: before.revision + 1,
          updatedAt: now,
        });
        audit.change(toSnapshot(before), toSnapshot(after));
        await recordEntryChange(tx, actor, ticket, {
          kind: 'updated',
          before,
          after,
          workType: { id: before.workTypeId, name: found.workTypeName },
          now,
        });
        return reloadEntry(tx, actor.scope, id);
      });
    },

    /** The caller logs their own time on a ticket they can see. */
    async logTime(actor: Actor, ticketId: string, input: TimeEntryInput): Promise<TimeEntry> {
      return actions.run(actor, 'time_entry.create', async (tx, audit) => {
        const { tenantId, membershipId } = actor.scope;
        const ticket = await requireTicket(tx, actor.scope, ticketId, { forUpdate: true });
        const workType = await usableWorkType(tx, tenantId, input.workTypeId);
        const now = clock.now();
        const startedAt = new Date(input.startedAt);
        checkNotFuture(startedAt, input.minutes, now);
        const entry = await repo.insertEntry(tx, {
          tenantId,
          ticketId,
          staffId: membershipId,
          workTypeId: workType.id,
          startedAt,
          minutes: input.minutes,
          note: input.note,
          cause: input.cause ?? defaultCause(ticket),
          workRoleId: await findMemberWorkRole(tx, tenantId, membershipId),
          revision: 1,
          createdAt: now,
          updatedAt: now,
        });
        audit.target('time_entry', entry.id);
        audit.change(null, toSnapshot(entry));
        await recordEntryChange(tx, actor, ticket, {
          kind: 'created',
          before: null,
          after: entry,
          workType,
          now,
          occurredAt: workEnded(entry, now),
        });
        return reloadEntry(tx, actor.scope, entry.id);
      });
    },

    async updateEntry(actor: Actor, id: string, input: TimeEntryUpdate): Promise<TimeEntry> {
      return actions.run(actor, 'time_entry.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const { found, ticket } = await lockEntry(tx, actor, id);
        const before = found.entry;
        checkMayChange(actor, before, 'edit');
        audit.target('time_entry', id);
        // An edit that changes nothing is still audited, with before equal to after.
        audit.change(toSnapshot(before), toSnapshot(before));
        const changes = {
          startedAt: input.startedAt === undefined ? before.startedAt : new Date(input.startedAt),
          minutes: input.minutes ?? before.minutes,
          note: input.note ?? before.note,
          workTypeId: input.workTypeId ?? before.workTypeId,
          cause: input.cause ?? before.cause,
        };
        const movesInTime =
          changes.startedAt.getTime() !== before.startedAt.getTime() || changes.minutes !== before.minutes;
        const isUnchanged =
          !movesInTime &&
          changes.note === before.note &&
          changes.workTypeId === before.workTypeId &&
          changes.cause === before.cause;
        if (isUnchanged) return toTimeEntry(found);
        // An entry may keep a type archived since it was logged; moving it to an archived type is refused.
        const workType =
          changes.workTypeId === before.workTypeId
            ? { id: before.workTypeId, name: found.workTypeName }
            : await usableWorkType(tx, tenantId, changes.workTypeId);
        const now = clock.now();
        if (movesInTime) checkNotFuture(changes.startedAt, changes.minutes, now);
        const after = await repo.updateEntry(tx, tenantId, id, {
          ...changes,
          revision: before.revision + 1,
          updatedAt: now,
        });
        audit.change(toSnapshot(before), toSnapshot(after));
        await recordEntryChange(tx, actor, ticket, { kind: 'updated', before, after, workType, now });
        return reloadEntry(tx, actor.scope, id);
      });
    },

    /** Soft delete: the entry leaves the list and the total; its history stays. */
    async deleteEntry(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'time_entry.delete', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const { found, ticket } = await lockEntry(tx, actor, id);
        const before = found.entry;
        checkMayChange(actor, before, 'delete');
        audit.target('time_entry', id);
        audit.change(toSnapshot(before), null);
        const now = clock.now();
        await repo.updateEntry(tx, tenantId, id, {
          deletedAt: now,
          revision: before.revision + 1,
          updatedAt: now,
        });
        await recordEntryChange(tx, actor, ticket, {
          kind: 'deleted',
          before,
          after: null,
          workType: { id: before.workTypeId, name: found.workTypeName },
          now,
        });
      });
    },

    /** Every revision, oldest first, deleted entries included. */
    async history(scope: Scope, id: string): Promise<{ items: TimeEntryRevision[] }> {
      const found = await repo.findEntry(db, scope, id, { includeDeleted: true });
      if (!found) throw entryNotFound();
      const rows = await repo.listRevisions(db, scope.tenantId, id);
      return {
        items: rows.map(({ revision, actorName }) => ({
          id: revision.id,
          change: revision.change,
          actorId: revision.actorId,
          actorName,
          at: revision.at.toISOString(),
          before: revision.before,
          after: revision.after,
        })),
      };
    },
  };
}

export type TimeService = ReturnType<typeof createTimeService>;

/** Where logged work sits on the ticket's timeline: when it ended, or now if it is still going on. */
function workEnded(entry: { startedAt: Date; minutes: number }, now: Date): Date {
  const end = new Date(entry.startedAt.getTime() + entry.minutes * 60_000);
  return end < now ? end : now;
}

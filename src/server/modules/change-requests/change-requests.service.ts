// Rules for change requests: the window a request may ask for, who decides it and in which order, the
// overlaps it has with other live requests, and each client's secret calendar feed of approved windows.

import type { z } from 'zod';
import {
  type ChangeRequest,
  type ChangeRequestAction,
  type ChangeRequestStatus,
  type ClientApprovalStatus,
  type changeRequestInputSchema,
  type changeRequestListQuerySchema,
  EMERGENCY_DECLARE_HOURS,
} from '../../../shared/api/change-requests.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner, AuditRecorder } from '../../db/actions.ts';
import type { Database, Executor, Transaction } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { clientAgreementRequires } from '../agreements/index.ts';
import { clientVisible } from '../assets/index.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { listLiveEngagementIds, requireVendorInGoodStanding } from '../vendors/index.ts';
import { authorizeChangesInWindow } from './authorize-after.ts';
import * as repo from './change-requests.repository.ts';
import { type CalendarEvent, renderCalendar } from './ical.ts';

type Input = z.output<typeof changeRequestInputSchema>;
type ListQuery = z.output<typeof changeRequestListQuerySchema>;

const HOUR_MS = 3_600_000;
/**
 * How long ago a normal request's window may have begun: time to fill in the form for "starting now".
 * Anything earlier is after the fact, and must be declared as an emergency, or a request could authorize
 * changes already made outside any window.
 */
export const START_GRACE_MINUTES = 15;
/** How far back the calendar feed reaches; the future is there in full. */
export const FEED_PAST_DAYS = 90;

/** Each action: the statuses it may start from, the one it leads to, whether it needs a reason. */
export const transitions: Record<
  ChangeRequestAction,
  { from: readonly ChangeRequestStatus[]; to: ChangeRequestStatus; needsReason: boolean; decides: boolean }
> = {
  approve: { from: ['requested'], to: 'approved', needsReason: false, decides: true },
  reject: { from: ['requested'], to: 'rejected', needsReason: true, decides: true },
  start: { from: ['approved'], to: 'in_progress', needsReason: false, decides: false },
  complete: { from: ['in_progress'], to: 'completed', needsReason: false, decides: false },
  cancel: { from: ['requested', 'approved'], to: 'cancelled', needsReason: true, decides: true },
};

const done: Record<ChangeRequestAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
};

const invalid = (path: string, message: string) =>
  new AppError('request.invalid', message, [{ path: [path], message }]);
const notFound = () => new AppError('change_request.not_found', 'Change request not found.');

/** Refuses a window the request may not ask for at `now` (the schema has checked order and length). */
export function checkWindow(input: Pick<Input, 'windowStart' | 'windowEnd' | 'emergency'>, now: Date): void {
  const start = Date.parse(input.windowStart);
  if (input.emergency) {
    if (start > now.getTime()) {
      throw invalid(
        'emergency',
        'An emergency change is declared after it began: its window must have started.',
      );
    }
    if (start < now.getTime() - EMERGENCY_DECLARE_HOURS * HOUR_MS) {
      throw invalid(
        'windowStart',
        `An emergency change must be declared within ${EMERGENCY_DECLARE_HOURS} hours of its start.`,
      );
    }
    return;
  }
  if (start < now.getTime() - START_GRACE_MINUTES * 60_000) {
    throw invalid(
      'windowStart',
      'The window has already begun: ask ahead of time, or declare an emergency change within ' +
        `${EMERGENCY_DECLARE_HOURS} hours of its start.`,
    );
  }
}

/**
 * Approving a window that is over would authorize, after the fact, changes made without approval; only an
 * emergency (declared within 24 h) is approved afterwards.
 */
export function requireWindowOpen(request: { emergency: boolean; windowEnd: Date }, now: Date): void {
  if (!request.emergency && request.windowEnd <= now) {
    throw new AppError(
      'change_request.window_passed',
      'The window has already ended: it can no longer be approved. Reject or cancel it.',
    );
  }
}

function toChangeRequest(
  row: repo.ChangeRequestWithNames,
  assets: ChangeRequest['assets'],
  overlaps: ChangeRequest['overlaps'],
): ChangeRequest {
  return {
    id: row.id,
    number: row.number,
    clientId: row.clientId,
    clientName: row.clientName,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    assets,
    title: row.title,
    description: row.description,
    risk: row.risk,
    backOutPlan: row.backOutPlan,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    emergency: row.emergency,
    status: row.status,
    overlaps,
    requestedByName: row.requestedByMemberName ?? row.requestedByName,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    clientApproval: {
      status: row.clientApproval,
      name: row.clientDecidedByName,
      via: row.clientDecidedVia,
      decidedAt: row.clientDecidedAt?.toISOString() ?? null,
      reason: row.clientDecisionReason,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const isLive = (status: ChangeRequestStatus) => (repo.liveStatuses as readonly string[]).includes(status);

/** Rows with their assets and, for live ones, their overlaps (a closed request holds no window). */
export async function describe(db: Executor, tenantId: string, rows: repo.ChangeRequestWithNames[]) {
  const ids = rows.map((row) => row.id);
  const [assets, overlaps] = await Promise.all([
    repo.assetsOf(db, tenantId, ids),
    repo.overlapsOf(
      db,
      tenantId,
      rows.filter((row) => isLive(row.status)).map((row) => row.id),
    ),
  ]);
  return rows.map((row) => toChangeRequest(row, assets.get(row.id) ?? [], overlaps.get(row.id) ?? []));
}

/** Tells the MSP's triage staff that a vendor's person raised a request, for them to decide. */
async function announceVendorRequest(tx: Executor, scope: Scope, request: ChangeRequest, now: Date) {
  await recordDomainEvent(tx, {
    tenantId: scope.tenantId,
    type: 'change_request.vendor_requested',
    actorMembershipId: scope.membershipId,
    payload: {
      clientId: request.clientId,
      clientName: request.clientName,
      changeRequestId: request.id,
      number: request.number,
      title: request.title,
      vendorName: request.vendorName ?? '',
      name: request.requestedByName ?? '',
      emergency: request.emergency,
      windowStart: request.windowStart,
      windowEnd: request.windowEnd,
    },
    occurredAt: now,
  });
}

export function createChangeRequestService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function load(tx: Executor, scope: Scope, id: string, forUpdate = false) {
    const row = await repo.findChangeRequest(tx, scope, id, { forUpdate });
    if (!row) throw notFound();
    return row;
  }

  async function requireClient(tx: Executor, scope: Scope, clientId: string) {
    if (!(await clientVisible(tx, scope, clientId))) {
      throw new AppError('client.not_found', 'Client not found.');
    }
  }

  /** A new request, requested: the client, assets and vendor checked, and the vendor in good standing. */
  async function insert(
    tx: Executor,
    audit: AuditRecorder,
    actor: Actor,
    input: Input,
  ): Promise<ChangeRequest> {
    const { scope } = actor;
    await requireClient(tx, scope, input.clientId);
    checkWindow(input, clock.now());
    const assetIds = [...new Set(input.assetIds)];
    const found = await repo.clientAssetIds(tx, scope.tenantId, input.clientId, assetIds);
    const strangers = assetIds.filter((id) => !found.has(id));
    if (strangers.length > 0) {
      throw new AppError('request.invalid', 'Every asset must be one of the client’s current assets.', [
        { path: ['assetIds'], message: `Not the client’s: ${strangers.join(', ')}` },
      ]);
    }
    if (
      input.vendorId &&
      (await listLiveEngagementIds(tx, scope.tenantId, input.vendorId, input.clientId)).length === 0
    ) {
      throw invalid('vendorId', 'The vendor has no current engagement at this client.');
    }
    const now = clock.now();
    let clientApproval: ClientApprovalStatus = 'not_needed';
    if (input.vendorId) {
      await requireVendorInGoodStanding(tx, scope.tenantId, input.vendorId, input.clientId, now);
      const day = now.toISOString().slice(0, 10);
      const asks = 'requiresClientApprovalOfVendorChanges';
      if (await clientAgreementRequires(tx, scope.tenantId, input.clientId, day, asks)) {
        clientApproval = 'pending';
      }
    }
    const row = await repo.insertChangeRequest(
      tx,
      {
        tenantId: scope.tenantId,
        number: await repo.nextChangeRequestNumber(tx, scope.tenantId),
        clientId: input.clientId,
        vendorId: input.vendorId,
        title: input.title,
        description: input.description,
        risk: input.risk,
        backOutPlan: input.backOutPlan,
        windowStart: new Date(input.windowStart),
        windowEnd: new Date(input.windowEnd),
        emergency: input.emergency,
        // An emergency is approved afterwards like any other: it starts as requested.
        status: 'requested',
        clientApproval,
        requestedById: scope.membershipId,
        createdAt: now,
        updatedAt: now,
      },
      assetIds,
    );
    const [request] = await describe(tx, scope.tenantId, [await load(tx, scope, row.id)]);
    audit.target('change_request', row.id);
    audit.change(null, request);
    // Raised by the vendor's own person (in the portal, or by mail): nobody at the MSP has seen it yet.
    if (scope.role === 'vendor') await announceVendorRequest(tx, scope, request!, now);
    return request!;
  }

  return {
    async list(scope: Scope, query: ListQuery) {
      const page = await repo.listChangeRequests(db, scope, query);
      return { items: await describe(db, scope.tenantId, page.items), total: page.total };
    },

    async get(scope: Scope, id: string): Promise<ChangeRequest> {
      const [request] = await describe(db, scope.tenantId, [await load(db, scope, id)]);
      return request!;
    },

    create: (actor: Actor, input: Input): Promise<ChangeRequest> =>
      actions.run(actor, 'change_request.create', (tx, audit) => insert(tx, audit, actor, input)),

    /** The same inside the caller's transaction: a request that came by mail commits with the mail. */
    createIn: (tx: Transaction, actor: Actor, input: Input): Promise<ChangeRequest> =>
      actions.runIn(tx, actor, 'change_request.create', (inner, audit) => insert(inner, audit, actor, input)),

    async act(
      actor: Actor,
      id: string,
      action: ChangeRequestAction,
      reason?: string,
    ): Promise<ChangeRequest> {
      const { scope } = actor;
      const rule = transitions[action];
      return actions.run(actor, `change_request.${action}`, async (tx, audit) => {
        const current = await load(tx, scope, id, true);
        audit.target('change_request', id);
        if (!rule.from.includes(current.status)) {
          throw new AppError(
            'change_request.invalid_transition',
            `A change request that is ${current.status.replace('_', ' ')} cannot be ${done[action]}.`,
            { status: current.status, action, allowedFrom: rule.from },
          );
        }
        if (rule.needsReason && !reason)
          throw invalid('reason', `Say why (a reason is required to ${action}).`);
        const now = clock.now();
        // The client's approval still awaited: the MSP's is recorded, and the request waits for the client.
        const waitsForClient = action === 'approve' && current.clientApproval === 'pending';
        if (action === 'approve') {
          if (waitsForClient && current.decidedAt) {
            throw new AppError(
              'change_request.awaiting_client',
              'Approved already: the request now waits for the client’s approval.',
            );
          }
          requireWindowOpen(current, now);
        }
        await repo.updateChangeRequest(tx, scope.tenantId, id, {
          status: waitsForClient ? current.status : rule.to,
          updatedAt: now,
          ...(rule.decides
            ? { decidedById: scope.membershipId, decidedAt: now, decisionReason: reason || null }
            : {}),
        });
        const [before, after] = await describe(tx, scope.tenantId, [current, await load(tx, scope, id)]);
        audit.change(before, after);
        if (after!.status === 'approved' && current.emergency) {
          const assetIds = after!.assets.map((asset) => asset.id);
          await authorizeChangesInWindow(tx, scope.tenantId, current, assetIds);
        }
        return after!;
      });
    },

    /** Whether the client has a calendar feed, and since when (never the token). */
    async calendarStatus(scope: Scope, clientId: string) {
      await requireClient(db, scope, clientId);
      const feed = await repo.findFeed(db, scope.tenantId, clientId);
      return { active: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null };
    },

    /** Makes the client's feed token, or replaces it: the old URL stops working. Only the hash is kept. */
    async rotateCalendar(actor: Actor, clientId: string): Promise<{ token: string; createdAt: string }> {
      return actions.run(actor, 'change_calendar.rotate', async (tx, audit) => {
        await requireClient(tx, actor.scope, clientId);
        const existed = (await repo.findFeed(tx, actor.scope.tenantId, clientId)) !== undefined;
        const token = newSecret();
        const now = clock.now();
        await repo.upsertFeed(tx, actor.scope.tenantId, clientId, sha256(token), now);
        audit.target('client', clientId);
        audit.change({ calendarFeed: existed }, { calendarFeed: true, rotatedAt: now.toISOString() });
        return { token, createdAt: now.toISOString() };
      });
    },

    async deleteCalendar(actor: Actor, clientId: string): Promise<void> {
      await actions.run(actor, 'change_calendar.delete', async (tx, audit) => {
        await requireClient(tx, actor.scope, clientId);
        const existed = await repo.deleteFeed(tx, actor.scope.tenantId, clientId);
        audit.target('client', clientId);
        audit.change({ calendarFeed: existed }, { calendarFeed: false });
      });
    },

    /** The iCalendar document a feed token opens; null for an unknown token. `host` names the UIDs. */
    async calendarFeed(token: string, host: string): Promise<string | null> {
      const feed = await repo.feedByTokenHash(db, sha256(token));
      if (!feed) return null;
      const since = new Date(clock.now().getTime() - FEED_PAST_DAYS * 24 * HOUR_MS);
      const rows = await repo.authorizedWindowsOfClient(db, feed.tenantId, feed.clientId, since);
      const assets = await repo.assetsOf(
        db,
        feed.tenantId,
        rows.map((row) => row.id),
      );
      const events: CalendarEvent[] = rows.map((row) => ({
        uid: `${row.id}@${host}`,
        start: row.windowStart,
        end: row.windowEnd,
        stamp: row.updatedAt,
        summary: `CR-${row.number}: ${row.title}${row.vendorName ? ` (${row.vendorName})` : ''}`,
        description: [
          `Assets: ${(assets.get(row.id) ?? []).map((asset) => asset.name).join(', ')}`,
          `Risk: ${row.risk}`,
          `Status: ${row.status.replace('_', ' ')}${row.emergency ? ' (emergency)' : ''}`,
        ].join('\n'),
        status: 'CONFIRMED',
      }));
      return renderCalendar({
        name: `${feed.clientName}: approved change windows`,
        productId: '-//Accord//Change windows//EN',
        events,
      });
    },
  };
}

export type ChangeRequestService = ReturnType<typeof createChangeRequestService>;

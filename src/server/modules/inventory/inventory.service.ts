// Agents' reports: each is taken once (by idempotency key), compared by hash with the asset's last, diffed
// into detected changes with who and when where the machine recorded it, and checked for alert
// conditions, all in one transaction that commits before the agent is answered. An unchanged report
// whose record this node remembers is answered from memory (inventory-memory.ts): nothing of it needs
// committing but its health, which is telemetry.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AssetChange,
  type AssetInventory,
  type changeJudgementSchema,
  type Inventory,
  type InventoryReceipt,
  type InventoryState,
  inventorySections,
} from '../../../shared/api/inventory.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { agents } from '../agents/agents.table.ts';
import { assets } from '../assets/assets.table.ts';
import { findAsset } from '../assets/index.ts';
import { clients } from '../clients/clients.table.ts';
import { vendorNames } from '../vendors/vendor-lookup.ts';
import { type Condition, conditionsKey, inventoryConditions, syncAlerts } from './asset-alerts.ts';
import { createAttributor } from './attribution.ts';
import { judgeChanges } from './change-judging.ts';
import * as repo from './inventory.repository.ts';
import { assetAlerts } from './inventory.table.ts';
import { diffInventory } from './inventory-diff.ts';
import { createInventoryMemory, type Head, type HealthRow, recordBasis } from './inventory-memory.ts';

/** Who sent a report: the agent's credential decides; the body never names an asset. */
export interface Reporter {
  tenantId: string;
  agentId: string;
  assetId: string;
}

/** Receipts are kept this long: longer than an agent's queue can hold reports. */
const RECEIPT_DAYS = 30;

/** The sections of state a collector may leave null. */
const stateSections = inventorySections.filter(
  (section): section is Exclude<typeof section, 'updates' | 'events' | 'sessions'> =>
    section !== 'updates' && section !== 'events' && section !== 'sessions',
);

/** Thrown inside the transaction when the report was taken before (a resend): everything is rolled back. */
class DuplicateReport extends Error {}

export function toChange(row: repo.ListedChange): AssetChange {
  return {
    id: row.id,
    assetId: row.assetId,
    kind: row.kind,
    subject: row.subject,
    before: row.before,
    after: row.after,
    occurredAt: row.occurredAt.toISOString(),
    timeFromLog: row.timeFromLog,
    since: row.since?.toISOString() ?? null,
    actor: row.actor,
    actorSource: row.actorSource,
    openSessions: row.openSessions,
    detectedAt: row.detectedAt.toISOString(),
    outcome: row.outcome,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    changeRequestId: row.changeRequestId,
    outcomeReason: row.outcomeReason,
    rejudged: row.judgedAt !== null,
    ticketId: row.ticketId,
    assetName: row.assetName,
    clientId: row.clientId,
  };
}

function withLastKnown(state: InventoryState, before: InventoryState | undefined): InventoryState {
  if (!before) return state;
  const kept = { ...state };
  for (const section of stateSections)
    if (kept[section] === null) Object.assign(kept, { [section]: before[section] });
  return kept;
}

/** What an unchanged report writes: only what moves on its own. */
const healthRow = (by: Reporter, report: Omit<Inventory, 'state'>, receivedAt: Date): HealthRow => ({
  tenantId: by.tenantId,
  assetId: by.assetId,
  agentId: by.agentId,
  health: report.health,
  notAvailable: report.notAvailable,
  agentVersion: report.agentVersion,
  collectedAt: new Date(report.collectedAt),
  receivedAt,
});

const assetNotFound = () => new AppError('asset.not_found', 'Asset not found.');

/** For an answer that does not say what the record holds (a duplicate, a stale report): no node remembers it. */
const unknownBasis = () => sha256(newSecret());

/** The changes from the state on record to the report's, each with who and when where the logs tell. */
function detectChanges(
  by: Reporter,
  before: { collectedAt: Date; state: InventoryState },
  report: Inventory,
  collectedAt: Date,
  now: Date,
) {
  const since = before.collectedAt;
  const attribute = createAttributor(report.events, report.sessions, { since, until: collectedAt });
  return diffInventory(before.state, report.state).map(({ eventKind, ...change }) => ({
    ...change,
    ...attribute({ ...change, eventKind }),
    tenantId: by.tenantId,
    assetId: by.assetId,
    since,
    detectedAt: now,
  }));
}

export function createInventoryService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;
  const memory = createInventoryMemory();

  async function requireAsset(scope: Scope, assetId: string) {
    if (!(await findAsset(db, scope, assetId))) throw assetNotFound();
  }

  /**
   * An unchanged report taken from memory, when this node remembers the asset's record at the agent's
   * basis (the same state and alerts), and the report has that state and would raise or clear no alert:
   * `take` answers it (and buffers its health). Null when the report needs the record. Only the state's
   * hash is needed, so the fast path need not parse the state at all.
   */
  function unchangedReport(
    by: Reporter,
    idempotencyKey: string,
    basis: string | undefined,
    stateHash: string,
    report: Omit<Inventory, 'state'>,
  ): (() => InventoryReceipt) | null {
    const head = memory.head(by.assetId);
    if (!head || head.agentId !== by.agentId || basis !== head.basis || stateHash !== head.stateHash) {
      return null;
    }
    if (idempotencyKey === head.idempotencyKey) {
      return () => ({ outcome: 'duplicate', changes: head.changes, basis: head.basis });
    }
    const collectedAt = new Date(report.collectedAt);
    if (!(collectedAt.getTime() > head.collectedAt)) return null;
    const now = clock.now();
    const { found } = inventoryConditions(head.alertSections, report.health, now);
    if (conditionsKey(found) !== head.conditions) return null;
    return () => {
      memory.remember(by.assetId, {
        ...head,
        collectedAt: collectedAt.getTime(),
        idempotencyKey,
        changes: 0,
      });
      memory.bufferHealth(healthRow(by, report, now));
      return { outcome: 'unchanged', changes: 0, basis: head.basis };
    };
  }

  return {
    unchangedReport,

    /** Writes the health of reports taken from memory (main.ts does so every 5 s and on stop). */
    flushHealth: () => memory.flush(db),

    async receive(
      by: Reporter,
      idempotencyKey: string,
      report: Inventory,
      basis?: string,
    ): Promise<InventoryReceipt> {
      const stateHash = sha256(JSON.stringify(report.state));
      const take = unchangedReport(by, idempotencyKey, basis, stateHash, report);
      if (take) return take();
      const now = clock.now();
      const receiptKey = { tenantId: by.tenantId, agentId: by.agentId, idempotencyKey };
      const collectedAt = new Date(report.collectedAt);
      try {
        const taken = await db.transaction(async (tx) => {
          const head = await repo.findReportHead(tx, by.tenantId, by.assetId, stateHash);
          const outcome: InventoryReceipt['outcome'] = !head
            ? 'changed'
            : collectedAt <= head.collectedAt
              ? 'stale' // older than what is on record (a clock set back): kept out of the record, but taken
              : head.stateHash === stateHash
                ? 'unchanged'
                : 'changed';
          // The record's state is read only when it differs from the report's.
          const before =
            outcome === 'changed' && head?.state
              ? { collectedAt: head.collectedAt, state: head.state }
              : undefined;
          const detected = before ? detectChanges(by, before, report, collectedAt, now) : [];
          // The receipt first: a resend that got here first leaves nothing else to do.
          const receipt = { ...receiptKey, outcome, changes: detected.length, receivedAt: now };
          if (!(await repo.insertReceipt(tx, receipt))) throw new DuplicateReport();
          if (outcome === 'stale') return { receipt: { outcome, changes: 0, basis: unknownBasis() } };
          const row = healthRow(by, report, now);
          if (outcome === 'unchanged') await repo.updateInventoryHealth(tx, row);
          else {
            if (head && detected.length > 0) {
              const window = { ...by, clientId: head.clientId, since: head.collectedAt, until: collectedAt };
              await repo.insertChanges(tx, await judgeChanges(tx, window, detected, now));
            }
            // The hash is of what was received; the state kept fills sections this report could not
            // collect with the last known, so the next full report is compared with what was really there.
            const state = withLastKnown(report.state, before?.state);
            await repo.upsertInventory(tx, { ...row, state, stateHash });
            const { hostname, os, osVersion } = report.state;
            if (!head || head.hostname !== hostname || head.os !== os || head.osVersion !== osVersion) {
              await tx
                .update(assets)
                .set({ hostname, os, osVersion })
                .where(and(eq(assets.tenantId, by.tenantId), eq(assets.id, by.assetId)));
            }
          }
          const { judged, found } = inventoryConditions(report.state, report.health, now);
          const { held } = await syncAlerts(tx, by.tenantId, by.assetId, judged, found, now);
          const remembered: Head = {
            agentId: by.agentId,
            basis: recordBasis(stateHash, held),
            stateHash,
            collectedAt: collectedAt.getTime(),
            conditions: held,
            alertSections: {
              disks: report.state.disks,
              raid: report.state.raid,
              backups: report.state.backups,
            },
            idempotencyKey,
            changes: detected.length,
          };
          return { receipt: { outcome, changes: detected.length, basis: remembered.basis }, remembered };
        });
        // Remembered once committed: what this node holds in memory is always on record.
        if (taken.remembered) memory.remember(by.assetId, taken.remembered);
        return taken.receipt;
      } catch (error) {
        if (!(error instanceof DuplicateReport)) throw error;
        const earlier = await repo.findReceipt(db, receiptKey);
        return { outcome: 'duplicate', changes: earlier?.changes ?? 0, basis: unknownBasis() };
      }
    },

    async getInventory(scope: Scope, assetId: string): Promise<AssetInventory> {
      const row = await repo.findInventory(db, scope, assetId);
      if (!row) {
        await requireAsset(scope, assetId);
        throw new AppError('inventory.not_found', 'No agent has reported an inventory for this asset yet.');
      }
      return {
        assetId: row.assetId,
        collectedAt: row.collectedAt.toISOString(),
        receivedAt: row.receivedAt.toISOString(),
        agentVersion: row.agentVersion,
        state: row.state,
        health: row.health,
        notAvailable: row.notAvailable,
      };
    },

    /** Changes of one asset (404 outside scope), or of every asset in scope when `assetId` is left out. */
    async listChanges(scope: Scope, query: repo.ChangeQuery) {
      if (query.assetId) await requireAsset(scope, query.assetId);
      const page = await repo.listChanges(db, scope, query);
      return { items: page.items.map(toChange), total: page.total };
    },

    /** Staff re-judge a change's outcome with their reason; audited. */
    async judge(
      actor: Actor,
      id: string,
      input: z.output<typeof changeJudgementSchema>,
    ): Promise<AssetChange> {
      return actions.run(actor, 'asset_change.judge', async (tx, audit) => {
        const before = await repo.findChange(tx, actor.scope, id);
        if (!before) throw new AppError('asset_change.not_found', 'Change not found.');
        if (!before.outcome) {
          throw new AppError(
            'asset_change.not_judgeable',
            "Health and status changes are nobody's doing; they have no outcome.",
          );
        }
        if (input.vendorId && !(await vendorNames(tx, actor.scope.tenantId, [input.vendorId])).size) {
          throw new AppError('request.invalid', 'No such vendor.', [
            { path: ['vendorId'], message: 'No such vendor' },
          ]);
        }
        const changes = {
          outcome: input.outcome,
          vendorId: input.outcome === 'vendor' ? input.vendorId : null,
          changeRequestId: input.outcome === 'authorized' ? before.changeRequestId : null,
          outcomeReason: input.reason,
          judgedById: actor.scope.membershipId,
          judgedAt: clock.now(),
        };
        await repo.updateChange(tx, actor.scope.tenantId, id, changes);
        audit.target('asset_change', id);
        audit.change(
          { outcome: before.outcome, vendorId: before.vendorId, outcomeReason: before.outcomeReason },
          { outcome: changes.outcome, vendorId: changes.vendorId, outcomeReason: changes.outcomeReason },
        );
        const [listed] = (await repo.listChanges(tx, actor.scope, { id, limit: 1, offset: 0 })).items;
        return toChange(listed!);
      });
    },

    /**
     * Raises "agent offline" for agents silent beyond their client's threshold and clears it for those
     * back, one asset per transaction; also forgets receipts older than any queue. Returns alerts changed.
     */
    async checkAgents(): Promise<number> {
      const now = clock.now();
      const lastHeard = sql`coalesce(${agents.lastSeenAt}, ${agents.enrolledAt})`;
      const threshold = sql`${now.toISOString()}::timestamptz - make_interval(mins => ${clients.agentOfflineMinutes})`;
      const rows = await db
        .select({
          tenantId: agents.tenantId,
          assetId: agents.assetId,
          lastHeard: sql<Date>`${lastHeard}`.mapWith(agents.lastSeenAt),
          silent: sql<boolean>`${lastHeard} < ${threshold}`,
        })
        .from(agents)
        .innerJoin(assets, and(eq(assets.tenantId, agents.tenantId), eq(assets.id, agents.assetId)))
        .innerJoin(clients, and(eq(clients.tenantId, assets.tenantId), eq(clients.id, assets.clientId)))
        .leftJoin(
          assetAlerts,
          and(
            eq(assetAlerts.tenantId, assets.tenantId),
            eq(assetAlerts.assetId, assets.id),
            eq(assetAlerts.condition, 'agent_offline'),
          ),
        )
        .where(
          and(
            isNull(agents.revokedAt),
            isNull(assets.archivedAt),
            isNull(clients.archivedAt),
            sql`(${lastHeard} < ${threshold}) = (${assetAlerts.id} is null or ${assetAlerts.clearedAt} is not null)`,
          ),
        );
      let changed = 0;
      for (const row of rows) {
        const found: Condition[] = row.silent
          ? [
              {
                condition: 'agent_offline',
                subject: '',
                detail: `The agent has not checked in since ${row.lastHeard.toISOString()}.`,
              },
            ]
          : [];
        const { touched } = await db.transaction((tx) =>
          syncAlerts(tx, row.tenantId, row.assetId, new Set(['agent_offline']), found, now),
        );
        changed += touched;
      }
      await repo.deleteReceiptsBefore(db, new Date(now.getTime() - RECEIPT_DAYS * 86_400_000));
      return changed;
    },
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;

// Reading the audit log, sealing new events into each tenant's chain, and verifying the chains.
import type { AuditEvent, AuditEventListQuery, AuditVerifyResult } from '../../../shared/api/audit.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Scope } from '../../http/scope.ts';
import * as repo from './audit.repository.ts';
import { type ChainCheck, computeEventHash, createChainChecker } from './audit-chain.ts';

const SEAL_BATCH = 500;
const VERIFY_PAGE = 1000;

function toAuditEvent(row: repo.AuditEventRow): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    actor: {
      membershipId: row.actorMembershipId,
      identityId: row.actorIdentityId,
      apiTokenId: row.actorApiTokenId,
    },
    target: { type: row.targetType, id: row.targetId },
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    occurredAt: row.occurredAt.toISOString(),
    sealSeq: row.sealSeq,
    sealedAt: row.sealedAt?.toISOString() ?? null,
  };
}

const encodeCursor = (row: repo.AuditEventRow) =>
  Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(at ?? '');
  if (!id || Number.isNaN(occurredAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('request.invalid', 'The cursor is not valid.');
  }
  return { occurredAt, id };
}

/** Checks one tenant's chain from seq 1 to the head. */
export async function verifyTenantChain(db: Executor, tenantId: string): Promise<ChainCheck> {
  const checker = createChainChecker(tenantId);
  let afterSeq = 0;
  for (;;) {
    const page = await repo.listSealedPage(db, tenantId, afterSeq, VERIFY_PAGE);
    checker.add(page);
    const last = page.at(-1);
    if (page.length < VERIFY_PAGE || !last?.sealSeq || checker.isBroken) break;
    afterSeq = last.sealSeq;
  }
  return checker.finish(await repo.findHead(db, tenantId));
}

/** Every tenant's chain (or one tenant's); for `accord audit verify`. */
export async function verifyAllChains(db: Executor, tenantId?: string): Promise<ChainCheck[]> {
  const tenantIds = tenantId ? [tenantId] : await repo.listAuditedTenantIds(db);
  const results: ChainCheck[] = [];
  for (const id of tenantIds) results.push(await verifyTenantChain(db, id));
  return results;
}

export function createAuditService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  /** Seals what this tenant's sealer can see now; returns how many events it sealed. */
  async function sealTenant(tenantId: string): Promise<number> {
    return db.transaction(async (tx) => {
      // The head lock orders sealers; writers never take it, so they are never held up.
      const head = await repo.lockHead(tx, tenantId);
      const events = await repo.listUnsealed(tx, tenantId, SEAL_BATCH);
      if (events.length === 0) return 0;
      let { lastSeq, lastHash } = head;
      const sealedAt = clock.now();
      for (const event of events) {
        const sealSeq = lastSeq + 1;
        const hash = computeEventHash(event, sealSeq, lastHash, sealedAt);
        await repo.sealEvent(tx, tenantId, event.id, { sealSeq, prevHash: lastHash, hash, sealedAt });
        lastSeq = sealSeq;
        lastHash = hash;
      }
      await repo.updateHead(tx, tenantId, { lastSeq, lastHash, updatedAt: sealedAt });
      return events.length;
    });
  }

  return {
    async list(scope: Scope, query: AuditEventListQuery) {
      const rows = await repo.listAuditEvents(
        db,
        scope,
        {
          actorMembershipId: query.actorId,
          actionPrefix: query.action,
          targetType: query.targetType,
          targetId: query.targetId,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          before: query.cursor ? decodeCursor(query.cursor) : undefined,
        },
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toAuditEvent),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    async verify(scope: Scope): Promise<AuditVerifyResult> {
      const check = await verifyTenantChain(db, scope.tenantId);
      const unsealed = await repo.countUnsealed(db, scope.tenantId);
      return {
        isValid: check.isValid,
        checked: check.checked,
        unsealed,
        firstBadSeq: check.firstBadSeq,
        problem: check.problem,
        message: check.message,
      };
    },

    sealTenant,

    /** One pass over every tenant with unsealed events; returns how many events were sealed. */
    async sealPending(): Promise<number> {
      let sealed = 0;
      for (const tenantId of await repo.listTenantIdsWithAudit(db)) {
        let count: number;
        do {
          count = await sealTenant(tenantId);
          sealed += count;
        } while (count === SEAL_BATCH);
      }
      return sealed;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/**
 * Seals every few seconds until stopped. A poll loop rather than a pg-boss cron (whose finest grain is a
 * minute); several nodes may run it, the head lock keeps their chains straight.
 */
export function startAuditSealer(
  audit: AuditService,
  options: { intervalMs?: number; log?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 2000;
  const log = options.log ?? ((error) => console.error('[audit] sealing failed; retrying', error));
  let isRunning = true;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = audit
      .sealPending()
      .then(
        () => undefined,
        (error) => log(error),
      )
      .then(() => {
        if (isRunning) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

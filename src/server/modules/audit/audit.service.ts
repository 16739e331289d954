// Reading the audit log, sealing new events into each tenant's chain, and verifying the chains; reading
// and expiring the install-wide security log.
import type {
  AuditEvent,
  AuditEventListQuery,
  AuditVerifyResult,
  SecurityEventListQuery,
  SecurityLogEntry,
} from '../../../shared/api/audit.ts';
import type { Clock } from '../../clock.ts';
import type { Database, Executor } from '../../db/client.ts';
import { decodeLogCursor, encodeLogCursor } from '../../db/log-page.ts';
import type { Scope } from '../../http/scope.ts';
import { type PollLoop, startPollLoop } from '../../jobs/poll-loop.ts';
import * as repo from './audit.repository.ts';
import { type ChainCheck, computeEventHash, createChainChecker } from './audit-chain.ts';

const SEAL_BATCH = 500;
const VERIFY_PAGE = 1000;
/** Security events are kept a year: long enough to look back on an incident, not forever (ADR 0004). */
export const SECURITY_EVENT_RETENTION_DAYS = 365;
const PURGE_BATCH = 5000;

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

function toSecurityLogEntry(row: repo.SecurityEventRow): SecurityLogEntry {
  return {
    id: row.id,
    action: row.action,
    identityId: row.identityId,
    email: row.email,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    occurredAt: row.occurredAt.toISOString(),
  };
}

/** The query fields every log listing shares, as the repository's window. */
function logWindowOf(query: {
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
}): repo.LogWindow {
  return {
    actionPrefix: query.action,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    before: query.cursor ? decodeLogCursor(query.cursor) : undefined,
  };
}

/** One page of a log: reads a row more than asked for, to know whether another page follows. */
async function readLogPage<Row extends { occurredAt: Date; id: string }, Item>(
  limit: number,
  read: (limit: number) => Promise<Row[]>,
  toItem: (row: Row) => Item,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const rows = await read(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeLogCursor(last.occurredAt, last.id) : null,
  };
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
      const filter = {
        ...logWindowOf(query),
        actorMembershipId: query.actorId,
        targetType: query.targetType,
        targetId: query.targetId,
      };
      return readLogPage(
        query.limit,
        (limit) => repo.listAuditEvents(db, scope, filter, limit),
        toAuditEvent,
      );
    },

    /** Security events about this tenant's people (see listSecurityEvents), newest first. */
    async listSecurityEvents(scope: Scope, query: SecurityEventListQuery) {
      const filter = { ...logWindowOf(query), identityId: query.identityId };
      return readLogPage(
        query.limit,
        (limit) => repo.listSecurityEvents(db, scope, filter, limit),
        toSecurityLogEntry,
      );
    },

    /** Deletes security events past retention; run by the hourly housekeeping job. Returns how many. */
    async purgeSecurityEvents(): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - SECURITY_EVENT_RETENTION_DAYS * 24 * 3600 * 1000);
      let purged = 0;
      let deleted: number;
      do {
        deleted = await repo.deleteSecurityEventsBefore(db, cutoff, PURGE_BATCH);
        purged += deleted;
      } while (deleted === PURGE_BATCH);
      return purged;
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
): PollLoop {
  return startPollLoop(() => audit.sealPending(), {
    intervalMs: options.intervalMs,
    log: options.log ?? ((error) => console.error('[audit] sealing failed; retrying', error)),
  });
}

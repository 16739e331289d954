// Pure rules of the audit chain: what is hashed, how a chain is checked, and how snapshots lose secrets.
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { sha256 } from '../../crypto.ts';
import type { AuditEventRow } from './audit.repository.ts';

// Keys whose values never enter the audit trail, whatever row they appear in.
const SECRET_KEY = /password|tokenhash|secret|totp|csrf|^token$/i;

/** A JSON-ready copy of a snapshot without secret fields; Dates become ISO strings. */
export function snapshotWithoutSecrets(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) => (key !== '' && SECRET_KEY.test(key) ? undefined : inner)),
  );
}

/** Everything an event says, plus its place in the chain; the hash covers all of it. */
function hashedContent(event: AuditEventRow, sealSeq: number, prevHash: string, sealedAt: Date) {
  return {
    id: event.id,
    tenantId: event.tenantId,
    action: event.action,
    actorMembershipId: event.actorMembershipId,
    actorIdentityId: event.actorIdentityId,
    actorApiTokenId: event.actorApiTokenId,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    occurredAt: event.occurredAt.toISOString(),
    sealSeq,
    prevHash,
    sealedAt: sealedAt.toISOString(),
  };
}

/** Hex sha256 over the canonical JSON of the event's content and the previous hash. */
export function computeEventHash(event: AuditEventRow, sealSeq: number, prevHash: string, sealedAt: Date) {
  return sha256(canonicalJson(hashedContent(event, sealSeq, prevHash, sealedAt)));
}

export type ChainProblem = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';

export interface ChainCheck {
  tenantId: string;
  isValid: boolean;
  /** Sealed events checked. */
  checked: number;
  /** The first sequence number that does not hold, with why. */
  firstBadSeq: number | null;
  problem: ChainProblem | null;
  message: string | null;
}

/**
 * Walks one tenant's sealed events in seal order, page by page, carrying the expected seq and hash.
 * Call `add` with each page, then `finish` with the head.
 */
export function createChainChecker(tenantId: string) {
  let expectedSeq = 1;
  let prevHash = '';
  let failure: Pick<ChainCheck, 'firstBadSeq' | 'problem' | 'message'> | null = null;
  const fail = (seq: number, problem: ChainProblem, message: string) => {
    failure ??= { firstBadSeq: seq, problem, message };
  };
  return {
    get isBroken() {
      return failure !== null;
    },
    add(events: readonly AuditEventRow[]) {
      for (const event of events) {
        if (failure) return;
        const seq = event.sealSeq ?? 0;
        if (seq !== expectedSeq) {
          return fail(expectedSeq, 'seq_gap', `Event ${expectedSeq} is missing (found ${seq} next).`);
        }
        if (event.prevHash !== prevHash) {
          return fail(seq, 'prev_hash_mismatch', `Event ${seq} does not point at event ${seq - 1}.`);
        }
        const hash = event.sealedAt ? computeEventHash(event, seq, prevHash, event.sealedAt) : '';
        if (hash !== event.hash) {
          return fail(seq, 'hash_mismatch', `Event ${seq} was changed after it was sealed.`);
        }
        prevHash = hash;
        expectedSeq++;
      }
    },
    finish(head: { lastSeq: number; lastHash: string } | null): ChainCheck {
      const checked = expectedSeq - 1;
      const headSeq = head?.lastSeq ?? 0;
      const headHash = head?.lastHash ?? '';
      if (!failure && (headSeq !== checked || headHash !== prevHash)) {
        fail(
          headSeq > checked ? checked + 1 : headSeq < checked ? headSeq + 1 : Math.max(checked, 1),
          'head_mismatch',
          headSeq > checked
            ? `The head says ${headSeq} events were sealed, but the chain ends at ${checked}.`
            : `The chain goes on to ${checked}, past the head's ${headSeq}.`,
        );
      }
      const found = failure as Pick<ChainCheck, 'firstBadSeq' | 'problem' | 'message'> | null;
      return {
        tenantId,
        isValid: found === null,
        checked,
        firstBadSeq: found?.firstBadSeq ?? null,
        problem: found?.problem ?? null,
        message: found?.message ?? null,
      };
    },
  };
}

// Writes audit events: the action runner's hook for mutations, and the one row mapping that sign-in
// events (security-log.ts) share with it. Snapshots lose their secrets and the user agent is cut here.
import type { Clock } from '../../clock.ts';
import type { ActionHook, RecordedAudit } from '../../db/actions.ts';
import { insertAuditEvent, type NewAuditEvent } from './audit.repository.ts';
import { snapshotWithoutSecrets } from './audit-chain.ts';

/** Longest user agent kept, in characters; longer ones are cut. */
const USER_AGENT_MAX = 500;

export const clampUserAgent = (userAgent: string | null | undefined) =>
  userAgent?.slice(0, USER_AGENT_MAX) ?? null;

/** Who acted, in which tenant, and from where. */
export interface AuditEventActor {
  tenantId: string;
  membershipId: string | null;
  identityId: string | null;
  apiTokenId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function auditEventRow(
  actor: AuditEventActor,
  action: string,
  audit: RecordedAudit,
  occurredAt: Date,
): NewAuditEvent {
  return {
    tenantId: actor.tenantId,
    action,
    actorMembershipId: actor.membershipId,
    actorIdentityId: actor.identityId,
    actorApiTokenId: actor.apiTokenId,
    targetType: audit.target.type,
    targetId: audit.target.id,
    before: snapshotWithoutSecrets(audit.before),
    after: snapshotWithoutSecrets(audit.after),
    ip: actor.ip,
    userAgent: clampUserAgent(actor.userAgent),
    requestId: actor.requestId,
    occurredAt,
  };
}

/** The action runner hook that writes each run's one audit event inside its transaction. */
export function createAuditHook(deps: { clock: Clock }): ActionHook {
  return async ({ tx, actor, action, audit }) => {
    const { tenantId, membershipId, identityId } = actor.scope;
    await insertAuditEvent(
      tx,
      auditEventRow(
        {
          tenantId,
          membershipId,
          identityId,
          apiTokenId: actor.apiTokenId ?? null,
          ip: actor.ip,
          userAgent: actor.userAgent,
          requestId: actor.requestId,
        },
        action,
        audit,
        deps.clock.now(),
      ),
    );
  };
}

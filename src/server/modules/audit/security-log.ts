// Sign-in events that happen outside the action runner. With a tenant they join that tenant's audit
// chain; without one (a failed login, a login before choosing an organization) they go to the
// install-wide security log. See docs/adr/0004-audit.md.
import type { Executor } from '../../db/client.ts';
import { insertAuditEvent, insertSecurityEvent } from './audit.repository.ts';
import { auditEventRow, clampUserAgent } from './audit-writer.ts';

export interface SecurityEvent {
  action:
    | 'auth.login'
    | 'auth.login_failed'
    | 'auth.logout'
    | 'auth.select_tenant'
    | 'auth.setup'
    | 'auth.sso_login'
    | 'auth.password_changed'
    | 'auth.password_change_failed'
    | 'auth.mfa_verified'
    | 'auth.mfa_failed'
    | 'auth.mfa_enabled'
    | 'auth.mfa_disabled'
    | 'auth.recovery_code_used'
    | 'auth.recovery_codes_regenerated'
    /** An invited person set their first password through the invitation link. */
    | 'auth.invitation_accepted'
    /** A machine exchanged an enrollment token for an agent credential (no person acts). */
    | 'agent.enrolled'
    /** A vendor acknowledged the rules of engagement through a one-time link (no member acts). */
    | 'engagement_rules.acknowledged_by_link'
    | 'change_request.client_approved_by_link'
    | 'change_request.client_rejected_by_link'
    | 'vendor_reply.given_by_link';
  identityId: string | null;
  /** Known once the session is bound to an organization. */
  tenantId: string | null;
  membershipId: string | null;
  /** The address tried, recorded for failed logins only. */
  email?: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
  occurredAt: Date;
  /** What the event is about; the identity when omitted. */
  target?: { type: string; id: string };
}

export async function recordSecurityEvent(db: Executor, event: SecurityEvent): Promise<void> {
  const requestId = event.requestId ?? null;
  if (event.tenantId) {
    const actor = {
      tenantId: event.tenantId,
      membershipId: event.membershipId,
      identityId: event.identityId,
      apiTokenId: null,
      ip: event.ip,
      userAgent: event.userAgent,
      requestId,
    };
    const target = event.target ?? { type: 'identity', id: event.identityId };
    const audit = { target, before: null, after: null };
    await insertAuditEvent(db, auditEventRow(actor, event.action, audit, event.occurredAt));
    return;
  }
  await insertSecurityEvent(db, {
    action: event.action,
    identityId: event.identityId,
    tenantId: null,
    email: event.email?.toLowerCase().slice(0, 320) ?? null,
    ip: event.ip,
    userAgent: clampUserAgent(event.userAgent),
    requestId,
    occurredAt: event.occurredAt,
  });
}

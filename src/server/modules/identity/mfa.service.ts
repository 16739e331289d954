// Two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes, the organization's
// rule that staff must use it, and password changes. Events about one person go to the security log
// (sign-in events, docs/adr/0004-audit.md); an organization's rule and an admin's reset are audited actions.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { MfaStatus, MfaVerifyInput, SecuritySettings, TotpSetup } from '../../../shared/api/identity.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestAuth } from '../../http/context.ts';
import type { Actor } from '../../http/scope.ts';
import type { SecretBox } from '../../secret-box.ts';
import { recordSecurityEvent, type SecurityEvent } from '../audit/index.ts';
import type { AuthService, NewSession, RequestMeta } from './auth.service.ts';
import * as repo from './identity.repository.ts';
import { createLoginThrottle } from './login-throttle.ts';
import * as mfaRepo from './mfa.repository.ts';
import { hashPassword, sha256, verifyPassword } from './secrets.ts';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp.ts';

type SessionAuth = RequestAuth & { kind: 'session' };

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Accord';

/** "k3v9q-x2m7p": 50 random bits each, easy to read aloud and type. */
function newRecoveryCode(): string {
  const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();
const hashRecoveryCode = (code: string) => sha256(`recovery:${normalizeRecoveryCode(code)}`);

const invalidCode = () =>
  new AppError('mfa.invalid_code', 'That code is not right, or was already used. Try the next one.');

export function createMfaService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  secretBox: SecretBox;
  auth: AuthService;
}) {
  const { db, actions, clock, secretBox, auth } = deps;
  const throttle = createLoginThrottle(db);
  const totpContext = (identityId: string) => `totp:${identityId}`;

  const record = (tx: Executor, action: SecurityEvent['action'], who: SessionAuth, meta: RequestMeta) =>
    recordSecurityEvent(tx, {
      action,
      identityId: who.identityId,
      tenantId: who.scope?.tenantId ?? null,
      membershipId: who.scope?.membershipId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId ?? null,
      occurredAt: clock.now(),
    });

  async function identityOf(executor: Executor, identityId: string, lock = false) {
    const identity = await (lock
      ? mfaRepo.lockIdentity(executor, identityId)
      : repo.findIdentity(executor, identityId));
    if (!identity) throw new AppError('auth.unauthenticated', 'Sign in first.');
    return identity;
  }

  /** A wrong code or password counts like a failed sign-in, so guessing locks the account for a while. */
  async function failed(who: SessionAuth, email: string, action: SecurityEvent['action'], meta: RequestMeta) {
    await db.transaction(async (tx) => {
      await throttle.recordFailure(tx, email, meta.ip, clock.now());
      await record(tx, action, who, meta);
    });
  }

  async function replaceRecoveryCodes(tx: Executor, identityId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await mfaRepo.replaceRecoveryCodes(tx, identityId, codes.map(hashRecoveryCode), clock.now());
    return codes;
  }

  /** Checks a current code against the confirmed secret and uses it up; null when wrong. */
  async function acceptTotp(tx: Executor, identity: repo.IdentityRow, code: string): Promise<number | null> {
    if (!identity.totpSecret) return null;
    const secret = secretBox.open(identity.totpSecret, totpContext(identity.id));
    const step = matchTotp(secret, code, clock.now(), identity.totpLastStep);
    if (step !== null) await mfaRepo.setTotpLastStep(tx, identity.id, step);
    return step;
  }

  async function finish(tx: Executor, who: SessionAuth): Promise<string> {
    return auth.rotateSession(tx, who.sessionTokenHash, { mfaPending: null });
  }

  async function newSession(token: string): Promise<NewSession> {
    return { token, session: await auth.describeSession(sha256(token)) };
  }

  return {
    async status(identityId: string): Promise<MfaStatus> {
      const identity = await identityOf(db, identityId);
      return {
        totpEnabled: identity.totpEnabledAt !== null,
        enabledAt: identity.totpEnabledAt?.toISOString() ?? null,
        recoveryCodesLeft: await mfaRepo.countUnusedRecoveryCodes(db, identityId),
        requiredByOrganization: await mfaRepo.anyMembershipRequiresMfa(db, identityId),
      };
    },

    /** A new secret to scan; not in force until confirmed with a code from it. */
    async setup(who: SessionAuth): Promise<TotpSetup> {
      const identity = await identityOf(db, who.identityId);
      if (identity.totpEnabledAt) {
        throw new AppError('mfa.already_enabled', 'An authenticator is already set up. Turn it off first.');
      }
      const secret = newTotpSecret();
      await mfaRepo.setPendingTotpSecret(db, identity.id, secretBox.seal(secret, totpContext(identity.id)));
      const uri = otpauthUri(secret, identity.email, ISSUER);
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return {
        secret,
        otpauthUri: uri,
        qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      };
    },

    /** The first code from the new authenticator turns it on and answers the recovery codes, once. */
    async confirm(who: SessionAuth, code: string, meta: RequestMeta) {
      const identity = await identityOf(db, who.identityId);
      await throttle.assertAllowed(identity.email, meta.ip, clock.now());
      if (identity.totpEnabledAt)
        throw new AppError('mfa.already_enabled', 'An authenticator is already set up.');
      if (!identity.totpPendingSecret) {
        throw new AppError('mfa.not_set_up', 'Start setting up an authenticator first.');
      }
      const secret = secretBox.open(identity.totpPendingSecret, totpContext(identity.id));
      const step = matchTotp(secret, code, clock.now(), null);
      if (step === null) {
        await failed(who, identity.email, 'auth.mfa_failed', meta);
        throw invalidCode();
      }
      const { token, recoveryCodes } = await db.transaction(async (tx) => {
        await mfaRepo.enableTotp(tx, identity.id, {
          sealed: identity.totpPendingSecret!,
          step,
          at: clock.now(),
        });
        const recoveryCodes = await replaceRecoveryCodes(tx, identity.id);
        await record(tx, 'auth.mfa_enabled', who, meta);
        await throttle.reset(tx, identity.email);
        return { token: await finish(tx, who), recoveryCodes };
      });
      return { recoveryCodes, ...(await newSession(token)) };
    },

    /** The second step of a password sign-in: a current code, or one unused recovery code. */
    async verify(who: SessionAuth, input: MfaVerifyInput, meta: RequestMeta): Promise<NewSession> {
      if (who.mfaPending !== 'verify') {
        throw new AppError('mfa.not_pending', 'This session is not waiting for a code.');
      }
      const email = (await identityOf(db, who.identityId)).email;
      await throttle.assertAllowed(email, meta.ip, clock.now());
      const token = await db.transaction(async (tx) => {
        // Locked, so two requests racing with the same code cannot both use it.
        const identity = await identityOf(tx, who.identityId, true);
        const accepted = input.code
          ? (await acceptTotp(tx, identity, input.code)) !== null
          : await mfaRepo.spendRecoveryCode(
              tx,
              identity.id,
              hashRecoveryCode(input.recoveryCode!),
              clock.now(),
            );
        if (!accepted) return null;
        await record(tx, input.code ? 'auth.mfa_verified' : 'auth.recovery_code_used', who, meta);
        await throttle.reset(tx, email);
        return finish(tx, who);
      });
      if (!token) {
        await failed(who, email, 'auth.mfa_failed', meta);
        throw invalidCode();
      }
      return newSession(token);
    },

    async regenerateRecoveryCodes(who: SessionAuth, code: string, meta: RequestMeta): Promise<string[]> {
      const email = (await identityOf(db, who.identityId)).email;
      await throttle.assertAllowed(email, meta.ip, clock.now());
      const codes = await db.transaction(async (tx) => {
        const identity = await identityOf(tx, who.identityId, true);
        if (!identity.totpEnabledAt) throw new AppError('mfa.not_set_up', 'Set up an authenticator first.');
        if ((await acceptTotp(tx, identity, code)) === null) return null;
        await record(tx, 'auth.recovery_codes_regenerated', who, meta);
        return replaceRecoveryCodes(tx, identity.id);
      });
      if (!codes) {
        await failed(who, email, 'auth.mfa_failed', meta);
        throw invalidCode();
      }
      return codes;
    },

    /** Turns the authenticator off (password asked again); refused while an organization requires it. */
    async disable(who: SessionAuth, password: string, meta: RequestMeta): Promise<void> {
      const identity = await identityOf(db, who.identityId);
      await throttle.assertAllowed(identity.email, meta.ip, clock.now());
      if (!(await verifyPassword(identity.passwordHash, password))) {
        await failed(who, identity.email, 'auth.password_change_failed', meta);
        throw new AppError('auth.wrong_password', 'That password is not right.');
      }
      if (await mfaRepo.anyMembershipRequiresMfa(db, identity.id)) {
        throw new AppError(
          'mfa.required_by_organization',
          'An organization you belong to requires two-factor sign-in, so it cannot be turned off.',
        );
      }
      await db.transaction(async (tx) => {
        await mfaRepo.disableTotp(tx, identity.id);
        await record(tx, 'auth.mfa_disabled', who, meta);
      });
    },

    /** A new password; every other session of the person ends and this one gets a new token. */
    async changePassword(
      who: SessionAuth,
      input: { currentPassword: string; newPassword: string },
      meta: RequestMeta,
    ): Promise<NewSession> {
      const identity = await identityOf(db, who.identityId);
      await throttle.assertAllowed(identity.email, meta.ip, clock.now());
      if (!(await verifyPassword(identity.passwordHash, input.currentPassword))) {
        await failed(who, identity.email, 'auth.password_change_failed', meta);
        throw new AppError('auth.wrong_password', 'The current password is not right.');
      }
      const passwordHash = await hashPassword(input.newPassword);
      const token = await db.transaction(async (tx) => {
        await mfaRepo.setPassword(tx, identity.id, passwordHash, clock.now());
        await repo.deleteOtherSessionsOfIdentity(tx, identity.id, who.sessionTokenHash);
        await record(tx, 'auth.password_changed', who, meta);
        return auth.rotateSession(tx, who.sessionTokenHash);
      });
      return newSession(token);
    },

    async settings(tenantId: string): Promise<SecuritySettings> {
      return mfaRepo.findSecuritySettings(db, tenantId);
    },

    /**
     * Turning staff MFA on reaches the sessions already signed in: those of members without an
     * authenticator are sent to set one up on their next request.
     */
    async updateSettings(actor: Actor, changes: Partial<SecuritySettings>): Promise<SecuritySettings> {
      return actions.run(actor, 'security_settings.update', async (tx, audit) => {
        const before = await mfaRepo.findSecuritySettings(tx, actor.scope.tenantId);
        const after = { ...before, ...changes };
        await mfaRepo.updateSecuritySettings(tx, actor.scope.tenantId, after, clock.now());
        if (after.mfaRequiredForStaff && !before.mfaRequiredForStaff) {
          await mfaRepo.sendUnenrolledSessionsToEnroll(tx, actor.scope.tenantId);
        }
        audit.target('tenant', actor.scope.tenantId);
        audit.change(before, after);
        return after;
      });
    },

    /** An admin clears a member's lost authenticator; the member signs in again and sets up a new one. */
    async resetMember(actor: Actor, membershipId: string): Promise<void> {
      await actions.run(actor, 'user.mfa_reset', async (tx, audit) => {
        const member = await repo.findMember(tx, actor.scope.tenantId, membershipId);
        if (!member) throw new AppError('user.not_found', 'User not found.');
        const elsewhere = await mfaRepo.countMembershipsElsewhere(
          tx,
          member.identity.id,
          actor.scope.tenantId,
        );
        if (elsewhere > 0) {
          throw new AppError(
            'user.shared_identity',
            'This person also belongs to another organization on this install, so an admin here cannot ' +
              'reset their authenticator. They can use a recovery code, or the install operator can help.',
          );
        }
        await mfaRepo.disableTotp(tx, member.identity.id);
        const sessionIds = await repo.deleteOtherSessionsOfIdentity(tx, member.identity.id, null);
        audit.target('user', membershipId);
        audit.change(
          { mfaEnabled: member.identity.totpEnabledAt !== null },
          { mfaEnabled: false, sessionIds },
        );
      });
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;

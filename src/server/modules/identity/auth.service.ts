// First-run setup, tenants, sign-in, sessions and API tokens.
import type { z } from 'zod';
import type {
  AccountSession,
  apiTokenInputSchema,
  LoginInput,
  MfaPending,
  Session,
  SetupInput,
} from '../../../shared/api/identity.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestAuth } from '../../http/context.ts';
import { rolePermissions } from '../../http/permissions.ts';
import type { Actor, RequestMeta } from '../../http/scope.ts';
import { recordSecurityEvent, type SecurityEvent } from '../audit/index.ts';
import { prepareAuthLookups } from './auth-lookups.ts';
import * as repo from './identity.repository.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { NO_PASSWORD } from './portal-members.ts';
import { burnPasswordCheck, hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';

export type { RequestMeta };

/** An API token as the audit trail keeps it: never its hash. */
const tokenSnapshot = (row: repo.ApiTokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scope: row.scope,
  expiresAt: row.expiresAt,
});

/** A session as its owner (or an admin) sees it: never its token hash or CSRF token. */
export function toSessionView(row: repo.SessionRow, currentTokenHash: string | null): AccountSession {
  return {
    id: row.id,
    tenantId: row.tenantId,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    method: row.method,
    current: row.tokenHash === currentTokenHash,
  };
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  session: Session;
}

type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

export function createAuthService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  sessionTtlHours: number;
  /** Gives a new tenant its defaults (boards, …) inside the creating transaction. */
  onTenantCreated?: (tx: Executor, tenantId: string) => Promise<void>;
}) {
  const { db, actions, clock } = deps;
  const lookups = prepareAuthLookups(db);
  const throttle = createLoginThrottle(db);

  /** Sign-in events happen outside the action runner; see docs/adr/0004-audit.md. */
  const recordSignIn = (
    tx: Executor,
    event: Omit<SecurityEvent, 'ip' | 'userAgent' | 'requestId' | 'occurredAt'>,
    meta: RequestMeta,
  ) =>
    recordSecurityEvent(tx, {
      ...event,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId ?? null,
      occurredAt: clock.now(),
    });

  async function createTenantWithOwner(
    tx: Executor,
    input: SetupInput,
    passwordHash: string,
    policy?: { mfaRequiredForStaff: boolean },
  ) {
    const tenantId = await repo.insertTenant(tx, input.organizationName, policy);
    const existing = await repo.findIdentityByEmail(tx, input.email);
    const identityId =
      existing?.id ?? (await repo.insertIdentity(tx, { email: input.email, name: input.name, passwordHash }));
    const membershipId = await repo.insertMembership(tx, {
      tenantId,
      identityId,
      role: 'owner',
      allClients: true,
    });
    await deps.onTenantCreated?.(tx, tenantId);
    return { tenantId, identityId, membershipId };
  }

  /**
   * What a password sign-in must still do before the session is whole: give a code when the identity has
   * an authenticator, set one up when the organization requires MFA (a session without an organization
   * is asked when it chooses one).
   */
  async function mfaStillPending(
    tx: Executor,
    identity: Pick<repo.IdentityRow, 'id' | 'totpEnabledAt'>,
    tenantId: string | null,
  ): Promise<MfaPending | null> {
    if (identity.totpEnabledAt) return 'verify';
    if (tenantId && (await repo.tenantRequiresMfaOf(tx, tenantId, identity.id))) return 'enroll';
    return null;
  }

  async function startSession(
    tx: Executor,
    identityId: string,
    membership: { tenantId: string; membershipId: string } | null,
    meta: RequestMeta,
    how: { method: 'password' | 'sso'; mfaPending: MfaPending | null },
  ) {
    const token = newSecret();
    const now = clock.now();
    await repo.insertSession(tx, {
      tokenHash: sha256(token),
      identityId,
      tenantId: membership?.tenantId ?? null,
      membershipId: membership?.membershipId ?? null,
      csrfToken: newSecret(),
      method: how.method,
      mfaPending: how.mfaPending,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.sessionTtlHours * 3_600_000),
    });
    return token;
  }

  /**
   * A new token (and CSRF token) for a session whose privilege just rose (MFA passed, organization
   * chosen, password changed): whoever learned the old cookie learns nothing that still works.
   */
  async function rotateSession(
    tx: Executor,
    oldTokenHash: string,
    changes: { mfaPending?: MfaPending | null } = {},
  ): Promise<string> {
    const token = newSecret();
    await repo.rotateSession(tx, oldTokenHash, {
      tokenHash: sha256(token),
      csrfToken: newSecret(),
      ...changes,
    });
    return token;
  }

  async function describeSession(tokenHash: string): Promise<Session> {
    const session = await repo.findLiveSession(db, tokenHash, clock.now());
    if (!session) throw new AppError('auth.unauthenticated', 'Sign in first.');
    const identity = await repo.findIdentity(db, session.identityId);
    if (!identity) throw new AppError('auth.unauthenticated', 'Sign in first.');
    const memberships = await repo.listActiveMemberships(db, identity.id);
    const scope =
      session.tenantId && session.membershipId
        ? await repo.loadScope(db, session.tenantId, session.membershipId)
        : null;
    const current = scope ? memberships.find((m) => m.membershipId === scope.membershipId) : undefined;
    return {
      identity: { id: identity.id, name: identity.name, email: identity.email },
      method: session.method,
      mfaPending: session.mfaPending,
      membership:
        scope && current && !session.mfaPending
          ? {
              id: scope.membershipId,
              tenantId: scope.tenantId,
              tenantName: current.tenantName,
              role: scope.role,
              allClients: scope.clientIds === 'all',
              clientIds: scope.clientIds === 'all' ? [] : [...scope.clientIds],
              permissions: [...rolePermissions[scope.role]],
            }
          : null,
      memberships: memberships.map(({ tenantId, tenantName, role }) => ({ tenantId, tenantName, role })),
      csrfToken: session.csrfToken,
    };
  }

  return {
    async isSetupRequired(): Promise<boolean> {
      return (await repo.countTenants(db)) === 0;
    },

    /** First run only: creates the first tenant and its owner, and signs the owner in. */
    async setup(input: SetupInput, meta: RequestMeta): Promise<NewSession> {
      if ((await repo.countTenants(db)) > 0) throw new AppError('setup.already_done', 'Not found.');
      const passwordHash = await hashPassword(input.password);
      const token = await db.transaction(async (tx) => {
        await repo.lockSetup(tx);
        if ((await repo.countTenants(tx)) > 0) throw new AppError('setup.already_done', 'Not found.');
        const created = await createTenantWithOwner(tx, input, passwordHash);
        await recordSignIn(tx, { action: 'auth.setup', ...created }, meta);
        // The new organization requires MFA of its staff, so the owner sets it up first.
        const identity = (await repo.findIdentity(tx, created.identityId))!;
        const mfaPending = await mfaStillPending(tx, identity, created.tenantId);
        return startSession(tx, created.identityId, created, meta, { method: 'password', mfaPending });
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    /**
     * For `accord tenant create`: another MSP on this install. An existing identity keeps its password.
     * `policy` turns the MFA requirement off from the start (demo data, tests that are not about MFA).
     */
    async createTenant(
      input: SetupInput,
      policy?: { mfaRequiredForStaff: boolean },
    ): Promise<{ tenantId: string; identityId: string }> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction((tx) => createTenantWithOwner(tx, input, passwordHash, policy));
    },

    async login(input: LoginInput, meta: RequestMeta): Promise<NewSession> {
      // Before anything about the account is read: a locked address or IP learns nothing, not even timing.
      await throttle.assertAllowed(input.email, meta.ip, clock.now());
      const identity = await repo.findIdentityByEmail(db, input.email);
      const failed = async (identityId: string | null) => {
        const event = {
          action: 'auth.login_failed',
          identityId,
          tenantId: null,
          membershipId: null,
        } as const;
        await db.transaction(async (tx) => {
          await throttle.recordFailure(tx, input.email, meta.ip, clock.now());
          await recordSignIn(tx, { ...event, email: input.email }, meta);
        });
        return new AppError('auth.invalid_credentials', 'Email or password is wrong.');
      };
      if (!identity) {
        await burnPasswordCheck(input.password);
        throw await failed(null);
      }
      if (identity.passwordHash === NO_PASSWORD) {
        // Invited and not yet accepted: no password opens it, and it takes as long as a wrong one.
        await burnPasswordCheck(input.password);
        throw await failed(identity.id);
      }
      if (!(await verifyPassword(identity.passwordHash, input.password))) {
        throw await failed(identity.id);
      }
      const memberships = await repo.listActiveMemberships(db, identity.id);
      if (memberships.length === 0) {
        throw new AppError(
          'auth.no_membership',
          'This account has no active membership in any organization.',
        );
      }
      const chosen = input.tenantId
        ? memberships.find((m) => m.tenantId === input.tenantId)
        : memberships.length === 1
          ? memberships[0]
          : undefined;
      if (input.tenantId && !chosen) {
        throw new AppError('auth.no_membership', 'This account is not a member of that organization.');
      }
      const token = await db.transaction(async (tx) => {
        await throttle.reset(tx, input.email);
        const membership = { tenantId: chosen?.tenantId ?? null, membershipId: chosen?.membershipId ?? null };
        await recordSignIn(tx, { action: 'auth.login', identityId: identity.id, ...membership }, meta);
        const mfaPending = await mfaStillPending(tx, identity, membership.tenantId);
        return startSession(tx, identity.id, chosen ?? null, meta, { method: 'password', mfaPending });
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    /**
     * Single sign-on (modules/sso) proved who this is: a session in the organization whose provider did,
     * with no MFA step of Accord's own (the provider enforces its own).
     */
    async signInWithSso(
      who: { identityId: string; tenantId: string },
      meta: RequestMeta,
    ): Promise<NewSession> {
      const chosen = (await repo.listActiveMemberships(db, who.identityId)).find(
        (m) => m.tenantId === who.tenantId,
      );
      if (!chosen) {
        throw new AppError('auth.no_membership', 'This account is not a member of that organization.');
      }
      const token = await db.transaction(async (tx) => {
        const event = {
          action: 'auth.sso_login',
          identityId: who.identityId,
          tenantId: who.tenantId,
        } as const;
        await recordSignIn(tx, { ...event, membershipId: chosen.membershipId }, meta);
        return startSession(tx, who.identityId, chosen, meta, { method: 'sso', mfaPending: null });
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    rotateSession,

    /** Scheduled: expired sessions are refused anyway; this keeps the table small. */
    purgeExpiredSessions: () => repo.deleteExpiredSessions(db, clock.now()),

    /** Scheduled with the session purge: failed sign-ins older than the throttle window. */
    purgeLoginFailures: () => throttle.purge(clock.now()),

    /** The caller's own live sessions, in every organization; `current` marks the one asking. */
    async listOwnSessions(auth: RequestAuth): Promise<AccountSession[]> {
      const current = auth.kind === 'session' ? auth.sessionTokenHash : null;
      const rows = await repo.listSessionsOfIdentity(db, auth.identityId, clock.now());
      return rows.map((row) => toSessionView(row, current));
    },

    /** Ends one of the caller's own sessions (another identity's is not found). */
    async revokeOwnSession(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'session.revoke', async (tx, audit) => {
        const row = await repo.deleteSessionOfIdentity(tx, actor.scope.identityId, id);
        if (!row) throw new AppError('session.not_found', 'Session not found.');
        audit.target('session', id);
        audit.change(toSessionView(row, null), null);
      });
    },

    /** "Sign out everywhere else": every own session but the caller's (all of them for an API token). */
    async revokeOtherOwnSessions(actor: Actor, auth: RequestAuth): Promise<number> {
      return actions.run(actor, 'session.revoke_others', async (tx, audit) => {
        const keep = auth.kind === 'session' ? auth.sessionTokenHash : null;
        const ids = await repo.deleteOtherSessionsOfIdentity(tx, actor.scope.identityId, keep);
        audit.target('identity', actor.scope.identityId);
        audit.change({ sessionIds: ids }, { sessionIds: [] });
        return ids.length;
      });
    },

    async logout(tokenHash: string, meta: RequestMeta = { ip: null, userAgent: null }): Promise<void> {
      await db.transaction(async (tx) => {
        const session = await repo.findLiveSession(tx, tokenHash, clock.now());
        await repo.deleteSession(tx, tokenHash);
        if (!session) return;
        const { identityId, tenantId, membershipId } = session;
        await recordSignIn(tx, { action: 'auth.logout', identityId, tenantId, membershipId }, meta);
      });
    },

    describeSession,

    /** Binds the session to one of the identity's organizations, under a new token. */
    async selectTenant(
      auth: RequestAuth & { kind: 'session' },
      tenantId: string,
      meta: RequestMeta = { ip: null, userAgent: null },
    ): Promise<NewSession> {
      const memberships = await repo.listActiveMemberships(db, auth.identityId);
      const chosen = memberships.find((m) => m.tenantId === tenantId);
      if (!chosen)
        throw new AppError('auth.no_membership', 'This account is not a member of that organization.');
      const token = await db.transaction(async (tx) => {
        const session = await repo.findLiveSession(tx, auth.sessionTokenHash, clock.now());
        if (!session) throw new AppError('auth.unauthenticated', 'Sign in first.');
        await repo.setSessionMembership(tx, auth.sessionTokenHash, tenantId, chosen.membershipId);
        const event = { action: 'auth.select_tenant', identityId: auth.identityId, tenantId } as const;
        await recordSignIn(tx, { ...event, membershipId: chosen.membershipId }, meta);
        // A password session joining an organization that requires MFA, by an identity without it.
        const identity = (await repo.findIdentity(tx, auth.identityId))!;
        const enroll =
          session.method === 'password' && (await mfaStillPending(tx, identity, tenantId)) === 'enroll';
        return rotateSession(tx, auth.sessionTokenHash, enroll ? { mfaPending: 'enroll' } : {});
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    /** Resolves the request's identity and scope from a session cookie or a bearer token, once per request. */
    async authenticate(credentials: {
      sessionToken?: string;
      bearerToken?: string;
    }): Promise<RequestAuth | null> {
      const now = clock.now();
      if (credentials.bearerToken) {
        const token = await lookups.apiToken(sha256(credentials.bearerToken));
        if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
        const scope = await lookups.scope(token.tenantId, token.membershipId);
        if (!scope) return null;
        if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
          await repo.touchApiToken(db, token, now);
        }
        return { kind: 'token', identityId: scope.identityId, tokenId: token.id, access: token.scope, scope };
      }
      if (!credentials.sessionToken) return null;
      const tokenHash = sha256(credentials.sessionToken);
      const session = await lookups.liveSession(tokenHash, now);
      if (!session) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > 5 * 60_000)
        await repo.touchSession(db, tokenHash, now);
      const scope =
        session.tenantId && session.membershipId && !session.mfaPending
          ? await lookups.scope(session.tenantId, session.membershipId)
          : null;
      return {
        kind: 'session',
        identityId: session.identityId,
        sessionTokenHash: tokenHash,
        csrfToken: session.csrfToken,
        mfaPending: session.mfaPending,
        scope,
      };
    },

    async createApiToken(actor: Actor, input: ApiTokenInput) {
      const token = `acc_${newSecret()}`;
      const row = await actions.run(actor, 'api_token.create', async (tx, audit) => {
        const created = await repo.insertApiToken(tx, {
          tenantId: actor.scope.tenantId,
          membershipId: actor.scope.membershipId,
          name: input.name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          scope: input.scope,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        });
        audit.target('api_token', created.id);
        audit.change(null, tokenSnapshot(created));
        return created;
      });
      return { row, token };
    },

    listApiTokens: (actor: Actor) => repo.listApiTokens(db, actor.scope),

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'api_token.revoke', async (tx, audit) => {
        const now = clock.now();
        if (!(await repo.revokeApiToken(tx, actor.scope, id, now))) {
          throw new AppError('api_token.not_found', 'API token not found.');
        }
        audit.target('api_token', id);
        audit.change({ revokedAt: null }, { revokedAt: now });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

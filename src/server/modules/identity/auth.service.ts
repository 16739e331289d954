// First-run setup, tenants, sign-in, sessions and API tokens.
import type { z } from 'zod';
import type { apiTokenInputSchema, LoginInput, Session, SetupInput } from '../../../shared/api/identity.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestAuth } from '../../http/context.ts';
import { rolePermissions } from '../../http/permissions.ts';
import type { Actor } from '../../http/scope.ts';
import { recordSecurityEvent, type SecurityEvent } from '../audit/index.ts';
import { prepareAuthLookups } from './auth-lookups.ts';
import * as repo from './identity.repository.ts';
import { burnPasswordCheck, hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

/** An API token as the audit trail keeps it: never its hash. */
const tokenSnapshot = (row: { id: string; name: string; prefix: string; expiresAt: Date | null }) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  expiresAt: row.expiresAt,
});

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

  async function createTenantWithOwner(tx: Executor, input: SetupInput, passwordHash: string) {
    const tenantId = await repo.insertTenant(tx, input.organizationName);
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

  async function startSession(
    tx: Executor,
    identityId: string,
    membership: { tenantId: string; membershipId: string } | null,
    meta: RequestMeta,
  ) {
    const token = newSecret();
    const now = clock.now();
    await repo.insertSession(tx, {
      tokenHash: sha256(token),
      identityId,
      tenantId: membership?.tenantId ?? null,
      membershipId: membership?.membershipId ?? null,
      csrfToken: newSecret(),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.sessionTtlHours * 3_600_000),
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
      membership:
        scope && current
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
        return startSession(tx, created.identityId, created, meta);
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    /** For `accord tenant create`: another MSP on this install. An existing identity keeps its password. */
    async createTenant(input: SetupInput): Promise<{ tenantId: string; identityId: string }> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction((tx) => createTenantWithOwner(tx, input, passwordHash));
    },

    async login(input: LoginInput, meta: RequestMeta): Promise<NewSession> {
      const identity = await repo.findIdentityByEmail(db, input.email);
      const failed = async (identityId: string | null) => {
        const event = {
          action: 'auth.login_failed',
          identityId,
          tenantId: null,
          membershipId: null,
        } as const;
        await recordSignIn(db, { ...event, email: input.email }, meta);
        return new AppError('auth.invalid_credentials', 'Email or password is wrong.');
      };
      if (!identity) {
        await burnPasswordCheck(input.password);
        throw await failed(null);
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
        const membership = { tenantId: chosen?.tenantId ?? null, membershipId: chosen?.membershipId ?? null };
        await recordSignIn(tx, { action: 'auth.login', identityId: identity.id, ...membership }, meta);
        return startSession(tx, identity.id, chosen ?? null, meta);
      });
      return { token, session: await describeSession(sha256(token)) };
    },

    /** Scheduled: expired sessions are refused anyway; this keeps the table small. */
    purgeExpiredSessions: () => repo.deleteExpiredSessions(db, clock.now()),

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

    async selectTenant(
      auth: RequestAuth & { kind: 'session' },
      tenantId: string,
      meta: RequestMeta = { ip: null, userAgent: null },
    ): Promise<Session> {
      const memberships = await repo.listActiveMemberships(db, auth.identityId);
      const chosen = memberships.find((m) => m.tenantId === tenantId);
      if (!chosen)
        throw new AppError('auth.no_membership', 'This account is not a member of that organization.');
      await db.transaction(async (tx) => {
        await repo.setSessionMembership(tx, auth.sessionTokenHash, tenantId, chosen.membershipId);
        const event = { action: 'auth.select_tenant', identityId: auth.identityId, tenantId } as const;
        await recordSignIn(tx, { ...event, membershipId: chosen.membershipId }, meta);
      });
      return describeSession(auth.sessionTokenHash);
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
        return { kind: 'token', identityId: scope.identityId, tokenId: token.id, scope };
      }
      if (!credentials.sessionToken) return null;
      const tokenHash = sha256(credentials.sessionToken);
      const session = await lookups.liveSession(tokenHash, now);
      if (!session) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > 5 * 60_000)
        await repo.touchSession(db, tokenHash, now);
      const scope =
        session.tenantId && session.membershipId
          ? await lookups.scope(session.tenantId, session.membershipId)
          : null;
      return {
        kind: 'session',
        identityId: session.identityId,
        sessionTokenHash: tokenHash,
        csrfToken: session.csrfToken,
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

// Single sign-on for staff: a tenant's OpenID Connect providers, and signing in through them. Accord
// creates no accounts: a provider account reaches an existing member, linked at its first sign-in by email.
import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import {
  GOOGLE_ISSUER,
  issuerProblem,
  normalizeIssuer,
  type SsoErrorCode,
  type SsoProvider,
  type SsoProviderInput,
  type SsoProviderKind,
  type SsoProviderUpdate,
} from '../../../shared/api/sso.ts';
import type { Clock } from '../../clock.ts';
import { sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { SecretBox } from '../../secret-box.ts';
import type { AuthService } from '../identity/index.ts';
import { createRelyingParty, type IdTokenClaims, isAuthorizationRefusal } from './relying-party.ts';
import * as repo from './sso.repository.ts';
import { claimedEmail, domainOf, isEmailUnverified } from './sso-claims.ts';

/** How long a sign-in may take between leaving for the provider and coming back. */
const ATTEMPT_TTL_MS = 10 * 60_000;

type RequestMeta = Parameters<AuthService['signInWithSso']>[1];

function toProvider(row: repo.SsoProviderRow): SsoProvider {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    emailDomains: row.emailDomains,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const providerNotFound = () => new AppError('sso_provider.not_found', 'Single sign-on provider not found.');

/** An error with the errors that caused it ("unexpected JWT claim value: unexpected JWT "aud" claim value"). */
function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error && messages.length < 5; e = e.cause) messages.push(e.message);
  return messages.length > 0 ? messages.join(': ') : String(error);
}

/** A sign-in the callback refuses; `reason` is what /login?sso_error= says, `cause` what the log does. */
const refused = (reason: SsoErrorCode, message: string, cause?: unknown) =>
  new AppError('sso.failed', message, {
    reason,
    ...(cause === undefined ? {} : { cause: describeError(cause) }),
  });

const secretContext = (providerId: string) => `sso:${providerId}`;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createSsoService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  secretBox: SecretBox;
  auth: Pick<AuthService, 'signInWithSso'>;
}) {
  const { db, actions, clock, secretBox } = deps;
  const relyingParty = createRelyingParty({ clock });

  /** 409 when an enabled provider elsewhere on the install already has one of the domains. */
  async function assertDomainsFree(
    tx: Executor,
    domains: readonly string[],
    self: { tenantId: string; id: string },
  ) {
    await repo.lockProviderDomains(tx);
    const others = await repo.findEnabledProvidersWithDomains(tx, domains, self);
    const taken = domains.filter((d) => others.some((other) => other.emailDomains.includes(d)));
    if (taken.length > 0) {
      const message = `${taken.join(', ')} already ${taken.length === 1 ? 'belongs' : 'belong'} to another enabled single sign-on provider on this Accord install.`;
      throw new AppError('sso.domain_taken', message, [{ path: ['emailDomains'], message }]);
    }
  }

  function assertIssuer(kind: SsoProviderKind, issuer: string) {
    const problem = issuerProblem(kind, issuer);
    if (problem)
      throw new AppError('request.invalid', `issuer: ${problem}`, [{ path: ['issuer'], message: problem }]);
  }

  function clientOf(row: repo.SsoProviderRow) {
    return {
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: secretBox.open(row.clientSecret, secretContext(row.id)),
    };
  }

  /** Who the provider's account is in Accord: its link, or a member of the tenant with its email. */
  async function findPerson(
    provider: repo.SsoProviderRow,
    claims: IdTokenClaims,
  ): Promise<{ identityId: string; link: repo.SsoLinkRow | null }> {
    const link = await repo.findLink(db, provider.id, claims.sub);
    if (link) {
      if (!(await repo.isActiveMember(db, provider.tenantId, link.identityId))) {
        throw refused('no_membership', 'The linked member is deactivated in this organization.');
      }
      return { identityId: link.identityId, link };
    }
    const email = claimedEmail(provider.kind, claims);
    if (!email || !provider.emailDomains.includes(domainOf(email))) {
      throw refused(
        'unknown_account',
        "The provider's account has no email address in this provider's domains.",
      );
    }
    // A Google account without `hd` is a personal one, even with the company's address on it.
    if (provider.kind === 'google' && typeof claims.hd !== 'string') {
      throw refused(
        'unknown_account',
        'Only Google Workspace accounts may sign in, not personal Google accounts.',
      );
    }
    const identityId = await repo.findMemberIdentityByEmail(db, provider.tenantId, email);
    if (!identityId) throw refused('unknown_account', `No active member of the organization has ${email}.`);
    if (await repo.findLinkOfIdentity(db, provider.tenantId, provider.id, identityId)) {
      throw refused('already_linked', 'This member is already linked to another account at the provider.');
    }
    return { identityId, link: null };
  }

  return {
    async list(scope: Scope): Promise<SsoProvider[]> {
      return (await repo.listProviders(db, scope)).map(toProvider);
    },

    async get(scope: Scope, id: string): Promise<SsoProvider> {
      const row = await repo.findProvider(db, scope, id);
      if (!row) throw providerNotFound();
      return toProvider(row);
    },

    async create(actor: Actor, input: SsoProviderInput): Promise<SsoProvider> {
      return actions.run(actor, 'sso_provider.create', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const id = newId();
        const issuer = normalizeIssuer(input.kind, input.issuer ?? GOOGLE_ISSUER);
        assertIssuer(input.kind, issuer);
        if (input.enabled) await assertDomainsFree(tx, input.emailDomains, { tenantId, id });
        const now = clock.now();
        const row = await repo.insertProvider(tx, {
          tenantId,
          id,
          kind: input.kind,
          name: input.name,
          issuer,
          clientId: input.clientId,
          clientSecret: secretBox.seal(input.clientSecret, secretContext(id)),
          emailDomains: input.emailDomains,
          enabled: input.enabled,
          createdAt: now,
          updatedAt: now,
        });
        const provider = toProvider(row);
        audit.target('sso_provider', id);
        audit.change(null, provider);
        return provider;
      });
    },

    async update(actor: Actor, id: string, input: SsoProviderUpdate): Promise<SsoProvider> {
      return actions.run(actor, 'sso_provider.update', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const before = await repo.findProvider(tx, actor.scope, id);
        if (!before) throw providerNotFound();
        const kind = input.kind ?? before.kind;
        const defaultIssuer = kind === 'google' && kind !== before.kind ? GOOGLE_ISSUER : before.issuer;
        const issuer = normalizeIssuer(kind, input.issuer ?? defaultIssuer);
        assertIssuer(kind, issuer);
        const emailDomains = input.emailDomains ?? before.emailDomains;
        const enabled = input.enabled ?? before.enabled;
        if (enabled) await assertDomainsFree(tx, emailDomains, { tenantId, id });
        const row = await repo.updateProvider(tx, tenantId, id, {
          kind,
          name: input.name ?? before.name,
          issuer,
          clientId: input.clientId ?? before.clientId,
          ...(input.clientSecret === undefined
            ? {}
            : { clientSecret: secretBox.seal(input.clientSecret, secretContext(id)) }),
          emailDomains,
          enabled,
          updatedAt: clock.now(),
        });
        const after = toProvider(row);
        audit.target('sso_provider', id);
        // The secret itself never enters the trail; that it was replaced does ("credential": not dropped).
        audit.change(
          toProvider(before),
          input.clientSecret === undefined ? after : { ...after, clientCredential: 'replaced' },
        );
        return after;
      });
    },

    /** Removes the provider with its links: its people sign in with their passwords again. */
    async remove(actor: Actor, id: string): Promise<void> {
      await actions.run(actor, 'sso_provider.delete', async (tx, audit) => {
        const before = await repo.findProvider(tx, actor.scope, id);
        if (!before) throw providerNotFound();
        await repo.deleteProvider(tx, actor.scope.tenantId, id);
        audit.target('sso_provider', id);
        audit.change(toProvider(before), null);
      });
    },

    /**
     * Where to send the browser for `email`: the authorization URL of the enabled provider for its
     * domain, after recording the attempt. `state` also goes into a cookie (the route's job), so the
     * callback only completes in the browser that started it.
     */
    async startSignIn(email: string, redirectUri: string): Promise<{ redirectUrl: string; state: string }> {
      const provider = await repo.findEnabledProviderForDomain(db, domainOf(email));
      if (!provider) {
        throw new AppError(
          'sso.no_provider',
          `Single sign-on is not set up for ${domainOf(email)}. Sign in with your password, or ask your administrator.`,
        );
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      let redirectUrl: string;
      try {
        redirectUrl = await relyingParty.authorizationUrl(clientOf(provider), {
          redirectUri,
          state,
          nonce,
          codeVerifier,
          loginHint: email,
        });
      } catch (error) {
        throw new AppError(
          'sso.provider_unreachable',
          `Could not reach ${provider.name} to sign in. Try again in a moment, or sign in with your password.`,
          { cause: describeError(error) },
        );
      }
      const now = clock.now();
      await repo.insertLoginAttempt(db, {
        stateHash: sha256(state),
        tenantId: provider.tenantId,
        providerId: provider.id,
        nonce,
        codeVerifier,
        createdAt: now,
        expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
      });
      return { redirectUrl, state };
    },

    /**
     * The provider's answer at the callback: `callbackUrl` is the redirect URI with the query the provider
     * sent; `browserState` the state cookie. Uses the attempt up whatever happens next, then signs the
     * member in. Throws sso.failed with details.reason when refused; nothing is linked then.
     */
    async finishSignIn(callbackUrl: URL, browserState: string | undefined, meta: RequestMeta) {
      const state = callbackUrl.searchParams.get('state');
      if (!state) throw refused('expired', 'The provider answered without a state.');
      const attempt = await repo.takeLoginAttempt(db, sha256(state));
      if (!attempt || attempt.expiresAt <= clock.now()) {
        throw refused('expired', 'This sign-in is unknown, expired or already used; start again.');
      }
      if (!browserState || !sameText(browserState, state)) {
        throw refused('expired', 'This sign-in was started in another browser; start again here.');
      }
      const provider = await repo.findTenantProvider(db, attempt.tenantId, attempt.providerId);
      if (!provider?.enabled) throw refused('disabled', 'The provider was disabled or removed meanwhile.');

      let claims: IdTokenClaims;
      try {
        claims = await relyingParty.exchangeCode(clientOf(provider), callbackUrl, {
          state,
          nonce: attempt.nonce,
          codeVerifier: attempt.codeVerifier,
        });
      } catch (error) {
        if (isAuthorizationRefusal(error))
          throw refused('denied', 'The provider did not sign you in.', error);
        throw refused('provider', "The provider's answer could not be verified.", error);
      }
      if (isEmailUnverified(claims)) {
        throw refused('unverified_email', 'The provider has not verified this email address.');
      }

      const person = await findPerson(provider, claims);
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (person.link) return repo.touchLink(tx, person.link, now);
        const linked = await repo.insertLink(tx, {
          tenantId: provider.tenantId,
          providerId: provider.id,
          subject: claims.sub,
          identityId: person.identityId,
          createdAt: now,
          lastSignInAt: now,
        });
        // Linked meanwhile by a sign-in racing this one: only the same person may go on.
        const winner = linked ? null : await repo.findLink(tx, provider.id, claims.sub);
        if (winner && winner.identityId !== person.identityId) {
          throw refused('already_linked', 'This account was linked to another member meanwhile.');
        }
      });
      try {
        return await deps.auth.signInWithSso(
          { identityId: person.identityId, tenantId: provider.tenantId },
          meta,
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'auth.no_membership') {
          throw refused('no_membership', error.message);
        }
        throw error;
      }
    },

    /** Scheduled with the session purge: sign-ins abandoned at the provider. */
    purgeExpiredAttempts: () => repo.deleteExpiredLoginAttempts(db, clock.now()),
  };
}

export type SsoService = ReturnType<typeof createSsoService>;

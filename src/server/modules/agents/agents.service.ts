// Enrollment tokens, enrolled agents and their credentials, and heartbeats.
import { sql } from 'drizzle-orm';
import type {
  Agent,
  AgentEnrolled,
  AgentEnrollInput,
  EnrollmentToken,
  EnrollmentTokenInput,
  EnrollmentTokenStatus,
  HeartbeatInput,
} from '../../../shared/api/agents.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, DatabaseHandle } from '../../db/client.ts';
import { listen } from '../../db/listen.ts';
import { writeBuffered } from '../../db/telemetry-buffer.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { startBufferWriter } from '../../jobs/poll-loop.ts';
import { clientVisible, insertAsset, siteBelongsToClient, touchAssetsLastSeen } from '../assets/index.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import * as repo from './agents.repository.ts';
import { createHeartbeatBuffer, type HeartbeatBuffer } from './heartbeat-buffer.ts';

/** Prefixes that make a leaked secret recognisable (and let a scanner find it). */
export const ENROLLMENT_TOKEN_PREFIX = 'acen_';
export const AGENT_CREDENTIAL_PREFIX = 'acag_';

/** Who a valid agent credential belongs to. */
export interface AgentIdentity {
  tenantId: string;
  agentId: string;
  assetId: string;
}

/** Where an agent's request came from, for the audit trail. */
export interface AgentRequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

function tokenStatus(row: repo.EnrollmentTokenRow, now: Date): EnrollmentTokenStatus {
  if (row.revokedAt) return 'revoked';
  if (row.uses >= row.maxUses) return 'used_up';
  if (row.expiresAt <= now) return 'expired';
  return 'active';
}

function toEnrollmentToken(row: repo.EnrollmentTokenListRow, now: Date): EnrollmentToken {
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    siteId: row.siteId,
    siteName: row.siteName,
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    status: tokenStatus(row, now),
  };
}

function toAgent(row: repo.AgentListRow): Agent {
  return {
    id: row.id,
    assetId: row.assetId,
    assetName: row.assetName,
    clientId: row.clientId,
    clientName: row.clientName,
    hostname: row.hostname,
    version: row.version,
    enrolledAt: row.enrolledAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const tokenNotFound = () => new AppError('enrollment_token.not_found', 'Enrollment token not found.');
const agentNotFound = () => new AppError('agent.not_found', 'Agent not found.');
/** One answer for unknown, expired, used-up and revoked tokens, so none can be told apart by probing. */
const refused = () =>
  new AppError('agent.enrollment_refused', 'The enrollment token is invalid, expired, used up or revoked.');

/** The channel every app node hears revocations on (see startRevocationListener). */
export const AGENT_REVOKED_CHANNEL = 'accord_agent_revoked';

/**
 * Credentials known good are kept this long, and no more than this many. Revocations are heard at once;
 * the limit only bounds what a missed message could cost.
 */
const CREDENTIAL_TTL_MS = 60 * 60_000;
const CREDENTIAL_CACHE_SIZE = 100_000;

export function createAgentService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;
  const heartbeats = createHeartbeatBuffer();
  /**
   * Credential hash → agent, so a heartbeat costs no read. Trusted only while this node hears every
   * revocation (startRevocationListener); a revocation evicts its agent on every node at commit.
   */
  const credentials = new Map<string, { agent: AgentIdentity; at: number }>();
  let hearsRevocations = false;

  /** The agent behind a credential hash this node remembers and may trust; undefined otherwise. */
  function remembered(hash: string): AgentIdentity | undefined {
    const known = hearsRevocations ? credentials.get(hash) : undefined;
    return known && performance.now() - known.at < CREDENTIAL_TTL_MS ? known.agent : undefined;
  }

  function forgetCredentialsOf(agentId: string) {
    for (const [hash, entry] of credentials) if (entry.agent.agentId === agentId) credentials.delete(hash);
  }

  async function requireToken(scope: Scope, id: string) {
    const row = await repo.findEnrollmentToken(db, scope, id);
    if (!row) throw tokenNotFound();
    return row;
  }

  return {
    /** A new token, returned once with the row; only its hash is stored. */
    async createEnrollmentToken(
      actor: Actor,
      input: EnrollmentTokenInput,
    ): Promise<{ enrollmentToken: EnrollmentToken; token: string }> {
      const token = `${ENROLLMENT_TOKEN_PREFIX}${newSecret()}`;
      const now = clock.now();
      const id = await actions.run(actor, 'enrollment_token.create', async (tx, audit) => {
        if (!(await clientVisible(tx, actor.scope, input.clientId))) {
          throw new AppError('client.not_found', 'Client not found.');
        }
        if (
          input.siteId &&
          !(await siteBelongsToClient(tx, actor.scope.tenantId, input.siteId, input.clientId))
        ) {
          throw new AppError('site.not_found', "Site not found among the client's sites.");
        }
        const row = await repo.insertEnrollmentToken(tx, {
          tenantId: actor.scope.tenantId,
          clientId: input.clientId,
          siteId: input.siteId ?? null,
          tokenHash: sha256(token),
          expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
          maxUses: input.maxUses,
          createdById: actor.scope.membershipId,
          createdAt: now,
        });
        audit.target('enrollment_token', row.id);
        audit.change(null, { ...row, tokenHash: undefined });
        return row.id;
      });
      return { enrollmentToken: toEnrollmentToken(await requireToken(actor.scope, id), now), token };
    },

    async listEnrollmentTokens(scope: Scope): Promise<EnrollmentToken[]> {
      const now = clock.now();
      return (await repo.listEnrollmentTokens(db, scope)).map((row) => toEnrollmentToken(row, now));
    },

    /** Revoking a revoked token changes nothing and answers the same. */
    async revokeEnrollmentToken(actor: Actor, id: string): Promise<EnrollmentToken> {
      const now = clock.now();
      return actions.run(actor, 'enrollment_token.revoke', async (tx, audit) => {
        const before = await repo.findEnrollmentToken(tx, actor.scope, id);
        if (!before) throw tokenNotFound();
        await repo.revokeEnrollmentToken(tx, actor.scope.tenantId, id, now);
        const after = toEnrollmentToken((await repo.findEnrollmentToken(tx, actor.scope, id))!, now);
        audit.target('enrollment_token', id);
        audit.change(toEnrollmentToken(before, now), after);
        return after;
      });
    },

    async listAgents(scope: Scope): Promise<Agent[]> {
      return (await repo.listAgents(db, scope)).map(toAgent);
    },

    /** The agent's credential is refused from its next call on. */
    async revokeAgent(actor: Actor, id: string): Promise<Agent> {
      const agent = await actions.run(actor, 'agent.revoke', async (tx, audit) => {
        const before = await repo.findAgent(tx, actor.scope, id);
        if (!before) throw agentNotFound();
        await repo.revokeAgent(tx, actor.scope.tenantId, id, clock.now());
        // Heard by every node when this commits, this one included.
        await tx.execute(sql`select pg_notify(${AGENT_REVOKED_CHANNEL}, ${id})`);
        const after = toAgent((await repo.findAgent(tx, actor.scope, id))!);
        audit.target('agent', id);
        audit.change(toAgent(before), after);
        return after;
      });
      heartbeats.forget(id);
      forgetCredentialsOf(id);
      return agent;
    },

    /**
     * Exchanges an enrollment token for a new asset (the token's client and site) and an agent with a
     * fresh credential, all in one transaction: a refused token changes nothing.
     */
    async enroll(input: AgentEnrollInput, meta: AgentRequestMeta): Promise<AgentEnrolled> {
      const credential = `${AGENT_CREDENTIAL_PREFIX}${newSecret()}`;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const token = await repo.spendEnrollmentToken(tx, sha256(input.token), now);
        if (!token) throw refused();
        const asset = await insertAsset(tx, {
          tenantId: token.tenantId,
          clientId: token.clientId,
          siteId: token.siteId,
          type: input.type ?? 'workstation',
          name: input.hostname,
          hostname: input.hostname,
          serial: input.serial ?? null,
          os: input.os,
          osVersion: input.osVersion,
          createdAt: now,
          updatedAt: now,
        });
        const agent = await repo.insertAgent(tx, {
          tenantId: token.tenantId,
          assetId: asset.id,
          credentialHash: sha256(credential),
          enrolledAt: now,
          enrollmentTokenId: token.id,
          hostname: input.hostname,
        });
        await recordSecurityEvent(tx, {
          action: 'agent.enrolled',
          tenantId: token.tenantId,
          identityId: null,
          membershipId: null,
          ...meta,
          occurredAt: now,
          target: { type: 'agent', id: agent.id },
        });
        return { agentId: agent.id, assetId: asset.id, credential };
      });
    },

    /** The agent a credential belongs to; null when it is unknown or revoked. */
    async authenticate(credential: string): Promise<AgentIdentity | null> {
      if (!credential.startsWith(AGENT_CREDENTIAL_PREFIX) || credential.length > 200) return null;
      const hash = sha256(credential);
      const known = remembered(hash);
      if (known) return known;
      const row = await repo.findAgentByCredentialHash(db, hash);
      if (!row || row.revokedAt) return null;
      const agent = { tenantId: row.tenantId, agentId: row.id, assetId: row.assetId };
      if (hearsRevocations) {
        if (credentials.size >= CREDENTIAL_CACHE_SIZE) credentials.delete(credentials.keys().next().value!);
        credentials.set(hash, { agent, at: performance.now() });
      }
      return agent;
    },

    /** The agent of a credential this node remembers, without asking the database; null otherwise. */
    rememberedAgent(credential: string): AgentIdentity | null {
      if (!hearsRevocations || !credential.startsWith(AGENT_CREDENTIAL_PREFIX)) return null;
      return remembered(sha256(credential)) ?? null;
    },

    /** A revocation heard from any node (its agent's id). */
    revoked(agentId: string): void {
      forgetCredentialsOf(agentId);
      heartbeats.forget(agentId);
    },

    /** Whether this node hears every revocation; while it may not, no credential is taken from memory. */
    setHearsRevocations(hearing: boolean): void {
      hearsRevocations = hearing;
      if (!hearing) credentials.clear();
    },

    /** Buffers the beat; flushHeartbeats writes it (startHeartbeatWriter does so every few seconds). */
    recordHeartbeat(agent: AgentIdentity, input: HeartbeatInput): void {
      heartbeats.add({ ...agent, at: clock.now(), version: input.agentVersion });
    },

    /** Writes the buffered last-seen times to agents and assets; returns how many agents were written. */
    flushHeartbeats: () => writeHeartbeats(db, heartbeats),
  };
}

/**
 * Agents written per transaction. On PGlite a write holds the only connection and the event loop (tens of
 * microseconds an agent), so a flush of thousands is written in slices, with requests answered between.
 */
const HEARTBEAT_SLICE = 100;

/** Writes what the buffer holds to agents and assets, a slice of agents per transaction. */
export const writeHeartbeats = (db: Database, buffer: HeartbeatBuffer): Promise<number> =>
  writeBuffered(buffer, HEARTBEAT_SLICE, (tenantId, slice) =>
    db.transaction(async (tx) => {
      await repo.touchAgentsLastSeen(tx, tenantId, slice);
      await touchAssetsLastSeen(tx, tenantId, slice);
    }),
  );

export type AgentService = ReturnType<typeof createAgentService>;

/** Flushes heartbeats every few seconds; stop() writes what is left (on shutdown). */
export const startHeartbeatWriter = (
  agents: AgentService,
  options: { intervalMs?: number; log: (error: unknown) => void },
) => startBufferWriter(() => agents.flushHeartbeats(), options);

/** Keeps this node's credential cache in step with revocations made on any node. */
export function startRevocationListener(
  handle: DatabaseHandle,
  agents: AgentService,
  log: (error: unknown) => void,
) {
  return listen(
    handle,
    AGENT_REVOKED_CHANNEL,
    (agentId) => agents.revoked(agentId),
    agents.setHearsRevocations,
    log,
  );
}

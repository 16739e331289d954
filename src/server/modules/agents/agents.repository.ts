// Every query on enrollment tokens and agents; staff reads take the request's scope first.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { instantArray, textArray, uuidArray } from '../../db/array-params.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { assets } from '../assets/assets.table.ts';
import { clients, sites } from '../clients/clients.table.ts';
import { agents, enrollmentTokens } from './agents.table.ts';

export type EnrollmentTokenRow = typeof enrollmentTokens.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;
export type EnrollmentTokenListRow = EnrollmentTokenRow & { clientName: string; siteName: string | null };
export type AgentListRow = AgentRow & { assetName: string; clientId: string; clientName: string };

export async function insertEnrollmentToken(
  db: Executor,
  values: typeof enrollmentTokens.$inferInsert,
): Promise<EnrollmentTokenRow> {
  const [row] = await db.insert(enrollmentTokens).values(values).returning();
  return row!;
}

const tokenListColumns = { token: enrollmentTokens, clientName: clients.name, siteName: sites.name };

function tokenListQuery(db: Executor) {
  return db
    .select(tokenListColumns)
    .from(enrollmentTokens)
    .innerJoin(
      clients,
      and(eq(clients.tenantId, enrollmentTokens.tenantId), eq(clients.id, enrollmentTokens.clientId)),
    )
    .leftJoin(
      sites,
      and(eq(sites.tenantId, enrollmentTokens.tenantId), eq(sites.id, enrollmentTokens.siteId)),
    )
    .$dynamic();
}

const flattenToken = (row: { token: EnrollmentTokenRow; clientName: string; siteName: string | null }) => ({
  ...row.token,
  clientName: row.clientName,
  siteName: row.siteName,
});

export async function listEnrollmentTokens(db: Executor, scope: Scope): Promise<EnrollmentTokenListRow[]> {
  const rows = await tokenListQuery(db)
    .where(inClientScope(scope, enrollmentTokens.tenantId, enrollmentTokens.clientId))
    .orderBy(desc(enrollmentTokens.createdAt), desc(enrollmentTokens.id));
  return rows.map(flattenToken);
}

export async function findEnrollmentToken(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<EnrollmentTokenListRow | undefined> {
  const [row] = await tokenListQuery(db).where(
    and(
      inClientScope(scope, enrollmentTokens.tenantId, enrollmentTokens.clientId),
      eq(enrollmentTokens.id, id),
    ),
  );
  return row && flattenToken(row);
}

export async function revokeEnrollmentToken(db: Executor, tenantId: string, id: string, now: Date) {
  await db
    .update(enrollmentTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(enrollmentTokens.tenantId, tenantId),
        eq(enrollmentTokens.id, id),
        isNull(enrollmentTokens.revokedAt),
      ),
    );
}

/**
 * Spends one use of the token with this hash if it is live at `now`, in one statement so that two
 * enrollments racing for the last use cannot both win. Undefined when the token cannot be used.
 */
export async function spendEnrollmentToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<EnrollmentTokenRow | undefined> {
  const [row] = await db
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + 1` })
    .where(
      and(
        eq(enrollmentTokens.tokenHash, tokenHash),
        isNull(enrollmentTokens.revokedAt),
        sql`${enrollmentTokens.expiresAt} > ${now.toISOString()}::timestamptz`,
        sql`${enrollmentTokens.uses} < ${enrollmentTokens.maxUses}`,
        // An archived client takes no new machines; written out because Drizzle leaves subquery columns bare.
        sql`exists (select 1 from clients c where c.tenant_id = "enrollment_tokens"."tenant_id"
          and c.id = "enrollment_tokens"."client_id" and c.archived_at is null)`,
      ),
    )
    .returning();
  return row;
}

export async function insertAgent(db: Executor, values: typeof agents.$inferInsert): Promise<AgentRow> {
  const [row] = await db.insert(agents).values(values).returning();
  return row!;
}

/** What a heartbeat needs to know about the credential's agent. */
export async function findAgentByCredentialHash(db: Executor, credentialHash: string) {
  const [row] = await db
    .select({
      tenantId: agents.tenantId,
      id: agents.id,
      assetId: agents.assetId,
      revokedAt: agents.revokedAt,
    })
    .from(agents)
    .where(eq(agents.credentialHash, credentialHash));
  return row;
}

const agentListColumns = {
  agent: agents,
  assetName: assets.name,
  clientId: assets.clientId,
  clientName: clients.name,
};

function agentListQuery(db: Executor) {
  return db
    .select(agentListColumns)
    .from(agents)
    .innerJoin(assets, and(eq(assets.tenantId, agents.tenantId), eq(assets.id, agents.assetId)))
    .innerJoin(clients, and(eq(clients.tenantId, assets.tenantId), eq(clients.id, assets.clientId)))
    .$dynamic();
}

const flattenAgent = (row: { agent: AgentRow; assetName: string; clientId: string; clientName: string }) => ({
  ...row.agent,
  assetName: row.assetName,
  clientId: row.clientId,
  clientName: row.clientName,
});

export async function listAgents(db: Executor, scope: Scope): Promise<AgentListRow[]> {
  const rows = await agentListQuery(db)
    .where(inClientScope(scope, assets.tenantId, assets.clientId))
    .orderBy(desc(agents.enrolledAt), desc(agents.id));
  return rows.map(flattenAgent);
}

export async function findAgent(db: Executor, scope: Scope, id: string): Promise<AgentListRow | undefined> {
  const [row] = await agentListQuery(db).where(
    and(inClientScope(scope, assets.tenantId, assets.clientId), eq(agents.id, id)),
  );
  return row && flattenAgent(row);
}

export async function revokeAgent(db: Executor, tenantId: string, id: string, now: Date) {
  await db
    .update(agents)
    .set({ revokedAt: now })
    .where(and(eq(agents.tenantId, tenantId), eq(agents.id, id), isNull(agents.revokedAt)));
}

/** Last-seen times (and the version each agent reported) for many agents of one tenant, in one statement. */
export async function touchAgentsLastSeen(
  db: Executor,
  tenantId: string,
  seen: readonly { agentId: string; at: Date; version: string }[],
): Promise<void> {
  if (seen.length === 0) return;
  await db.execute(sql`
    update ${agents} set last_seen_at = seen.at, version = seen.version
    from unnest(
      ${uuidArray(seen.map((s) => s.agentId))},
      ${instantArray(seen.map((s) => s.at))},
      ${textArray(seen.map((s) => s.version))}
    ) as seen(agent_id, at, version)
    where ${agents.tenantId} = ${tenantId} and ${agents.id} = seen.agent_id
      and (${agents.lastSeenAt} is null or ${agents.lastSeenAt} < seen.at)`);
}

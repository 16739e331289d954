// Every query on the rules of engagement: published versions (the MSP's and clients' addenda),
// vendors' acknowledgements, and the one-time links through which they acknowledge.
import { and, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { oneTimeLinks } from '../../db/one-time-links.ts';
import { identities, memberships } from '../identity/identity.table.ts';
import { acknowledgementLinks, engagementRules, rulesAcknowledgements } from './terms.table.ts';

export type RulesVersionRow = typeof engagementRules.$inferSelect & { publishedByName: string | null };
export type AcknowledgementRow = typeof rulesAcknowledgements.$inferSelect;

const ofClient = (clientId: string | null) =>
  clientId === null ? isNull(engagementRules.clientId) : eq(engagementRules.clientId, clientId);

/** Newest first. */
export async function listRulesVersions(
  db: Executor,
  tenantId: string,
  clientId: string | null,
): Promise<RulesVersionRow[]> {
  const rows = await db
    .select({ rules: engagementRules, publishedByName: identities.name })
    .from(engagementRules)
    .leftJoin(
      memberships,
      and(
        eq(memberships.tenantId, engagementRules.tenantId),
        eq(memberships.id, engagementRules.publishedById),
      ),
    )
    .leftJoin(identities, eq(identities.id, memberships.identityId))
    .where(and(eq(engagementRules.tenantId, tenantId), ofClient(clientId)))
    .orderBy(desc(engagementRules.version));
  return rows.map((row) => ({ ...row.rules, publishedByName: row.publishedByName }));
}

/** The version in force: the newest, or none. */
export async function currentRules(
  db: Executor,
  tenantId: string,
  clientId: string | null,
): Promise<typeof engagementRules.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(engagementRules)
    .where(and(eq(engagementRules.tenantId, tenantId), ofClient(clientId)))
    .orderBy(desc(engagementRules.version))
    .limit(1);
  return row;
}

export async function nextRulesVersion(
  db: Executor,
  tenantId: string,
  clientId: string | null,
): Promise<number> {
  const [row] = await db
    .select({ version: max(engagementRules.version) })
    .from(engagementRules)
    .where(and(eq(engagementRules.tenantId, tenantId), ofClient(clientId)));
  return (row?.version ?? 0) + 1;
}

export async function insertRulesVersion(db: Executor, values: typeof engagementRules.$inferInsert) {
  const [row] = await db.insert(engagementRules).values(values).returning();
  return row!;
}

/** Each engagement's acknowledgements, newest first. */
export async function listAcknowledgements(
  db: Executor,
  tenantId: string,
  engagementIds: readonly string[],
): Promise<AcknowledgementRow[]> {
  if (engagementIds.length === 0) return [];
  return db
    .select()
    .from(rulesAcknowledgements)
    .where(
      and(
        eq(rulesAcknowledgements.tenantId, tenantId),
        inArray(rulesAcknowledgements.engagementId, [...engagementIds]),
      ),
    )
    .orderBy(desc(rulesAcknowledgements.acknowledgedAt), desc(rulesAcknowledgements.id));
}

export async function insertAcknowledgement(db: Executor, values: typeof rulesAcknowledgements.$inferInsert) {
  const [row] = await db.insert(rulesAcknowledgements).values(values).returning();
  return row!;
}

/** The one-time links a vendor acknowledges the rules through. */
export const links = oneTimeLinks(acknowledgementLinks);

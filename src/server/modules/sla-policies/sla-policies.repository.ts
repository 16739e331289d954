// Every query on SLA policies and their versions.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { slaPolicies, slaPolicyVersions } from './sla-policies.table.ts';

export type SlaPolicyVersionRow = typeof slaPolicyVersions.$inferSelect;

const currentVersionJoin = and(
  eq(slaPolicyVersions.tenantId, slaPolicies.tenantId),
  eq(slaPolicyVersions.policyId, slaPolicies.id),
  eq(slaPolicyVersions.version, slaPolicies.currentVersion),
);

export async function listPolicies(db: Executor, tenantId: string) {
  return db
    .select({ policy: slaPolicies, version: slaPolicyVersions })
    .from(slaPolicies)
    .innerJoin(slaPolicyVersions, currentVersionJoin)
    .where(eq(slaPolicies.tenantId, tenantId))
    .orderBy(asc(slaPolicies.name));
}

export async function findPolicy(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select({ policy: slaPolicies, version: slaPolicyVersions })
    .from(slaPolicies)
    .innerJoin(slaPolicyVersions, currentVersionJoin)
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)));
  return row;
}

export async function listVersions(db: Executor, tenantId: string, policyId: string) {
  return db
    .select()
    .from(slaPolicyVersions)
    .where(and(eq(slaPolicyVersions.tenantId, tenantId), eq(slaPolicyVersions.policyId, policyId)))
    .orderBy(desc(slaPolicyVersions.version));
}

export async function insertPolicy(db: Executor, values: typeof slaPolicies.$inferInsert): Promise<string> {
  const [row] = await db.insert(slaPolicies).values(values).returning({ id: slaPolicies.id });
  return row!.id;
}

export async function renamePolicy(db: Executor, tenantId: string, id: string, name: string, now: Date) {
  await db
    .update(slaPolicies)
    .set({ name, updatedAt: now })
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)));
}

/** Takes the next version number; the row lock it holds serializes concurrent edits. */
export async function bumpVersion(db: Executor, tenantId: string, id: string, name: string, now: Date) {
  const [row] = await db
    .update(slaPolicies)
    .set({ name, currentVersion: sql`${slaPolicies.currentVersion} + 1`, updatedAt: now })
    .where(and(eq(slaPolicies.tenantId, tenantId), eq(slaPolicies.id, id)))
    .returning({ version: slaPolicies.currentVersion });
  return row?.version;
}

export async function insertVersion(
  db: Executor,
  values: typeof slaPolicyVersions.$inferInsert,
): Promise<void> {
  await db.insert(slaPolicyVersions).values(values);
}

export async function findVersionById(db: Executor, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(slaPolicyVersions)
    .where(and(eq(slaPolicyVersions.tenantId, tenantId), eq(slaPolicyVersions.id, id)));
  return row;
}

// The links given to people without an account (a vendor acknowledging the rules, a client deciding a
// vendor's change, a vendor replying to an attribution) share their columns and their two lookups: only
// the token's hash is kept; a link is live while unused and unexpired, and using it spends it.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { type PgColumn, type PgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { instant } from './columns.ts';

/** After the table's tenant key and what the link is about. */
export const oneTimeLinkColumns = () => ({
  tokenHash: text().notNull(),
  expiresAt: instant().notNull(),
  usedAt: instant(),
  createdById: uuid(),
  createdAt: instant().notNull().defaultNow(),
});

type LinkTable = PgTable & {
  tenantId: PgColumn;
  id: PgColumn;
  tokenHash: PgColumn;
  expiresAt: PgColumn;
  usedAt: PgColumn;
};

export function oneTimeLinks<T extends LinkTable>(table: T) {
  return {
    async insert(db: Executor, values: T['$inferInsert']): Promise<void> {
      await db.insert(table).values(values);
    },

    /** A link by its token's hash, while it is unused and unexpired. */
    async findLive(db: Executor, tokenHash: string, now: Date): Promise<T['$inferSelect'] | undefined> {
      const [row] = await db
        .select()
        .from(table as PgTable)
        .where(and(eq(table.tokenHash, tokenHash), isNull(table.usedAt), gt(table.expiresAt, now)));
      return row as T['$inferSelect'] | undefined;
    },

    /** Spends the link; false when another request spent it first. */
    async use(db: Executor, link: { tenantId: string; id: string }, now: Date): Promise<boolean> {
      const rows = await db
        .update(table as PgTable)
        .set({ usedAt: now } as never)
        .where(and(eq(table.tenantId, link.tenantId), eq(table.id, link.id), isNull(table.usedAt)))
        .returning({ id: table.id });
      return rows.length === 1;
    },
  };
}

// Every query on Letters of Agency. A letter belongs to an engagement, and so to a client: reads take
// the request's scope and never show another client's.
import { and, desc, eq, lt, lte, sql } from 'drizzle-orm';
import type { LoaListQuery } from '../../../shared/api/vendor-terms.ts';
import type { Executor } from '../../db/client.ts';
import { inClientScope } from '../../db/scope-filter.ts';
import type { Scope } from '../../http/scope.ts';
import { clients } from '../clients/clients.table.ts';
import { lettersOfAgency } from './terms.table.ts';
import { vendorEngagements, vendors } from './vendors.table.ts';

export type LoaRow = typeof lettersOfAgency.$inferSelect;
export type LoaWithNames = LoaRow & {
  vendorId: string;
  vendorName: string;
  clientId: string;
  clientName: string;
  product: string;
  supportContract: string | null;
};

function withNames(db: Executor) {
  return db
    .select({
      loa: lettersOfAgency,
      vendorId: vendors.id,
      vendorName: vendors.name,
      clientId: clients.id,
      clientName: clients.name,
      product: vendorEngagements.product,
      supportContract: vendorEngagements.supportContract,
    })
    .from(lettersOfAgency)
    .innerJoin(
      vendorEngagements,
      and(
        eq(vendorEngagements.tenantId, lettersOfAgency.tenantId),
        eq(vendorEngagements.id, lettersOfAgency.engagementId),
      ),
    )
    .innerJoin(
      vendors,
      and(eq(vendors.tenantId, vendorEngagements.tenantId), eq(vendors.id, vendorEngagements.vendorId)),
    )
    .innerJoin(
      clients,
      and(eq(clients.tenantId, vendorEngagements.tenantId), eq(clients.id, vendorEngagements.clientId)),
    );
}

type NamedRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];
const flatten = ({ loa, ...names }: NamedRow): LoaWithNames => ({ ...loa, ...names });

/** `today` decides which signed letters read as expired. Newest first. */
export async function listLoas(
  db: Executor,
  scope: Scope,
  filter: LoaListQuery,
  today: string,
): Promise<LoaWithNames[]> {
  const status = filter.status;
  const rows = await withNames(db)
    .where(
      and(
        inClientScope(scope, vendorEngagements.tenantId, vendorEngagements.clientId),
        filter.clientId ? eq(vendorEngagements.clientId, filter.clientId) : undefined,
        filter.vendorId ? eq(vendorEngagements.vendorId, filter.vendorId) : undefined,
        filter.engagementId ? eq(lettersOfAgency.engagementId, filter.engagementId) : undefined,
        status === 'expired'
          ? and(eq(lettersOfAgency.status, 'signed'), lt(lettersOfAgency.expiresOn, today))
          : status === 'signed'
            ? and(eq(lettersOfAgency.status, 'signed'), sql`${lettersOfAgency.expiresOn} >= ${today}`)
            : status
              ? eq(lettersOfAgency.status, status)
              : undefined,
      ),
    )
    .orderBy(desc(lettersOfAgency.createdAt), desc(lettersOfAgency.id));
  return rows.map(flatten);
}

export async function findLoa(db: Executor, scope: Scope, id: string): Promise<LoaWithNames | undefined> {
  const [row] = await withNames(db).where(
    and(
      inClientScope(scope, vendorEngagements.tenantId, vendorEngagements.clientId),
      eq(lettersOfAgency.id, id),
    ),
  );
  return row && flatten(row);
}

export async function hasPendingLoa(db: Executor, tenantId: string, engagementId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lettersOfAgency.id })
    .from(lettersOfAgency)
    .where(
      and(
        eq(lettersOfAgency.tenantId, tenantId),
        eq(lettersOfAgency.engagementId, engagementId),
        sql`${lettersOfAgency.status} in ('draft', 'sent')`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertLoa(db: Executor, values: typeof lettersOfAgency.$inferInsert): Promise<LoaRow> {
  const [row] = await db.insert(lettersOfAgency).values(values).returning();
  return row!;
}

export async function updateLoa(
  db: Executor,
  tenantId: string,
  id: string,
  values: Partial<typeof lettersOfAgency.$inferInsert>,
): Promise<void> {
  await db
    .update(lettersOfAgency)
    .set(values)
    .where(and(eq(lettersOfAgency.tenantId, tenantId), eq(lettersOfAgency.id, id)));
}

/** Signed letters of every tenant ending on or before `until` and not yet announced as ended. */
export async function listSignedEndingBy(db: Executor, until: string): Promise<LoaWithNames[]> {
  const rows = await withNames(db).where(
    and(
      eq(lettersOfAgency.status, 'signed'),
      lte(lettersOfAgency.expiresOn, until),
      sql`not (0 = any(${lettersOfAgency.remindedDays}))`,
    ),
  );
  return rows.map(flatten);
}

/** Whether the vendor holds a signed letter at the client that is in force on `today`. */
export async function hasSignedLoa(
  db: Executor,
  tenantId: string,
  vendorId: string,
  clientId: string,
  today: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: lettersOfAgency.id })
    .from(lettersOfAgency)
    .innerJoin(
      vendorEngagements,
      and(
        eq(vendorEngagements.tenantId, lettersOfAgency.tenantId),
        eq(vendorEngagements.id, lettersOfAgency.engagementId),
      ),
    )
    .where(
      and(
        eq(lettersOfAgency.tenantId, tenantId),
        eq(vendorEngagements.vendorId, vendorId),
        eq(vendorEngagements.clientId, clientId),
        eq(lettersOfAgency.status, 'signed'),
        sql`${lettersOfAgency.expiresOn} >= ${today}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

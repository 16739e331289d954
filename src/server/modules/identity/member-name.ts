// A member's display name as a correlated subquery, for lists that name who did what.
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { identities, memberships } from './identity.table.ts';

/**
 * The name of the member `membershipId` of tenant `tenantId` (null when either is null). Only for queries
 * with a join: drizzle names columns with their tables only then, and the subquery needs them named.
 */
export const memberNameSql = (tenantId: AnyPgColumn, membershipId: AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select ${identities.name} from ${memberships}
    join ${identities} on ${identities.id} = ${memberships.identityId}
    where ${memberships.tenantId} = ${tenantId} and ${memberships.id} = ${membershipId})`;

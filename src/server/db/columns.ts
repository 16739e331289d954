// Column helpers shared by every tenant table: (tenant_id, id) keys with app-made UUIDv7 ids, so tables
// can be distributed by tenant later, and UTC instants.
import { bigint, date, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

export const newId = (): string => uuidv7();

export const tenantKey = () => ({
  tenantId: uuid().notNull(),
  id: uuid().notNull().$defaultFn(newId),
});

export const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/** Money in the currency's minor units. */
export const cents = () => bigint({ mode: 'number' });

/** A calendar day, YYYY-MM-DD, with no zone. */
export const localDate = () => date({ mode: 'string' });

export const timestamps = () => ({
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant().notNull().defaultNow(),
});

// Files in the database (DESIGN.md): content stored once per organization under its SHA-256, and the
// attachments that name a stored file for a ticket or a received mail.
import { customType, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantKey } from '../../db/columns.ts';
import { tenants } from '../identity/identity.table.ts';
import { tickets } from '../tickets/tickets.table.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Content-addressed: the same bytes attached twice are stored once. Size-capped by whoever stores. */
export const storedFiles = pgTable(
  'stored_files',
  {
    tenantId: uuid().notNull(),
    /** Hex SHA-256 of the content. */
    sha256: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sha256] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** A named file on a ticket or a received mail (a mail's attachments are on the ticket it made or joined too). */
export const attachments = pgTable(
  'attachments',
  {
    ...tenantKey(),
    sha256: text().notNull(),
    /** Safe to show and to offer as a download name: no directories, no control characters. */
    fileName: text().notNull(),
    /** As the sender declared it; downloads are served as attachments whatever it says. */
    contentType: text().notNull(),
    size: integer().notNull(),
    ticketId: uuid(),
    inboundEmailId: uuid(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.sha256],
      foreignColumns: [storedFiles.tenantId, storedFiles.sha256],
    }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }),
    // inboundEmailId has no foreign key: inbound_emails refers to stored_files, and the two modules'
    // tables would import each other. The inbound-mail module writes both in one transaction.
    index('attachments_ticket_idx').on(t.tenantId, t.ticketId),
    index('attachments_inbound_idx').on(t.tenantId, t.inboundEmailId),
  ],
);

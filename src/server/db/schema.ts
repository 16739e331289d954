// Every table, for Drizzle's typed queries and drizzle-kit's migration generator.
export * from '../modules/agreements/agreements.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/calendars/calendars.table.ts';
export * from '../modules/catalog/catalog.table.ts';
export * from '../modules/assets/assets.table.ts';
export * from '../modules/clients/clients.table.ts';
export * from '../modules/files/files.table.ts';
export * from '../modules/identity/identity.table.ts';
export * from '../modules/inbound-mail/inbound-mail.table.ts';
export * from '../modules/invoices/invoices.table.ts';
export * from '../modules/mail/mail.table.ts';
export * from '../modules/notifications/notifications.table.ts';
export * from '../modules/profitability/profitability.table.ts';
export * from '../modules/sla-policies/sla-policies.table.ts';
export * from '../modules/sso/sso.table.ts';
export * from '../modules/tickets/tickets.table.ts';
export * from '../modules/time/time.table.ts';

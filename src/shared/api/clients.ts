// Clients, sites and contacts.
import { z } from 'zod';
import { timeZoneSchema } from '../business-time/calendar-schema.ts';
import { currencySchema } from '../money.ts';

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/**
 * Domains anyone can sign up at. A client's email domains open tickets for whoever writes from them, so
 * these are refused: a contact with such an address is added as a contact instead.
 */
export const publicMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'mail.com',
  't-online.de',
  'orange.fr',
  'free.fr',
]);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'Not a valid domain name')
  .refine(
    (value) => !publicMailDomains.has(value),
    'A public mail service: anyone can have an address there, so its mail cannot prove who the client is',
  );

const emailDomains = z
  .array(domain)
  .max(50)
  .transform((domains) => [...new Set(domains)]);

// Update schemas list their fields afresh: in zod 4 a .default() still fires under .optional(), and a
// PATCH that leaves a field out must leave it alone.
const agentOfflineMinutes = z.number().int().min(5).max(10_080);

export const clientInputSchema = z.strictObject({
  name,
  emailDomains: emailDomains.default([]),
  phone: optionalText(50),
  website: optionalText(300),
  notes: z.string().max(20_000).default(''),
  defaultCalendarId: z.uuid().nullable().optional(),
  defaultSlaPolicyId: z.uuid().nullable().optional(),
  /** Agreements and invoices are in it; it cannot change once the client has an agreement. */
  currency: currencySchema.default('USD'),
  /** Invoices charge no tax and print the reference (an exemption certificate number). */
  taxExempt: z.boolean().default(false),
  taxExemptionReference: optionalText(100),
  /**
   * Invoices show covered work as $0 lines with its value, and the client portal counts the work the MSP
   * began unasked: the client sees what the agreement paid for.
   */
  showCoveredWork: z.boolean().default(false),
  /** An enrolled agent silent for longer than this opens an "agent offline" ticket (5 min to 7 days). */
  agentOfflineMinutes: agentOfflineMinutes.default(30),
});
export type ClientInput = z.infer<typeof clientInputSchema>;

export const clientUpdateSchema = z.strictObject({
  ...clientInputSchema.shape,
  name: name.optional(),
  emailDomains: emailDomains.optional(),
  notes: z.string().max(20_000).optional(),
  currency: currencySchema.optional(),
  taxExempt: z.boolean().optional(),
  showCoveredWork: z.boolean().optional(),
  agentOfflineMinutes: agentOfflineMinutes.optional(),
  archived: z.boolean().optional(),
});
export type ClientUpdate = z.infer<typeof clientUpdateSchema>;

export const clientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  emailDomains: z.array(z.string()),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string(),
  defaultCalendarId: z.uuid().nullable(),
  defaultSlaPolicyId: z.uuid().nullable(),
  currency: z.string(),
  taxExempt: z.boolean(),
  taxExemptionReference: z.string().nullable(),
  showCoveredWork: z.boolean(),
  agentOfflineMinutes: z.number().int(),
  archived: z.boolean(),
  siteCount: z.number().int(),
  contactCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Client = z.infer<typeof clientSchema>;

export const clientListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['true', 'false', 'any']).default('false'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const siteInputSchema = z.strictObject({
  name,
  timeZone: timeZoneSchema,
  address: z.string().trim().max(1000).default(''),
});
export const siteUpdateSchema = z.strictObject({
  name: name.optional(),
  timeZone: timeZoneSchema.optional(),
  address: z.string().trim().max(1000).optional(),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

export const siteSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  address: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Site = z.infer<typeof siteSchema>;

export const contactInputSchema = z.strictObject({
  name,
  email: z.email().max(320).toLowerCase().nullable().optional(),
  phone: optionalText(50),
  title: optionalText(200),
  siteId: z.uuid().nullable().optional(),
  isBillableUser: z.boolean().default(false),
});
export const contactUpdateSchema = z.strictObject({
  ...contactInputSchema.shape,
  name: name.optional(),
  isBillableUser: z.boolean().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  siteId: z.uuid().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  isBillableUser: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactListQuerySchema = z.object({ q: z.string().trim().max(200).optional() });

// Shapes every module's API shares: ids in paths, list pages, the error body.
import { z } from 'zod';

export const idParamSchema = z.object({ id: z.uuid({ message: 'Not a valid id' }) });
/** A one-time link for someone without an account (a vendor, a client), shown once: only its hash is kept. */
export const oneTimeLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type OneTimeLink = z.infer<typeof oneTimeLinkSchema>;

/** A one-time link's secret, as it appears in the link. */
export const tokenParamSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not a valid link'),
});

/**
 * An instant sent by a client, with its offset. Years before 1900 are refused: no ticket or time entry
 * is that old, and PostgreSQL refuses year 0 outright, so it must not reach the database.
 */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'Use an ISO 8601 instant, e.g. 2026-03-02T09:00:00Z' })
  .refine((value) => Number(value.slice(0, 4)) >= 1900, 'Use an instant in or after the year 1900');

/** A calendar month, YYYY-MM. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM, e.g. 2026-10')
  .refine((value) => Number(value.slice(0, 4)) >= 2000, 'Use a month in or after 2000');

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

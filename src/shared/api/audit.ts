// The audit log as the API shows it: events (never secrets) and the result of checking the chain.
import { z } from 'zod';
import { instantSchema } from './common.ts';

export const auditEventSchema = z.object({
  id: z.uuid(),
  action: z.string(),
  actor: z.object({
    membershipId: z.uuid().nullable(),
    identityId: z.uuid().nullable(),
    apiTokenId: z.uuid().nullable(),
  }),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  /** Null until the sealer has chained the event (within seconds of the commit). */
  sealSeq: z.number().int().nullable(),
  sealedAt: z.iso.datetime().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventListQuerySchema = z.object({
  actorId: z.uuid().optional(),
  /** 'ticket' matches 'ticket.reply', 'ticket.status', … */
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
});
export type AuditEventListQuery = z.infer<typeof auditEventListQuerySchema>;

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});

export const auditVerifySchema = z.object({
  isValid: z.boolean(),
  /** Sealed events checked. */
  checked: z.number().int(),
  /** Events still waiting for the sealer. */
  unsealed: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.enum(['seq_gap', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch']).nullable(),
  message: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

// The audit log as the API shows it: events (never secrets), the result of checking the chain, and the
// sign-in events of the install-wide security log that concern the organization's people.
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

/** What every log listing takes besides its own filters: an action prefix, a time window, a page. */
const logQueryShape = {
  /** 'ticket' matches 'ticket.reply', 'ticket.status', … */
  action: z.string().trim().max(100).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
};

/** A page of a log, newest first; nextCursor is null on the last page. */
const logPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const auditEventListQuerySchema = z.object({
  actorId: z.uuid().optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(100).optional(),
  ...logQueryShape,
});
export type AuditEventListQuery = z.infer<typeof auditEventListQuerySchema>;

export const auditEventPageSchema = logPageSchema(auditEventSchema);

/** A sign-in event from the install-wide security log (failed logins, logins before choosing an organization, …). */
export const securityEventSchema = z.object({
  id: z.uuid(),
  /** 'auth.login_failed', 'auth.login', 'auth.mfa_failed', … */
  action: z.string(),
  /** Null for a failed login with an address no identity had then. */
  identityId: z.uuid().nullable(),
  /** The address tried, for failed logins (lower-cased). */
  email: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  occurredAt: z.iso.datetime(),
});
export type SecurityLogEntry = z.infer<typeof securityEventSchema>;

export const securityEventListQuerySchema = z.object({
  /** An identity (a user's identityId): its events and failed logins with its address. */
  identityId: z.uuid().optional(),
  ...logQueryShape,
});
export type SecurityEventListQuery = z.infer<typeof securityEventListQuerySchema>;

export const securityEventPageSchema = logPageSchema(securityEventSchema);

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

// Agents: enrollment tokens and enrolled agents (staff API), and what agents send (the /agent/v1 API).
import { z } from 'zod';
import { instantSchema } from './common.ts';

export const enrollmentTokenInputSchema = z.strictObject({
  clientId: z.uuid(),
  /** Must be one of the client's sites. */
  siteId: z.uuid().optional(),
  expiresInHours: z.number().int().min(1).max(720).default(72),
  maxUses: z.number().int().min(1).max(1000).default(1),
});
export type EnrollmentTokenInput = z.infer<typeof enrollmentTokenInputSchema>;

export const enrollmentTokenStatuses = ['active', 'expired', 'used_up', 'revoked'] as const;
export type EnrollmentTokenStatus = (typeof enrollmentTokenStatuses)[number];

/** A token as it is listed: never the token itself, which only its creator saw once. */
export const enrollmentTokenSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: z.iso.datetime().nullable(),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
  status: z.enum(enrollmentTokenStatuses),
});
export type EnrollmentToken = z.infer<typeof enrollmentTokenSchema>;

export const createdEnrollmentTokenSchema = enrollmentTokenSchema.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
  /** The command to run on the machine to enroll it, token included. */
  installCommand: z.string(),
});
export type CreatedEnrollmentToken = z.infer<typeof createdEnrollmentTokenSchema>;

export const agentSchema = z.object({
  id: z.uuid(),
  assetId: z.uuid(),
  assetName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  hostname: z.string(),
  version: z.string().nullable(),
  enrolledAt: z.iso.datetime(),
  /** Last heartbeat; written in batches, so up to a few seconds behind. */
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type Agent = z.infer<typeof agentSchema>;

/** Machine-reported text: printable, bounded. */
const reported = (max: number) => z.string().trim().min(1).max(max);

export const agentAssetTypes = ['server', 'workstation', 'laptop'] as const;

export const agentEnrollInputSchema = z.strictObject({
  token: z.string().min(1).max(200),
  hostname: reported(255),
  os: reported(100),
  osVersion: reported(100),
  serial: reported(100).optional(),
  /** What the machine is; 'workstation' when it cannot tell. */
  type: z.enum(agentAssetTypes).optional(),
});
export type AgentEnrollInput = z.infer<typeof agentEnrollInputSchema>;

export const agentEnrolledSchema = z.object({
  agentId: z.uuid(),
  assetId: z.uuid(),
  /** The agent's credential for every later call (Authorization: Bearer); shown once. */
  credential: z.string(),
});
export type AgentEnrolled = z.infer<typeof agentEnrolledSchema>;

export const heartbeatInputSchema = z.strictObject({
  /** The agent's clock when it sent the beat; the server records its own time as last seen. */
  sentAt: instantSchema,
  uptimeSeconds: z
    .number()
    .int()
    .min(0)
    .max(100 * 365 * 86_400),
  agentVersion: reported(50),
});
export type HeartbeatInput = z.infer<typeof heartbeatInputSchema>;

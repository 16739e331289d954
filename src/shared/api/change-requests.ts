// Change requests: a planned change to some of a client's assets in a window, asked for by the MSP's
// staff or a vendor, approved (or not) before it happens — or, for an emergency, declared within 24 hours
// after the fact and approved afterwards.
import { z } from 'zod';
import { instantSchema } from './common.ts';

export const changeRisks = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof changeRisks)[number];

export const changeRequestStatuses = [
  'requested',
  'approved',
  'rejected',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];
export const changeRequestStatusLabels: Record<ChangeRequestStatus, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Statuses whose window authorizes changes made in it. */
export const authorizingStatuses = [
  'approved',
  'in_progress',
  'completed',
] as const satisfies readonly ChangeRequestStatus[];

/** A window may be at most this long: a change window is not a standing permission. */
export const MAX_WINDOW_HOURS = 72;
/** An emergency change may be declared up to this long after its window began. */
export const EMERGENCY_DECLARE_HOURS = 24;

const changeRequestFields = {
  clientId: z.uuid(),
  assetIds: z.array(z.uuid()).min(1, 'Name at least one asset').max(50),
  title: z.string().trim().min(1, 'Required').max(200),
  description: z.string().trim().min(1, 'Say what will change').max(20_000),
  risk: z.enum(changeRisks),
  backOutPlan: z.string().trim().min(1, 'Say how the change is undone if it goes wrong').max(20_000),
  windowStart: instantSchema,
  windowEnd: instantSchema,
  /** Declared after the fact (within 24 h of its start), for approval afterwards. */
  emergency: z.boolean().default(false),
};

type Window = { windowStart: string; windowEnd: string };

/** A request's fields with the checks on its window: for staff's requests and a vendor's own. */
function withWindowChecks<T extends z.ZodType<Window>>(schema: T) {
  return schema
    .refine((input) => Date.parse(input.windowEnd) > Date.parse(input.windowStart), {
      path: ['windowEnd'],
      message: 'The window must end after it starts',
    })
    .refine(
      (input) => Date.parse(input.windowEnd) - Date.parse(input.windowStart) <= MAX_WINDOW_HOURS * 3_600_000,
      { path: ['windowEnd'], message: `A window is at most ${MAX_WINDOW_HOURS} hours` },
    );
}

export const changeRequestInputSchema = withWindowChecks(
  z.strictObject({
    ...changeRequestFields,
    /** The vendor doing the work; null for the MSP's own change. */
    vendorId: z.uuid().nullable().default(null),
  }),
);
/** A vendor's own request, raised in the vendor portal: the vendor is the signed-in user's. */
export const vendorChangeRequestInputSchema = withWindowChecks(z.strictObject(changeRequestFields));
export type VendorChangeRequestInput = z.input<typeof vendorChangeRequestInputSchema>;
export type ChangeRequestInput = z.input<typeof changeRequestInputSchema>;

export const changeRequestActions = ['approve', 'reject', 'start', 'complete', 'cancel'] as const;
export type ChangeRequestAction = (typeof changeRequestActions)[number];

export const changeRequestDecisionSchema = z.strictObject({
  /** Required to reject or cancel; kept on the request's history. */
  reason: z.string().trim().max(2_000).optional(),
});

/**
 * The client's say on a vendor's change, where the client's agreement asks for it
 * (requiresClientApprovalOfVendorChanges): a vendor's request is approved only once both the MSP and the
 * client have approved it, in either order; a rejection by either rejects it.
 */
export const clientApprovalStatuses = ['not_needed', 'pending', 'approved', 'rejected'] as const;
export type ClientApprovalStatus = (typeof clientApprovalStatuses)[number];
export const clientApprovalVias = ['staff', 'link', 'portal'] as const;

export const clientApprovalSchema = z.object({
  status: z.enum(clientApprovalStatuses),
  /** Who decided for the client. */
  name: z.string().nullable(),
  /** Recorded by staff (the client said so by phone or mail), given through a one-time link, or in the portal. */
  via: z.enum(clientApprovalVias).nullable(),
  decidedAt: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
});
export type ClientApproval = z.infer<typeof clientApprovalSchema>;

export const clientDecisions = ['approve', 'reject'] as const;

export const clientDecisionFields = {
  decision: z.enum(clientDecisions),
  /** Who decides for the client. */
  name: z.string().trim().min(1, 'Required').max(200),
  /** Required to reject. */
  reason: z.string().trim().max(2_000).optional(),
};
export const reasonToReject = <T extends { decision: string; reason?: string }>(input: T) =>
  input.decision === 'approve' || Boolean(input.reason);
export const reasonToRejectMessage = { path: ['reason'], message: 'Say why the change is rejected' };

/** Staff record the client's decision, given by phone or mail. */
export const clientDecisionSchema = z
  .strictObject(clientDecisionFields)
  .refine(reasonToReject, reasonToRejectMessage);
export type ClientDecisionInput = z.infer<typeof clientDecisionSchema>;

/** The client decides behind a one-time link, without an account. */
export const publicClientDecisionSchema = z
  .strictObject({ ...clientDecisionFields, email: z.email().max(320).nullable().default(null) })
  .refine(reasonToReject, reasonToRejectMessage);
export type PublicClientDecisionInput = z.input<typeof publicClientDecisionSchema>;

/** A link lasts this long, or until the window ends if sooner (an emergency's link lasts the full days). */
export const APPROVAL_LINK_DAYS = 14;

export const changeRequestSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  clientId: z.uuid(),
  clientName: z.string(),
  vendorId: z.uuid().nullable(),
  vendorName: z.string().nullable(),
  assets: z.array(z.object({ id: z.uuid(), name: z.string() })),
  title: z.string(),
  description: z.string(),
  risk: z.enum(changeRisks),
  backOutPlan: z.string(),
  windowStart: z.iso.datetime(),
  windowEnd: z.iso.datetime(),
  emergency: z.boolean(),
  status: z.enum(changeRequestStatuses),
  /** Other live requests whose windows overlap this one's on a shared asset. */
  overlaps: z.array(z.object({ id: z.uuid(), number: z.number().int(), title: z.string() })),
  requestedByName: z.string().nullable(),
  /**
   * The MSP's decision. On a request still `requested` it is the MSP's approval while the client's is
   * awaited.
   */
  decidedByName: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  clientApproval: clientApprovalSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

/** What the client reads behind a link, without signing in: the change, not the MSP's workings. */
export const publicChangeRequestSchema = changeRequestSchema
  .pick({
    clientName: true,
    vendorName: true,
    number: true,
    title: true,
    description: true,
    risk: true,
    backOutPlan: true,
    windowStart: true,
    windowEnd: true,
    emergency: true,
  })
  .extend({
    mspName: z.string(),
    assets: z.array(z.object({ name: z.string() })),
    expiresAt: z.iso.datetime(),
  });
export type PublicChangeRequest = z.infer<typeof publicChangeRequestSchema>;

export const changeRequestListQuerySchema = z.object({
  clientId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  status: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(changeRequestStatuses)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ChangeRequestListQuery = z.input<typeof changeRequestListQuerySchema>;

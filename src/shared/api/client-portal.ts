// The client portal: a client's own people sign in and see their company's tickets, agreements in plain
// words, invoices, the changes that wait for their approval, their vendors' scorecards and the SLA
// statements; and the portal users the MSP's staff invite. Nothing here carries internal notes, costs,
// margins, technicians' rates, MSP rework or anything of another client (portal.routes.test.ts proves it).
import { z } from 'zod';
import {
  changeRequestSchema,
  clientDecisionFields,
  reasonToReject,
  reasonToRejectMessage,
} from './change-requests.ts';
import { oneTimeLinkSchema } from './common.ts';
import { invoiceLineSchema, invoiceSummarySchema } from './invoices.ts';
import { ticketStatuses } from './ticket-enums.ts';
import { prioritySchema } from './tickets.ts';
import { scorecardSchema } from './vendor-scorecard.ts';

// ---- Portal users (staff manage them) ------------------------------------------------------------

/**
 * client_admin sees the whole company's tickets, and its agreements, SLA statements, invoices, approvals
 * and vendors; client_user raises tickets and follows the ones they raised.
 */
export const clientRoles = ['client_admin', 'client_user'] as const;
export type ClientRole = (typeof clientRoles)[number];
export const clientRoleLabels: Record<ClientRole, string> = {
  client_admin: 'Company admin: every ticket, agreements, statements, invoices, approvals',
  client_user: 'User: their own tickets',
};

export const clientUserSchema = z.object({
  /** The membership's id. */
  id: z.uuid(),
  clientId: z.uuid(),
  contactId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(clientRoles),
  active: z.boolean(),
  /** `pending` until the person sets a password through the invitation; `accepted` once they have. */
  invitation: z.enum(['pending', 'accepted']),
  createdAt: z.iso.datetime(),
});
export type ClientUser = z.infer<typeof clientUserSchema>;

/** The contact signs in with the contact's email; the contact needs one. */
export const clientUserInputSchema = z.strictObject({
  contactId: z.uuid(),
  role: z.enum(clientRoles),
});
export type ClientUserInput = z.infer<typeof clientUserInputSchema>;

export const clientUserUpdateSchema = z
  .strictObject({ role: z.enum(clientRoles), active: z.boolean() })
  .partial()
  .refine((input) => Object.keys(input).length > 0, 'Change the role or whether the user is active');
export type ClientUserUpdate = z.infer<typeof clientUserUpdateSchema>;

export const clientUserCreatedSchema = z.object({
  user: clientUserSchema,
  /** The invitation link (shown once); null when the person already has a password. */
  invitation: oneTimeLinkSchema.nullable(),
});
export type ClientUserCreated = z.infer<typeof clientUserCreatedSchema>;

// ---- The portal ---------------------------------------------------------------------------------

export const portalOverviewSchema = z.object({
  mspName: z.string(),
  clientName: z.string(),
  /** The signed-in person, as the company's contact. */
  name: z.string(),
  role: z.enum(clientRoles),
  /** Open tickets you can see, and those waiting for an answer from your side. */
  openTickets: z.number().int(),
  awaitingYou: z.number().int(),
  /** Vendors' change requests waiting for the company's approval (0 for a user, who does not decide). */
  approvalsWaiting: z.number().int(),
  /**
   * The work the MSP began without being asked, over the last 30 days: for an admin, when the MSP shows the
   * company its covered work; null otherwise.
   */
  proactiveWork: z
    .object({
      /** The start of the 30 days. */
      since: z.iso.datetime(),
      /** Tickets the monitoring agent raised, and how many of them are resolved. */
      alertsCaught: z.number().int(),
      alertsResolved: z.number().int(),
      /** Minutes worked on those alerts (the MSP's rework left out). */
      alertMinutes: z.number().int(),
      /** The MSP's own change requests carried out in their agreed windows. */
      changesMade: z.number().int(),
    })
    .nullable(),
});
export type PortalOverview = z.infer<typeof portalOverviewSchema>;

/**
 * A target as the client reads it: when it is due ("response by 10:30"), then whether it was met or
 * missed. No countdowns: `paused` while the ticket waits on someone, `pending` until then.
 */
export const portalTargetSchema = z.object({
  dueAt: z.iso.datetime().nullable(),
  outcome: z.enum(['pending', 'paused', 'met', 'missed']),
  /** When the response or resolution came, in time (met) or late (missed); null until then. */
  doneAt: z.iso.datetime().nullable(),
});
export type PortalTarget = z.infer<typeof portalTargetSchema>;

export const portalTicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: z.enum(ticketStatuses),
  priority: prioritySchema,
  /** Who at the company raised it. */
  contactName: z.string().nullable(),
  /** Whether the signed-in person raised it. */
  isYours: z.boolean(),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  /** null: the ticket is measured under no SLA. */
  targets: z.object({ firstResponse: portalTargetSchema, resolution: portalTargetSchema }).nullable(),
  /** Best effort when it is about an unmanaged or non-standard asset: measured, not guaranteed. */
  basis: z.enum(['guaranteed', 'best_effort']),
});
export type PortalTicket = z.infer<typeof portalTicketSchema>;

export const portalMessageSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  /** staff: the MSP's people; contact: someone at the company. */
  author: z.enum(['staff', 'contact']),
  name: z.string().nullable(),
  /** Written by the signed-in person. */
  isYours: z.boolean(),
  body: z.string(),
});
export type PortalMessage = z.infer<typeof portalMessageSchema>;

export const portalTicketDetailSchema = portalTicketSchema.extend({
  description: z.string(),
  /** The public conversation, oldest first: replies only, never internal notes. */
  messages: z.array(portalMessageSchema),
});
export type PortalTicketDetail = z.infer<typeof portalTicketDetailSchema>;

export const portalTicketListQuerySchema = z.object({
  /** waiting: open tickets waiting on your side. */
  state: z.enum(['open', 'waiting', 'closed', 'all']).default('open'),
  /** A company admin's own tickets only. */
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PortalTicketListQuery = z.infer<typeof portalTicketListQuerySchema>;

export const portalTicketInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'Say what the problem is').max(300),
  description: z.string().trim().max(100_000).default(''),
  /** How urgent it is for the business; the MSP may correct it, and says why. */
  priority: prioritySchema.default('P3'),
});
export type PortalTicketInput = z.input<typeof portalTicketInputSchema>;

export const portalReplyInputSchema = z.strictObject({
  body: z.string().trim().min(1, 'Write your reply').max(100_000),
});

/** An agreement in plain words: what it covers, what is billable at which rate, and what is promised. */
export const portalAgreementSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  typeLabel: z.string(),
  status: z.enum(['upcoming', 'active', 'ended']),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
  /** Sections of plain sentences: covered, billable, targets, credits. */
  terms: z.array(z.object({ heading: z.string(), lines: z.array(z.string()) })),
  /** The agreement's SLA targets in business minutes by priority; null: none promised. */
  targets: z
    .array(
      z.object({
        priority: prioritySchema,
        firstResponseMinutes: z.number().int(),
        resolutionMinutes: z.number().int(),
      }),
    )
    .nullable(),
});
export type PortalAgreement = z.infer<typeof portalAgreementSchema>;

/** An issued invoice, as the client's copy shows it (drafts never reach the portal). */
export const portalInvoiceSchema = invoiceSummarySchema.pick({
  id: true,
  number: true,
  period: true,
  status: true,
  currency: true,
  issuedOn: true,
  dueOn: true,
  subtotalCents: true,
  taxCents: true,
  totalCents: true,
});
export type PortalInvoice = z.infer<typeof portalInvoiceSchema>;

export const portalInvoiceDetailSchema = portalInvoiceSchema.extend({
  /** What credit notes have credited against it (with tax). */
  creditedCents: z.number().int(),
  lines: z.array(
    invoiceLineSchema.pick({
      id: true,
      kind: true,
      description: true,
      detail: true,
      quantity: true,
      unit: true,
      unitPriceCents: true,
      amountCents: true,
      valueCents: true,
      ticketNumber: true,
      periodStart: true,
      periodEnd: true,
    }),
  ),
});
export type PortalInvoiceDetail = z.infer<typeof portalInvoiceDetailSchema>;

/** A vendor's change request that asks the company's approval (or had it). */
export const portalChangeRequestSchema = changeRequestSchema.pick({
  id: true,
  number: true,
  vendorName: true,
  assets: true,
  title: true,
  description: true,
  risk: true,
  backOutPlan: true,
  windowStart: true,
  windowEnd: true,
  emergency: true,
  status: true,
  clientApproval: true,
});
export type PortalChangeRequest = z.infer<typeof portalChangeRequestSchema>;

/** The company decides in the signed-in person's name. */
export const portalDecisionSchema = z
  .strictObject({ decision: clientDecisionFields.decision, reason: clientDecisionFields.reason })
  .refine(reasonToReject, reasonToRejectMessage);
export type PortalDecisionInput = z.infer<typeof portalDecisionSchema>;

/** A vendor's scorecard at the company only, without the MSP's costs. */
const { totals, months, clients } = scorecardSchema.shape;
export const portalScorecardSchema = scorecardSchema.extend({
  totals: totals.omit({ costCents: true }),
  months: z.array(months.element.omit({ costCents: true })),
  clients: z.array(clients.element.omit({ costCents: true })),
});
export type PortalScorecard = z.infer<typeof portalScorecardSchema>;

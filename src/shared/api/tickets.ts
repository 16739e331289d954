// Tickets: creation, actions, the queue, the SLA block and the import format.
import { z } from 'zod';
import { instantSchema as instant } from './common.ts';
import { priorities } from './sla-policies.ts';
import { ticketSources, ticketStatuses, ticketTypes } from './ticket-enums.ts';

const title = z.string().trim().min(1).max(300);
const body = z.string().trim().min(1).max(100_000);
export const prioritySchema = z.enum(priorities);
export const ticketStatusSchema = z.enum(ticketStatuses);

export const ticketInputSchema = z.strictObject({
  clientId: z.uuid(),
  title,
  description: z.string().max(100_000).default(''),
  priority: prioritySchema,
  type: z.enum(ticketTypes).default('incident'),
  subType: z.string().trim().max(100).nullable().optional(),
  boardId: z.uuid().optional(),
  source: z.enum(ticketSources).default('web'),
  contactId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  /** The agreement its time is billed under; left out, the client's default rule chooses; null for none. */
  agreementId: z.uuid().nullable().optional(),
  /** The catalog service the ticket is about (an agreement's covered services). */
  serviceId: z.uuid().nullable().optional(),
});
export type TicketInput = z.infer<typeof ticketInputSchema>;

const clockStates = ['on_track', 'at_risk', 'paused', 'breached', 'met', 'missed'] as const;
export const clockStateSchema = z.enum(clockStates);

const clockSchema = z.object({
  dueAt: z.iso.datetime().nullable(),
  state: clockStateSchema,
  businessMinutesUsed: z.number().int(),
  targetMinutes: z.number().int(),
  stoppedAt: z.iso.datetime().nullable(),
  breachedAt: z.iso.datetime().nullable(),
});

export const slaBlockSchema = z
  .object({
    policyVersionId: z.uuid(),
    firstResponse: clockSchema,
    resolution: clockSchema.extend({
      pausedMinutes: z.object({
        client: z.number().int(),
        vendor: z.number().int(),
        scheduled: z.number().int(),
      }),
      pauseReason: z.enum(['client', 'vendor', 'scheduled']).nullable(),
      pausedSince: z.iso.datetime().nullable(),
    }),
  })
  .nullable();
export type SlaBlock = z.infer<typeof slaBlockSchema>;

export const ticketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  clientId: z.uuid(),
  clientName: z.string(),
  contactId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  type: z.enum(ticketTypes),
  subType: z.string().nullable(),
  boardId: z.uuid(),
  boardName: z.string(),
  source: z.enum(ticketSources),
  priority: prioritySchema,
  status: ticketStatusSchema,
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  externalId: z.string().nullable(),
  reopenedFromId: z.uuid().nullable(),
  agreementId: z.uuid().nullable(),
  agreementName: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  /** The client's recorded request for after-hours work; only with it does after-hours work bill at a tier. */
  afterHoursRequest: z
    .object({
      requestedBy: z.string(),
      requestedAt: z.iso.datetime(),
      recordedById: z.uuid(),
      recordedAt: z.iso.datetime(),
    })
    .nullable(),
  /** A vendor incident's vendor (changes outside an approved window): time logged on it defaults to vendor-caused. */
  vendorId: z.uuid().nullable(),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  nextDueAt: z.iso.datetime().nullable(),
  sla: slaBlockSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketEventSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  occurredAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
  author: z.enum(['staff', 'contact', 'system']),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  isPublic: z.boolean(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const ticketDetailSchema = ticketSchema.extend({ events: z.array(ticketEventSchema) });

/** A comma-separated list of enum values in a query string. */
const csv = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ticketListQuerySchema = z.object({
  boardId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  /** Tickets attributed to this vendor (its incidents). */
  vendorId: z.uuid().optional(),
  assigneeId: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  status: csv(ticketStatuses).optional(),
  priority: csv(priorities).optional(),
  slaState: csv(clockStates).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['due', 'number', 'updated', 'priority']).default('due'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

export const ticketPageSchema = z.object({ items: z.array(ticketSchema), nextCursor: z.string().nullable() });

export const replyInputSchema = z.strictObject({ body, occurredAt: instant.optional() });
export const callInputSchema = z.strictObject({
  channel: z.enum(['call', 'chat']).default('call'),
  body: z.string().trim().max(100_000).optional(),
  occurredAt: instant.optional(),
});
export const assignInputSchema = z.strictObject({ assigneeId: z.uuid().nullable() });
export const statusInputSchema = z.strictObject({
  status: ticketStatusSchema,
  /** Required for pending_client: the public message saying what was asked of the client. */
  message: z.string().trim().min(1).max(100_000).optional(),
});
export const priorityInputSchema = z.strictObject({
  priority: prioritySchema,
  /** Required for a downgrade; the client sees it. */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export const ticketUpdateSchema = z.strictObject({
  title: title.optional(),
  type: z.enum(ticketTypes).optional(),
  subType: z.string().trim().max(100).nullable().optional(),
  boardId: z.uuid().optional(),
  contactId: z.uuid().nullable().optional(),
  /** Moving a ticket to another agreement also measures it under that agreement's SLA policy. */
  agreementId: z.uuid().nullable().optional(),
  serviceId: z.uuid().nullable().optional(),
  /** Record (or withdraw, null) the client's request for after-hours work: who asked, and when. */
  afterHoursRequest: z
    .strictObject({ requestedBy: z.string().trim().min(1, 'Say who asked').max(200), requestedAt: instant })
    .nullable()
    .optional(),
});

/** The stable import format: a ticket and its past events from another PSA. */
export const importEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('created'), at: instant }),
  z.strictObject({
    type: z.literal('public_reply'),
    at: instant,
    author: z.enum(['staff', 'contact']),
    body: z.string().max(100_000).optional(),
  }),
  z.strictObject({ type: z.literal('internal_note'), at: instant, body: z.string().max(100_000).optional() }),
  z.strictObject({ type: z.literal('call_logged'), at: instant, body: z.string().max(100_000).optional() }),
  z.strictObject({
    type: z.literal('status'),
    at: instant,
    status: ticketStatusSchema,
    message: z.string().max(100_000).optional(),
  }),
  z.strictObject({
    type: z.literal('priority'),
    at: instant,
    priority: prioritySchema,
    reason: z.string().max(2000).optional(),
  }),
]);
export type ImportEvent = z.infer<typeof importEventSchema>;

export const ticketImportSchema = z
  .strictObject({
    externalId: z.string().trim().min(1).max(200),
    clientId: z.uuid(),
    title,
    description: z.string().max(100_000).default(''),
    priority: prioritySchema,
    type: z.enum(ticketTypes).default('incident'),
    /** Where the ticket originally came from; 'api' when the other PSA does not say. */
    source: z.enum(ticketSources).default('api'),
    boardId: z.uuid().optional(),
    contactId: z.uuid().nullable().optional(),
    /** The staff member it is assigned to now; must be able to work the client's tickets. */
    assigneeId: z.uuid().nullable().optional(),
    slaPolicyId: z.uuid().optional(),
    events: z.array(importEventSchema).min(1).max(10_000),
  })
  .refine((ticket) => ticket.events.filter((e) => e.type === 'created').length === 1, {
    message: 'events must contain exactly one "created" event',
    path: ['events'],
  });
export type TicketImport = z.infer<typeof ticketImportSchema>;

/** One action applied to many tickets at once: all of them change, or none does. */
export const bulkActionSchema = z.strictObject({
  ticketIds: z.array(z.uuid()).min(1).max(200),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.strictObject({
      type: z.literal('status'),
      status: ticketStatusSchema,
      message: z.string().trim().min(1).max(100_000).optional(),
    }),
  ]),
});
export type BulkAction = z.infer<typeof bulkActionSchema>;
export const bulkResultSchema = z.object({ items: z.array(ticketSchema) });

/** A saved queue view: the queue's URL query (filters and sort), private or shared with the organization. */
export const ticketViewInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The queue's search string without the leading "?", e.g. "boardId=…&status=new,open&sort=due". */
  query: z.string().max(2000),
  shared: z.boolean().default(false),
});
export const ticketViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  createdAt: z.iso.datetime(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

/** Staff who can be assigned tickets (everyone whose role works tickets), for pickers. */
export const assigneeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  /** 'all' or the client ids the member is scoped to; a ticket can only go to someone who can see its client. */
  clientIds: z.union([z.literal('all'), z.array(z.uuid())]),
});
export type Assignee = z.infer<typeof assigneeSchema>;

/** Per-organization help-desk settings. */
export const ticketSettingsSchema = z.object({
  /** A resolved ticket reopened within this many days resumes its clock; later, a new linked ticket. */
  reopenWindowDays: z.number().int().min(0).max(90),
});
export const ticketSettingsUpdateSchema = ticketSettingsSchema.partial().strict();
export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

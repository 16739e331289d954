// Agreements: what a client has bought (managed, block hours, retainer, break/fix, project), its rates and
// after-hours tiers, what it covers and excludes, and the clauses that decide how time is billed.
import { z } from 'zod';
import { localDateSchema } from '../business-time/calendar-schema.ts';
import { nonNegativeCentsSchema } from '../money.ts';
import { deviceClasses } from './catalog.ts';
import { penaltyScheduleSchema } from './service-credits.ts';
import { ticketTypes } from './ticket-enums.ts';

export const agreementTypes = ['managed', 'block_hours', 'retainer', 'break_fix', 'project'] as const;
export type AgreementType = (typeof agreementTypes)[number];
export const agreementTypeLabels: Record<AgreementType, string> = {
  managed: 'Managed services',
  block_hours: 'Block hours',
  retainer: 'Retainer',
  break_fix: 'Break/fix',
  project: 'Project (fixed fee)',
};

/** How vendor-caused work is billed; graduated: absorbed (shown at its value) until a vendor notice. */
export const vendorCausedRules = ['graduated', 'billable', 'covered'] as const;
export type VendorCausedRule = (typeof vendorCausedRules)[number];
export const vendorCausedRuleLabels: Record<VendorCausedRule, string> = {
  graduated: 'Absorbed and shown until the client has had a vendor notice, then billable',
  billable: 'Billable',
  covered: 'Covered',
};

/** What a time entry comes to under its agreement chain. */
export const timeOutcomes = ['covered', 'billable', 'absorbed'] as const;
export type TimeOutcome = (typeof timeOutcomes)[number];
export const timeOutcomeLabels: Record<TimeOutcome, string> = {
  covered: 'Covered',
  billable: 'Billable',
  absorbed: 'Absorbed',
};

export const blockRollovers = ['none', 'all'] as const;
export type BlockRollover = (typeof blockRollovers)[number];

export const agreementStatuses = ['upcoming', 'active', 'ended'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

const name = z.string().trim().min(1, 'Enter a name').max(200);
const ids = z
  .array(z.uuid())
  .max(500)
  .transform((list) => [...new Set(list)]);
/** 150 = ×1.5; null bills that tier at the business rate. */
const tierPercent = z
  .number()
  .int('A whole percentage, e.g. 150 for ×1.5')
  .min(100, 'A tier multiplies the rate by at least 100 %')
  .max(500, 'A tier multiplies the rate by at most 500 %')
  .nullable();
const minutes = (max: number) =>
  z.number().int('Whole minutes').min(0, 'Cannot be negative').max(max, `At most ${max} minutes`);
const roundingMinutes = z
  .number()
  .int('Whole minutes')
  .min(1, 'Round to at least 1 minute (1 = no rounding)')
  .max(60, 'Round to at most 60 minutes');
const quantity = z.number().int('A whole number').min(0, 'Cannot be negative').max(1_000_000);

export const roleRateSchema = z.strictObject({
  workRoleId: z.uuid(),
  hourlyRateCents: nonNegativeCentsSchema,
});

/** A recurring fee, billed monthly in advance: a catalog item, how many, at what price. */
export const recurringLineInputSchema = z.strictObject({
  catalogItemId: z.uuid(),
  description: z.string().trim().max(500).nullable().default(null),
  /** Devices of the item's class, users, or 1 for a flat fee; counted at the invoice run once assets exist. */
  quantity,
  /** The minimum commitment: the client pays for at least this many. */
  minimumQuantity: quantity.default(0),
  unitPriceCents: nonNegativeCentsSchema,
});
export type RecurringLineInput = z.infer<typeof recurringLineInputSchema>;

/** Every field an agreement is made of, as sent; clientId and type are fixed once created. */
const agreementFields = {
  name,
  startsOn: localDateSchema,
  /** Inclusive; null runs until ended. */
  endsOn: localDateSchema.nullable(),
  /** New tickets of the client get this agreement (one default at a time per client). */
  isClientDefault: z.boolean(),
  /** Business hours for the after-hours tiers and for deadlines in business days. */
  calendarId: z.uuid().nullable(),
  /** Tickets under the agreement are measured by this policy (else the client's default). */
  slaPolicyId: z.uuid().nullable(),
  hourlyRateCents: nonNegativeCentsSchema,
  roleRates: z.array(roleRateSchema).max(50),
  afterHoursPercent: tierPercent,
  weekendPercent: tierPercent,
  holidayPercent: tierPercent,
  /** Catalog items whose work is covered; empty covers every service. */
  coveredServiceIds: ids,
  /** Asset types covered; empty covers all. Applies to tickets that carry an asset. */
  coveredAssetTypes: z.array(z.enum(deviceClasses)).transform((list) => [...new Set(list)]),
  excludedTicketTypes: z.array(z.enum(ticketTypes)).transform((list) => [...new Set(list)]),
  excludedWorkTypeIds: ids,
  excludedWorkRoleIds: ids,
  /** Where excluded or uncovered work is billed instead. */
  fallbackAgreementId: z.uuid().nullable(),
  onsiteMinimumMinutes: minutes(480),
  tripChargeCents: nonNegativeCentsSchema,
  remoteTicketMinimumMinutes: minutes(480),
  roundingMinutes,
  vendorCausedWork: z.enum(vendorCausedRules),
  /** Vendor rules: a signed Letter of Agency before a vendor works; the client approves vendor changes. */
  requiresLoa: z.boolean(),
  requiresClientApprovalOfVendorChanges: z.boolean(),
  /** Service credits for missed guaranteed SLA targets (opt-in); null: none. */
  penaltySchedule: penaltyScheduleSchema.nullable(),
  recurringLines: z.array(recurringLineInputSchema).max(100),
  blockMinutes: z.number().int().min(1, 'A block is at least one minute').max(1_000_000).nullable(),
  blockPriceCents: nonNegativeCentsSchema.nullable(),
  overageRateCents: nonNegativeCentsSchema.nullable(),
  blockRollover: z.enum(blockRollovers).nullable(),
  /** Months a block's hours stay usable; null = they never expire. */
  blockExpiryMonths: z.number().int().min(1).max(120).nullable(),
  /** A retainer's money per month. */
  retainerCents: nonNegativeCentsSchema.nullable(),
  fixedFeeCents: nonNegativeCentsSchema.nullable(),
  notes: z.string().max(20_000),
};

/** The fields whose combination has rules, and the type they depend on. */
export type AgreementShape = { type: AgreementType } & {
  [K in keyof typeof agreementFields]: z.infer<(typeof agreementFields)[K]>;
};

const typeOnly: { field: keyof AgreementShape; type: AgreementType; label: string }[] = [
  { field: 'blockMinutes', type: 'block_hours', label: 'a block size' },
  { field: 'blockPriceCents', type: 'block_hours', label: 'a block price' },
  { field: 'blockRollover', type: 'block_hours', label: 'a rollover rule' },
  { field: 'blockExpiryMonths', type: 'block_hours', label: 'an expiry' },
  { field: 'retainerCents', type: 'retainer', label: 'a monthly retainer' },
  { field: 'fixedFeeCents', type: 'project', label: 'a fixed fee' },
];

/** What is wrong with an agreement's combination of fields, each with the field to point at. */
export function agreementProblems(agreement: AgreementShape): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const type = agreementTypeLabels[agreement.type].toLowerCase();
  if (agreement.endsOn !== null && agreement.endsOn < agreement.startsOn) {
    problems.push({ path: ['endsOn'], message: 'The agreement cannot end before it starts' });
  }
  for (const { field, type: owner, label } of typeOnly) {
    const value = agreement[field];
    if (owner === agreement.type && value === null && field !== 'blockExpiryMonths') {
      problems.push({ path: [field], message: `A ${type} agreement needs ${label}` });
    }
    if (owner !== agreement.type && value !== null) {
      problems.push({
        path: [field],
        message: `Only ${agreementTypeLabels[owner].toLowerCase()} agreements have ${label}`,
      });
    }
  }
  if (agreement.type === 'block_hours' && agreement.overageRateCents === null) {
    problems.push({ path: ['overageRateCents'], message: 'A block hours agreement needs an overage rate' });
  }
  if (agreement.type !== 'block_hours' && agreement.overageRateCents !== null) {
    problems.push({
      path: ['overageRateCents'],
      message: 'Only block hours agreements have an overage rate',
    });
  }
  const roles = agreement.roleRates.map((r) => r.workRoleId);
  if (new Set(roles).size !== roles.length) {
    problems.push({ path: ['roleRates'], message: 'Each work role has one rate' });
  }
  return problems;
}

const refine = <T extends AgreementShape>(agreement: T, ctx: z.RefinementCtx) => {
  for (const problem of agreementProblems(agreement)) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
};

export const agreementInputSchema = z
  .strictObject({
    clientId: z.uuid(),
    type: z.enum(agreementTypes),
    name,
    startsOn: agreementFields.startsOn,
    endsOn: agreementFields.endsOn.default(null),
    isClientDefault: agreementFields.isClientDefault.default(false),
    calendarId: agreementFields.calendarId.default(null),
    slaPolicyId: agreementFields.slaPolicyId.default(null),
    hourlyRateCents: agreementFields.hourlyRateCents,
    roleRates: agreementFields.roleRates.default([]),
    afterHoursPercent: tierPercent.default(null),
    weekendPercent: tierPercent.default(null),
    holidayPercent: tierPercent.default(null),
    coveredServiceIds: ids.default([]),
    coveredAssetTypes: agreementFields.coveredAssetTypes.default([]),
    excludedTicketTypes: agreementFields.excludedTicketTypes.default([]),
    excludedWorkTypeIds: ids.default([]),
    excludedWorkRoleIds: ids.default([]),
    fallbackAgreementId: agreementFields.fallbackAgreementId.default(null),
    onsiteMinimumMinutes: agreementFields.onsiteMinimumMinutes.default(0),
    tripChargeCents: agreementFields.tripChargeCents.default(0),
    remoteTicketMinimumMinutes: agreementFields.remoteTicketMinimumMinutes.default(0),
    roundingMinutes: roundingMinutes.default(1),
    vendorCausedWork: agreementFields.vendorCausedWork.default('graduated'),
    requiresLoa: z.boolean().default(false),
    requiresClientApprovalOfVendorChanges: z.boolean().default(false),
    penaltySchedule: agreementFields.penaltySchedule.default(null),
    recurringLines: agreementFields.recurringLines.default([]),
    blockMinutes: agreementFields.blockMinutes.default(null),
    blockPriceCents: agreementFields.blockPriceCents.default(null),
    overageRateCents: agreementFields.overageRateCents.default(null),
    blockRollover: agreementFields.blockRollover.default(null),
    blockExpiryMonths: agreementFields.blockExpiryMonths.default(null),
    retainerCents: agreementFields.retainerCents.default(null),
    fixedFeeCents: agreementFields.fixedFeeCents.default(null),
    notes: agreementFields.notes.default(''),
  })
  .superRefine(refine);
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/** A PATCH: any field but the client and the type; the merged agreement is checked as a whole. */
export const agreementUpdateSchema = z.strictObject(agreementFields).partial();
export type AgreementUpdate = z.infer<typeof agreementUpdateSchema>;

export const recurringLineSchema = z.object({
  id: z.uuid(),
  catalogItemId: z.uuid(),
  catalogItemName: z.string(),
  unit: z.string(),
  description: z.string().nullable(),
  quantity: z.number().int(),
  minimumQuantity: z.number().int(),
  unitPriceCents: z.number().int(),
});

export const agreementSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  type: z.enum(agreementTypes),
  /** The client's currency: every amount on the agreement is in it. */
  currency: z.string(),
  status: z.enum(agreementStatuses),
  ...agreementFields,
  recurringLines: z.array(recurringLineSchema),
  roleRates: z.array(
    z.object({ workRoleId: z.uuid(), workRoleName: z.string(), hourlyRateCents: z.number() }),
  ),
  fallbackAgreementName: z.string().nullable(),
  calendarName: z.string().nullable(),
  slaPolicyName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const agreementListQuerySchema = z.object({
  clientId: z.uuid().optional(),
  status: z.enum([...agreementStatuses, 'any']).default('any'),
});
export type AgreementListQuery = z.infer<typeof agreementListQuerySchema>;

// --- Work roles -------------------------------------------------------------------------------------

/** Labour roles with their own rates on agreements (tier-1 technician, engineer, project manager). */
export const defaultWorkRoles = ['Technician', 'Engineer', 'Project manager'] as const;

export const workRoleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  archived: z.boolean(),
});
export type WorkRole = z.infer<typeof workRoleSchema>;

export const workRoleInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name').max(100),
});
export const workRoleUpdateSchema = z.strictObject({
  name: workRoleInputSchema.shape.name.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Archived roles stay on old entries and agreements but cannot be given to anyone. */
  archived: z.boolean().optional(),
});
export type WorkRoleUpdate = z.infer<typeof workRoleUpdateSchema>;

export const memberWorkRoleSchema = z.object({ membershipId: z.uuid(), workRoleId: z.uuid() });
export const memberWorkRoleInputSchema = z.strictObject({ workRoleId: z.uuid().nullable() });

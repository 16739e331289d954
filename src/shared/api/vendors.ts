// Third-party (line-of-business) vendors, their engagements at clients, and the accounts through which
// their people reach a client's machines — what lets a detected change be tied to a vendor.
import { z } from 'zod';
import { pageQuerySchema } from './common.ts';

const name = z.string().trim().min(1, 'Required').max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const vendorInputSchema = z.strictObject({
  name,
  /** The line-of-business applications the vendor supports, e.g. "Dentrix". */
  products: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  website: optionalText(300),
  supportEmail: z.email().max(320).nullable().optional(),
  supportPhone: optionalText(50),
  notes: z.string().max(20_000).default(''),
});
export type VendorInput = z.infer<typeof vendorInputSchema>;

export const vendorUpdateSchema = z.strictObject({
  name: name.optional(),
  products: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  website: optionalText(300),
  supportEmail: z.email().max(320).nullable().optional(),
  supportPhone: optionalText(50),
  notes: z.string().max(20_000).optional(),
  archived: z.boolean().optional(),
});
export type VendorUpdate = z.infer<typeof vendorUpdateSchema>;

export const vendorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  products: z.array(z.string()),
  website: z.string().nullable(),
  supportEmail: z.string().nullable(),
  supportPhone: z.string().nullable(),
  notes: z.string(),
  archived: z.boolean(),
  engagementCount: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Vendor = z.infer<typeof vendorSchema>;

export const vendorListQuerySchema = z.object({
  /** Part of the name or of a product. */
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['true', 'false', 'any'], { message: 'Use true, false or any' }).default('false'),
  ...pageQuerySchema.shape,
});
export type VendorListQuery = z.infer<typeof vendorListQuerySchema>;

export const engagementListQuerySchema = z.object({
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  archived: z.enum(['true', 'false', 'any'], { message: 'Use true, false or any' }).default('false'),
});
export type EngagementListQuery = z.infer<typeof engagementListQuerySchema>;

/** A vendor at a client: which product, under which support contract, with which promises. */
export const engagementInputSchema = z.strictObject({
  clientId: z.uuid(),
  product: name,
  /** The vendor's support contract with the client, e.g. its number or plan. */
  supportContract: optionalText(300),
  /** When the vendor's contract renews. */
  renewsOn: z.iso.date().nullable().optional(),
  /** The vendor's own response and fix promises, as its contract states them. */
  slaTerms: z.string().max(5_000).default(''),
  notes: z.string().max(20_000).default(''),
});
export type EngagementInput = z.infer<typeof engagementInputSchema>;

export const engagementUpdateSchema = z.strictObject({
  product: name.optional(),
  supportContract: optionalText(300),
  renewsOn: z.iso.date().nullable().optional(),
  slaTerms: z.string().max(5_000).optional(),
  notes: z.string().max(20_000).optional(),
  archived: z.boolean().optional(),
});
export type EngagementUpdate = z.infer<typeof engagementUpdateSchema>;

export const vendorAccountKinds = ['os_user', 'remote_tool'] as const;
export type VendorAccountKind = (typeof vendorAccountKinds)[number];
export const vendorAccountKindLabels: Record<VendorAccountKind, string> = {
  os_user: 'Account on the machines',
  remote_tool: 'Remote-access tool ID',
};

/** An identity of the vendor's at the client: an OS user name (DOMAIN\user or user) or a remote-tool ID. */
export const vendorAccountInputSchema = z.strictObject({
  kind: z.enum(vendorAccountKinds),
  identifier: z.string().trim().min(1).max(200),
  notes: z.string().max(2_000).default(''),
});
export type VendorAccountInput = z.infer<typeof vendorAccountInputSchema>;

export const vendorAccountSchema = z.object({
  id: z.uuid(),
  engagementId: z.uuid(),
  kind: z.enum(vendorAccountKinds),
  identifier: z.string(),
  notes: z.string(),
  createdAt: z.iso.datetime(),
});
export type VendorAccount = z.infer<typeof vendorAccountSchema>;

export const engagementSchema = z.object({
  id: z.uuid(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  clientId: z.uuid(),
  clientName: z.string(),
  product: z.string(),
  supportContract: z.string().nullable(),
  renewsOn: z.iso.date().nullable(),
  slaTerms: z.string(),
  notes: z.string(),
  archived: z.boolean(),
  accounts: z.array(vendorAccountSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Engagement = z.infer<typeof engagementSchema>;

/** Actors whose changes are routine: the MSP's automation and allow-listed updaters. */
export const routineActorInputSchema = z.strictObject({
  /** Matched case-insensitively against a change's actor, e.g. "unattended-upgrades", "SYSTEM". */
  actor: z.string().trim().min(1).max(200),
  note: z.string().max(500).default(''),
});
export type RoutineActorInput = z.infer<typeof routineActorInputSchema>;

export const routineActorSchema = z.object({
  id: z.uuid(),
  actor: z.string(),
  note: z.string(),
  createdAt: z.iso.datetime(),
});
export type RoutineActor = z.infer<typeof routineActorSchema>;

/** What every tenant starts with: the updaters that change machines on their own. */
export const defaultRoutineActors: RoutineActorInput[] = [
  { actor: 'unattended-upgrades', note: "Debian and Ubuntu's automatic security updates" },
  { actor: 'SYSTEM', note: 'Windows Update, Defender and other services running as Local System' },
  { actor: 'TrustedInstaller', note: 'Windows servicing' },
];

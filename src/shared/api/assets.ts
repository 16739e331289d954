// Assets (the CMDB): what the MSP looks after at a client and site.
import { z } from 'zod';
import { localDateSchema } from '../business-time/calendar-schema.ts';
import { assetCriticalities, assetTypes } from './asset-enums.ts';
import { pageQuerySchema } from './common.ts';

/** An asset is online when its agent checked in within this many minutes (heartbeats come every 60 s). */
export const ASSET_ONLINE_MINUTES = 5;

/** online: checked in within ASSET_ONLINE_MINUTES; offline: checked in before that; never: no agent yet. */
export const assetStates = ['online', 'offline', 'never'] as const;
export type AssetState = (typeof assetStates)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((value) => value || null)
    .nullable()
    .optional();

const assetFields = {
  siteId: z.uuid({ message: 'Not a valid site id' }).nullable(),
  type: z.enum(assetTypes, { message: `Use one of: ${assetTypes.join(', ')}` }),
  name: z.string().trim().min(1, 'Give the asset a name').max(200, 'At most 200 characters'),
  /** As the maker prints it. */
  serial: optionalText(100),
  hostname: optionalText(253),
  os: optionalText(100),
  osVersion: optionalText(100),
  criticality: z.enum(assetCriticalities, { message: `Use one of: ${assetCriticalities.join(', ')}` }),
  /** Under the MSP's management: counted for per-device billing, covered by guaranteed SLAs. */
  isManaged: z.boolean(),
  /** Matches the client's standard stack. */
  isStandard: z.boolean(),
  warrantyEndsOn: localDateSchema.nullable(),
  notes: z.string().max(20_000, 'At most 20,000 characters'),
};

// Update schemas list their fields afresh: in zod 4 a .default() still fires under .optional(), and a
// PATCH that leaves a field out must leave it alone.
export const assetInputSchema = z.strictObject({
  clientId: z.uuid({ message: 'Not a valid client id' }),
  ...assetFields,
  siteId: assetFields.siteId.optional(),
  criticality: assetFields.criticality.default('normal'),
  isManaged: assetFields.isManaged.default(true),
  isStandard: assetFields.isStandard.default(false),
  warrantyEndsOn: assetFields.warrantyEndsOn.optional(),
  notes: assetFields.notes.default(''),
});
export type AssetInput = z.infer<typeof assetInputSchema>;

/** An asset stays with its client (add a new one for a device that moves); archived: true archives it. */
export const assetUpdateSchema = z.strictObject({ ...assetFields, archived: z.boolean() }).partial();
export type AssetUpdate = z.infer<typeof assetUpdateSchema>;

export const assetSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  type: z.enum(assetTypes),
  name: z.string(),
  serial: z.string().nullable(),
  hostname: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  criticality: z.enum(assetCriticalities),
  isManaged: z.boolean(),
  isStandard: z.boolean(),
  warrantyEndsOn: z.string().nullable(),
  notes: z.string(),
  lastSeenAt: z.iso.datetime().nullable(),
  state: z.enum(assetStates),
  archived: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Asset = z.infer<typeof assetSchema>;

export const assetListQuerySchema = z.object({
  clientId: z.uuid({ message: 'Not a valid client id' }).optional(),
  siteId: z.uuid({ message: 'Not a valid site id' }).optional(),
  type: z.enum(assetTypes, { message: `Use one of: ${assetTypes.join(', ')}` }).optional(),
  managed: z.enum(['yes', 'no'], { message: 'Use yes or no' }).optional(),
  state: z.enum(assetStates, { message: `Use one of: ${assetStates.join(', ')}` }).optional(),
  /** Part of the name, hostname or serial. */
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['true', 'false', 'any']).default('false'),
  ...pageQuerySchema.shape,
});
export type AssetListQuery = z.infer<typeof assetListQuerySchema>;

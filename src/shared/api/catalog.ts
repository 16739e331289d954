// The service catalog (what the MSP sells, by category and unit) and tax codes (rates in basis points).
import { z } from 'zod';
import { currencySchema, nonNegativeCentsSchema } from '../money.ts';

export const catalogCategories = ['on_premises', 'off_premises', 'less_common', 'advisory'] as const;
export type CatalogCategory = (typeof catalogCategories)[number];
export const catalogCategoryLabels: Record<CatalogCategory, string> = {
  on_premises: 'On-premises',
  off_premises: 'Off-premises',
  less_common: 'Less common',
  advisory: 'Advisory',
};

export const catalogUnits = ['per_device', 'per_user', 'flat', 'hourly', 'fixed_fee'] as const;
export type CatalogUnit = (typeof catalogUnits)[number];
export const catalogUnitLabels: Record<CatalogUnit, string> = {
  per_device: 'Per device',
  per_user: 'Per user',
  flat: 'Flat',
  hourly: 'Hourly',
  fixed_fee: 'Fixed fee',
};

/** The asset types a per-device item is priced by (the CMDB's asset types). */
export const deviceClasses = [
  'server',
  'workstation',
  'laptop',
  'network',
  'printer',
  'phone',
  'other',
] as const;
export type DeviceClass = (typeof deviceClasses)[number];
export const deviceClassLabels: Record<DeviceClass, string> = {
  server: 'Server',
  workstation: 'Workstation',
  laptop: 'Laptop',
  network: 'Network device',
  printer: 'Printer',
  phone: 'Phone',
  other: 'Other',
};

const name = z.string().trim().min(1, 'Enter a name').max(120);
const description = z.string().trim().max(1000).nullable();

// --- Tax codes --------------------------------------------------------------------------------------

/** Basis points: 2000 = 20.00 %. */
export const rateBasisPointsSchema = z
  .number({ message: 'Enter the rate in basis points (2000 = 20 %)' })
  .int('The rate is whole basis points (2000 = 20 %)')
  .min(0, 'The rate cannot be negative')
  .max(10_000, 'The rate is at most 100 %');

export const taxCodeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  rateBasisPoints: z.number().int(),
  description: z.string().nullable(),
  /** The code new catalog items get when they name none; at most one per organization. */
  isDefault: z.boolean(),
  archived: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TaxCode = z.infer<typeof taxCodeSchema>;

export const taxCodeInputSchema = z.strictObject({
  name,
  rateBasisPoints: rateBasisPointsSchema,
  description: description.optional(),
  isDefault: z.boolean().default(false),
});
export type TaxCodeInput = z.infer<typeof taxCodeInputSchema>;

export const taxCodeUpdateSchema = z.strictObject({
  name: name.optional(),
  rateBasisPoints: rateBasisPointsSchema.optional(),
  description: description.optional(),
  /** true makes this the default (the previous one stops being it); false leaves none. */
  isDefault: z.boolean().optional(),
  /** Archived codes stay on the items that use them but cannot be chosen for new ones. */
  archived: z.boolean().optional(),
});
export type TaxCodeUpdate = z.infer<typeof taxCodeUpdateSchema>;

/** "20 %", "8.25 %", "0 %" from basis points, exactly (no float rounding). */
export function formatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} %`;
}

// --- Catalog items ----------------------------------------------------------------------------------

export const catalogItemSchema = z.object({
  id: z.uuid(),
  category: z.enum(catalogCategories),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.enum(catalogUnits),
  /** Only for per-device items: which kind of device the price is for. */
  deviceClass: z.enum(deviceClasses).nullable(),
  /** In the currency's minor unit (cents). */
  priceCents: z.number().int(),
  currency: z.string(),
  /** Bought in and sold on (Microsoft 365 seats, backup per TB): has a unit cost. */
  isResale: z.boolean(),
  /** What one unit costs the MSP, same currency; only on resale items. */
  unitCostCents: z.number().int().nullable(),
  taxCodeId: z.uuid(),
  taxCodeName: z.string(),
  archived: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** The fields whose combination has rules (unit ↔ device class, resale ↔ unit cost). */
export interface CatalogItemShape {
  unit: CatalogUnit;
  deviceClass: DeviceClass | null;
  isResale: boolean;
  unitCostCents: number | null;
}

/**
 * What is wrong with an item's combination of fields, each with the field to point at. Used by the
 * create schema and, on the merged item, by the update (where the stored fields count too).
 */
export function catalogItemProblems(item: CatalogItemShape): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (item.unit === 'per_device' && item.deviceClass === null) {
    problems.push({ path: ['deviceClass'], message: 'A per-device item needs a device class' });
  }
  if (item.unit !== 'per_device' && item.deviceClass !== null) {
    problems.push({ path: ['deviceClass'], message: 'Only per-device items have a device class' });
  }
  if (item.isResale && item.unitCostCents === null) {
    problems.push({ path: ['unitCostCents'], message: 'A resale item needs a unit cost' });
  }
  if (!item.isResale && item.unitCostCents !== null) {
    problems.push({ path: ['unitCostCents'], message: 'Only resale items have a unit cost' });
  }
  return problems;
}

const catalogItemFields = {
  category: z.enum(catalogCategories),
  name,
  description: description.optional(),
  unit: z.enum(catalogUnits),
  deviceClass: z.enum(deviceClasses).nullable(),
  priceCents: nonNegativeCentsSchema,
  currency: currencySchema,
  isResale: z.boolean(),
  unitCostCents: nonNegativeCentsSchema.nullable(),
  taxCodeId: z.uuid({ message: 'Not a valid id' }),
};

export const catalogItemInputSchema = z
  .strictObject({
    ...catalogItemFields,
    deviceClass: catalogItemFields.deviceClass.default(null),
    currency: catalogItemFields.currency.default('USD'),
    isResale: catalogItemFields.isResale.default(false),
    unitCostCents: catalogItemFields.unitCostCents.default(null),
    /** The organization's default tax code when omitted. */
    taxCodeId: catalogItemFields.taxCodeId.optional(),
  })
  .superRefine((item, context) => {
    for (const problem of catalogItemProblems(item)) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });
export type CatalogItemInput = z.infer<typeof catalogItemInputSchema>;

/** Any subset; the rules between fields are checked on the item as it would be after the change. */
export const catalogItemUpdateSchema = z.strictObject({
  category: catalogItemFields.category.optional(),
  name: name.optional(),
  description: description.optional(),
  unit: catalogItemFields.unit.optional(),
  deviceClass: catalogItemFields.deviceClass.optional(),
  priceCents: catalogItemFields.priceCents.optional(),
  currency: catalogItemFields.currency.optional(),
  isResale: catalogItemFields.isResale.optional(),
  unitCostCents: catalogItemFields.unitCostCents.optional(),
  taxCodeId: catalogItemFields.taxCodeId.optional(),
  /** Archived items stay readable (and on what already uses them) but leave the chooser. */
  archived: z.boolean().optional(),
});
export type CatalogItemUpdate = z.infer<typeof catalogItemUpdateSchema>;

/** `false` (default): active only; `true`: archived only; `any`: both. */
export const archivedFilterSchema = z.enum(['true', 'false', 'any']).default('false');

export const catalogItemListQuerySchema = z.object({
  category: z.enum(catalogCategories).optional(),
  archived: archivedFilterSchema,
});

export const taxCodeListQuerySchema = z.object({ archived: archivedFilterSchema });

export const standardCatalogResultSchema = z.object({
  /** How many shipped items and tax codes were missing (by name) and are now back. */
  addedItems: z.number().int(),
  addedTaxCodes: z.number().int(),
});

// --- Shipped defaults -------------------------------------------------------------------------------

export interface DefaultTaxCode {
  name: string;
  rateBasisPoints: number;
  description: string;
  isDefault: boolean;
}

/** Every organization starts with these; the MSP adds its real rates (VAT, GST, sales tax). */
export const defaultTaxCodes: readonly DefaultTaxCode[] = [
  { name: 'No tax', rateBasisPoints: 0, description: 'No tax is charged.', isDefault: true },
  {
    name: 'Exempt',
    rateBasisPoints: 0,
    description: 'Exempt from tax (e.g. a client with an exemption certificate).',
    isDefault: false,
  },
];

export interface DefaultCatalogItem {
  category: CatalogCategory;
  name: string;
  description: string;
  unit: CatalogUnit;
  deviceClass: DeviceClass | null;
  isResale: boolean;
}

const item = (
  category: CatalogCategory,
  name: string,
  unit: CatalogUnit,
  description: string,
  extra: { deviceClass?: DeviceClass; isResale?: boolean } = {},
): DefaultCatalogItem => ({
  category,
  name,
  unit,
  description,
  deviceClass: extra.deviceClass ?? null,
  isResale: extra.isResale ?? false,
});

/**
 * The standard catalog every organization starts with, priced at 0 in USD for the MSP to set. Resale
 * items start with a unit cost of 0 too.
 */
export const defaultCatalogItems: readonly DefaultCatalogItem[] = [
  item('on_premises', 'Desktop and laptop support', 'per_device', 'Hands-on support for staff computers.', {
    deviceClass: 'workstation',
  }),
  item(
    'on_premises',
    'Network and printer support',
    'per_device',
    'Switches, Wi-Fi, firewalls and printers on site.',
    {
      deviceClass: 'network',
    },
  ),
  item('on_premises', 'Telephone system support', 'per_device', 'Desk phones and the phone system on site.', {
    deviceClass: 'phone',
  }),
  item('on_premises', 'Server installation', 'fixed_fee', 'Installing and commissioning a server on site.'),
  item('off_premises', 'Help desk', 'per_user', 'Remote support for every user, by phone, mail and portal.'),
  item(
    'off_premises',
    'Remote server administration',
    'per_device',
    'Monitoring, patching and care of servers.',
    {
      deviceClass: 'server',
    },
  ),
  item(
    'off_premises',
    'Remote network administration',
    'per_device',
    'Monitoring and care of network devices.',
    {
      deviceClass: 'network',
    },
  ),
  item(
    'off_premises',
    'Hosting and co-location',
    'flat',
    'Rack space, power and connectivity in a data centre.',
  ),
  item('off_premises', 'Web hosting', 'flat', 'Hosting of the client’s web site.'),
  item('off_premises', 'Procurement', 'hourly', 'Sourcing, quoting and ordering hardware and software.'),
  item(
    'off_premises',
    'Microsoft 365 seat',
    'per_user',
    'Microsoft 365 licence, resold per user per month.',
    {
      isResale: true,
    },
  ),
  item('off_premises', 'Cloud backup (per TB)', 'flat', 'Off-site backup storage, resold per terabyte.', {
    isResale: true,
  }),
  item('less_common', 'Application development', 'hourly', 'Custom software and scripts.'),
  item(
    'less_common',
    'Business application support and integration',
    'hourly',
    'Support for line-of-business applications and connecting them together.',
  ),
  item(
    'less_common',
    'Technology assessment',
    'fixed_fee',
    'A review of the client’s systems with recommendations.',
  ),
  item(
    'less_common',
    'Business continuity planning',
    'fixed_fee',
    'Planning for outages, disasters and recovery.',
  ),
  item('advisory', 'Strategic planning', 'hourly', 'Technology road map aligned with the business.'),
  item(
    'advisory',
    'IT policy and standards',
    'fixed_fee',
    'Written policies and the standards that back them.',
  ),
  item('advisory', 'Enterprise architecture', 'hourly', 'How systems, data and vendors fit together.'),
  item('advisory', 'Budgeting', 'hourly', 'IT budget and refresh-cycle planning.'),
  item('advisory', 'Program management', 'hourly', 'Running a set of related projects to their goal.'),
];

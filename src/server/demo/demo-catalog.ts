// The demo MSP's prices: the standard catalog as a small US MSP might price it, plus one sales-tax code.
import type { Services } from '../app.ts';
import type { Actor } from '../http/scope.ts';

/** Monthly (or hourly, or per project) price and, for resale items, unit cost, in US cents. */
const prices: Record<string, { priceCents: number; unitCostCents?: number }> = {
  'Desktop and laptop support': { priceCents: 4_500 },
  'Network and printer support': { priceCents: 2_500 },
  'Telephone system support': { priceCents: 1_500 },
  'Server installation': { priceCents: 180_000 },
  'Help desk': { priceCents: 3_500 },
  'Remote server administration': { priceCents: 15_000 },
  'Remote network administration': { priceCents: 4_000 },
  'Hosting and co-location': { priceCents: 45_000 },
  'Web hosting': { priceCents: 4_900 },
  Procurement: { priceCents: 9_500 },
  'Microsoft 365 seat': { priceCents: 2_640, unitCostCents: 2_200 },
  'Cloud backup (per TB)': { priceCents: 6_000, unitCostCents: 2_300 },
  'Application development': { priceCents: 16_500 },
  'Business application support and integration': { priceCents: 14_500 },
  'Technology assessment': { priceCents: 250_000 },
  'Business continuity planning': { priceCents: 400_000 },
  'Strategic planning': { priceCents: 19_500 },
  'IT policy and standards': { priceCents: 150_000 },
  'Enterprise architecture': { priceCents: 19_500 },
  Budgeting: { priceCents: 17_500 },
  'Program management': { priceCents: 16_500 },
};

export async function priceDemoCatalog(services: Services, owner: Actor): Promise<void> {
  for (const item of await services.catalog.listCatalogItems(owner.scope, { archived: 'false' })) {
    const price = prices[item.name];
    if (price) await services.catalog.updateCatalogItem(owner, item.id, price);
  }
  await services.catalog.createTaxCode(owner, {
    name: 'Sales tax 8.25 %',
    rateBasisPoints: 825,
    description: 'State and local sales tax on taxable services.',
    isDefault: false,
  });
}

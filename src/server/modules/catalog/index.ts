// The catalog module's public face: tax codes and service catalog items.
export {
  findCatalogItem,
  findDefaultTaxCode,
  seedDefaults as seedCatalogDefaults,
} from './catalog.repository.ts';
export { createCatalogRoutes } from './catalog.routes.ts';
export { type CatalogService, createCatalogService } from './catalog.service.ts';

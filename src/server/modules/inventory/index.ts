// The inventory module's public face: agents' reports, detected changes and the alerts they raise.
export { createInventoryRoutes } from './inventory.routes.ts';
export {
  createInventoryService,
  type InventoryService,
  type Reporter,
} from './inventory.service.ts';
export { createTicketAssetService, type TicketAssetService } from './ticket-assets.service.ts';
export { createVendorReplyRoutes } from './vendor-replies.routes.ts';
export { createVendorReplyService, type VendorReplyService } from './vendor-replies.service.ts';

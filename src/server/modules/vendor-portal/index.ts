// The vendor portal module's public face.
export { createVendorPortalRoutes } from './portal.routes.ts';
export { createVendorPortalService, type VendorPortalService } from './portal.service.ts';
export { createRequestMail, type RequestMailService } from './request-mail.service.ts';

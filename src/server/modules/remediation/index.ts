// The remediation module's public face.

export { createRemediationRoutes } from './remediation.routes.ts';
export { createRemediationService, type RemediationService } from './remediation.service.ts';
export { createPortalRemediationRoutes } from './remediation-portal.routes.ts';
export { createRemediationSweep } from './remediation-sweep.ts';
export { createVendorRemediationRoutes } from './remediation-vendor.routes.ts';

// The change-requests module's public face.

export { createChangeCalendarFeedRoutes, createChangeRequestRoutes } from './change-requests.routes.ts';
export { type ChangeRequestService, createChangeRequestService } from './change-requests.service.ts';
export { type ApprovedWindow, approvedWindows, inMaintenance } from './change-windows.ts';
export { createClientApprovalRoutes } from './client-approval.routes.ts';
export { type ClientApprovalService, createClientApprovalService } from './client-approval.service.ts';

// The vendors module's public face.

export { holdsOnTickets, type TicketHold } from './holds.repository.ts';
export { createHoldRoutes } from './holds.routes.ts';
export { createHoldService, type HoldService } from './holds.service.ts';
export { letterParties, mspName } from './letter-parties.ts';
export { createLoaRoutes, LOA_UPLOAD_MAX_BODY_BYTES, LOA_UPLOAD_PATH } from './loas.routes.ts';
export { createLoaService, type LoaService } from './loas.service.ts';
export { firstNoticeTimes, noticeKey } from './notices.repository.ts';
export { createNoticeRoutes } from './notices.routes.ts';
export { createNoticeService, giveNotice, type NoticeService } from './notices.service.ts';
export { createRulesRoutes } from './rules.routes.ts';
export { createRulesService, type RulesService, rulesInForce } from './rules.service.ts';
export { createScorecardRoutes } from './scorecard.routes.ts';
export { createScorecardService, type ScorecardService } from './scorecard.service.ts';
export {
  type ClientVendorAccount,
  routineActorNames,
  vendorAccountsAtClient,
  vendorNames,
} from './vendor-lookup.ts';
export { paperworkAt, requireVendorInGoodStanding } from './vendor-standing.ts';
export { createVendorUserRoutes } from './vendor-users.routes.ts';
export { createVendorUserService, type VendorUserService } from './vendor-users.service.ts';
export { listEngagements, listLiveEngagementIds, seedRoutineActors } from './vendors.repository.ts';
export { createVendorRoutes } from './vendors.routes.ts';
export { createVendorService, type VendorService } from './vendors.service.ts';

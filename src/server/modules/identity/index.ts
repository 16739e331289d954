// The identity module's public face: tenants, identities, memberships, sessions, MFA, API tokens.
export { type AuthService, createAuthService } from './auth.service.ts';
export { findIdentity, findMember, loadScope as loadMemberScope } from './identity.repository.ts';
export {
  type CookiePolicy,
  createIdentityRoutes,
  SESSION_COOKIE,
  setSessionCookie,
} from './identity.routes.ts';
export { isClientRole } from './identity.table.ts';
export { createInvitationRoutes } from './invitations.routes.ts';
export { createInvitationService, type InvitationService } from './invitations.service.ts';
export { memberNameSql } from './member-name.ts';
export { createMfaRoutes, mfaPendingRoutes } from './mfa.routes.ts';
export { createMfaService, type MfaService } from './mfa.service.ts';
export {
  addPortalMember,
  mailInvitation,
  NO_PASSWORD,
  requireInvitable,
  updatePortalMembership,
} from './portal-members.ts';
export { createUserService, type UserService } from './users.service.ts';

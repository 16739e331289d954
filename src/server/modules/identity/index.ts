// The identity module's public face: tenants, identities, memberships, sessions, API tokens.
export { type AuthService, createAuthService } from './auth.service.ts';
export { loadScope as loadMemberScope } from './identity.repository.ts';
export { type CookiePolicy, createIdentityRoutes, SESSION_COOKIE } from './identity.routes.ts';
export { createUserService, type UserService } from './users.service.ts';

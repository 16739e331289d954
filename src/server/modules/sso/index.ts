// The single sign-on module's public face: OpenID Connect providers per organization and signing in with them.
export { createSsoRoutes, type SsoRouteOptions } from './sso.routes.ts';
export { createSsoService, type SsoService } from './sso.service.ts';

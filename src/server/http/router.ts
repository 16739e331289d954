// Building blocks for module routers: one validation hook, JSON bodies, error responses, permissions.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.ts';
import { AppError, errorBody } from './app-error.ts';
import type { AppEnv } from './context.ts';
import { can, type Permission } from './permissions.ts';

export function formatIssues(issues: readonly z.core.$ZodIssue[]) {
  return issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return 'The request is invalid.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues;
        return c.json(errorBody('request.invalid', describeIssues(issues), formatIssues(issues)), 400);
      }
    },
  });
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const errorContent = (description: string) => jsonContent(errorBodySchema, description);

/** The error responses every authenticated route can give. */
export const errorResponses = {
  400: errorContent('The request is invalid'),
  401: errorContent('Not signed in'),
  403: errorContent('Not allowed'),
  404: errorContent('Not found, or not visible to you'),
} as const;

/** Requires a signed-in member of a tenant whose role has the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new AppError('auth.unauthenticated', 'Sign in first.');
    if (!auth.scope) throw new AppError('auth.no_membership', 'Choose an organization first.');
    if (!can(auth.scope.role, permission)) {
      throw new AppError('auth.forbidden', `Your role (${auth.scope.role}) may not do this (${permission}).`);
    }
    await next();
  };
}

/** Requires a signed-in vendor's person (the vendor portal); staff are refused, whatever their role. */
export const requireVendorUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth');
  if (!auth) throw new AppError('auth.unauthenticated', 'Sign in first.');
  if (!auth.scope) throw new AppError('auth.no_membership', 'Choose an organization first.');
  if (auth.scope.role !== 'vendor' || !auth.scope.vendorId) {
    throw new AppError('portal.vendor_only', 'The vendor portal is for vendors’ people.');
  }
  await next();
};

/**
 * Requires a signed-in client's person (the client portal); staff and vendors are refused. With
 * `adminOnly`, only the company's admin: its users see their own tickets and nothing of the company's.
 */
function clientPortalGuard(adminOnly: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new AppError('auth.unauthenticated', 'Sign in first.');
    if (!auth.scope) throw new AppError('auth.no_membership', 'Choose an organization first.');
    if (!auth.scope.clientContact) {
      throw new AppError('portal.client_only', 'The client portal is for clients’ people.');
    }
    if (adminOnly && auth.scope.role !== 'client_admin') {
      throw new AppError('portal.client_admin_only', 'Only your company’s portal admin may see this.');
    }
    await next();
  };
}
export const requireClientUser = clientPortalGuard(false);
export const requireClientAdmin = clientPortalGuard(true);

/** Requires only a signed-in identity (for the session routes themselves). */
export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth')) throw new AppError('auth.unauthenticated', 'Sign in first.');
  await next();
};

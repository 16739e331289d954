// HTTP routes for the audit log and its chain check (audit.read), and the security log (security.manage).
import { createRoute } from '@hono/zod-openapi';
import {
  auditEventListQuerySchema,
  auditEventPageSchema,
  auditVerifySchema,
  securityEventListQuerySchema,
  securityEventPageSchema,
} from '../../../shared/api/audit.ts';
import { scopeOf } from '../../http/context.ts';
import { createRouter, errorResponses, jsonContent, requirePermission } from '../../http/router.ts';
import type { AuditService } from './audit.service.ts';

const tags = ['Audit'];
const read = [requirePermission('audit.read')];
const security = [requirePermission('security.manage')];

export function createAuditRoutes(audit: AuditService) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/audit-events',
        tags,
        summary: 'Audit events, newest first; filter by actor, action prefix, target and time',
        middleware: read,
        request: { query: auditEventListQuerySchema },
        responses: { 200: jsonContent(auditEventPageSchema, 'A page of audit events'), ...errorResponses },
      }),
      async (c) => c.json(await audit.list(scopeOf(c), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/audit/verify',
        tags,
        summary: "Recompute this organization's audit chain and report the first broken event",
        middleware: read,
        responses: { 200: jsonContent(auditVerifySchema, 'The result of the check'), ...errorResponses },
      }),
      async (c) => c.json(await audit.verify(scopeOf(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/security-events',
        tags,
        summary:
          "Sign-in events without an organization (failed logins, …) about this organization's people, newest first",
        middleware: security,
        request: { query: securityEventListQuerySchema },
        responses: {
          200: jsonContent(securityEventPageSchema, 'A page of security events'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await audit.listSecurityEvents(scopeOf(c), c.req.valid('query')), 200),
    );
}

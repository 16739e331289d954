// createApp(services): authentication, the API under /api/v1, its OpenAPI document, the web app, one error handler.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { apiDocsPage } from './http/api-docs.ts';
import { AppError, errorBody } from './http/app-error.ts';
import { peerAddress, resolveClientIp, type TrustedProxies, trustNoProxy } from './http/client-ip.ts';
import type { AppEnv } from './http/context.ts';
import { createOperationsRoutes } from './http/operations-routes.ts';
import { limitAnonymousRequests, type RateLimitOptions } from './http/rate-limit.ts';
import { observeRequests } from './http/request-log.ts';
import { rejectNulCharacters } from './http/text-guard.ts';
import {
  AGENT_BODY_LIMITS,
  type AgentService,
  createAgentApiRoutes,
  createAgentFastPath,
  createAgentLimiters,
  createAgentStaffRoutes,
} from './modules/agents/index.ts';
import {
  type AgreementService,
  createAgreementRoutes,
  type WorkRoleService,
} from './modules/agreements/index.ts';
import { type AssetService, createAssetRoutes } from './modules/assets/index.ts';
import { type AuditService, createAuditRoutes } from './modules/audit/index.ts';
import { type CalendarService, createCalendarRoutes } from './modules/calendars/index.ts';
import { type CatalogService, createCatalogRoutes } from './modules/catalog/index.ts';
import {
  type ChangeRequestService,
  type ClientApprovalService,
  createChangeCalendarFeedRoutes,
  createChangeRequestRoutes,
  createClientApprovalRoutes,
} from './modules/change-requests/index.ts';
import {
  type ClientPortalService,
  createClientPortalRoutes,
  type PortalTicketService,
} from './modules/client-portal/index.ts';
import {
  type ClientService,
  type ClientUserService,
  createClientRoutes,
  createClientUserRoutes,
} from './modules/clients/index.ts';
import { createFileRoutes, type FileService } from './modules/files/index.ts';
import {
  type AuthService,
  type CookiePolicy,
  createIdentityRoutes,
  createInvitationRoutes,
  createMfaRoutes,
  type InvitationService,
  type MfaService,
  mfaPendingRoutes,
  SESSION_COOKIE,
  type UserService,
} from './modules/identity/index.ts';
import {
  createInboundMailRoutes,
  type InboundMailService,
  type MailboxPoller,
  type MailboxService,
  type Receiver,
} from './modules/inbound-mail/index.ts';
import {
  createInventoryRoutes,
  createVendorReplyRoutes,
  type InventoryService,
  type TicketAssetService,
  type VendorReplyService,
} from './modules/inventory/index.ts';
import {
  type CreditNoteService,
  createCreditNoteRoutes,
  createInvoiceRoutes,
  type InvoiceService,
} from './modules/invoices/index.ts';
import { createMailRoutes, type MailService } from './modules/mail/index.ts';
import {
  createNotificationRoutes,
  type NotificationDispatcher,
  type NotificationService,
} from './modules/notifications/index.ts';
import { createProfitabilityRoutes, type ProfitabilityService } from './modules/profitability/index.ts';
import {
  createPortalRemediationRoutes,
  createRemediationRoutes,
  createVendorRemediationRoutes,
  type RemediationService,
} from './modules/remediation/index.ts';
import { createSlaPolicyRoutes, type SlaPolicyService } from './modules/sla-policies/index.ts';
import {
  createSlaStatementRoutes,
  type ServiceCreditService,
  type SlaStatementService,
} from './modules/sla-statements/index.ts';
import { createSsoRoutes, type SsoService } from './modules/sso/index.ts';
import {
  createHelpDeskRoutes,
  createTicketRoutes,
  type HelpDeskService,
  type TicketService,
} from './modules/tickets/index.ts';
import { createTimeRoutes, type TimeService } from './modules/time/index.ts';
import { createVendorPortalRoutes, type VendorPortalService } from './modules/vendor-portal/index.ts';
import {
  createHoldRoutes,
  createLoaRoutes,
  createNoticeRoutes,
  createRulesRoutes,
  createScorecardRoutes,
  createVendorRoutes,
  createVendorUserRoutes,
  type HoldService,
  LOA_UPLOAD_MAX_BODY_BYTES,
  LOA_UPLOAD_PATH,
  type LoaService,
  type NoticeService,
  type RulesService,
  type ScorecardService,
  type VendorService,
  type VendorUserService,
} from './modules/vendors/index.ts';
import { type Logger, silentLogger } from './observability/logger.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import type { ReadinessCheck } from './observability/readiness.ts';

export interface Services {
  auth: AuthService;
  mfa: MfaService;
  users: UserService;
  clients: ClientService;
  assets: AssetService;
  calendars: CalendarService;
  slaPolicies: SlaPolicyService;
  tickets: TicketService;
  helpDesk: HelpDeskService;
  time: TimeService;
  catalog: CatalogService;
  agreements: AgreementService;
  workRoles: WorkRoleService;
  invoices: InvoiceService;
  profitability: ProfitabilityService;
  creditNotes: CreditNoteService;
  audit: AuditService;
  sso: SsoService;
  mail: MailService;
  mailboxes: MailboxService;
  inboundMail: InboundMailService;
  /** Takes received messages (the poll job, the SMTP listener). */
  receiver: Receiver;
  mailboxPoller: MailboxPoller;
  files: FileService;
  notifications: NotificationService;
  /** Turns domain events into notifications and mail: a job and an in-process loop (main.ts). */
  notificationDispatcher: NotificationDispatcher;
  agents: AgentService;
  inventory: InventoryService;
  vendorReplies: VendorReplyService;
  ticketAssets: TicketAssetService;
  vendors: VendorService;
  loas: LoaService;
  engagementRules: RulesService;
  vendorNotices: NoticeService;
  coverageHolds: HoldService;
  slaStatements: SlaStatementService;
  serviceCredits: ServiceCreditService;
  vendorScorecards: ScorecardService;
  changeRequests: ChangeRequestService;
  clientApprovals: ClientApprovalService;
  vendorUsers: VendorUserService;
  invitations: InvitationService;
  vendorPortal: VendorPortalService;
  clientUsers: ClientUserService;
  clientPortal: ClientPortalService;
  portalTickets: PortalTicketService;
  remediation: RemediationService;
  /** Counts plans' notices and announces their ends (hourly). */
  remediationSweep: () => Promise<number>;
}

export interface AppOptions {
  cookies: CookiePolicy;
  /** Built web app (index.html and assets); omitted in API-only tests. */
  webRoot?: string;
  maxBodyBytes?: number;
  /** Request lines and errors; silent when omitted (tests). */
  logger?: Logger;
  /** Shared with the job queue so /metrics shows both; a fresh registry when omitted. */
  metrics?: Metrics;
  /** Backs GET /readyz; without it the app reports itself not ready. */
  readiness?: ReadinessCheck;
  /** TRUST_PROXY: peers whose X-Forwarded-For names the client; none when omitted. */
  trustedProxies?: TrustedProxies;
  /** METRICS_TOKEN; without it /metrics answers only direct loopback requests. */
  metricsToken?: string;
  /** Per-IP limit on unauthenticated /api requests (ANONYMOUS_RATE_LIMIT); none when omitted (tests). */
  anonymousRateLimit?: RateLimitOptions;
  /** PUBLIC_URL: the origin single sign-on's callback URL is built on; the request's own when omitted. */
  publicUrl?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a read-only API token may send. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** Refuses bodies over maxSize bytes with the usual error body. */
const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => c.json(errorBody('request.too_large', 'The request body is too large.'), 413),
  });

function clientIp(c: Context<AppEnv>, trustedProxies: TrustedProxies): string | null {
  // In-process requests (tests, benchmarks) have no socket to ask, so no address.
  return resolveClientIp(peerAddress(c), c.req.header('x-forwarded-for'), trustedProxies);
}

export function createApp(services: Services, options: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();
  const logger = options.logger ?? silentLogger;
  const metrics = options.metrics ?? createMetrics();
  const trustedProxies = options.trustedProxies ?? trustNoProxy;

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID());
    c.set('ip', clientIp(c, trustedProxies));
    c.set('auth', null);
    await next();
    c.header('x-request-id', c.get('requestId'));
  });
  app.use('*', observeRequests({ logger, metrics }));

  app.route(
    '/',
    createOperationsRoutes({
      metrics,
      readiness: options.readiness,
      metricsToken: options.metricsToken,
      logger,
    }),
  );

  const apiBodyLimit = limitBody(options.maxBodyBytes ?? 1024 * 1024);
  const uploadBodyLimit = limitBody(LOA_UPLOAD_MAX_BODY_BYTES);
  app.use('/api/*', (c, next) =>
    (LOA_UPLOAD_PATH.test(c.req.path) ? uploadBodyLimit : apiBodyLimit)(c, next),
  );

  const anonymousLimit = options.anonymousRateLimit && limitAnonymousRequests(options.anonymousRateLimit);
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization');
    const bearerToken = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (header && !bearerToken) {
      anonymousLimit?.charge(c);
      throw new AppError('auth.unauthenticated', 'Use "Authorization: Bearer <token>".');
    }
    const auth = await services.auth.authenticate({
      bearerToken,
      sessionToken: getCookie(c, SESSION_COOKIE),
    });
    if (bearerToken && !auth) {
      // A refused token spends the anonymous budget too, or guessing tokens would be unlimited.
      anonymousLimit?.charge(c);
      throw new AppError('auth.unauthenticated', 'The API token is invalid, expired or revoked.');
    }
    // A cookie is sent by the browser on its own; a mutation must also prove it came from our page.
    if (auth?.kind === 'session' && !SAFE_METHODS.has(c.req.method)) {
      if (c.req.header('x-csrf-token') !== auth.csrfToken) {
        throw new AppError('auth.csrf_failed', 'Missing or wrong X-CSRF-Token header; reload the page.');
      }
    }
    if (
      auth?.kind === 'session' &&
      auth.mfaPending &&
      !mfaPendingRoutes.has(`${c.req.method} ${c.req.path}`)
    ) {
      throw new AppError(
        'auth.mfa_required',
        auth.mfaPending === 'verify'
          ? 'Finish signing in: enter the code from your authenticator app.'
          : 'Your organization requires two-factor sign-in: set up an authenticator app first.',
        { mfaPending: auth.mfaPending },
      );
    }
    if (auth?.kind === 'token' && auth.access === 'read' && !READ_METHODS.has(c.req.method)) {
      throw new AppError('auth.token_read_only', 'This API token is read-only; it may only GET and HEAD.');
    }
    c.set('auth', auth);
    await next();
  });
  if (anonymousLimit) app.use('/api/*', anonymousLimit);
  app.use('/api/*', rejectNulCharacters);

  const api = new OpenAPIHono<AppEnv>()
    .route('/', createIdentityRoutes(services.auth, services.users, options.cookies))
    .route('/', createMfaRoutes(services.mfa, options.cookies))
    .route('/', createClientRoutes(services.clients))
    .route('/', createAssetRoutes(services.assets))
    .route('/', createVendorRoutes(services.vendors))
    .route('/', createVendorUserRoutes(services.vendorUsers, { publicUrl: options.publicUrl }))
    .route('/', createInvitationRoutes(services.invitations))
    .route('/', createVendorPortalRoutes(services.vendorPortal))
    .route('/', createClientUserRoutes(services.clientUsers, { publicUrl: options.publicUrl }))
    .route(
      '/',
      createClientPortalRoutes({
        portal: services.clientPortal,
        tickets: services.portalTickets,
        statements: services.slaStatements,
      }),
    )
    .route('/', createRemediationRoutes(services.remediation))
    .route('/', createPortalRemediationRoutes(services.remediation))
    .route('/', createVendorRemediationRoutes(services.remediation))
    .route('/', createLoaRoutes(services.loas))
    .route('/', createRulesRoutes(services.engagementRules, { publicUrl: options.publicUrl }))
    .route('/', createNoticeRoutes(services.vendorNotices))
    .route('/', createHoldRoutes(services.coverageHolds))
    .route('/', createScorecardRoutes(services.vendorScorecards))
    .route('/', createInventoryRoutes(services.inventory, services.ticketAssets))
    .route('/', createVendorReplyRoutes(services.vendorReplies, { publicUrl: options.publicUrl }))
    .route('/', createCalendarRoutes(services.calendars))
    .route('/', createSlaPolicyRoutes(services.slaPolicies))
    .route('/', createSlaStatementRoutes(services.slaStatements, services.serviceCredits))
    .route('/', createTicketRoutes(services.tickets))
    .route('/', createHelpDeskRoutes(services.helpDesk))
    .route('/', createTimeRoutes(services.time))
    .route('/', createCatalogRoutes(services.catalog))
    .route('/', createAgreementRoutes(services.agreements, services.workRoles))
    .route('/', createInvoiceRoutes(services.invoices))
    .route('/', createProfitabilityRoutes(services.profitability))
    .route('/', createCreditNoteRoutes(services.creditNotes))
    .route('/', createAuditRoutes(services.audit))
    .route('/', createNotificationRoutes(services.notifications))
    .route('/', createMailRoutes(services.mail))
    .route('/', createInboundMailRoutes(services.mailboxes, services.inboundMail))
    .route('/', createFileRoutes(services.files))
    .route('/', createAgentStaffRoutes(services.agents, { publicUrl: options.publicUrl }))
    .route('/', createChangeRequestRoutes(services.changeRequests, { publicUrl: options.publicUrl }))
    .route('/', createClientApprovalRoutes(services.clientApprovals, { publicUrl: options.publicUrl }))
    .route(
      '/',
      createSsoRoutes(services.sso, { cookies: options.cookies, publicUrl: options.publicUrl, logger }),
    );

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '1',
      description:
        'Every error answers {"error": {"code", "message", "details"?}}. Mutations made with the session cookie ' +
        'must send the X-CSRF-Token header from GET /auth/session; API tokens use Authorization: Bearer.',
    },
    security: [{ session: [] }, { bearer: [] }],
  });

  app.route('/api/v1', api);
  app.get('/api/docs', (c) => c.html(apiDocsPage('/api/v1/openapi.json')));
  app.all('/api/*', () => {
    throw new AppError('route.not_found', 'No such API route.');
  });

  // The agent API: its own body limit and credentials, none of the /api/* authentication above.
  const agentBodyLimit = limitBody(AGENT_BODY_LIMITS.heartbeat);
  const inventoryBodyLimit = limitBody(AGENT_BODY_LIMITS.inventory);
  app.use('/agent/*', (c, next) =>
    (c.req.path === '/agent/v1/inventory' ? inventoryBodyLimit : agentBodyLimit)(c, next),
  );
  app.use('/agent/*', rejectNulCharacters);
  const agentLimiters = createAgentLimiters();
  app.route(
    '/agent/v1',
    createAgentApiRoutes(services.agents, services.inventory, {
      chargeRefusal: anonymousLimit?.charge,
      limiters: agentLimiters,
    }),
  );
  app.all('/agent/*', () => {
    throw new AppError('route.not_found', 'No such agent API route.');
  });

  // Clients' change calendars: read-only, no session; the secret in the path is the credential.
  app.route(
    '/calendar',
    createChangeCalendarFeedRoutes(services.changeRequests, { publicUrl: options.publicUrl }),
  );

  if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
    const indexHtml = readFileSync(join(options.webRoot, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: options.webRoot }));
    app.use('/favicon.svg', serveStatic({ root: options.webRoot }));
    app.get('*', (c) => c.html(indexHtml));
  }

  app.onError((error, c) => {
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    }
    // The one upload route takes multipart/form-data; every other body is JSON.
    const isUpload = LOA_UPLOAD_PATH.test(c.req.path);
    if (error instanceof HTTPException && error.status === 400) {
      return isUpload
        ? c.json(
            errorBody('request.malformed_form', 'The request body is not valid multipart/form-data.'),
            400,
          )
        : c.json(errorBody('request.malformed_json', 'The request body is not valid JSON.'), 400);
    }
    if (error instanceof HTTPException && error.status === 415) {
      const type = isUpload ? 'multipart/form-data' : 'application/json';
      return c.json(errorBody('request.unsupported_media_type', `Send the body as ${type}.`), 415);
    }
    logger.error(
      { err: error, requestId: c.get('requestId'), method: c.req.method, route: routePath(c) },
      'request failed',
    );
    return c.json(
      errorBody('internal', 'Something went wrong on our side.', { requestId: c.get('requestId') }),
      500,
    );
  });

  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));

  return Object.assign(app, { agentLimiters });
}

/** The app as Node's request listener, with heartbeats and unchanged reports on their fast path (agent-fast-path.ts). */
export function createNodeListener(
  app: ReturnType<typeof createApp>,
  services: Services,
  log: (error: unknown) => void,
) {
  return createAgentFastPath(services, app.agentLimiters, app.fetch, getRequestListener(app.fetch), log);
}

export type App = ReturnType<typeof createApp>;

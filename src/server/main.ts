// Composition root: config -> database -> services -> app -> listen.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp, createNodeListener, type Services } from './app.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createActionRunner } from './db/actions.ts';
import { type Database, type DatabaseHandle, type DatabaseTarget, openDatabase } from './db/client.ts';
import { type DataDirLock, lockDataDir } from './db/data-dir-lock.ts';
import { assertDurable } from './db/durability.ts';
import { migrateDatabase } from './db/migrate.ts';
import { parseTrustedProxies } from './http/client-ip.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { startBufferWriter, startPollLoop } from './jobs/poll-loop.ts';
import { createAgentService, startHeartbeatWriter, startRevocationListener } from './modules/agents/index.ts';
import {
  clientHasAgreements,
  createAgreementService,
  createWorkRoleService,
  seedWorkRoles,
} from './modules/agreements/index.ts';
import { createAssetService } from './modules/assets/index.ts';
import { createAuditHook, createAuditService, startAuditSealer } from './modules/audit/index.ts';
import { createCalendarService } from './modules/calendars/index.ts';
import { createCatalogService, seedCatalogDefaults } from './modules/catalog/index.ts';
import { createChangeRequestService, createClientApprovalService } from './modules/change-requests/index.ts';
import { createClientPortalService, createPortalTicketService } from './modules/client-portal/index.ts';
import { createClientService, createClientUserService } from './modules/clients/index.ts';
import { createFileService } from './modules/files/index.ts';
import {
  createAuthService,
  createInvitationService,
  createMfaService,
  createUserService,
} from './modules/identity/index.ts';
import {
  createInboundMailService,
  createMailboxPoller,
  createMailboxService,
  createReceiver,
  type PollerDeps,
  startSmtpListener,
} from './modules/inbound-mail/index.ts';
import {
  createInventoryService,
  createTicketAssetService,
  createVendorReplyService,
} from './modules/inventory/index.ts';
import { createCreditNoteService, createInvoiceService } from './modules/invoices/index.ts';
import { createMailService } from './modules/mail/index.ts';
import {
  createNotificationDispatcher,
  createNotificationService,
  startNotificationLoop,
} from './modules/notifications/index.ts';
import { createProfitabilityService } from './modules/profitability/index.ts';
import { createRemediationService, createRemediationSweep } from './modules/remediation/index.ts';
import { createSlaPolicyService } from './modules/sla-policies/index.ts';
import { createServiceCreditService, createSlaStatementService } from './modules/sla-statements/index.ts';
import { createSsoService } from './modules/sso/index.ts';
import { createHelpDeskService, createTicketService, seedTicketDefaults } from './modules/tickets/index.ts';
import { createTimeService, seedTimeDefaults } from './modules/time/index.ts';
import { createRequestMail, createVendorPortalService } from './modules/vendor-portal/index.ts';
import {
  createHoldService,
  createLoaService,
  createNoticeService,
  createRulesService,
  createScorecardService,
  createVendorService,
  createVendorUserService,
  seedRoutineActors,
} from './modules/vendors/index.ts';
import { createLogger, type Logger, silentLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { createReadinessCheck } from './observability/readiness.ts';
import { createSecretBox, ephemeralSecretBox, loadSecretKey, type SecretBox } from './secret-box.ts';

export function createServices(deps: {
  db: Database;
  clock?: Clock;
  sessionTtlHours?: number;
  /** Seals TOTP and SSO secrets; a key for this process only when omitted (tests, one-shot commands). */
  secretBox?: SecretBox;
  /** PUBLIC_URL, for the links in notification mail; relative links when omitted. */
  publicUrl?: string;
  /** Trusted roots and timeouts for IMAP connections (tests add their self-signed CA). */
  imap?: PollerDeps['imap'];
  /** Where background work reports what it could not do; silent when omitted (tests). */
  logger?: Logger;
}): Services {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const secretBox = deps.secretBox ?? ephemeralSecretBox();
  const actions = createActionRunner(db, { hooks: [createAuditHook({ clock })] });
  const assets = createAssetService({ db, actions, clock });
  const calendars = createCalendarService({ db, actions, clock });
  const slaPolicies = createSlaPolicyService({ db, actions, clock, calendarExists: calendars.exists });
  const auth = createAuthService({
    db,
    actions,
    clock,
    sessionTtlHours: deps.sessionTtlHours ?? 24 * 14,
    onTenantCreated: async (tx, tenantId) => {
      await seedTicketDefaults(tx, tenantId);
      await seedTimeDefaults(tx, tenantId);
      await seedCatalogDefaults(tx, tenantId);
      await seedWorkRoles(tx, tenantId);
      await seedRoutineActors(tx, tenantId);
    },
  });
  const mail = createMailService({ db, actions, clock, secretBox });
  const invoices = createInvoiceService({ db, actions, clock });
  const changeRequests = createChangeRequestService({ db, actions, clock });
  const engagementRules = createRulesService({ db, actions, clock });
  const loas = createLoaService({ db, actions, clock });
  const agreements = createAgreementService({ db, actions, clock });
  const slaStatements = createSlaStatementService({ db, actions, clock });
  const vendorScorecards = createScorecardService({ db, clock });
  const clientApprovals = createClientApprovalService({ db, actions, clock });
  const changeRequestMail = createRequestMail({ changeRequests, mail, publicUrl: deps.publicUrl });
  const receiver = createReceiver({ db, clock, changeRequestMail });
  const mailboxPoller = createMailboxPoller({ db, clock, secretBox, receiver, imap: deps.imap });
  return {
    auth,
    mfa: createMfaService({ db, actions, clock, secretBox, auth }),
    users: createUserService({ db, actions, clock }),
    clients: createClientService({
      db,
      actions,
      clock,
      references: {
        calendarExists: calendars.exists,
        slaPolicyExists: slaPolicies.exists,
        hasAgreements: clientHasAgreements,
      },
    }),
    assets,
    calendars,
    slaPolicies,
    tickets: createTicketService({ db, actions, clock }),
    helpDesk: createHelpDeskService({ db, actions, clock }),
    time: createTimeService({ db, actions, clock }),
    catalog: createCatalogService({ db, actions, clock }),
    agreements,
    workRoles: createWorkRoleService({ db, actions, clock }),
    invoices,
    profitability: createProfitabilityService({
      db,
      actions,
      clock,
      marginThresholdPercent: async (scope) => (await invoices.getSettings(scope)).marginThresholdPercent,
    }),
    creditNotes: createCreditNoteService({ db, actions, clock }),
    audit: createAuditService({ db, clock }),
    sso: createSsoService({ db, actions, clock, secretBox, auth }),
    mail,
    mailboxes: createMailboxService({ db, actions, clock, secretBox, poller: mailboxPoller }),
    inboundMail: createInboundMailService({ db, actions, clock }),
    receiver,
    mailboxPoller,
    files: createFileService({ db }),
    notifications: createNotificationService({ db, actions, clock }),
    notificationDispatcher: createNotificationDispatcher({
      db,
      clock,
      mail,
      publicUrl: deps.publicUrl,
      log: (message, error) =>
        (deps.logger ?? silentLogger).warn({ err: error }, `[notifications] ${message}`),
    }),
    agents: createAgentService({ db, actions, clock }),
    inventory: createInventoryService({ db, actions, clock }),
    vendorReplies: createVendorReplyService({ db, actions, clock }),
    ticketAssets: createTicketAssetService({ db, actions, clock, assets }),
    vendors: createVendorService({ db, actions, clock }),
    loas,
    engagementRules,
    vendorNotices: createNoticeService({ db, actions, clock }),
    coverageHolds: createHoldService({ db, actions, clock }),
    slaStatements,
    serviceCredits: createServiceCreditService({ db, actions, clock }),
    vendorScorecards,
    changeRequests,
    clientApprovals,
    vendorUsers: createVendorUserService({ db, actions, clock, mail }),
    invitations: createInvitationService({ db, clock }),
    vendorPortal: createVendorPortalService({
      db,
      actions,
      clock,
      changeRequests,
      rules: engagementRules,
      loas,
    }),
    clientUsers: createClientUserService({ db, actions, clock, mail }),
    clientPortal: createClientPortalService({
      db,
      clock,
      agreements,
      invoices,
      approvals: clientApprovals,
      scorecards: vendorScorecards,
    }),
    portalTickets: createPortalTicketService({ db, actions, clock }),
    remediation: createRemediationService({ db, actions, clock }),
    remediationSweep: createRemediationSweep({ db, clock, mail, publicUrl: deps.publicUrl }),
  };
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.DATABASE_URL
    ? { engine: 'postgres', url: config.DATABASE_URL }
    : { engine: 'pglite', dataDir: config.DATA_DIR };
}

/** Opens (and for PGlite, locks) the database and applies migrations. */
export async function openMigratedDatabase(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  const target = databaseTarget(config);
  const lock: DataDirLock | null = target.engine === 'pglite' ? await lockDataDir(config.DATA_DIR) : null;
  try {
    const handle = await openDatabase(target, { logger });
    // Before migrating: a database that loses commits is refused before anything is written to it.
    try {
      await assertDurable(handle, { allowUnsafe: config.ALLOW_UNSAFE_DURABILITY === 'true', logger });
    } catch (error) {
      await handle.close();
      throw error;
    }
    await migrateDatabase(handle);
    return {
      handle,
      async close() {
        await handle.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

// Same folder whether running from src/ (tsx) or dist/ (built).
/** Recurring housekeeping; feature modules add their workers here. */
export async function registerJobs(jobs: JobQueue, services: Services): Promise<void> {
  await jobs.work('sessions.purge', async () => {
    await services.auth.purgeExpiredSessions();
    await services.auth.purgeLoginFailures();
    await services.sso.purgeExpiredAttempts();
    await services.audit.purgeSecurityEvents();
  });
  await jobs.schedule('sessions.purge', '17 * * * *');
  // Clocks turn at risk and breach by time alone; breaches are stamped with their due instant anyway.
  await jobs.work('sla.recompute', async () => {
    let recomputed: number;
    do recomputed = await services.tickets.recomputeDue();
    while (recomputed > 0);
  });
  await jobs.schedule('sla.recompute', '* * * * *');
  // Backstop for the in-process loop in startServer (another process, a loop that stopped).
  await jobs.work('notifications.dispatch', async () => {
    while ((await services.notificationDispatcher.dispatchPending()) > 0);
  });
  await jobs.schedule('notifications.dispatch', '* * * * *');
  // Outbound mail: every minute, and a few seconds after something is queued (the delay lets the
  // queueing transaction commit first; the minute schedule catches whatever the kick misses).
  await jobs.work('mail.send', async () => {
    await services.mail.sendDue();
  });
  await jobs.schedule('mail.send', '* * * * *');
  // Inbound mail: every IMAP mailbox each minute (a lease keeps one node on each mailbox).
  await jobs.work('mail.receive', async () => {
    await services.mailboxPoller.pollAll();
  });
  await jobs.schedule('mail.receive', '* * * * *');
  services.mail.setOnQueued(() => {
    jobs
      .send('mail.send', {}, { singletonKey: 'mail.send.soon', startAfter: new Date(Date.now() + 3000) })
      .catch(() => {});
  });
}

export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** `clock` replaces the system clock for every service (tests that move time; never set in production). */
export async function startServer(
  config: Config,
  options: { clock?: Clock } = {},
): Promise<{ url: string; logger: Logger; inboundSmtpPort: number | null; stop(): Promise<void> }> {
  const logger = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const database = await openMigratedDatabase(config, logger);
  const services = createServices({
    db: database.handle.db,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    secretBox: createSecretBox(loadSecretKey(config)),
    publicUrl: config.PUBLIC_URL,
    logger,
    clock: options.clock,
  });
  const jobs = createJobQueue({
    ...database.handle,
    log: (message, error) => logger.error({ err: error ?? undefined }, `[jobs] ${message}`),
    onJobSettled: (job) => metrics.observeJob(job),
  });
  await jobs.start();
  await registerJobs(jobs, services);
  // Seals new audit events into each tenant's chain every 2 s (docs/adr/0004-audit.md).
  const sealer = startAuditSealer(services.audit, {
    log: (error) => logger.error({ err: error }, '[audit] sealing failed; retrying'),
  });
  // Turns domain events into notifications every 2 s, so people hear within seconds.
  const notifier = startNotificationLoop(services.notificationDispatcher, {
    log: (error) => logger.error({ err: error }, '[notifications] dispatch failed; retrying'),
  });
  // Writes agents' buffered last-seen times every 5 s, and what is left on stop.
  const heartbeats = startHeartbeatWriter(services.agents, {
    log: (error) => logger.error({ err: error }, '[agents] writing heartbeats failed; retrying'),
  });
  // Writes the health of unchanged inventory reports taken from memory every 5 s, and what is left on stop.
  const reportHealth = startBufferWriter(() => services.inventory.flushHealth(), {
    log: (error) => logger.error({ err: error }, '[agents] writing report health failed; retrying'),
  });
  // Agents' credentials are kept in memory only while this node hears every revocation.
  const revocations = await startRevocationListener(database.handle, services.agents, (error) =>
    logger.warn({ err: error }, '[agents] listening for revocations failed; reconnecting'),
  );
  // Opens and resolves "agent offline" tickets once a minute.
  const agentWatch = startPollLoop(() => services.inventory.checkAgents(), {
    intervalMs: 60_000,
    log: (error) => logger.error({ err: error }, '[agents] checking for offline agents failed; retrying'),
  });
  // Every hour: announces Letters of Agency 30 and 7 days before they end and once they have, lifts
  // the coverage holds whose conditions are met, and counts remediation plans' notices.
  const vendorTerms = startPollLoop(
    async () => {
      await services.loas.remindExpiring();
      await services.coverageHolds.liftWhereMet();
      await services.remediationSweep();
    },
    {
      intervalMs: 3_600_000,
      log: (error) => logger.error({ err: error }, '[vendors] checking letters and holds failed; retrying'),
    },
  );
  const app = createApp(services, {
    cookies: { secure: config.SECURE_COOKIES, maxAgeSeconds: config.SESSION_TTL_HOURS * 3600 },
    webRoot,
    logger,
    metrics,
    readiness: createReadinessCheck({ handle: database.handle, jobs }),
    trustedProxies: parseTrustedProxies(config.TRUST_PROXY),
    metricsToken: config.METRICS_TOKEN,
    publicUrl: config.PUBLIC_URL,
    anonymousRateLimit:
      config.ANONYMOUS_RATE_LIMIT > 0 ? { perMinute: config.ANONYMOUS_RATE_LIMIT } : undefined,
  });
  const server = createServer(
    createNodeListener(app, services, (error) => logger.error({ err: error }, '[agents] heartbeat failed')),
  ).listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  logger.info({ url, engine: database.handle.engine }, 'listening');
  const smtpListener =
    config.INBOUND_SMTP_PORT === undefined
      ? null
      : await startSmtpListener({
          db: database.handle.db,
          receiver: services.receiver,
          options: {
            host: config.INBOUND_SMTP_HOST,
            port: config.INBOUND_SMTP_PORT,
            tls: config.INBOUND_SMTP_TLS_KEY_FILE
              ? {
                  key: readFileSync(config.INBOUND_SMTP_TLS_KEY_FILE, 'utf8'),
                  cert: readFileSync(config.INBOUND_SMTP_TLS_CERT_FILE!, 'utf8'),
                }
              : null,
          },
          log: (message, error) => logger.warn({ err: error }, `[inbound smtp] ${message}`),
        });
  if (smtpListener) {
    logger.info({ host: config.INBOUND_SMTP_HOST, port: smtpListener.port }, 'inbound SMTP listening');
  }
  return {
    url,
    logger,
    /** The SMTP listener's port (INBOUND_SMTP_PORT, or the one picked for 0); null when it is off. */
    inboundSmtpPort: smtpListener?.port ?? null,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await heartbeats.stop();
      await reportHealth.stop();
      await agentWatch.stop();
      await vendorTerms.stop();
      await revocations.close();
      await smtpListener?.close();
      await sealer.stop();
      await notifier.stop();
      await jobs.stop();
      await database.close();
    },
  };
}

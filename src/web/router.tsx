// Code-based route tree. Public pages (setup, login, organization picker, a vendor's acknowledgement link, a
// client's change approval link, an invitation) sit beside the three signed-in frames, the staff app, the
// vendor portal and the client portal, whose guards decide where a visitor belongs: no session to sign-in, a
// vendor's person to the vendor portal, a client's person to the client portal, staff to the staff app.
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { agreementStatuses } from '../shared/api/agreements.ts';
import { catalogCategories } from '../shared/api/catalog.ts';
import { inboundOutcomes } from '../shared/api/inbound-mail.ts';
import { invoiceStatuses, periodPattern } from '../shared/api/invoices.ts';
import type { AgreementsSearch } from './features/agreements/agreements-page.tsx';
import { parseAssetsSearch } from './features/assets/assets-search.ts';
import { LoginPage } from './features/auth/login-page.tsx';
import { type MfaPending, signInDestination } from './features/auth/mfa-api.ts';
import { MfaEnrollPage } from './features/auth/mfa-enroll-page.tsx';
import { MfaVerifyPage } from './features/auth/mfa-verify-page.tsx';
import { SelectOrganizationPage } from './features/auth/select-organization-page.tsx';
import {
  isClientMembership,
  isVendorMembership,
  sessionQuery,
  setupStatusQuery,
} from './features/auth/session.ts';
import { parseChangesSearch } from './features/change-requests/changes-search.ts';
import { clientPortalPages } from './features/client-portal/portal-routes.tsx';
import { ClientDetailPage } from './features/clients/client-detail-page.tsx';
import { ClientsPage } from './features/clients/clients-page.tsx';
import { DashboardPage } from './features/dashboard/dashboard-page.tsx';
import { parseDetectedChangesSearch } from './features/detected-changes/detected-changes-search.ts';
import type { TriageSearch } from './features/inbound-mail/inbound-mail-api.ts';
import type { InvoicesSearch } from './features/invoices/invoices-page.tsx';
import { profitabilitySearch } from './features/profitability/profitability-search.ts';
import { parseRemediationSearch } from './features/remediation/remediation-words.ts';
import type { AuditLogSearch } from './features/settings/audit-log-page.tsx';
import type { CatalogSearch } from './features/settings/catalog-page.tsx';
import type { OutboundMailSearch } from './features/settings/outbound-mail-page.tsx';
import type { SecurityEventsSearch } from './features/settings/security-events-page.tsx';
import { SetupPage } from './features/setup/setup-page.tsx';
import { parsePortalRequestsSearch } from './features/vendor-portal/portal-search.ts';
import { parseVendorsSearch } from './features/vendors/vendors-search.ts';
import { AppFrame } from './ui/app-frame.tsx';
import { ErrorPage } from './ui/error-page.tsx';
import { ButtonLink } from './ui/links.tsx';
import { NotFoundPage } from './ui/not-found.tsx';
import { PageSkeleton } from './ui/skeletons.tsx';

interface RouterContext {
  queryClient: QueryClient;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundPage />,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'setup',
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.fetchQuery(setupStatusQuery))) throw redirect({ to: '/login' });
  },
  component: SetupPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: text(search.redirect),
  }),
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ href: signInDestination(session, search.redirect) });
    if (await context.queryClient.fetchQuery(setupStatusQuery)) throw redirect({ to: '/setup' });
  },
  component: LoginPage,
});

/** The second-factor steps: only a session that owes exactly this step may stay on its page. */
const mfaStepGuard =
  (step: MfaPending) =>
  async ({ context, search }: { context: RouterContext; search: { redirect?: string } }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/login' });
    if (session.mfaPending !== step) throw redirect({ href: signInDestination(session, search.redirect) });
  };

const mfaVerifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login/verify',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: text(search.redirect),
  }),
  beforeLoad: mfaStepGuard('verify'),
  component: MfaVerifyPage,
});

const mfaEnrollRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login/enroll',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: text(search.redirect),
  }),
  beforeLoad: mfaStepGuard('enroll'),
  component: MfaEnrollPage,
});

const selectOrganizationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'select-organization',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/login' });
    if (session.mfaPending) throw redirect({ href: signInDestination(session) });
  },
  component: SelectOrganizationPage,
});

/** Behind a vendor's one-time link: no session, the token is the credential. */
const acknowledgeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'acknowledge/$token',
  component: lazyRouteComponent(
    () => import('./features/vendor-terms/acknowledge-page.tsx'),
    'AcknowledgePage',
  ),
});

/** Behind a client's one-time link to approve a vendor's change: no session, the token is the credential. */
const approveChangeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'approve-change/$token',
  component: lazyRouteComponent(
    () => import('./features/change-requests/approve-change-page.tsx'),
    'ApproveChangePage',
  ),
});

/** Behind a vendor's one-time link to reply about its changes on an incident: the token is the credential. */
const vendorReplyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'vendor-reply/$token',
  component: lazyRouteComponent(
    () => import('./features/vendor-replies/vendor-reply-page.tsx'),
    'VendorReplyPage',
  ),
});

/**
 * What both signed-in frames ask first: a session (else setup on a new install, or sign-in), its second
 * factor given (else that step, then on to where the person was going), and an organization chosen.
 */
async function requireMembership(queryClient: QueryClient, href: string) {
  const session = await queryClient.ensureQueryData(sessionQuery);
  if (!session) {
    if (await queryClient.fetchQuery(setupStatusQuery)) throw redirect({ to: '/setup' });
    throw redirect({ to: '/login', search: { redirect: href === '/' ? undefined : href } });
  }
  if (session.mfaPending) throw redirect({ href: signInDestination(session, href) });
  if (!session.membership) throw redirect({ to: '/select-organization' });
  return session.membership;
}

/** Behind an invitation to a portal: the invited person sets a password; the token is the credential. */
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invitation/$token',
  component: lazyRouteComponent(
    () => import('./features/vendor-users/invitation-page.tsx'),
    'InvitationPage',
  ),
});

/** The vendor portal: a vendor's own people, and only they; staff are sent to their own app. */
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'vendor',
  beforeLoad: async ({ context, location }) => {
    const membership = await requireMembership(context.queryClient, location.href);
    if (!isVendorMembership(membership)) throw redirect({ to: '/', replace: true });
  },
  component: lazyRouteComponent(() => import('./features/vendor-portal/portal-frame.tsx'), 'PortalFrame'),
  notFoundComponent: () => (
    <NotFoundPage
      action={
        <ButtonLink to="/vendor" variant="default">
          Go to the overview
        </ButtonLink>
      }
    />
  ),
});

const portalOverviewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-overview-page.tsx'),
    'PortalOverviewPage',
  ),
});

const portalRulesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'rules/$engagementId',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-rules-page.tsx'),
    'PortalRulesPage',
  ),
});

const portalRequestsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'requests',
  validateSearch: parsePortalRequestsSearch,
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-requests-page.tsx'),
    'PortalRequestsPage',
  ),
});

const portalRequestRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'requests/$requestId',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-request-detail-page.tsx'),
    'PortalRequestDetailPage',
  ),
});

const portalAttributionsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'attributions',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-attributions-page.tsx'),
    'PortalAttributionsPage',
  ),
});

const portalPlansRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'plans',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-plans-page.tsx'),
    'PortalPlansPage',
  ),
});

const portalPlanRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'plans/$planId',
  component: lazyRouteComponent(
    () => import('./features/vendor-portal/portal-plan-page.tsx'),
    'PortalPlanPage',
  ),
});

const portalSecurityRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'account/security',
  component: lazyRouteComponent(() => import('./features/account/security-page.tsx'), 'SecurityPage'),
});

/** The client portal: a client's own people, and only they; everyone else is sent to their own frame. */
const clientPortalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal',
  beforeLoad: async ({ context, location }) => {
    const membership = await requireMembership(context.queryClient, location.href);
    if (!isClientMembership(membership)) throw redirect({ to: '/', replace: true });
  },
  component: lazyRouteComponent(
    () => import('./features/client-portal/portal-frame.tsx'),
    'ClientPortalFrame',
  ),
  notFoundComponent: () => (
    <NotFoundPage
      action={
        <ButtonLink to="/portal" variant="default">
          Go to the overview
        </ButtonLink>
      }
    />
  ),
});

/** The signed-in staff frame: everything below needs a session acting in an organization. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const membership = await requireMembership(context.queryClient, location.href);
    // A vendor's or a client's person never lands in the staff app: their portal is theirs.
    if (isVendorMembership(membership)) throw redirect({ to: '/vendor', replace: true });
    if (isClientMembership(membership)) throw redirect({ to: '/portal', replace: true });
  },
  component: AppFrame,
  notFoundComponent: () => <NotFoundPage />,
});

const dashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: DashboardPage });

export type ArchivedFilter = 'false' | 'true' | 'any';

const clientsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'clients',
  validateSearch: (
    search: Record<string, unknown>,
  ): { q?: string; archived?: ArchivedFilter; page?: number } => {
    const archived = search.archived === 'true' || search.archived === 'any' ? search.archived : undefined;
    const page = Number(search.page);
    return { q: text(search.q), archived, page: Number.isInteger(page) && page > 1 ? page : undefined };
  },
  component: ClientsPage,
});

export type ClientTab = 'overview' | 'sites' | 'contacts' | 'assets' | 'vendors' | 'agreements';

const clientDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'clients/$clientId',
  validateSearch: (search: Record<string, unknown>): { tab?: ClientTab } => ({
    tab:
      search.tab === 'sites' ||
      search.tab === 'contacts' ||
      search.tab === 'assets' ||
      search.tab === 'vendors' ||
      search.tab === 'agreements'
        ? search.tab
        : undefined,
  }),
  component: ClientDetailPage,
});

const assetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'assets',
  validateSearch: parseAssetsSearch,
  component: lazyRouteComponent(() => import('./features/assets/assets-page.tsx'), 'AssetsPage'),
});

const assetDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'assets/$assetId',
  validateSearch: (search: Record<string, unknown>): { tab?: 'inventory' | 'changes' | 'tickets' } => ({
    tab:
      search.tab === 'inventory' || search.tab === 'changes' || search.tab === 'tickets'
        ? search.tab
        : undefined,
  }),
  component: lazyRouteComponent(() => import('./features/assets/asset-detail-page.tsx'), 'AssetDetailPage'),
});

const vendorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors',
  validateSearch: parseVendorsSearch,
  component: lazyRouteComponent(() => import('./features/vendors/vendors-page.tsx'), 'VendorsPage'),
});

const vendorDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors/$vendorId',
  component: lazyRouteComponent(
    () => import('./features/vendors/vendor-detail-page.tsx'),
    'VendorDetailPage',
  ),
});

const changesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'changes',
  validateSearch: parseChangesSearch,
  component: lazyRouteComponent(
    () => import('./features/change-requests/change-requests-page.tsx'),
    'ChangeRequestsPage',
  ),
});

/** The Changes page's other view: what agents detected, by default the unattributed ones to triage. */
const detectedChangesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'changes/detected',
  validateSearch: parseDetectedChangesSearch,
  component: lazyRouteComponent(
    () => import('./features/detected-changes/detected-changes-page.tsx'),
    'DetectedChangesPage',
  ),
});

const changeRequestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'changes/$changeRequestId',
  component: lazyRouteComponent(
    () => import('./features/change-requests/change-request-detail-page.tsx'),
    'ChangeRequestDetailPage',
  ),
});

/** Open plans unless the URL asks for the decided ones or all. */
const remediationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'remediation',
  validateSearch: parseRemediationSearch,
  component: lazyRouteComponent(
    () => import('./features/remediation/remediation-list-page.tsx'),
    'RemediationListPage',
  ),
});

/** A plan's page; the remediation.reminder notification links here. */
const remediationPlanRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'remediation/$planId',
  component: lazyRouteComponent(() => import('./features/remediation/plan-page.tsx'), 'RemediationPlanPage'),
});

/** Status and client filters live in the URL so a view can be bookmarked and shared. */
const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'agreements',
  validateSearch: (search: Record<string, unknown>): AgreementsSearch => ({
    status: agreementStatuses.find((status) => status === search.status),
    clientId: text(search.clientId),
  }),
  component: lazyRouteComponent(() => import('./features/agreements/agreements-page.tsx'), 'AgreementsPage'),
});

const newAgreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'agreements/new',
  validateSearch: (search: Record<string, unknown>): { clientId?: string } => ({
    clientId: text(search.clientId),
  }),
  component: lazyRouteComponent(
    () => import('./features/agreements/agreement-editor-page.tsx'),
    'NewAgreementPage',
  ),
});

const agreementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'agreements/$agreementId',
  component: lazyRouteComponent(
    () => import('./features/agreements/agreement-editor-page.tsx'),
    'AgreementPage',
  ),
});

/** One month (YYYY-MM) of the agreement's SLA statements. */
const slaStatementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'agreements/$agreementId/sla-statements/$month',
  component: lazyRouteComponent(
    () => import('./features/sla-statements/sla-statement-page.tsx'),
    'SlaStatementPage',
  ),
});

/** The month, status and client live in the URL; no month means this month. */
const invoicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices',
  validateSearch: (search: Record<string, unknown>): InvoicesSearch => ({
    period: periodPattern.test(String(search.period)) ? String(search.period) : undefined,
    status: invoiceStatuses.find((status) => status === search.status),
    clientId: text(search.clientId),
  }),
  component: lazyRouteComponent(() => import('./features/invoices/invoices-page.tsx'), 'InvoicesPage'),
});

const invoiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'invoices/$invoiceId',
  component: lazyRouteComponent(() => import('./features/invoices/invoice-page.tsx'), 'InvoicePage'),
});

/** The month range (and, on a client, the month drilled into) live in the URL; none means the last 12 months. */
const profitabilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profitability',
  validateSearch: profitabilitySearch,
  component: lazyRouteComponent(
    () => import('./features/profitability/profitability-page.tsx'),
    'ProfitabilityPage',
  ),
});

const clientProfitabilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profitability/$clientId',
  validateSearch: profitabilitySearch,
  component: lazyRouteComponent(
    () => import('./features/profitability/client-profitability-page.tsx'),
    'ClientProfitabilityPage',
  ),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./features/settings/settings-layout.tsx'), 'SettingsLayout'),
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    const canReadUsers = session?.membership?.permissions.includes('users.read');
    throw redirect({ to: canReadUsers ? '/settings/users' : '/settings/calendars', replace: true });
  },
});

const usersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'users',
  component: lazyRouteComponent(() => import('./features/settings/users-page.tsx'), 'UsersPage'),
});

const calendarsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'calendars',
  component: lazyRouteComponent(() => import('./features/settings/calendars-page.tsx'), 'CalendarsPage'),
});

const calendarRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'calendars/$calendarId',
  component: lazyRouteComponent(
    () => import('./features/settings/calendar-editor-page.tsx'),
    'CalendarEditorPage',
  ),
});

const slaPoliciesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'sla-policies',
  component: lazyRouteComponent(() => import('./features/settings/sla-policies-page.tsx'), 'SlaPoliciesPage'),
});

const slaPolicyRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'sla-policies/$policyId',
  component: lazyRouteComponent(
    () => import('./features/settings/sla-policy-editor-page.tsx'),
    'SlaPolicyEditorPage',
  ),
});

/** The queue's filters live in the URL so a view can be bookmarked and shared (UI.md "Tables"). */
export interface TicketQueueSearch {
  boardId?: string;
  clientId?: string;
  assigneeId?: string;
  status?: string;
  priority?: string;
  slaState?: string;
  q?: string;
  sort?: 'due' | 'number' | 'updated' | 'priority';
}

const sorts = ['due', 'number', 'updated', 'priority'] as const;

const ticketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets',
  validateSearch: (search: Record<string, unknown>): TicketQueueSearch => ({
    boardId: text(search.boardId),
    clientId: text(search.clientId),
    assigneeId: text(search.assigneeId),
    status: text(search.status),
    priority: text(search.priority),
    slaState: text(search.slaState),
    q: text(search.q),
    sort: sorts.find((sort) => sort === search.sort),
  }),
  component: lazyRouteComponent(() => import('./features/tickets/tickets-page.tsx'), 'TicketsPage'),
});

const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/new',
  validateSearch: (search: Record<string, unknown>): { clientId?: string } => ({
    clientId: text(search.clientId),
  }),
  component: lazyRouteComponent(() => import('./features/tickets/new-ticket-page.tsx'), 'NewTicketPage'),
});

const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/$ticketId',
  component: lazyRouteComponent(
    () => import('./features/tickets/ticket-detail-page.tsx'),
    'TicketDetailPage',
  ),
});

const helpDeskSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'help-desk',
  component: lazyRouteComponent(() => import('./features/settings/help-desk-page.tsx'), 'HelpDeskPage'),
});

const securitySettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'security',
  component: lazyRouteComponent(
    () => import('./features/settings/security-settings-page.tsx'),
    'SecuritySettingsPage',
  ),
});

const ssoSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'sso',
  component: lazyRouteComponent(() => import('./features/settings/sso-page.tsx'), 'SsoPage'),
});

const routineActorsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'routine-actors',
  component: lazyRouteComponent(
    () => import('./features/vendors/routine-actors-page.tsx'),
    'RoutineActorsPage',
  ),
});

const engagementRulesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'engagement-rules',
  component: lazyRouteComponent(
    () => import('./features/vendor-terms/rules-settings-page.tsx'),
    'RulesSettingsPage',
  ),
});

const agentsSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'agents',
  component: lazyRouteComponent(() => import('./features/settings/agents-page.tsx'), 'AgentsPage'),
});

const auditLogRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'audit-log',
  validateSearch: (search: Record<string, unknown>): AuditLogSearch => ({
    action: text(search.action),
    actorId: text(search.actorId),
    targetType: text(search.targetType),
    targetId: text(search.targetId),
    from: text(search.from),
    to: text(search.to),
  }),
  component: lazyRouteComponent(() => import('./features/settings/audit-log-page.tsx'), 'AuditLogPage'),
});

const securityEventsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'security-events',
  validateSearch: (search: Record<string, unknown>): SecurityEventsSearch => ({
    action: text(search.action),
    identityId: text(search.identityId),
    from: text(search.from),
    to: text(search.to),
  }),
  component: lazyRouteComponent(
    () => import('./features/settings/security-events-page.tsx'),
    'SecurityEventsPage',
  ),
});

const catalogRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'catalog',
  validateSearch: (search: Record<string, unknown>): CatalogSearch => ({
    category: (catalogCategories as readonly unknown[]).includes(search.category)
      ? (search.category as CatalogSearch['category'])
      : undefined,
    archived: search.archived === true || search.archived === 'true' ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./features/settings/catalog-page.tsx'), 'CatalogPage'),
});

const workRolesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'work-roles',
  component: lazyRouteComponent(() => import('./features/settings/work-roles-page.tsx'), 'WorkRolesPage'),
});

const taxCodesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'tax-codes',
  component: lazyRouteComponent(() => import('./features/settings/tax-codes-page.tsx'), 'TaxCodesPage'),
});

const billingSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'billing',
  component: lazyRouteComponent(
    () => import('./features/settings/billing-settings-page.tsx'),
    'BillingSettingsPage',
  ),
});

const costRatesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'cost-rates',
  component: lazyRouteComponent(
    () => import('./features/profitability/cost-rates-page.tsx'),
    'CostRatesPage',
  ),
});

const mailSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'mail',
  component: lazyRouteComponent(
    () => import('./features/settings/mail-settings-page.tsx'),
    'MailSettingsPage',
  ),
});

const inboundMailRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'inbound-mail',
  component: lazyRouteComponent(() => import('./features/settings/inbound-mail-page.tsx'), 'InboundMailPage'),
});

const emailTemplatesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'email-templates',
  component: lazyRouteComponent(
    () => import('./features/settings/email-templates-page.tsx'),
    'EmailTemplatesPage',
  ),
});

const outboundMailRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: 'outbound-mail',
  validateSearch: (search: Record<string, unknown>): OutboundMailSearch => ({
    status: ['queued', 'sent', 'failed'].includes(String(search.status))
      ? (search.status as OutboundMailSearch['status'])
      : undefined,
    to: text(search.to),
    ticketId: text(search.ticketId),
  }),
  component: lazyRouteComponent(
    () => import('./features/settings/outbound-mail-page.tsx'),
    'OutboundMailPage',
  ),
});

const triageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'triage',
  validateSearch: (search: Record<string, unknown>): TriageSearch => {
    const view = search.view === 'all' ? 'all' : undefined;
    return {
      view,
      outcome: view ? inboundOutcomes.find((outcome) => outcome === search.outcome) : undefined,
      q: text(search.q),
    };
  },
  component: lazyRouteComponent(() => import('./features/inbound-mail/triage-page.tsx'), 'TriagePage'),
});

const apiTokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/api-tokens',
  component: lazyRouteComponent(() => import('./features/account/api-tokens-page.tsx'), 'ApiTokensPage'),
});

const sessionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/sessions',
  component: lazyRouteComponent(() => import('./features/account/sessions-page.tsx'), 'SessionsPage'),
});

const accountNotificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/notifications',
  component: lazyRouteComponent(
    () => import('./features/account/notifications-page.tsx'),
    'NotificationsPage',
  ),
});

const accountSecurityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'account/security',
  component: lazyRouteComponent(() => import('./features/account/security-page.tsx'), 'SecurityPage'),
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  loginRoute,
  mfaVerifyRoute,
  mfaEnrollRoute,
  selectOrganizationRoute,
  acknowledgeRoute,
  approveChangeRoute,
  vendorReplyRoute,
  invitationRoute,
  portalRoute.addChildren([
    portalOverviewRoute,
    portalRulesRoute,
    portalRequestsRoute,
    portalRequestRoute,
    portalAttributionsRoute,
    portalPlansRoute,
    portalPlanRoute,
    portalSecurityRoute,
  ]),
  clientPortalRoute.addChildren(clientPortalPages(clientPortalRoute)),
  appRoute.addChildren([
    dashboardRoute,
    ticketsRoute,
    newTicketRoute,
    ticketRoute,
    clientsRoute,
    clientDetailRoute,
    assetsRoute,
    assetDetailRoute,
    vendorsRoute,
    vendorDetailRoute,
    changesRoute,
    detectedChangesRoute,
    changeRequestRoute,
    remediationRoute,
    remediationPlanRoute,
    agreementsRoute,
    newAgreementRoute,
    agreementRoute,
    slaStatementRoute,
    invoicesRoute,
    invoiceRoute,
    profitabilityRoute,
    clientProfitabilityRoute,
    triageRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      usersRoute,
      calendarsRoute,
      calendarRoute,
      slaPoliciesRoute,
      slaPolicyRoute,
      helpDeskSettingsRoute,
      catalogRoute,
      taxCodesRoute,
      workRolesRoute,
      billingSettingsRoute,
      costRatesRoute,
      securitySettingsRoute,
      ssoSettingsRoute,
      auditLogRoute,
      securityEventsRoute,
      agentsSettingsRoute,
      routineActorsRoute,
      engagementRulesRoute,
      mailSettingsRoute,
      inboundMailRoute,
      emailTemplatesRoute,
      outboundMailRoute,
    ]),
    apiTokensRoute,
    sessionsRoute,
    accountNotificationsRoute,
    accountSecurityRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data comes from TanStack Query, which has its own cache; the router should not hold stale copies.
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: PageSkeleton,
    defaultNotFoundComponent: () => <NotFoundPage />,
    defaultErrorComponent: ErrorPage,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

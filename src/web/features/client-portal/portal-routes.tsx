// The client portal's pages under /portal, mounted by router.tsx below the portal's frame route (which decides
// who may enter). Each page loads on first visit, so the staff app never carries the portal's code.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { parsePortalTicketsSearch } from './portal-words.ts';

export function clientPortalPages<TFrame extends AnyRoute>(frame: TFrame) {
  const overview = createRoute({
    getParentRoute: () => frame,
    path: '/',
    component: lazyRouteComponent(() => import('./portal-overview-page.tsx'), 'ClientPortalOverviewPage'),
  });

  const tickets = createRoute({
    getParentRoute: () => frame,
    path: 'tickets',
    validateSearch: parsePortalTicketsSearch,
    component: lazyRouteComponent(() => import('./portal-tickets-page.tsx'), 'PortalTicketsPage'),
  });

  const ticket = createRoute({
    getParentRoute: () => frame,
    path: 'tickets/$ticketId',
    component: lazyRouteComponent(() => import('./portal-ticket-page.tsx'), 'PortalTicketPage'),
  });

  const agreements = createRoute({
    getParentRoute: () => frame,
    path: 'agreements',
    component: lazyRouteComponent(() => import('./portal-agreements-page.tsx'), 'PortalAgreementsPage'),
  });

  /** One month (YYYY-MM) of an agreement's SLA statements. */
  const statement = createRoute({
    getParentRoute: () => frame,
    path: 'agreements/$agreementId/sla-statements/$month',
    component: lazyRouteComponent(() => import('./portal-statement-page.tsx'), 'PortalStatementPage'),
  });

  const invoices = createRoute({
    getParentRoute: () => frame,
    path: 'invoices',
    component: lazyRouteComponent(() => import('./portal-invoices-page.tsx'), 'PortalInvoicesPage'),
  });

  const invoice = createRoute({
    getParentRoute: () => frame,
    path: 'invoices/$invoiceId',
    component: lazyRouteComponent(() => import('./portal-invoice-page.tsx'), 'PortalInvoicePage'),
  });

  const approvals = createRoute({
    getParentRoute: () => frame,
    path: 'approvals',
    component: lazyRouteComponent(() => import('./portal-approvals-page.tsx'), 'PortalApprovalsPage'),
  });

  const vendors = createRoute({
    getParentRoute: () => frame,
    path: 'vendors',
    component: lazyRouteComponent(() => import('./portal-vendors-page.tsx'), 'PortalVendorsPage'),
  });

  const plans = createRoute({
    getParentRoute: () => frame,
    path: 'plans',
    component: lazyRouteComponent(() => import('./portal-plans-page.tsx'), 'PortalPlansPage'),
  });

  const plan = createRoute({
    getParentRoute: () => frame,
    path: 'plans/$planId',
    component: lazyRouteComponent(() => import('./portal-plan-page.tsx'), 'PortalPlanPage'),
  });

  const security = createRoute({
    getParentRoute: () => frame,
    path: 'account/security',
    component: lazyRouteComponent(() => import('../account/security-page.tsx'), 'SecurityPage'),
  });

  return [
    overview,
    tickets,
    ticket,
    agreements,
    statement,
    invoices,
    invoice,
    approvals,
    vendors,
    plans,
    plan,
    security,
  ] as const;
}

// The client portal beyond tickets: the overview, the company's agreements in plain words, its issued
// invoices, the vendors' changes that ask its approval, and its vendors'
// scorecards. Other modules' services do the work under the person's scope (their client alone); what
// leaves here is cut to the portal's schemas, so nothing the portal does not name (costs, internal
// workings, drafts) reaches a client.
import {
  type PortalAgreement,
  type PortalChangeRequest,
  type PortalDecisionInput,
  type PortalInvoice,
  type PortalInvoiceDetail,
  type PortalOverview,
  type PortalScorecard,
  portalChangeRequestSchema,
  portalInvoiceDetailSchema,
  portalInvoiceSchema,
  portalScorecardSchema,
} from '../../../shared/api/client-portal.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { AgreementService } from '../agreements/index.ts';
import type { ClientApprovalService } from '../change-requests/index.ts';
import { findClientInTenant } from '../clients/index.ts';
import { findIdentity } from '../identity/index.ts';
import type { InvoiceService } from '../invoices/index.ts';
import { findCurrentSlaPolicy } from '../sla-policies/index.ts';
import { listEngagements, mspName, type ScorecardService } from '../vendors/index.ts';
import { agreementTerms } from './agreement-terms.ts';
import * as repo from './portal.repository.ts';
import { clientOf, ownerOf } from './portal-tickets.service.ts';

const invoiceNotFound = () => new AppError('invoice.not_found', 'Invoice not found.');
const SCORECARD_MONTHS = 6;
/** The overview's window for the work the MSP began unasked. */
const PROACTIVE_DAYS = 30;

export function createClientPortalService(deps: {
  db: Database;
  clock: Clock;
  agreements: AgreementService;
  invoices: InvoiceService;
  approvals: ClientApprovalService;
  scorecards: ScorecardService;
}) {
  const { db, clock, agreements, invoices, approvals, scorecards } = deps;

  /** An issued invoice of the company's: a draft is not the client's to see yet (404, as a missing one). */
  async function issued(scope: Scope, id: string) {
    const invoice = await invoices.get(scope, id);
    if (invoice.status === 'draft') throw invoiceNotFound();
    return invoice;
  }

  return {
    async overview(scope: Scope): Promise<PortalOverview> {
      const { clientId } = clientOf(scope);
      const isAdmin = scope.role === 'client_admin';
      const [msp, client, person, counts, changes] = await Promise.all([
        mspName(db, scope.tenantId),
        findClientInTenant(db, scope.tenantId, clientId),
        findIdentity(db, scope.identityId),
        repo.countOpen(db, ownerOf(scope)),
        isAdmin ? approvals.listForClient(scope) : [],
      ]);
      const since = new Date(clock.now().getTime() - PROACTIVE_DAYS * 86_400_000);
      const proactive =
        isAdmin && client?.showCoveredWork
          ? { since: since.toISOString(), ...(await repo.proactiveWork(db, scope.tenantId, clientId, since)) }
          : null;
      return {
        mspName: msp,
        clientName: client?.name ?? '',
        name: person?.name ?? '',
        role: isAdmin ? 'client_admin' : 'client_user',
        openTickets: counts.open,
        awaitingYou: counts.awaitingYou,
        approvalsWaiting: changes.filter(
          (c) => c.status === 'requested' && c.clientApproval.status === 'pending',
        ).length,
        proactiveWork: proactive,
      };
    },

    /** The agreements running or to come first, then the ended ones. */
    async agreements(scope: Scope): Promise<PortalAgreement[]> {
      const { clientId } = clientOf(scope);
      const [list, client, msp] = await Promise.all([
        agreements.list(scope, { clientId, status: 'any' }),
        findClientInTenant(db, scope.tenantId, clientId),
        mspName(db, scope.tenantId),
      ]);
      const order = { active: 0, upcoming: 1, ended: 2 };
      const sorted = [...list].sort((a, b) => order[a.status] - order[b.status]);
      return Promise.all(
        sorted.map(async (agreement) => {
          const policyId = agreement.slaPolicyId ?? client?.defaultSlaPolicyId ?? null;
          const [names, found] = await Promise.all([
            repo.termNames(db, scope.tenantId, {
              services: agreement.coveredServiceIds,
              workTypes: agreement.excludedWorkTypeIds,
            }),
            policyId ? findCurrentSlaPolicy(db, scope.tenantId, policyId) : undefined,
          ]);
          return agreementTerms({
            agreement,
            mspName: msp,
            coveredServiceNames: names.services,
            excludedWorkTypeNames: names.workTypes,
            policy: found ? { name: found.policy.name, targets: found.version.targets } : null,
          });
        }),
      );
    },

    /** Issued invoices, newest first. */
    async invoices(scope: Scope): Promise<PortalInvoice[]> {
      const list = await invoices.list(scope, { clientId: clientOf(scope).clientId });
      return list
        .filter((invoice) => invoice.status !== 'draft')
        .map((invoice) => portalInvoiceSchema.parse(invoice));
    },

    async invoice(scope: Scope, id: string): Promise<PortalInvoiceDetail> {
      return portalInvoiceDetailSchema.parse(await issued(scope, id));
    },

    async invoicePdf(scope: Scope, id: string) {
      await issued(scope, id);
      return invoices.pdf(scope, id);
    },

    async changeRequests(scope: Scope): Promise<PortalChangeRequest[]> {
      return (await approvals.listForClient(scope)).map((request) =>
        portalChangeRequestSchema.parse(request),
      );
    },

    async decide(actor: Actor, id: string, input: PortalDecisionInput): Promise<PortalChangeRequest> {
      return portalChangeRequestSchema.parse(await approvals.decideInPortal(actor, id, input));
    },

    /** The company's vendors, each at the company only, without the MSP's costs. */
    async vendors(scope: Scope): Promise<PortalScorecard[]> {
      const { clientId } = clientOf(scope);
      const engaged = await listEngagements(db, scope, { clientId, archived: 'false' });
      const vendorIds = [...new Set(engaged.map((engagement) => engagement.vendorId))];
      return Promise.all(
        vendorIds.map(async (vendorId) =>
          portalScorecardSchema.parse(
            await scorecards.scorecard(scope, vendorId, { clientId, months: SCORECARD_MONTHS }),
          ),
        ),
      );
    },
  };
}

export type ClientPortalService = ReturnType<typeof createClientPortalService>;

// The vendor portal: a vendor's person sees its vendor's engagements, paperwork, change requests and the
// changes attributed to it, and acts for the vendor (acknowledges rules, raises and withdraws requests,
// replies to attributions). Other modules' services do the work under a scope cut down to the clients
// the vendor is engaged at, and every answer is checked to be the vendor's: another vendor's object is
// a 404, the same as a missing one.

import type { z } from 'zod';
import type {
  ChangeRequest,
  changeRequestListQuerySchema,
  VendorChangeRequestInput,
} from '../../../shared/api/change-requests.ts';
import type {
  PortalAsset,
  PortalAttributedChange,
  PortalChangeRequest,
  PortalOverview,
  PortalRules,
} from '../../../shared/api/vendor-portal.ts';
import type { EngagementRules } from '../../../shared/api/vendor-terms.ts';
import { describeChange } from '../../../shared/change-sentence.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import type { ChangeRequestService } from '../change-requests/index.ts';
import { findIdentity } from '../identity/index.ts';
import { recordVendorReply } from '../tickets/index.ts';
import {
  type LoaService,
  mspName,
  paperworkAt,
  type RulesService,
  rulesInForce,
  vendorNames,
} from '../vendors/index.ts';
import * as repo from './portal.repository.ts';

const ATTRIBUTED_LIMIT = 500;
const DAY_MS = 86_400_000;

const engagementNotFound = () => new AppError('engagement.not_found', 'Engagement not found.');
const requestNotFound = () => new AppError('change_request.not_found', 'Change request not found.');
const clientNotFound = () => new AppError('client.not_found', 'Client not found.');
const ticketNotFound = () => new AppError('ticket.not_found', 'Ticket not found.');

/** The vendor a portal request speaks for; a staff scope never reaches here (the routes check). */
function vendorOf(scope: Scope): string {
  if (scope.role !== 'vendor' || !scope.vendorId) {
    throw new AppError('portal.vendor_only', 'The vendor portal is for vendors’ people.');
  }
  return scope.vendorId;
}

function toPortalRequest({ overlaps, ...request }: ChangeRequest): PortalChangeRequest {
  return { ...request, overlapCount: overlaps.length };
}

export function createVendorPortalService(deps: {
  db: Database;
  actions: ActionRunner;
  clock: Clock;
  changeRequests: ChangeRequestService;
  rules: RulesService;
  loas: LoaService;
}) {
  const { db, actions, clock, changeRequests, rules, loas } = deps;

  /** The vendor's live engagements, and a scope that sees their clients and nothing else. */
  async function engaged(scope: Scope) {
    const vendorId = vendorOf(scope);
    const engagements = await repo.liveEngagements(db, scope.tenantId, vendorId);
    const clientIds = [...new Set(engagements.map((e) => e.clientId))];
    return { vendorId, engagements, scope: { ...scope, clientIds } satisfies Scope };
  }

  async function engagementOf(scope: Scope, engagementId: string) {
    const mine = await engaged(scope);
    const engagement = mine.engagements.find((e) => e.id === engagementId);
    if (!engagement) throw engagementNotFound();
    return { ...mine, engagement };
  }

  /** The actor acting with the cut-down scope, so the other modules' services see only these clients. */
  const asEngaged = (actor: Actor, scope: Scope): Actor => ({ ...actor, scope });

  async function ownRequest(scope: Scope, id: string) {
    const mine = await engaged(scope);
    const request = await changeRequests.get(mine.scope, id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'change_request.not_found') throw requestNotFound();
      throw error;
    });
    if (request.vendorId !== mine.vendorId) throw requestNotFound();
    return { ...mine, request };
  }

  /** The rules in force at the engagement's client, and where the vendor stands with them. */
  async function rulesView(
    tenantId: string,
    engagement: { id: string; clientId: string; clientName: string },
    standing: EngagementRules,
  ): Promise<PortalRules> {
    const inForce = await rulesInForce(db, tenantId, engagement.clientId);
    const current = standing.acknowledgements.find((a) => a.isCurrent);
    return {
      engagementId: engagement.id,
      clientName: engagement.clientName,
      status: standing.status,
      rules: inForce.rules && { version: inForce.rules.version, text: inForce.rules.text },
      addendum: inForce.addendum && { version: inForce.addendum.version, text: inForce.addendum.text },
      acknowledgedBy: current?.name ?? null,
      acknowledgedAt: current?.acknowledgedAt ?? null,
    };
  }

  async function person(scope: Scope) {
    const identity = await findIdentity(db, scope.identityId);
    return { name: identity?.name ?? 'The vendor', email: identity?.email ?? null };
  }

  return {
    async overview(scope: Scope): Promise<PortalOverview> {
      const { vendorId, engagements, scope: seen } = await engaged(scope);
      const now = clock.now();
      const since = new Date(now.getTime() - 30 * DAY_MS);
      const [name, msp, paperwork, openChangeRequests, changesOutsideWindows] = await Promise.all([
        vendorNames(db, scope.tenantId, [vendorId]),
        mspName(db, scope.tenantId),
        paperworkAt(db, seen, vendorId, seen.clientIds, now),
        repo.countOpenRequests(db, scope.tenantId, vendorId),
        repo.countAttributedSince(db, scope.tenantId, vendorId, since),
      ]);
      return {
        mspName: msp,
        vendor: { id: vendorId, name: name.get(vendorId) ?? '' },
        engagements: engagements.map((e) => ({
          ...e,
          loa: paperwork.get(e.clientId)?.loa ?? null,
          rules: paperwork.get(e.clientId)?.rules ?? 'none',
        })),
        openChangeRequests,
        changesOutsideWindows,
      };
    },

    async rules(scope: Scope, engagementId: string): Promise<PortalRules> {
      const { engagement, scope: seen } = await engagementOf(scope, engagementId);
      return rulesView(scope.tenantId, engagement, await rules.standing(seen, engagementId));
    },

    /** The vendor's person acknowledges the rules in force, in their own name. */
    async acknowledge(actor: Actor, engagementId: string): Promise<PortalRules> {
      const { engagement, scope } = await engagementOf(actor.scope, engagementId);
      const signer = await person(actor.scope);
      const standing = await rules.acknowledge(asEngaged(actor, scope), engagementId, signer, 'portal');
      return rulesView(actor.scope.tenantId, engagement, standing);
    },

    /** The signed copy of one of the vendor's Letters of Agency, for it to show what the MSP may ask. */
    async signedCopy(scope: Scope, loaId: string) {
      const { vendorId, scope: seen } = await engaged(scope);
      const loa = await loas.get(seen, loaId).catch(() => null);
      if (!loa || loa.vendorId !== vendorId)
        throw new AppError('loa.not_found', 'Letter of Agency not found.');
      return loas.signedCopy(seen, loaId);
    },

    async assets(scope: Scope, clientId: string): Promise<PortalAsset[]> {
      const { scope: seen } = await engaged(scope);
      if (!seen.clientIds.includes(clientId)) throw clientNotFound();
      return repo.currentAssets(db, scope.tenantId, clientId);
    },

    async listRequests(scope: Scope, query: z.output<typeof changeRequestListQuerySchema>) {
      const { vendorId, scope: seen } = await engaged(scope);
      const page = await changeRequests.list(seen, { ...query, vendorId });
      return { items: page.items.map(toPortalRequest), total: page.total };
    },

    async getRequest(scope: Scope, id: string): Promise<PortalChangeRequest> {
      return toPortalRequest((await ownRequest(scope, id)).request);
    },

    /** A request in the vendor's name: the rules and the Letter of Agency are checked as for staff. */
    async raise(actor: Actor, input: VendorChangeRequestInput): Promise<PortalChangeRequest> {
      const { vendorId, scope } = await engaged(actor.scope);
      if (!scope.clientIds.includes(input.clientId)) throw clientNotFound();
      const request = await changeRequests.create(asEngaged(actor, scope), {
        ...input,
        emergency: input.emergency ?? false,
        vendorId,
      });
      return toPortalRequest(request);
    },

    async withdraw(actor: Actor, id: string, reason: string): Promise<PortalChangeRequest> {
      const { scope } = await ownRequest(actor.scope, id);
      return toPortalRequest(await changeRequests.act(asEngaged(actor, scope), id, 'cancel', reason));
    },

    async attributedChanges(scope: Scope): Promise<PortalAttributedChange[]> {
      const rows = await repo.attributedChanges(db, scope.tenantId, vendorOf(scope), ATTRIBUTED_LIMIT);
      return rows.map((row) => ({
        id: row.id,
        clientName: row.clientName,
        assetName: row.assetName,
        change: describeChange(row),
        occurredAt: row.occurredAt.toISOString(),
        evidence: row.outcomeReason ?? '',
        ticketId: row.ticketId,
        ticketNumber: row.ticketNumber,
        repliedAt: row.repliedAt ? new Date(row.repliedAt).toISOString() : null,
      }));
    },

    /** A reply on the vendor's incident, as a public entry the MSP and the client see. */
    async reply(actor: Actor, ticketId: string, text: string): Promise<void> {
      const vendorId = vendorOf(actor.scope);
      const { name, email } = await person(actor.scope);
      await actions.run(actor, 'vendor_reply.portal', async (tx, audit) => {
        const incident = await repo.findIncident(tx, actor.scope.tenantId, vendorId, ticketId);
        if (!incident) throw ticketNotFound();
        audit.target('ticket', ticketId);
        const vendorName = (await vendorNames(tx, actor.scope.tenantId, [vendorId])).get(vendorId) ?? '';
        const data = { vendorId, vendorName, name, email };
        await recordVendorReply(tx, actor.scope.tenantId, ticketId, { text, data }, clock.now());
        audit.change(null, { vendorReply: { name, text } });
      });
    },
  };
}

export type VendorPortalService = ReturnType<typeof createVendorPortalService>;

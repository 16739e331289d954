// The client's say on a vendor's change request, where its agreement asks for it: staff record a decision
// the client gave by phone or mail, the client decides behind a one-time link without an account, or a
// client's person decides in the client portal. The
// request is approved once both the MSP and the client have approved it, in either order; a rejection by
// the client rejects it.
import {
  APPROVAL_LINK_DAYS,
  type ChangeRequest,
  type ClientApproval,
  type ClientDecisionInput,
  type PublicChangeRequest,
} from '../../../shared/api/change-requests.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { type Actor, type RequestMeta, type Scope, tenantWideScope } from '../../http/scope.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { findIdentity } from '../identity/index.ts';
import { recordDomainEvent } from '../notifications/index.ts';
import { mspName } from '../vendors/index.ts';
import { approvalLinks } from './approval-links.repository.ts';
import { authorizeChangesInWindow } from './authorize-after.ts';
import * as repo from './change-requests.repository.ts';
import { describe, requireWindowOpen } from './change-requests.service.ts';

const DAY_MS = 86_400_000;

type Decision = ClientDecisionInput & {
  via: NonNullable<ClientApproval['via']>;
  /** The member who recorded it; null behind a link. */
  recordedById: string | null;
};

const notFound = () => new AppError('change_request.not_found', 'Change request not found.');
const linkNotFound = () =>
  new AppError('approval_link.not_found', 'This link has been used or has expired: ask for a new one.');

/** Throws unless the request still waits for the client's decision. */
function requirePending(request: repo.ChangeRequestWithNames): void {
  if (request.clientApproval === 'not_needed') {
    throw new AppError(
      'change_request.client_approval_not_needed',
      'The client’s agreement does not ask it to approve this request.',
    );
  }
  if (request.status !== 'requested' || request.clientApproval !== 'pending') {
    throw new AppError(
      'change_request.invalid_transition',
      request.clientApproval === 'pending'
        ? `The request is ${request.status.replace('_', ' ')}: the client has nothing left to decide.`
        : `The client has ${request.clientApproval} it already.`,
      { status: request.status, clientApproval: request.clientApproval },
    );
  }
}

/**
 * Records the client's decision on a locked, pending request; approves it when the MSP has too. Tells triage,
 * and whoever raised or approved the request, what the client decided.
 */
async function applyDecision(
  tx: Executor,
  current: repo.ChangeRequestWithNames,
  decision: Decision,
  now: Date,
): Promise<[ChangeRequest, ChangeRequest]> {
  const approves = decision.decision === 'approve';
  if (approves) requireWindowOpen(current, now);
  const approvedByBoth = approves && current.decidedAt !== null;
  await repo.updateChangeRequest(tx, current.tenantId, current.id, {
    clientApproval: approves ? 'approved' : 'rejected',
    clientDecidedByName: decision.name,
    clientDecidedVia: decision.via,
    clientDecidedAt: now,
    clientDecisionReason: decision.reason || null,
    status: approves ? (approvedByBoth ? 'approved' : 'requested') : 'rejected',
    updatedAt: now,
  });
  const scope = tenantWideScope(current.tenantId);
  const [before, after] = await describe(tx, current.tenantId, [
    current,
    (await repo.findChangeRequest(tx, scope, current.id))!,
  ]);
  await recordDomainEvent(tx, {
    tenantId: current.tenantId,
    type: 'change_request.client_decided',
    actorMembershipId: decision.recordedById,
    payload: {
      clientId: current.clientId,
      clientName: current.clientName,
      changeRequestId: current.id,
      number: current.number,
      title: current.title,
      decision: decision.decision,
      name: decision.name,
      status: after!.status,
      reason: decision.reason || null,
      requestedById: current.requestedById,
      approvedById: current.decidedById,
    },
    occurredAt: now,
  });
  if (approvedByBoth && current.emergency) {
    await authorizeChangesInWindow(
      tx,
      current.tenantId,
      current,
      after!.assets.map((asset) => asset.id),
    );
  }
  return [before!, after!];
}

export function createClientApprovalService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function load(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findChangeRequest(tx, scope, id, { forUpdate: true });
    if (!row) throw notFound();
    return row;
  }

  /** The link's request, locked when deciding; 404 once it has nothing left for the client to decide. */
  async function openLink(tx: Executor, token: string, forUpdate: boolean) {
    const link = await approvalLinks.findLive(tx, sha256(token), clock.now());
    if (!link) throw linkNotFound();
    const request = await repo.findChangeRequest(tx, tenantWideScope(link.tenantId), link.changeRequestId, {
      forUpdate,
    });
    if (request?.status !== 'requested' || request.clientApproval !== 'pending') {
      throw linkNotFound();
    }
    return { link, request };
  }

  return {
    /** Staff record what the client decided (by phone, by mail). */
    async decide(actor: Actor, id: string, input: ClientDecisionInput): Promise<ChangeRequest> {
      return actions.run(actor, 'change_request.client_decision', async (tx, audit) => {
        const current = await load(tx, actor.scope, id);
        audit.target('change_request', id);
        requirePending(current);
        const decision = { ...input, via: 'staff' as const, recordedById: actor.scope.membershipId };
        const [before, after] = await applyDecision(tx, current, decision, clock.now());
        audit.change(before, after);
        return after!;
      });
    },

    /** The client's requests that ask (or asked) its approval: those still waiting first, then by window. */
    async listForClient(scope: Scope): Promise<ChangeRequest[]> {
      const { items } = await repo.listChangeRequests(db, scope, { asksClient: true, limit: 200, offset: 0 });
      const waiting = (row: repo.ChangeRequestWithNames) =>
        row.status === 'requested' && row.clientApproval === 'pending' ? 0 : 1;
      const sorted = [...items].sort((a, b) => waiting(a) - waiting(b));
      return describe(db, scope.tenantId, sorted);
    },

    /** A client's person decides in the portal, in their own name. */
    async decideInPortal(actor: Actor, id: string, input: Omit<ClientDecisionInput, 'name'>) {
      return actions.run(actor, 'change_request.client_decision', async (tx, audit) => {
        const current = await load(tx, actor.scope, id);
        audit.target('change_request', id);
        requirePending(current);
        const name = (await findIdentity(tx, actor.scope.identityId))?.name ?? 'the client';
        const decision = { ...input, name, via: 'portal' as const, recordedById: actor.scope.membershipId };
        const [before, after] = await applyDecision(tx, current, decision, clock.now());
        audit.change(before, after);
        return after!;
      });
    },

    /**
     * A one-time link for the client; the token is returned once and only its hash kept. It lasts
     * APPROVAL_LINK_DAYS, or until the window ends if sooner (an emergency is decided after its window).
     */
    async createLink(actor: Actor, id: string): Promise<{ token: string; expiresAt: string }> {
      return actions.run(actor, 'change_request.approval_link', async (tx, audit) => {
        const current = await load(tx, actor.scope, id);
        audit.target('change_request', id);
        requirePending(current);
        const now = clock.now();
        requireWindowOpen(current, now);
        const days = new Date(now.getTime() + APPROVAL_LINK_DAYS * DAY_MS);
        const expiresAt = current.emergency || days < current.windowEnd ? days : current.windowEnd;
        const token = newSecret();
        await approvalLinks.insert(tx, {
          tenantId: actor.scope.tenantId,
          changeRequestId: id,
          tokenHash: sha256(token),
          expiresAt,
          createdById: actor.scope.membershipId,
        });
        audit.change(null, { approvalLink: { expiresAt: expiresAt.toISOString() } });
        return { token, expiresAt: expiresAt.toISOString() };
      });
    },

    /** What the client reads behind a link, with no sign-in. */
    async publicView(token: string): Promise<PublicChangeRequest> {
      const { link, request } = await openLink(db, token, false);
      const assets = (await repo.assetsOf(db, link.tenantId, [request.id])).get(request.id) ?? [];
      return {
        mspName: await mspName(db, link.tenantId),
        clientName: request.clientName,
        vendorName: request.vendorName,
        number: request.number,
        title: request.title,
        description: request.description,
        risk: request.risk,
        backOutPlan: request.backOutPlan,
        windowStart: request.windowStart.toISOString(),
        windowEnd: request.windowEnd.toISOString(),
        emergency: request.emergency,
        assets: assets.map((asset) => ({ name: asset.name })),
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    /** The client decides through the link: recorded once, and the link is spent. */
    async decideByLink(
      token: string,
      input: ClientDecisionInput & { email: string | null },
      meta: RequestMeta,
    ): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { link, request } = await openLink(tx, token, true);
        if (!(await approvalLinks.use(tx, link, now))) throw linkNotFound();
        const name = input.email ? `${input.name} (${input.email})` : input.name;
        await applyDecision(tx, request, { ...input, name, via: 'link', recordedById: null }, now);
        await recordSecurityEvent(tx, {
          action: `change_request.client_${input.decision === 'approve' ? 'approved' : 'rejected'}_by_link`,
          tenantId: link.tenantId,
          identityId: null,
          membershipId: null,
          ...meta,
          occurredAt: now,
          target: { type: 'change_request', id: request.id },
        });
      });
    },
  };
}

export type ClientApprovalService = ReturnType<typeof createClientApprovalService>;

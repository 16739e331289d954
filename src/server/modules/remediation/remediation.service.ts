// Remediation plans: filed by the raising side with evidence, answered by the other with items, counted
// against their notice limit by the sweep, and ended by the deciding side — continue, extend or terminate,
// with a reason; terminating opens the handover checklist. Staff act for the MSP (and record a vendor's
// items, or a client's decision given to them); a client's admin acts for the company in the portal.
import {
  handoverKeys,
  handoverLabels,
  type RemediationDecisionInput,
  type RemediationInput,
  type RemediationItemUpdate,
  type RemediationPlan,
  type RemediationResponseInput,
  type RemediationSide,
  remediationDecisionSchema,
  remediationInputSchema,
  remediationResponseSchema,
  sidesOf,
} from '../../../shared/api/remediation.ts';
import { addDays, utcDay } from '../../../shared/utc-days.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { clientVisible } from '../assets/index.ts';
import { safeFileName } from '../files/index.ts';
import { findIdentity } from '../identity/index.ts';
import { giveNotice, letterParties, listEngagements } from '../vendors/index.ts';
import { clientExport } from './client-export.ts';
import { toPlans } from './plan-view.ts';
import * as repo from './remediation.repository.ts';
import { renderRemediationLetter } from './remediation-letter.ts';

const planNotFound = () => new AppError('remediation.not_found', 'Remediation plan not found.');

/** Which side the actor speaks for: a client's person the client, a vendor's person the vendor, staff the MSP. */
const sideOf = (scope: Scope): RemediationSide =>
  scope.clientContact ? 'client' : scope.vendorId ? 'vendor' : 'msp';

/**
 * Whether the actor may act as `side`: a client's person for the client; staff for the MSP, and for a
 * vendor (recording what it sent) or a client (recording what it said) when `staffRecords` allows.
 */
function requireSide(scope: Scope, side: RemediationSide, what: string, staffRecords = false) {
  const actor = sideOf(scope);
  if (actor === side || (actor === 'msp' && (side === 'vendor' || (side === 'client' && staffRecords))))
    return;
  throw new AppError('remediation.not_your_side', `This plan is not yours to ${what}.`);
}

function requireOpen(plan: repo.PlanRow) {
  if (plan.decidedAt) throw new AppError('remediation.decided', 'This plan has ended in a decision.');
}

async function personName(tx: Executor, scope: Scope) {
  return (await findIdentity(tx, scope.identityId))?.name ?? '';
}

export function createRemediationService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function load(tx: Executor, scope: Scope, id: string): Promise<RemediationPlan> {
    const row = await repo.findPlan(tx, scope, id);
    if (!row) throw planNotFound();
    return (await toPlans(tx, [row], clock.now()))[0]!;
  }

  async function lock(tx: Executor, scope: Scope, id: string) {
    const row = await repo.findPlan(tx, scope, id, { forUpdate: true });
    if (!row) throw planNotFound();
    return row;
  }

  /** The labelled evidence; a 400 naming what is not the client's. */
  async function evidenceOf(
    tx: Executor,
    tenantId: string,
    clientId: string,
    cited: RemediationInput['evidence'],
  ) {
    const unique = [...new Map((cited ?? []).map((e) => [e.id, e])).values()];
    const ids = { ticket: [] as string[], change_request: [] as string[], asset_change: [] as string[] };
    for (const e of unique) ids[e.kind].push(e.id);
    const labels = await repo.evidenceLabels(tx, tenantId, clientId, ids);
    const strangers = unique.filter((e) => !labels.has(e.id));
    if (strangers.length > 0) {
      throw new AppError('request.invalid', 'Every piece of evidence must be the client’s.', [
        { path: ['evidence'], message: `Not the client’s: ${strangers.map((e) => e.id).join(', ')}` },
      ]);
    }
    return unique.map((e) => ({ ...e, label: labels.get(e.id)! }));
  }

  return {
    /** The plan as a letter for both sides' files. */
    async letter(scope: Scope, id: string) {
      const plan = await load(db, scope, id);
      const parties = await letterParties(db, scope.tenantId, plan.clientId);
      const content = await renderRemediationLetter({
        plan,
        mspName: parties.mspName,
        clientAddress: parties.clientAddress,
        datedOn: utcDay(clock.now()),
      });
      const fileName = safeFileName(
        `Remediation plan - ${plan.clientName} - ${plan.title}.pdf`,
        'application/pdf',
      );
      return { fileName, contentType: 'application/pdf', content };
    },

    /** The client's data in one JSON document (client-export.ts). */
    export: (scope: Scope, clientId: string) => clientExport(db, scope, clientId, clock.now()),

    async list(scope: Scope, filter: { clientId?: string; state: 'open' | 'decided' | 'all' }) {
      return toPlans(db, await repo.listPlans(db, scope, filter), clock.now());
    },

    get: (scope: Scope, id: string) => load(db, scope, id),

    /** Files a plan; a client's person files only the company's concern about the MSP. */
    async file(actor: Actor, raw: RemediationInput): Promise<RemediationPlan> {
      const input = remediationInputSchema.parse(raw);
      return actions.run(actor, 'remediation.file', async (tx, audit) => {
        const { scope } = actor;
        requireSide(scope, sidesOf[input.direction].raises, 'raise', true);
        if (!(await clientVisible(tx, scope, input.clientId))) {
          throw new AppError('client.not_found', 'Client not found.');
        }
        const [engaged] = input.vendorId
          ? await listEngagements(tx, scope, {
              clientId: input.clientId,
              vendorId: input.vendorId,
              archived: 'any',
            })
          : [null];
        if (input.vendorId && !engaged) {
          throw new AppError('request.invalid', 'The vendor has never been engaged at this client.', [
            { path: ['vendorId'], message: 'Not engaged at this client' },
          ]);
        }
        const evidence = await evidenceOf(tx, scope.tenantId, input.clientId, input.evidence);
        const now = clock.now();
        const today = utcDay(now);
        // Asking the client to bring a vendor under the agreement is a vendor notice, with its effect.
        const vendorNoticeId =
          input.direction === 'msp_to_client'
            ? await giveNotice(
                tx,
                scope,
                {
                  clientId: input.clientId,
                  vendorId: input.vendorId!,
                  text: `${input.title}\n\n${input.concern}`,
                  ticketIds: evidence.filter((e) => e.kind === 'ticket').map((e) => e.id),
                },
                now,
              )
            : null;
        const id = await repo.insertPlan(tx, {
          tenantId: scope.tenantId,
          clientId: input.clientId,
          direction: input.direction,
          vendorId: input.vendorId,
          title: input.title,
          concern: input.concern,
          evidence,
          filedAt: now,
          filedById: scope.membershipId,
          responseDueOn: addDays(today, input.responseDays),
          endsOn: addDays(today, input.timeBoxDays),
          noticeLimit: input.noticeLimit,
          vendorNoticeId,
        });
        const plan = await load(tx, scope, id);
        audit.target('remediation_plan', id);
        audit.change(null, plan);
        return plan;
      });
    },

    /** The answering side's items (a vendor's recorded by staff); once. */
    async respond(actor: Actor, id: string, raw: RemediationResponseInput): Promise<RemediationPlan> {
      const input = remediationResponseSchema.parse(raw);
      return actions.run(actor, 'remediation.respond', async (tx, audit) => {
        const row = await lock(tx, actor.scope, id);
        audit.target('remediation_plan', id);
        requireSide(actor.scope, sidesOf[row.plan.direction].answers, 'answer');
        requireOpen(row.plan);
        if (row.plan.respondedAt) {
          throw new AppError(
            'remediation.responded',
            'The plan is answered already: update its items instead.',
          );
        }
        const { tenantId } = actor.scope;
        const today = utcDay(clock.now());
        const outside = input.items.flatMap((item, index) =>
          item.dueOn < today || item.dueOn > row.plan.endsOn
            ? [
                {
                  path: ['items', index, 'dueOn'],
                  message: `From today to ${row.plan.endsOn}, when the plan ends`,
                },
              ]
            : [],
        );
        if (outside.length > 0) {
          throw new AppError(
            'request.invalid',
            'Each item’s date falls between today and the end of the plan.',
            outside,
          );
        }
        const before = await load(tx, actor.scope, id);
        await repo.insertItems(
          tx,
          input.items.map((item, position) => ({ tenantId, planId: id, position, ...item })),
        );
        await repo.updatePlan(tx, tenantId, id, {
          respondedAt: clock.now(),
          respondedById: actor.scope.membershipId,
          responseText: input.text || null,
        });
        const after = await load(tx, actor.scope, id);
        audit.change(before, after);
        return after;
      });
    },

    /** Progress on an item, by the answering side. */
    async updateItem(actor: Actor, itemId: string, input: RemediationItemUpdate): Promise<RemediationPlan> {
      return actions.run(actor, 'remediation.item', async (tx, audit) => {
        const item = await repo.findItem(tx, actor.scope.tenantId, itemId);
        const row = item && (await repo.findPlan(tx, actor.scope, item.planId, { forUpdate: true }));
        if (!item || !row) throw new AppError('remediation.item_not_found', 'Item not found.');
        audit.target('remediation_plan', row.plan.id);
        requireSide(actor.scope, sidesOf[row.plan.direction].answers, 'update');
        requireOpen(row.plan);
        const done = input.status === 'done';
        await repo.updateItem(tx, actor.scope.tenantId, itemId, {
          status: input.status,
          doneAt: done ? (item.doneAt ?? clock.now()) : null,
          ...(input.note !== undefined && { note: input.note || null }),
        });
        audit.change({ item: { status: item.status, note: item.note } }, { item: input });
        return load(tx, actor.scope, row.plan.id);
      });
    },

    /** The MSP's recommendation to the client on a vendor plan. */
    async recommend(actor: Actor, id: string, input: { decision: string; reason: string }) {
      return actions.run(actor, 'remediation.recommend', async (tx, audit) => {
        const row = await lock(tx, actor.scope, id);
        audit.target('remediation_plan', id);
        requireOpen(row.plan);
        if (row.plan.direction !== 'msp_to_vendor') {
          throw new AppError(
            'remediation.no_recommendation',
            'Only a plan about a vendor takes a recommendation.',
          );
        }
        const recommendation = {
          decision: remediationDecisionSchema.shape.decision.parse(input.decision),
          reason: input.reason,
          byName: await personName(tx, actor.scope),
          at: clock.now().toISOString(),
        };
        await repo.updatePlan(tx, actor.scope.tenantId, id, { recommendation });
        audit.change({ recommendation: row.plan.recommendation }, { recommendation });
        return load(tx, actor.scope, id);
      });
    },

    /**
     * The deciding side ends the plan (continue, terminate) or extends its time box, once the box has
     * ended, the notices reached the limit, or every item is done. Staff may record a client's decision.
     */
    async decide(actor: Actor, id: string, input: RemediationDecisionInput): Promise<RemediationPlan> {
      return actions.run(actor, 'remediation.decide', async (tx, audit) => {
        await lock(tx, actor.scope, id);
        audit.target('remediation_plan', id);
        const before = await load(tx, actor.scope, id);
        const row = (await repo.findPlan(tx, actor.scope, id))!;
        requireSide(actor.scope, sidesOf[row.plan.direction].decides, 'decide', true);
        requireOpen(row.plan);
        const now = clock.now();
        const today = utcDay(now);
        const allDone = before.items.length > 0 && before.items.every((item) => item.status === 'done');
        if (before.phase !== 'decision_due' && !allDone) {
          throw new AppError(
            'remediation.decision_not_due',
            `The plan runs until ${before.endsOn} and has ${before.notices.length} of ${before.noticeLimit} notices: decide once it ends, reaches its limit, or every item is done.`,
          );
        }
        if (input.decision === 'extend' && input.extendedTo! <= today) {
          throw new AppError('request.invalid', 'Extend to a day after today.', [
            { path: ['extendedTo'], message: 'After today' },
          ]);
        }
        const record = {
          decision: input.decision,
          reason: input.reason,
          byName: await personName(tx, actor.scope),
          via: sideOf(actor.scope) === 'client' ? ('portal' as const) : ('staff' as const),
          at: now.toISOString(),
          extendedTo: input.extendedTo ?? null,
        };
        await repo.updatePlan(tx, actor.scope.tenantId, id, {
          decisions: [...row.plan.decisions, record],
          ...(input.decision === 'extend'
            ? { endsOn: input.extendedTo!, remindedDays: [] }
            : { decidedAt: now }),
          ...(input.decision === 'terminate' && {
            handover: handoverKeys.map((key) => ({ key, doneAt: null, doneByName: null })),
          }),
        });
        const after = await load(tx, actor.scope, id);
        audit.change(before, after);
        return after;
      });
    },

    /** Ticks (or unticks) a step of the handover a termination opened. */
    async setHandover(actor: Actor, id: string, key: (typeof handoverKeys)[number], done: boolean) {
      return actions.run(actor, 'remediation.handover', async (tx, audit) => {
        const row = await lock(tx, actor.scope, id);
        audit.target('remediation_plan', id);
        if (!row.plan.handover) {
          throw new AppError('remediation.no_handover', 'Only a terminated plan has a handover checklist.');
        }
        const byName = await personName(tx, actor.scope);
        const at = clock.now().toISOString();
        const handover = row.plan.handover.map((step) =>
          step.key !== key
            ? step
            : done
              ? { key, doneAt: step.doneAt ?? at, doneByName: step.doneByName ?? byName }
              : { key, doneAt: null, doneByName: null },
        );
        await repo.updatePlan(tx, actor.scope.tenantId, id, { handover });
        audit.change(
          { [key]: row.plan.handover.find((s) => s.key === key) },
          { [key]: { done, label: handoverLabels[key] } },
        );
        return load(tx, actor.scope, id);
      });
    },
  };
}

export type RemediationService = ReturnType<typeof createRemediationService>;

// A vendor's reply to an attribution, without an account: staff make a one-time link to the incident the
// vendor's changes outside an approved window opened; the vendor reads the changes and the evidence and
// answers once; the answer goes on the incident's timeline as a public entry, where the client sees it.
import {
  type PublicAttribution,
  VENDOR_REPLY_LINK_DAYS,
  type VendorReplyInput,
} from '../../../shared/api/vendor-replies.ts';
import { describeChange } from '../../../shared/change-sentence.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, RequestMeta } from '../../http/scope.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { recordVendorReply, requireTicket } from '../tickets/index.ts';
import { mspName } from '../vendors/index.ts';
import * as repo from './vendor-replies.repository.ts';

const DAY_MS = 86_400_000;

const linkNotFound = () =>
  new AppError('vendor_reply_link.not_found', 'This link has been used or has expired: ask for a new one.');

export function createVendorReplyService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  /** The link's incident; 404 for a used, expired or unknown link, alike. */
  async function openLink(tx: Executor, token: string) {
    const link = await repo.replyLinks.findLive(tx, sha256(token), clock.now());
    const incident = link && (await repo.incidentOfLink(tx, link));
    if (!link || !incident) throw linkNotFound();
    return { link, incident };
  }

  return {
    /** A one-time link for the vendor of a vendor incident; the token is returned once, its hash kept. */
    async createLink(actor: Actor, ticketId: string): Promise<{ token: string; expiresAt: string }> {
      return actions.run(actor, 'vendor_reply.link', async (tx, audit) => {
        const ticket = await requireTicket(tx, actor.scope, ticketId);
        audit.target('ticket', ticketId);
        if (!ticket.vendorId) {
          throw new AppError(
            'ticket.not_vendor_incident',
            'This ticket is not a vendor’s incident: there is nothing for a vendor to reply to.',
          );
        }
        const token = newSecret();
        const expiresAt = new Date(clock.now().getTime() + VENDOR_REPLY_LINK_DAYS * DAY_MS);
        await repo.replyLinks.insert(tx, {
          tenantId: actor.scope.tenantId,
          ticketId,
          vendorId: ticket.vendorId,
          tokenHash: sha256(token),
          expiresAt,
          createdById: actor.scope.membershipId,
        });
        audit.change(null, { vendorReplyLink: { expiresAt: expiresAt.toISOString() } });
        return { token, expiresAt: expiresAt.toISOString() };
      });
    },

    /** What the vendor reads behind a link, with no sign-in: the changes and why they were tied to it. */
    async publicView(token: string): Promise<PublicAttribution> {
      const { link, incident } = await openLink(db, token);
      const changes = await repo.attributedChanges(db, link.tenantId, link.ticketId, link.vendorId);
      return {
        mspName: await mspName(db, link.tenantId),
        clientName: incident.clientName,
        vendorName: incident.vendorName,
        ticketNumber: incident.number,
        ticketTitle: incident.title,
        changes: changes.map((change) => ({
          assetName: change.assetName,
          change: describeChange(change),
          occurredAt: change.occurredAt.toISOString(),
          evidence: change.outcomeReason ?? '',
        })),
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    /** The vendor replies through the link: on the incident's timeline, once; the link is spent. */
    async reply(token: string, input: VendorReplyInput & { email: string | null }, meta: RequestMeta) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { link, incident } = await openLink(tx, token);
        if (!(await repo.replyLinks.use(tx, link, now))) throw linkNotFound();
        await recordVendorReply(
          tx,
          link.tenantId,
          link.ticketId,
          {
            text: input.text,
            data: {
              vendorId: link.vendorId,
              vendorName: incident.vendorName,
              name: input.name,
              email: input.email,
            },
          },
          now,
        );
        await recordSecurityEvent(tx, {
          action: 'vendor_reply.given_by_link',
          tenantId: link.tenantId,
          identityId: null,
          membershipId: null,
          ...meta,
          occurredAt: now,
          target: { type: 'ticket', id: link.ticketId },
        });
      });
    },
  };
}

export type VendorReplyService = ReturnType<typeof createVendorReplyService>;

// Vendor notices: the MSP's letter telling a client that a vendor's changes outside approved windows cost
// money and must come under the agreement. From the moment it is given, an agreement's graduated vendor
// clause bills the clean-up of that vendor's changes at that client. A notice given by mistake is
// withdrawn with a reason: it then counts for no work that is not invoiced yet.
import type { VendorNotice, VendorNoticeInput } from '../../../shared/api/vendor-terms.ts';
import type { Clock } from '../../clock.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor, Scope } from '../../http/scope.ts';
import { clientVisible } from '../assets/index.ts';
import { safeFileName } from '../files/index.ts';
import { incidentLines, letterParties } from './letter-parties.ts';
import { renderVendorNoticeLetter } from './letters/vendor-notice-letter.ts';
import * as repo from './notices.repository.ts';
import * as vendorRepo from './vendors.repository.ts';

const noticeNotFound = () => new AppError('vendor_notice.not_found', 'Vendor notice not found.');

/** The notices as the API shows them, their evidence read in one query. */
async function toNotices(db: Executor, rows: readonly repo.NoticeRow[]): Promise<VendorNotice[]> {
  if (rows.length === 0) return [];
  const evidence = await repo.evidenceForEach(
    db,
    rows[0]!.tenantId,
    rows.map((row) => row.ticketIds),
  );
  return rows.map((row, index) => ({
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    givenAt: row.givenAt.toISOString(),
    text: row.text,
    evidence: evidence[index]!,
    givenByName: row.givenByName,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawnReason: row.withdrawnReason,
  }));
}

async function toNotice(db: Executor, row: repo.NoticeRow): Promise<VendorNotice> {
  return (await toNotices(db, [row]))[0]!;
}

/**
 * Gives a notice inside the caller's transaction: the vendor must have been engaged at the client, and
 * every ticket cited must be the client's. Answers the notice's id.
 */
export async function giveNotice(tx: Executor, scope: Scope, input: VendorNoticeInput, now: Date) {
  if (!(await clientVisible(tx, scope, input.clientId))) {
    throw new AppError('client.not_found', 'Client not found.');
  }
  const engagements = await vendorRepo.listEngagements(tx, scope, {
    clientId: input.clientId,
    archived: 'any',
    vendorId: input.vendorId,
  });
  if (engagements.length === 0) {
    throw new AppError('request.invalid', 'The vendor has never been engaged at this client.', [
      { path: ['vendorId'], message: 'Not engaged at this client' },
    ]);
  }
  const ticketIds = [...new Set(input.ticketIds ?? [])];
  const found = await repo.clientTicketIds(tx, scope.tenantId, input.clientId, ticketIds);
  const strangers = ticketIds.filter((id) => !found.has(id));
  if (strangers.length > 0) {
    throw new AppError('request.invalid', 'Every ticket cited must be one of the client’s.', [
      { path: ['ticketIds'], message: `Not the client’s: ${strangers.join(', ')}` },
    ]);
  }
  return repo.insertNotice(tx, {
    tenantId: scope.tenantId,
    clientId: input.clientId,
    vendorId: input.vendorId,
    givenAt: now,
    text: input.text,
    ticketIds,
    givenById: scope.membershipId,
  });
}

export function createNoticeService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireNotice(tx: Executor, scope: Scope, id: string) {
    const [row] = await repo.listNotices(tx, scope, { id });
    if (!row) throw noticeNotFound();
    return row;
  }

  return {
    async list(scope: Scope, filter: { clientId?: string; vendorId?: string }): Promise<VendorNotice[]> {
      return toNotices(db, await repo.listNotices(db, scope, filter));
    },

    async get(scope: Scope, id: string): Promise<VendorNotice> {
      return toNotice(db, await requireNotice(db, scope, id));
    },

    async give(actor: Actor, input: VendorNoticeInput): Promise<VendorNotice> {
      return actions.run(actor, 'vendor_notice.give', async (tx, audit) => {
        const id = await giveNotice(tx, actor.scope, input, clock.now());
        const notice = await toNotice(tx, await requireNotice(tx, actor.scope, id));
        audit.target('vendor_notice', id);
        audit.change(null, notice);
        return notice;
      });
    },

    async withdraw(actor: Actor, id: string, reason: string): Promise<VendorNotice> {
      return actions.run(actor, 'vendor_notice.withdraw', async (tx, audit) => {
        const current = await requireNotice(tx, actor.scope, id);
        audit.target('vendor_notice', id);
        if (current.withdrawnAt)
          throw new AppError('vendor_notice.withdrawn', 'This notice was withdrawn already.');
        await repo.withdrawNotice(tx, actor.scope.tenantId, id, clock.now(), reason);
        const notice = await toNotice(tx, await requireNotice(tx, actor.scope, id));
        audit.change(await toNotice(tx, current), notice);
        return notice;
      });
    },

    /** The notice as a letter to the client, with its evidence. */
    async letter(scope: Scope, id: string): Promise<{ fileName: string; content: Buffer }> {
      const notice = await toNotice(db, await requireNotice(db, scope, id));
      const parties = await letterParties(db, scope.tenantId, notice.clientId);
      const content = await renderVendorNoticeLetter({
        ...parties,
        clientName: notice.clientName,
        vendorName: notice.vendorName,
        givenOn: notice.givenAt.slice(0, 10),
        text: notice.text,
        evidence: incidentLines(notice.evidence),
      });
      const fileName = safeFileName(
        `Vendor notice - ${notice.vendorName} - ${notice.clientName}.pdf`,
        'application/pdf',
      );
      return { fileName, content };
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
